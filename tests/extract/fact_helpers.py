"""Shared inputs for the fact-extractor tests: a simple sentence splitter and hand-built mentions."""

import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def split(text):
    """Sentence spans ending at . ! ? ؟ or a newline (a stand-in for the real segmenter)."""
    out, s = [], 0
    for m in re.finditer(r"[.!?؟\n]+", text):
        if m.end() > s:
            out.append((s, m.end()))
            s = m.end()
    if s < len(text):
        out.append((s, len(text)))
    return out


def mentions_for(text, specs):
    """Mention dicts for every occurrence of each ``(surface, entity_id, type, subtype)``."""
    out = []
    for surface, eid, etype, subtype in specs:
        for m in re.finditer(re.escape(surface), text):
            out.append({"start": m.start(), "end": m.end(), "surface": surface, "entity_id": eid,
                        "entity_type": etype, "subtype": subtype, "method": "test", "confidence": 1.0})
    return sorted(out, key=lambda m: m["start"])
