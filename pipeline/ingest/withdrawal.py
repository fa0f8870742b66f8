"""How many of a source's published documents a refresh would withdraw.

A document is *withdrawn* (``documents.status = 'removed'``) when every source that still
carries it disappears. A refresh that would withdraw more than ``max_withdrawn_share`` of the
documents of one input file that is still present (a feed that suddenly decodes badly, a file
that became unreadable) is far more likely a broken input than an editorial decision; the
ingest asset fails a blocking check naming the file, and nothing is published.

Files that disappeared altogether are reported but never block: deleting a file is the way to
withdraw its documents. An input root that yields no file at all any more, although documents were
published from it, does block (an unmounted volume or a wrong path looks like that; to empty a root
on purpose, run once with ``KHABAR_MAX_WITHDRAWN_SHARE=1``, which lets every withdrawal through).
Sources with fewer than ``min_documents`` published documents are reported but never block either
(a one-document file edited to nothing is that document).

Computed from the ingest frames and the published ``document_sources`` rows (the warehouse
state the ingest reads), before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import polars as pl

from pipeline.ingest.locations import is_under
from pipeline.quality.outcome import CheckOutcome

__all__ = ["ACTIVE_SOURCE_SCHEMA", "SourceWithdrawal", "active_sources", "withdrawals", "withdrawal_outcome"]

ACTIVE_SOURCE_SCHEMA = {"source_path": pl.String, "source_uri": pl.String, "doc_id": pl.String}


@dataclass
class SourceWithdrawal:
    source_path: str
    documents: int              # published documents the source carried before this refresh
    withdrawn: int              # of those, how many this refresh would mark removed
    missing: bool               # the file itself is gone
    examples: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.withdrawn / self.documents if self.documents else 0.0


def active_sources(con: duckdb.DuckDBPyConnection, paths: list[str]) -> pl.DataFrame:
    """Active ``document_sources`` rows of ``paths``, plus every active row of the documents they carry
    (a document also carried by an untouched file is not withdrawn)."""
    empty = pl.DataFrame(schema=ACTIVE_SOURCE_SCHEMA)
    if not paths:
        return empty
    has = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'document_sources'").fetchone()[0]
    if not has:
        return empty
    con.register("_withdrawal_paths", pl.DataFrame({"path": paths}, schema={"path": pl.String}).to_arrow())
    try:
        return con.execute(
            "SELECT source_path, source_uri, doc_id FROM document_sources WHERE active AND doc_id IN "
            "(SELECT doc_id FROM document_sources WHERE active AND source_path IN (SELECT path FROM _withdrawal_paths))"
        ).pl().cast(ACTIVE_SOURCE_SCHEMA)
    finally:
        con.unregister("_withdrawal_paths")


def withdrawals(files: pl.DataFrame, sources: pl.DataFrame, previous: pl.DataFrame) -> list[SourceWithdrawal]:
    """Per changed or missing file: documents it carried and how many this batch would withdraw.

    ``files``/``sources`` are the ingest batch's manifest and source records; ``previous`` is
    :func:`active_sources` for the changed and missing paths.
    """
    if previous.height == 0:
        return []
    changed = set(files.filter(pl.col("changed") & (pl.col("status") == "present"))["path"].to_list())
    missing = set(files.filter(pl.col("status") == "missing")["path"].to_list())
    new_uris = set(sources["source_uri"].to_list())
    new_docs = set(sources["doc_id"].to_list())

    def deactivated(path: str, uri: str) -> bool:
        return path in missing or (path in changed and uri not in new_uris)

    survives: dict[str, bool] = {}
    carried: dict[str, set[str]] = {}
    for path, uri, doc in previous.iter_rows():
        alive = doc in new_docs or not deactivated(path, uri)
        survives[doc] = survives.get(doc, False) or alive
        if path in changed or path in missing:
            carried.setdefault(path, set()).add(doc)
    out = []
    for path in sorted(carried):
        docs = sorted(carried[path])
        gone = [d for d in docs if not survives[d]]
        out.append(SourceWithdrawal(path, len(docs), len(gone), path in missing, gone[:5]))
    return out


def withdrawal_outcome(report: list[SourceWithdrawal], max_share: float, min_documents: int,
                       emptied_roots: list[str] | None = None,
                       name: str = "withdrawal_within_limit") -> CheckOutcome:
    """Blocking outcome: fails when a present source would lose more than ``max_share`` of its documents,
    or when an input root that held published documents yields no file at all (``emptied_roots``, from
    the ingest stats ``roots_emptied``: an unmounted volume looks like that)."""
    offending = [w for w in report
                 if not w.missing and w.documents >= min_documents and w.share > max_share]
    rows = [{"source": w.source_path, "documents": w.documents, "withdrawn": w.withdrawn,
             "share": round(w.share, 4), "missing": w.missing, "examples": w.examples} for w in report if w.withdrawn]
    problems = [
        f"refresh would withdraw {w.withdrawn} of {w.documents} documents ({w.share:.0%}) of {w.source_path} "
        f"(limit {max_share:.0%})" for w in offending]
    vanished = []
    for root in emptied_roots or []:
        gone = sum(w.withdrawn for w in report if w.missing and is_under(w.source_path, [root]))
        if gone >= min_documents and max_share < 1.0:
            vanished.append(root)
            problems.append(f"input {root} yields no file any more: refresh would withdraw all {gone} of its "
                            "documents (is it mounted?)")
    failed = bool(offending or vanished)
    description = "; ".join(problems) if failed else f"no present source loses more than {max_share:.0%} of its documents"
    worst = max([w.share for w in offending] + [1.0] * bool(vanished), default=0.0)
    return CheckOutcome(name, not failed, float(worst),
                        {"max_withdrawn_share": max_share, "min_documents": min_documents,
                         "offending": [r for r in rows if r["source"] in {w.source_path for w in offending}],
                         "emptied_roots": vanished, "withdrawals": rows[:50]},
                        description=description)
