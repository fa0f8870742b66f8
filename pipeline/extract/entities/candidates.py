"""Cross-document aggregation of names found outside the knowledge base (``entity_candidates``)."""

from __future__ import annotations

import polars as pl

__all__ = ["aggregate_candidates", "CANDIDATE_SCHEMA"]

CANDIDATE_SCHEMA = {"normalized_name": pl.String, "type_guess": pl.String, "doc_count": pl.Int64,
                    "mention_count": pl.Int64, "surfaces": pl.List(pl.String),
                    "example_sentences": pl.List(pl.String)}


def aggregate_candidates(mentions: pl.DataFrame, sentences: pl.DataFrame, max_examples: int = 3) -> pl.DataFrame:
    """Aggregate unlinked mentions (``entity_id`` null) by ``(normalized, entity_type)``.

    ``mentions``: doc_id, sentence_id, entity_id, entity_type, normalized, surface.
    ``sentences``: sentence_id, text.
    Returns normalized_name, type_guess, doc_count, mention_count, surfaces (distinct, most
    frequent first), example_sentences (≤ ``max_examples`` distinct sentences from different
    documents where possible), sorted by doc_count then mention_count, descending.
    """
    if mentions.height == 0:
        return pl.DataFrame(schema=CANDIDATE_SCHEMA)
    un = mentions.filter(pl.col("entity_id").is_null() & pl.col("normalized").is_not_null()
                         & (pl.col("normalized").str.len_chars() > 0))
    if un.height == 0:
        return pl.DataFrame(schema=CANDIDATE_SCHEMA)
    sent = sentences.select(pl.col("sentence_id"), pl.col("text").alias("_sentence"))
    un = un.join(sent, on="sentence_id", how="left")
    surf = (un.group_by("normalized", "entity_type", "surface").len()
            .sort(["len", "surface"], descending=[True, False])
            .group_by("normalized", "entity_type", maintain_order=True).agg(pl.col("surface").alias("surfaces")))
    ex = (un.filter(pl.col("_sentence").is_not_null())
          .unique(subset=["normalized", "entity_type", "doc_id"], keep="first", maintain_order=True)
          .group_by("normalized", "entity_type", maintain_order=True)
          .agg(pl.col("_sentence").unique(maintain_order=True).head(max_examples).alias("example_sentences")))
    agg = un.group_by("normalized", "entity_type").agg(
        pl.col("doc_id").n_unique().alias("doc_count"), pl.len().alias("mention_count"))
    out = (agg.join(surf, on=["normalized", "entity_type"], how="left")
           .join(ex, on=["normalized", "entity_type"], how="left")
           .with_columns(pl.col("example_sentences").fill_null(pl.lit([], dtype=pl.List(pl.String))))
           .rename({"normalized": "normalized_name", "entity_type": "type_guess"})
           .with_columns(pl.col("doc_count").cast(pl.Int64), pl.col("mention_count").cast(pl.Int64))
           .select(list(CANDIDATE_SCHEMA))
           .sort(["doc_count", "mention_count", "normalized_name"], descending=[True, True, False]))
    return out
