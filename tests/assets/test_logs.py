"""Run loggers: one short line per message on the console, everything (tracebacks too) in the log file."""

from __future__ import annotations

import errno

import dagster as dg

from assets.logs import LOGGERS, log_file


@dg.op
def chatty(context):
    context.log.info(f"ingest: {dict((f'key_{i}', i) for i in range(50))}")
    context.log.warning("rejected_share above threshold\nsecond line of details")
    return 1


@dg.op
def breaks(context, _x):
    raise OSError(errno.ENOSPC, "No space left on device", "/data/.staging/k.run.duckdb")


RUN_CONFIG = {"loggers": {"console": {}, "file": {}}}  # as the khabar_refresh job's default config


@dg.job(logger_defs=LOGGERS, executor_def=dg.in_process_executor)
def noisy():
    breaks(chatty())


def test_console_gets_one_line_each_and_the_log_file_gets_everything(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KHABAR_LOG_FILE", str(tmp_path / "logs" / "khabar.log"))
    with dg.instance_for_test() as instance:
        result = noisy.execute_in_process(instance=instance, raise_on_error=False, run_config=RUN_CONFIG)
    assert not result.success
    console = capsys.readouterr().err.splitlines()
    assert not any("key_0" in ln or "DEBUG" in ln or "Stack Trace" in ln or "Traceback" in ln for ln in console)
    assert any(ln.endswith("chatty  done in " + ln.rsplit("done in ", 1)[-1]) for ln in console if "done in" in ln)
    assert any("chatty  warning: rejected_share above threshold" in ln and "second line" not in ln for ln in console)
    failure = [ln for ln in console if "breaks  error:" in ln]
    assert failure and "disk full: no space left on device writing /data/.staging/k.run.duckdb" in failure[0]
    assert f"(details: {log_file()})" in failure[0]
    assert all(len(ln) <= 320 for ln in console)

    text = log_file().read_text(encoding="utf-8")
    assert "key_49" in text and "DEBUG" in text and "second line of details" in text
    assert "No space left on device" in text and "Stack Trace" in text


def test_quiet_console_shows_errors_only(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KHABAR_LOG_FILE", str(tmp_path / "khabar.log"))
    with dg.instance_for_test() as instance:
        noisy.execute_in_process(instance=instance, raise_on_error=False,
                                 run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}},
                                                         "file": {}}})
    console = capsys.readouterr().err.splitlines()
    assert console and all("error:" in ln for ln in console)


def test_the_refresh_job_logs_through_these_loggers_by_default():
    """Dagster instantiates only loggers named in a run's config: UI, schedule and sensor runs use the job default."""
    from assets.definitions import defs

    job = defs.resolve_job_def("khabar_refresh")
    assert set(job.loggers) == {"console", "file"}
    assert set(job.run_config["loggers"]) == {"console", "file"}
