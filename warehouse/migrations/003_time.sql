-- 003: time expressions, TIMEX3-normalized and anchored only on the publication date.

CREATE TABLE time_expressions (
    timex_id                  VARCHAR PRIMARY KEY,      -- {doc_id}:t{index}
    doc_id                    VARCHAR NOT NULL,
    sentence_id               VARCHAR,
    surface                   VARCHAR NOT NULL,
    start_char                INTEGER NOT NULL,
    end_char                  INTEGER NOT NULL,
    raw_start                 INTEGER NOT NULL,
    raw_end                   INTEGER NOT NULL,
    kind                      VARCHAR NOT NULL CHECK (kind IN ('date', 'time', 'duration', 'set')),
    value                     VARCHAR NOT NULL,         -- TIMEX3: 2024, 2024-01, 2024-01-28, 2024-W04, XXXX-01-04, P3Y …
    date_start                DATE,
    date_end                  DATE,
    granularity               VARCHAR,
    anchor                    VARCHAR NOT NULL CHECK (anchor IN ('absolute', 'publication_date', 'unanchored')),
    confidence                DOUBLE
);

ALTER TABLE documents ADD COLUMN published_at_inferred TIMESTAMP;
ALTER TABLE documents ADD COLUMN published_at_inferred_method VARCHAR;
ALTER TABLE documents ADD COLUMN published_at_inferred_confidence DOUBLE;
