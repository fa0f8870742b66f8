"""docs/queries.md: every worked query runs on a seeds warehouse and gives the answer shown.

When extraction improves, regenerate the answers with `.venv/bin/python scripts/render_queries.py`.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.warehouse.test_views import build_sample

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("render_queries", REPO / "scripts" / "render_queries.py")
rq = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("render_queries", rq)
_spec.loader.exec_module(rq)

DOC_TEXT = (REPO / "docs" / "queries.md").read_text(encoding="utf-8")
BLOCKS = rq.parse_doc(DOC_TEXT)


def test_doc_has_at_least_twelve_answered_queries():
    assert len(BLOCKS) >= 12
    for b in BLOCKS:
        assert b.sql.strip().upper().startswith(("SELECT", "WITH")), b.sql
        assert b.answer.startswith("| ")


def test_render_answer_cells():
    out = rq.render_answer(["a", "b", "c"], [(1.0, None, ["x", "y|z"]), (0.123456, date(2024, 1, 2),
                                                                        datetime(2024, 1, 2, 3, 4))])
    assert out.splitlines() == ["| a | b | c |", "|---|---|---|", "| 1 | NULL | [x, y\\|z] |",
                                "| 0.1235 | 2024-01-02 | 2024-01-02 03:04:00 |"]
    assert "(no rows)" in rq.render_answer(["a"], [])
    assert rq._cell("و" * 200).endswith("…") and len(rq._cell("و" * 200)) == rq.MAX_CELL


def test_render_doc_replaces_only_answer_blocks():
    con = build_sample(fts=False)
    doc = ("# t\n\n```sql\nSELECT doc_id FROM v_documents ORDER BY doc_id\n```\n\n<!-- answer -->\nstale\n"
           "<!-- /answer -->\n\ntail\n")
    new = rq.render_doc(doc, con)
    assert new == ("# t\n\n```sql\nSELECT doc_id FROM v_documents ORDER BY doc_id\n```\n\n<!-- answer -->\n"
                   "| doc_id |\n|---|\n| d1 |\n| d2 |\n| d4 |\n<!-- /answer -->\n\ntail\n")
    assert rq.render_doc(new, con) == new


@pytest.fixture(scope="module")
def seeds_con(seeds_build):
    from pipeline.warehouse.connect import connect_readonly

    con = connect_readonly(seeds_build[0])  # read only (tests/conftest.py: built once per test process)
    yield con
    con.close()


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_documented_answer_matches_seeds_warehouse(seeds_con, index):
    block = BLOCKS[index]
    assert rq.run_query(seeds_con, block.sql) == block.answer, (
        f"query {index + 1} of docs/queries.md changed; if the new answer is right, run "
        "`.venv/bin/python scripts/render_queries.py`")
