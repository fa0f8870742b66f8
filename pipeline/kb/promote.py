"""Promote reviewed discovery candidates into the knowledge base (``pipeline/kb/data/promoted.csv``).

A reviewer takes rows of ``entity_candidates`` (normalized name, type guess, surfaces …), decides
the entity id, names and subtype, and promotes them. Rows are validated against the loaded KB
(id syntax and uniqueness, type/subtype vocabulary, non-empty names, no alias — after
``normalize_key`` — already claimed by another entity) and appended to ``promoted.csv`` in the
shared KB format; :func:`pipeline.kb.load.load_kb` loads that file after the curated ones.

CLI (the lead exposes it as ``khabar kb promote``)::

    .venv/bin/python -m pipeline.kb.promote --id per:renad-mansour --type PERSON --subtype analyst \\
        --name-ar "ريناد منصور" --name-en "Renad Mansour" [--alias-ar X --alias-ar Y] [--country IQ]
    .venv/bin/python -m pipeline.kb.promote --from-csv reviewed.csv     # rows in the KB format
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from pipeline.kb.load import DATA_DIR, ENTITY_COLUMNS, ENTITY_TYPES, SUBTYPES, load_kb, read_entity_rows
from pipeline.text.normalize import normalize_key

__all__ = ["candidate_to_row", "check_rows", "promote", "main"]

_ID_RE = re.compile(r"^(loc|org|per):[a-z0-9]+(?:-[a-z0-9]+)*$")
_PREFIX = {"LOC": "loc", "ORG": "org", "PERSON": "per"}


def candidate_to_row(candidate: dict, entity_id: str, name_en: str, subtype: str = "",
                     name_ar: str | None = None, **extra: str) -> dict[str, str]:
    """A KB row from an ``entity_candidates`` row plus the reviewer's decisions.

    ``name_ar`` defaults to the most frequent surface; the other surfaces become ``aliases_ar``.
    """
    surfaces = [s for s in (candidate.get("surfaces") or []) if s]
    name = name_ar or (surfaces[0] if surfaces else candidate["normalized_name"])
    aliases = [s for s in dict.fromkeys(surfaces) if s != name and normalize_key(s) != normalize_key(name)]
    row = {c: "" for c in ENTITY_COLUMNS}
    row.update(entity_id=entity_id, entity_type=candidate["type_guess"], subtype=subtype, name_ar=name,
               name_en=name_en, aliases_ar="|".join(aliases), note="promoted from entity_candidates")
    row.update({k: v for k, v in extra.items() if k in ENTITY_COLUMNS})
    return row


def check_rows(rows: list[dict[str, str]], data_dir: Path | None = None) -> list[str]:
    """Problems that prevent promoting ``rows`` (empty list = OK)."""
    kb = load_kb(data_dir)
    known = set(kb.entities["entity_id"].to_list())
    owner = {}
    for eid, norm in kb.aliases.select("entity_id", "normalized").iter_rows():
        owner.setdefault(norm, eid)
    problems = []
    for r in rows:
        eid = r.get("entity_id", "")
        typ = r.get("entity_type", "")
        if not _ID_RE.match(eid) or typ not in ENTITY_TYPES or not eid.startswith(_PREFIX[typ] + ":"):
            problems.append(f"{eid!r}: bad id or type {typ!r}")
            continue
        if eid in known:
            problems.append(f"{eid}: already in the knowledge base")
        known.add(eid)
        if r.get("subtype") and r["subtype"] not in SUBTYPES[typ]:
            problems.append(f"{eid}: subtype {r['subtype']!r} not allowed for {typ}")
        if not r.get("name_ar", "").strip() or not r.get("name_en", "").strip():
            problems.append(f"{eid}: empty name")
        names = [r.get("name_ar", ""), r.get("name_en", "")] + \
            [a for col in ("aliases_ar", "aliases_en") for a in (r.get(col) or "").split("|") if a]
        for a in names:
            k = normalize_key(a)
            if k and owner.get(k, eid) != eid:
                problems.append(f"{eid}: alias {a!r} already belongs to {owner[k]}")
            elif k:
                owner[k] = eid
    return problems


def promote(rows: list[dict[str, str]], data_dir: Path | None = None) -> Path:
    """Validate and append ``rows`` to ``promoted.csv``; raise ``ValueError`` listing problems."""
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    problems = check_rows(rows, data_dir)
    if problems:
        raise ValueError("; ".join(problems))
    path = data_dir / "promoted.csv"
    existing = read_entity_rows(path) if path.exists() else []
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=ENTITY_COLUMNS)
        w.writeheader()
        for r in existing + [{c: (row.get(c) or "") for c in ENTITY_COLUMNS} for row in rows]:
            w.writerow(r)
    return path


def main(argv: list[str] | None = None) -> int:
    """CLI entry point (see module docstring). Returns a process exit code."""
    ap = argparse.ArgumentParser(description="Promote reviewed candidates into the knowledge base")
    ap.add_argument("--from-csv", type=Path, help="reviewed rows in the KB CSV format")
    ap.add_argument("--id")
    ap.add_argument("--type", choices=ENTITY_TYPES)
    ap.add_argument("--subtype", default="")
    ap.add_argument("--name-ar")
    ap.add_argument("--name-en")
    ap.add_argument("--alias-ar", action="append", default=[])
    ap.add_argument("--alias-en", action="append", default=[])
    ap.add_argument("--country", default="")
    ap.add_argument("--parent", default="")
    ap.add_argument("--note", default="promoted from entity_candidates")
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args(argv)
    if args.from_csv:
        rows = read_entity_rows(args.from_csv)
    elif args.id and args.type and args.name_ar and args.name_en:
        rows = [{"entity_id": args.id, "entity_type": args.type, "subtype": args.subtype, "name_ar": args.name_ar,
                 "name_en": args.name_en, "country_code": args.country, "lat": "", "lon": "",
                 "aliases_ar": "|".join(args.alias_ar), "aliases_en": "|".join(args.alias_en),
                 "parent_id": args.parent, "note": args.note}]
    else:
        ap.error("give --from-csv or --id/--type/--name-ar/--name-en")
        return 2
    try:
        path = promote(rows, args.data_dir)
    except ValueError as exc:
        print(f"not promoted: {exc}", file=sys.stderr)
        return 1
    print(f"promoted {len(rows)} row(s) into {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
