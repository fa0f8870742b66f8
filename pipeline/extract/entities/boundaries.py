"""Where a tagged person's name starts: two corrections after the tagger.

The tagger decides each word from its features and its neighbours; a given name that is also an
ordinary word (``أشرف`` "supervised", ``منى`` "wishes", ``تيسير`` "easing") is often left out of the
name it starts, and two coordinated names often come out as one. Both corrections read the tagger's
given-name list (the gazetteer's ``GN`` set, ``pipeline/kb/data/given_names.txt``):

* :func:`split_coordinated` — ``وغادة عادل وياسمين عبد العزيز`` is two persons: a name of four
  words or more is cut before an inner word ``و`` + given name (not right after a connector such
  as ``بن``, and leaving two words at least on each side: ``عمر سعيد وكريم`` "a happy and generous
  life" keeps its last word).
* :func:`extend_left` — ``وأشرف عبد الباقي``: an untagged given name (or ``و`` + given name) right
  before a person's name is its first word, unless it is a cue, title, nationality adjective, stop
  word or connector, or one of the :data:`COMMON_RANK` most frequent words of the corpus (``بيت``,
  ``رسول``).

Chosen on the train part's cross-validation predictions, then checked on the dev set
(``docs/quality.md``, "Person-name boundaries"); a third correction, a one-word given name taking the
next word (``محمد صديق``), fixed 2 names and broke 23 in cross-validation (``بوش تجاوز``, ``عباس
يتحدث``: a person named by one word before a verb or noun) and is not made.

Spans are ``(start, end, type, confidence)`` over one sentence's tokens, as
:meth:`.tagger.NerTagger.tag_document` gives them; a corrected span keeps its confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COMMON_RANK", "NameWords", "split_coordinated", "extend_left", "adjust_person_spans"]

Span = tuple[int, int, str, float]

#: a word among this many most frequent words of the corpus does not start a name by itself
COMMON_RANK = 300

_BLOCKING_SETS = ("STP", "RV", "TTL", "NAT", "OH", "PH", "CON")


@dataclass(frozen=True)
class NameWords:
    """The word sets the corrections read (normalized matching keys, as the tagger's tokens)."""

    given: frozenset[str]  # given names that are no cue, title, stop word …
    connectors: frozenset[str]  # بن, ابو, عبد … (inside a name)
    rank: dict[str, int]  # corpus frequency rank of a word (0 = most frequent)

    @classmethod
    def from_gazetteer(cls, gazetteer: dict[str, frozenset[str]], rank: dict[str, int]) -> "NameWords":
        """From the tagger's gazetteer sets and its lexicon's frequency ranks."""
        empty: frozenset[str] = frozenset()
        blocked = empty.union(*(gazetteer.get(k, empty) for k in _BLOCKING_SETS))
        return cls(given=gazetteer.get("GN", empty) - blocked, connectors=gazetteer.get("CON", empty), rank=rank)

    def given_name(self, w: str, with_and: bool = False) -> bool:
        """``w`` is a given name (with ``with_and``: also behind a ``و``)."""
        if with_and and len(w) > 3 and w[0] == "و" and w[1:] in self.given:
            return True
        return w in self.given


def split_coordinated(words: list[str], found: list[Span], nw: NameWords) -> list[Span]:
    """Person spans of four words or more cut before each inner ``و`` + given name."""
    out: list[Span] = []
    for s, e, typ, conf in found:
        a = s
        if typ == "PERSON":
            for i in range(s + 2, e - 1):  # two words at least on each side of a cut
                w = words[i]
                if (i - a >= 2 and len(w) > 3 and w[0] == "و" and w[1:] in nw.given
                        and words[i - 1] not in nw.connectors):
                    out.append((a, i, typ, conf))
                    a = i
        out.append((a, e, typ, conf))
    return out


def extend_left(words: list[str], found: list[Span], nw: NameWords, common_rank: int = COMMON_RANK) -> list[Span]:
    """A person span preceded by an untagged, not frequent given name (or ``و`` + one) starts there."""
    taken = bytearray(len(words))
    for s, e, _, _ in found:
        taken[s:e] = b"\x01" * (e - s)
    out: list[Span] = []
    for s, e, typ, conf in found:
        if typ == "PERSON" and s > 0 and not taken[s - 1]:
            w = words[s - 1]
            core = w if nw.given_name(w) else w[1:] if nw.given_name(w, with_and=True) else None
            if core is not None and nw.rank.get(core, common_rank) >= common_rank:
                taken[s - 1] = 1
                s -= 1
        out.append((s, e, typ, conf))
    return out


def adjust_person_spans(words: list[str], found: list[Span], nw: NameWords) -> list[Span]:
    """:func:`split_coordinated`, then :func:`extend_left`; ``found`` unchanged without a person."""
    if not any(sp[2] == "PERSON" for sp in found):
        return found
    return sorted(extend_left(words, split_coordinated(words, sorted(found), nw), nw))
