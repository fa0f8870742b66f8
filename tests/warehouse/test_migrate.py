import duckdb
import pytest

from pipeline.warehouse.migrate import MigrationError, apply_migrations, list_migrations, schema_version


def test_applies_all_migrations_once(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    applied = apply_migrations(con)
    assert applied == [m.version for m in list_migrations()]
    assert apply_migrations(con) == []
    assert schema_version(con) == max(applied)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "document_sources", "paragraphs", "sentences", "removed_spans",
            "rejected_documents", "dq_results", "offset_map", "source_files", "refresh_runs"} <= tables


def test_every_table_has_a_primary_key(tmp_path):
    # declared in the schema, or (plain tables, e.g. 009's, meant for storage without keys) proved by a
    # primary_key contract in warehouse/contracts.yaml
    from pipeline.quality.warehouse import load_contracts

    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    apply_migrations(con)
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'").fetchall()]
    with_pk = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'").fetchall()}
    with_pk |= {t for t, spec in load_contracts().items() if spec.get("primary_key")}
    assert set(tables) <= with_pk


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
