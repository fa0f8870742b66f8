"""pipeline/warehouse/tables.py: a table's existence, also inside an open transaction."""

import duckdb

from pipeline.warehouse.tables import table_exists


def test_existing_and_missing_tables_and_the_transaction_goes_on():
    con = duckdb.connect()
    con.execute('CREATE TABLE quotes (x INT); CREATE TABLE "odd ""name""" (x INT)')
    con.execute("BEGIN TRANSACTION")
    con.execute("INSERT INTO quotes VALUES (1)")
    assert table_exists(con, "quotes") and table_exists(con, 'odd "name"')
    assert not table_exists(con, "search_postings")
    assert not table_exists(con, "x; DROP TABLE quotes")
    con.execute("INSERT INTO quotes VALUES (2)")  # the failed probe did not abort the transaction
    con.execute("COMMIT")
    assert con.execute("SELECT count(*) FROM quotes").fetchone()[0] == 2
