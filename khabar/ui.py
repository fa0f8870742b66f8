"""``make ui``: ``dagster dev`` on this project, without the noise.

- runs from ``$DAGSTER_HOME`` (so Dagster does not warn about the repository's template
  ``dagster.yaml`` in the current folder) with ``-w <repo>/workspace.yaml``;
- ignores the ``SupersessionWarning`` that asks for ``dg dev`` (the ``dagster-dg-cli`` package is
  not a dependency; ``dagster dev`` is the same server);
- services log at WARNING (``--log-level warning``); runs log one line per step to this console
  and everything to ``$DAGSTER_HOME/logs/khabar.log`` (``assets/logs.py``); the template turns off
  telemetry and the first-open "join the community" dialog (``nux``).
"""

from __future__ import annotations

import os
import sys
import warnings


def main(argv: list[str] | None = None) -> int:
    from khabar.runner import ensure_dagster_home
    from pipeline.settings import REPO_ROOT

    host = os.environ.get("KHABAR_UI_HOST", "127.0.0.1")
    port = os.environ.get("KHABAR_UI_PORT", "3000")
    home = ensure_dagster_home()
    os.chdir(home)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    from dagster import SupersessionWarning
    from dagster._cli import main as dagster_main

    warnings.filterwarnings("ignore", category=SupersessionWarning)
    print(f"Dagster UI on http://{host}:{port} (Ctrl-C stops it; run logs: {home / 'logs' / 'khabar.log'})",
          file=sys.stderr, flush=True)
    sys.argv = ["dagster", "dev", "-w", str(REPO_ROOT / "workspace.yaml"), "-h", host, "-p", port,
                "--log-level", "warning", *(argv if argv is not None else sys.argv[1:])]
    return dagster_main()


if __name__ == "__main__":
    sys.exit(main())
