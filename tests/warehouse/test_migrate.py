import duckdb
import pytest

from pipeline.warehouse.migrate import (MigrationError, apply_migrations, is_lake, lake_sql, list_migrations,
                                       schema_version)


def test_applies_all_migrations_once(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    applied = apply_migrations(con)
    assert applied == [m.version for m in list_migrations()]
    assert apply_migrations(con) == []
    assert schema_version(con) == max(applied)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "document_sources", "paragraphs", "sentences", "removed_spans",
            "rejected_documents", "dq_results", "offset_map", "source_files", "refresh_runs"} <= tables


def test_every_table_has_a_primary_key_proven_by_a_contract(tmp_path):
    """The migrations declare a key for every table (DuckDB checks it here); the lake drops the
    declaration, so every key must also be a contract of warehouse/contracts.yaml."""
    from pipeline.quality.warehouse import load_contracts

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_migrations(con)
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()]
    keys = {r[0]: sorted(r[1]) for r in con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()}
    contracts = load_contracts()
    # declared in the schema, or (plain tables meant for storage without keys, e.g. 009's) a contract
    assert set(tables) <= set(keys) | {t for t, spec in contracts.items() if spec.get("primary_key")}
    for table, cols in keys.items():
        if table == "schema_migrations":
            continue
        assert sorted(contracts.get(table, {}).get("primary_key", [])) == cols, table


def test_every_check_constraint_is_an_accepted_values_contract(tmp_path):
    from pipeline.quality.warehouse import load_contracts

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_migrations(con)
    contracts = load_contracts()
    for table, expr in con.execute(
            "SELECT table_name, expression FROM duckdb_constraints() WHERE constraint_type = 'CHECK'").fetchall():
        col = expr.split("(", 1)[-1].split(" IN ", 1)[0].strip('( "')
        assert col in (contracts.get(table, {}).get("accepted_values") or {}), (table, expr)


def test_lake_sql_drops_only_undeclarable_constraints():
    sql = """-- a comment with PRIMARY KEY (x)
    CREATE TABLE a (
        id VARCHAR PRIMARY KEY,            -- the key
        kind VARCHAR NOT NULL CHECK (kind IN ('x', 'y (z)')),
        other VARCHAR UNIQUE REFERENCES b (id) ON DELETE CASCADE,
        n INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (id, kind),
        CONSTRAINT fk FOREIGN KEY (other) REFERENCES b (id)
    );
    CREATE INDEX a_kind ON a (kind);
    CREATE VIEW v AS SELECT 'PRIMARY KEY' AS s, id FROM a WHERE kind IN ('x');
    ALTER TABLE a ADD COLUMN extra VARCHAR CHECK (extra <> '');"""
    out = lake_sql(sql)
    assert "PRIMARY" not in out.replace("'PRIMARY KEY'", "") and "CHECK" not in out and "REFERENCES" not in out
    assert "UNIQUE" not in out and "INDEX" not in out and "--" not in out
    assert "kind VARCHAR NOT NULL" in out and "n INTEGER NOT NULL DEFAULT 0" in out
    assert "CREATE VIEW v AS SELECT 'PRIMARY KEY' AS s, id FROM a WHERE kind IN ('x')" in out
    assert "ALTER TABLE a ADD COLUMN extra VARCHAR" in out
    con = duckdb.connect()
    con.execute("CREATE TABLE b (id VARCHAR)")
    con.execute(out)  # still valid SQL
    assert [r[0] for r in con.execute("DESCRIBE a").fetchall()] == ["id", "kind", "other", "n", "extra"]
    with pytest.raises(MigrationError, match="sequences"):
        lake_sql("CREATE SEQUENCE s; CREATE TABLE c (id INTEGER DEFAULT nextval('s'))")


def test_migrations_apply_on_a_lake_with_the_checksum_ledger(tmp_path):
    from pipeline.warehouse.connect import connect_readonly, connect_writer

    wh = tmp_path / "w.sqlite"
    con = connect_writer(wh)
    assert is_lake(con)
    applied = apply_migrations(con)
    assert applied == [m.version for m in list_migrations()]
    assert apply_migrations(con) == []
    checksums = dict(con.execute("SELECT version, checksum FROM schema_migrations").fetchall())
    assert checksums == {m.version: m.checksum for m in list_migrations()}  # of the files as written
    con.close()
    ro = connect_readonly(wh, fts=False)
    views = {r[0] for r in ro.execute("SELECT view_name FROM duckdb_views() WHERE database_name = 'lake'").fetchall()}
    assert {"v_documents", "v_mentions", "v_event_timeline", "v_figures"} <= views
    assert ro.execute("SELECT count(*) FROM v_event_timeline").fetchone() == (0,)  # views bind on the lake
    ro.close()


def test_edited_migration_is_refused(tmp_path):
    mig_dir = tmp_path / "migrations"
    mig_dir.mkdir()
    (mig_dir / "001_a.sql").write_text("CREATE TABLE a (x INTEGER PRIMARY KEY);")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert apply_migrations(con, mig_dir) == [1]
    (mig_dir / "001_a.sql").write_text("CREATE TABLE a (x INTEGER PRIMARY KEY, y INTEGER);")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        apply_migrations(con, mig_dir)


def test_failed_migration_rolls_back(tmp_path):
    mig_dir = tmp_path / "migrations"
    mig_dir.mkdir()
    (mig_dir / "001_a.sql").write_text("CREATE TABLE a (x INTEGER PRIMARY KEY);")
    (mig_dir / "002_b.sql").write_text("CREATE TABLE b (x INTEGER); SELECT * FROM no_such_table;")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    with pytest.raises(duckdb.Error):
        apply_migrations(con, mig_dir)
    assert schema_version(con) == 1
    assert not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'b'").fetchone()[0]


def test_numbers_may_have_gaps_but_not_repeat(tmp_path):
    mig_dir = tmp_path / "migrations"
    mig_dir.mkdir()
    (mig_dir / "001_a.sql").write_text("CREATE TABLE a (x INTEGER);")
    (mig_dir / "009_c.sql").write_text("CREATE TABLE c (x INTEGER);")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert apply_migrations(con, mig_dir) == [1, 9]
    (mig_dir / "007_b.sql").write_text("CREATE TABLE b (x INTEGER);")   # a stream's lower number lands later
    assert apply_migrations(con, mig_dir) == [7]
    (mig_dir / "007_b2.sql").write_text("CREATE TABLE b2 (x INTEGER);")
    with pytest.raises(MigrationError, match="uniquely"):
        list_migrations(mig_dir)
