"""Cluster event mentions from many documents into real-world events.

Two precisely dated mentions (range of a week or less) are reports of the
same event when they have the same ``event_type``, their date ranges overlap
(±1 day), their location, actor and target are compatible (equal, or unknown
on one side) and at least one of location/actor is actually equal. Merging
is cluster-aware: a cluster never holds two different places/actors/targets
and its precise dates never span more than ``MAX_EVENT_SPAN_DAYS`` (so daily
incidents at one place do not chain into one event). A coarsely dated
mention (month, year) joins a precise event inside its range only when
exactly one compatible event is there; otherwise it stays apart (or merges
with coarse mentions of identical range and anchors). Mentions without a
date are only merged with same-document mentions sharing type and a known
location/actor key.

Clustering runs per *block*: the connected components of a "could interact"
graph (:func:`mention_blocks`) in which two dated mentions of one type are
neighbours when they share a known location or actor and their date ranges
overlap within :data:`BLOCK_MARGIN_DAYS`, and undated mentions are neighbours
within their document and key. Every pair the merging rules above can ever
compare is inside one block, so a block is clustered alone, in the canonical
order of ``event_mention_id``: the same mentions give the same events and ids
whatever the order or the batching they arrive in, and a refresh re-clusters
only the blocks its documents touch (see ``pipeline/warehouse/derived.py``).
The cost is O(n log n) for the blocks plus the (small) blocks themselves.

Casualty figures of an event are the maximum reported across its mentions
(not the sum), so duplicate reports do not inflate counts.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import Counter, defaultdict, namedtuple
from typing import Any

import polars as pl

from pipeline.runs.memory import release_freed_memory

__all__ = ["EVENT_COLUMNS", "ASSIGNMENT_COLUMNS", "BLOCK_COLUMNS", "PRECISION_RANK", "BLOCK_MARGIN_DAYS",
           "mention_blocks", "cluster_event_mentions"]

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_type", "cameo_root", "date_start", "date_end", "date_precision",
    "location_entity_id", "actor_entity_id", "target_entity_id", "n_mentions", "n_documents",
    "killed", "injured",
)
ASSIGNMENT_COLUMNS: tuple[str, ...] = ("event_mention_id", "event_id")
BLOCK_COLUMNS: tuple[str, ...] = ("event_mention_id", "block_id")
#: Lower rank = more precise date.
PRECISION_RANK: dict[str, int] = {
    p: i for i, p in enumerate(("second", "minute", "hour", "day", "week", "month", "quarter", "season", "year", "decade", "century"))
}
#: How far (days) a precise date may sit outside another mention's range and still match.
DATE_SLACK_DAYS = 1
#: Mentions whose date range is at most this long (day, week) are "precise".
FINE_RANGE_DAYS = 7
#: A cluster of precise mentions may not span more than this many days (stops chaining).
MAX_EVENT_SPAN_DAYS = 2
#: Dated mentions sharing a type and an anchor whose ranges come this close (days) are in one block:
#: a coarse mention may meet a fine cluster up to ``DATE_SLACK_DAYS`` outside its range, that cluster
#: spans at most ``MAX_EVENT_SPAN_DAYS``, and two coarse mentions meeting one cluster are
#: ``2 * DATE_SLACK_DAYS`` apart at most.
BLOCK_MARGIN_DAYS = 2 * DATE_SLACK_DAYS + MAX_EVENT_SPAN_DAYS


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _compatible(a: Any, b: Any) -> bool:
    return a is None or b is None or a == b


def _linkable(x: Any, y: Any) -> bool:
    if not (_compatible(x.location_entity_id, y.location_entity_id)
            and _compatible(x.actor_entity_id, y.actor_entity_id)
            and _compatible(x.target_entity_id, y.target_entity_id)):
        return False
    anchored = (x.location_entity_id is not None and x.location_entity_id == y.location_entity_id) or (
        x.actor_entity_id is not None and x.actor_entity_id == y.actor_entity_id
    )
    return anchored


def _event_id(member_ids: list[str]) -> str:
    digest = hashlib.sha1("|".join(sorted(member_ids)).encode("utf-8")).hexdigest()
    return "ev_" + digest[:16]


def _as_date(v: Any) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    return v


_FIELDS = ("location_entity_id", "actor_entity_id", "target_entity_id", "date_start", "date_end",
           "date_precision", "killed", "injured", "cameo_root")
#: The columns clustering reads; the others (trigger, surfaces, offsets …) are not turned into Python
#: rows (the whole corpus's mentions as dicts of every column: ≈ 3 KB a mention).
CLUSTER_COLUMNS = ("event_mention_id", "doc_id", "event_type", *_FIELDS)


class _Row:
    """One mention as clustering reads it: a slotted object (≈ 130 bytes with its references; a dict
    of the same twelve fields is ≈ 650), whose repeated values (type, precision, anchors, document,
    dates) are shared between rows."""

    __slots__ = CLUSTER_COLUMNS

    def __init__(self, values: tuple) -> None:
        for k, v in zip(CLUSTER_COLUMNS, values):
            setattr(self, k, v)


#: The anchors of a cluster, compared with :func:`_linkable` like a row.
_Probe = namedtuple("_Probe", ("location_entity_id", "actor_entity_id", "target_entity_id"))


def _column(frame: pl.DataFrame, name: str, shared: bool) -> list:
    """A column as a Python list (``None`` when absent); with ``shared``, equal values are one object."""
    if name not in frame.columns:
        return [None] * frame.height
    values = frame.get_column(name).to_list()
    if name in ("date_start", "date_end"):
        values = [_as_date(v) for v in values]
    if shared:
        seen: dict = {}
        values = [v if v is None else seen.setdefault(v, v) for v in values]
    return values


def _prepare(event_mentions: pl.DataFrame) -> list[_Row]:
    """Rows in canonical order (by ``event_mention_id``) with dates as ``date`` and defaults filled."""
    frame = event_mentions.select([c for c in CLUSTER_COLUMNS if c in event_mentions.columns])
    frame = frame.sort(pl.col("event_mention_id").cast(pl.Utf8)) if frame.height else frame
    cols = {c: _column(frame, c, shared=c != "event_mention_id") for c in CLUSTER_COLUMNS}
    cols["date_end"] = [e or s for s, e in zip(cols["date_start"], cols["date_end"])]
    rows = [_Row(v) for v in zip(*(cols[c] for c in CLUSTER_COLUMNS))] if frame.height else []
    return rows


def _block_roots(rows: list[_Row]) -> _UnionFind:
    """Union-find over ``rows`` whose components are the blocks (see the module docstring)."""
    uf = _UnionFind(len(rows))
    margin = dt.timedelta(days=BLOCK_MARGIN_DAYS)
    anchored: dict[tuple, list[int]] = defaultdict(list)
    undated: dict[tuple, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r.date_start is None:
            if r.location_entity_id is not None or r.actor_entity_id is not None:
                undated[(r.doc_id, r.event_type, r.location_entity_id, r.actor_entity_id)].append(i)
            continue
        for key in ("location_entity_id", "actor_entity_id"):
            if getattr(r, key) is not None:
                anchored[(r.event_type, key, getattr(r, key))].append(i)
    for idxs in anchored.values():
        # interval-graph components: a run continues while the next start is within reach of the run's end
        idxs.sort(key=lambda i: rows[i].date_start)
        first, reach = idxs[0], rows[idxs[0]].date_end + margin
        for i in idxs[1:]:
            if rows[i].date_start <= reach:
                uf.union(first, i)
                reach = max(reach, rows[i].date_end + margin)
            else:
                first, reach = i, rows[i].date_end + margin
    for idxs in undated.values():
        for i in idxs[1:]:
            uf.union(idxs[0], i)
    return uf


def mention_blocks(event_mentions: pl.DataFrame) -> pl.DataFrame:
    """The block of every mention: :data:`BLOCK_COLUMNS`, ``block_id`` = the smallest member id."""
    rows = _prepare(event_mentions)
    uf = _block_roots(rows)
    id_type = event_mentions.schema.get("event_mention_id", pl.Utf8)
    return pl.DataFrame(
        {"event_mention_id": [r.event_mention_id for r in rows],
         "block_id": [str(rows[uf.find(i)].event_mention_id) for i in range(len(rows))]},
        schema={"event_mention_id": id_type, "block_id": pl.Utf8})


def cluster_event_mentions(event_mentions: pl.DataFrame, with_blocks: bool = False):
    """Cluster event mentions into events.

    ``event_mentions`` has the columns produced by
    :func:`pipeline.extract.events.extract_event_mentions` plus ``doc_id`` and
    ``event_mention_id`` (unique strings); extra columns are ignored. Returns
    ``(events, assignment)`` (and the :func:`mention_blocks` frame as a third
    item when ``with_blocks``): ``events`` has :data:`EVENT_COLUMNS` (one row per
    real-world event, with the most precise reported date, the max casualty
    figures, and ``n_mentions``/``n_documents``); ``assignment`` maps every
    ``event_mention_id`` to its ``event_id``. ``event_id`` is ``ev_`` + the
    first 16 hex digits of the SHA-1 of the sorted member ids (deterministic).
    The result depends only on the set of mentions, not on their order.

    Mentions of different types never share a block or an event, so each type is clustered on its
    own: only one type's mentions are Python rows at a time (the largest type is a fifth of the
    corpus's mentions), and the result is the same as clustering them together.
    """
    frame = event_mentions.select([c for c in CLUSTER_COLUMNS if c in event_mentions.columns])
    if "event_type" in frame.columns and frame.height:
        # one type's frame at a time (``partition_by`` would copy every type's rows at once)
        types = frame.get_column("event_type").unique(maintain_order=True).to_list()
        parts = []
        for t in types:
            parts.append(_cluster(frame.filter(pl.col("event_type").is_null() if t is None else pl.col("event_type") == t),
                                  with_blocks))
            release_freed_memory(collect=False)  # the type's Python rows, freed: back to the OS
    else:
        parts = [_cluster(frame, with_blocks)]
    out = tuple(pl.concat([p[k] for p in parts], how="vertical") for k in range(len(parts[0])))
    out = (out[0].sort("event_id"), *(f.sort("event_mention_id") for f in out[1:]))
    return out if with_blocks else out[:2]


def _cluster(event_mentions: pl.DataFrame, with_blocks: bool):
    """:func:`cluster_event_mentions` of mentions that may share blocks (one type)."""
    rows = _prepare(event_mentions)
    blocks_uf = _block_roots(rows)
    block_of = [blocks_uf.find(i) for i in range(len(rows))]
    members_of: dict[int, list[int]] = defaultdict(list)
    for i, b in enumerate(block_of):
        members_of[b].append(i)
    uf = _UnionFind(len(rows))
    for idxs in members_of.values():
        if len(idxs) > 1:
            _cluster_block(rows, idxs, uf)
    events, assignment = _events(rows, uf)
    schema = {
        "event_id": pl.Utf8, "event_type": pl.Utf8, "cameo_root": pl.Utf8, "date_start": pl.Date,
        "date_end": pl.Date, "date_precision": pl.Utf8, "location_entity_id": pl.Utf8,
        "actor_entity_id": pl.Utf8, "target_entity_id": pl.Utf8, "n_mentions": pl.Int64,
        "n_documents": pl.Int64, "killed": pl.Int64, "injured": pl.Int64,
    }
    ev = pl.DataFrame(events, schema=schema)
    id_type = event_mentions.schema.get("event_mention_id", pl.Utf8)
    asg = pl.DataFrame(assignment, schema={"event_mention_id": id_type, "event_id": pl.Utf8})
    if not with_blocks:
        return ev, asg
    blocks = pl.DataFrame(
        {"event_mention_id": [r.event_mention_id for r in rows],
         "block_id": [str(rows[b].event_mention_id) for b in block_of]},
        schema={"event_mention_id": id_type, "block_id": pl.Utf8})
    return ev, asg, blocks


def _cluster_block(rows: list[_Row], idxs: list[int], uf: _UnionFind) -> None:
    """Merge the mentions ``idxs`` (one block, ascending canonical indices) in ``uf``."""
    # per-cluster state (at the root): fine-date span and the known attribute values
    state: dict[int, dict[str, Any]] = {}
    for i in idxs:
        r = rows[i]
        state[i] = {
            "lo": r.date_start, "hi": r.date_end,
            "loc": {r.location_entity_id} - {None}, "actor": {r.actor_entity_id} - {None},
            "target": {r.target_entity_id} - {None},
        }

    def try_union(i: int, j: int, span_check: bool = True) -> bool:
        a, b = uf.find(i), uf.find(j)
        if a == b:
            return True
        sa, sb = state[a], state[b]
        merged = {k: sa[k] | sb[k] for k in ("loc", "actor", "target")}
        if any(len(v) > 1 for v in merged.values()):
            return False  # would put two different places/actors/targets in one event
        if span_check and sa["lo"] is not None and sb["lo"] is not None:
            if (max(sa["hi"], sb["hi"]) - min(sa["lo"], sb["lo"])).days > MAX_EVENT_SPAN_DAYS:
                return False  # no chaining of day-after-day incidents into one event
        uf.union(a, b)
        root = uf.find(a)
        lo = [x for x in (sa["lo"], sb["lo"]) if x is not None]
        hi = [x for x in (sa["hi"], sb["hi"]) if x is not None]
        state[root] = {"lo": min(lo) if lo else None, "hi": max(hi) if hi else None, **merged}
        return True

    fine: dict[str, list[int]] = defaultdict(list)
    coarse: list[int] = []
    undated: dict[tuple, list[int]] = defaultdict(list)
    for i in idxs:
        r = rows[i]
        if r.date_start is None:
            if r.location_entity_id is not None or r.actor_entity_id is not None:
                undated[(r.doc_id, r.event_type, r.location_entity_id, r.actor_entity_id)].append(i)
        elif (r.date_end - r.date_start).days <= FINE_RANGE_DAYS:
            fine[r.event_type].append(i)
        else:
            coarse.append(i)
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    # 1. precisely dated mentions: date-sorted sweep per event type
    for fidx in fine.values():
        fidx.sort(key=lambda i: (rows[i].date_start, rows[i].date_end, i))
        active: list[int] = []
        for i in fidx:
            r = rows[i]
            active = [j for j in active if rows[j].date_end + slack >= r.date_start]
            for j in active:
                if _linkable(r, rows[j]):
                    try_union(i, j)
            active.append(i)
    # 2. coarse dates (month, year): join the single compatible precise event inside the range, if unique
    by_type_fine: dict[str, list[tuple[dt.date, int]]] = {
        t: sorted((state[root]["lo"], root) for root in {uf.find(i) for i in v}) for t, v in fine.items()
    }
    for i in coarse:
        r = rows[i]
        hits = []
        table = by_type_fine.get(r.event_type, [])
        k0 = bisect.bisect_left(table, (r.date_start - slack, -1))
        k1 = bisect.bisect_right(table, (r.date_end + slack, len(rows)))
        for _lo, root in table[k0:k1]:
            st = state[root]
            if st["hi"] <= r.date_end + slack:
                probe = _Probe(next(iter(st["loc"]), None), next(iter(st["actor"]), None),
                               next(iter(st["target"]), None))
                if _linkable(r, probe):
                    hits.append(root)
        if len(hits) == 1:
            try_union(i, hits[0], span_check=False)
    # coarse mentions with identical date range and anchors merge with each other
    same_coarse: dict[tuple, list[int]] = defaultdict(list)
    for i in coarse:
        r = rows[i]
        if uf.find(i) == i and (r.location_entity_id or r.actor_entity_id):
            same_coarse[(r.event_type, r.date_start, r.date_end, r.location_entity_id, r.actor_entity_id)].append(i)
    for members in same_coarse.values():
        for j in members[1:]:
            try_union(members[0], j, span_check=False)
    # 3. undated mentions: only within their document
    for members in undated.values():
        for j in members[1:]:
            try_union(members[0], j)


def _events(rows: list[_Row], uf: _UnionFind) -> tuple[dict[str, list], dict[str, list]]:
    """The events (columns of :data:`EVENT_COLUMNS`) and the assignment (``event_mention_id``,
    ``event_id``) as column lists: one row object per event or mention would cost ≈ 1 KB each."""
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        comps[uf.find(i)].append(i)
    events: dict[str, list] = {c: [] for c in EVENT_COLUMNS}
    assignment: dict[str, list] = {c: [] for c in ASSIGNMENT_COLUMNS}
    for members in comps.values():
        ms = [rows[i] for i in members]
        eid = _event_id([str(m.event_mention_id) for m in ms])
        dated = [m for m in ms if m.date_start is not None]
        best = min(
            dated,
            key=lambda m: (PRECISION_RANK.get(m.date_precision or "", 99), (m.date_end - m.date_start).days),
        ) if dated else None

        def mode(field: str) -> Any:
            vals = [getattr(m, field) for m in ms if getattr(m, field) is not None]
            return Counter(vals).most_common(1)[0][0] if vals else None

        def vmax(field: str) -> int | None:
            vals = [int(getattr(m, field)) for m in ms if getattr(m, field) is not None]
            return max(vals) if vals else None

        row = {
            "event_id": eid,
            "event_type": ms[0].event_type,
            "cameo_root": ms[0].cameo_root,
            "date_start": best.date_start if best else None,
            "date_end": best.date_end if best else None,
            "date_precision": best.date_precision if best else None,
            "location_entity_id": mode("location_entity_id"),
            "actor_entity_id": mode("actor_entity_id"),
            "target_entity_id": mode("target_entity_id"),
            "n_mentions": len(ms),
            "n_documents": len({m.doc_id for m in ms}),
            "killed": vmax("killed"),
            "injured": vmax("injured"),
        }
        for c in EVENT_COLUMNS:
            events[c].append(row[c])
        for m in ms:
            assignment["event_mention_id"].append(m.event_mention_id)
            assignment["event_id"].append(eid)
    return events, assignment
