"""Dagster's SQLite run history commits with synchronous=NORMAL (assets/history_sync.py)."""

import dagster as dg
import sqlalchemy as sa

from assets import history_sync


def _synchronous(engine) -> int:
    with engine.connect() as con:
        return con.execute(sa.text("PRAGMA synchronous")).scalar()


def test_sqlite_connections_of_sqlalchemy_get_synchronous_normal(tmp_path):
    history_sync.install()
    history_sync.install()  # idempotent
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'x.db'}", poolclass=sa.pool.NullPool)
    assert _synchronous(engine) == 1  # NORMAL (FULL is 2)


def test_the_dagster_instance_event_log_uses_it(tmp_path, monkeypatch):
    from sqlalchemy.engine import Engine

    from assets.definitions import build_definitions

    if sa.event.contains(Engine, "connect", history_sync._relax):  # start without it
        sa.event.remove(Engine, "connect", history_sync._relax)
    monkeypatch.setattr(history_sync, "_installed", False)
    build_definitions()  # installs the listener, as every run does
    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    instance = dg.DagsterInstance.local_temp(str(tmp_path))
    try:
        storage = instance.event_log_storage
        with storage.index_connection() as con:
            assert con.execute(sa.text("PRAGMA synchronous")).scalar() == 1
            assert con.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    finally:
        instance.dispose()
