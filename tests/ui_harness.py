"""Drive a real ``dagster dev`` (webserver + daemon) on 127.0.0.1 through the GraphQL API the UI uses.

Used by ``tests/test_ui_e2e.py``; also handy by hand::

    with DagsterDev(repo, env) as dev:
        gql = dev.client
        loc, repo_name = gql.repository()
        run_id = gql.launch_job(loc, repo_name, "khabar_refresh")
        gql.wait_for_run(run_id)

Only local traffic: the server binds 127.0.0.1 and the client refuses any other host.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlparse

import requests

__all__ = [
    "free_port", "GraphQLError", "GraphQL", "DagsterDev", "metadata_by_label",
    "ASSET_NODES_QUERY", "RUN_QUERY", "RUN_EVENTS_QUERY", "LAUNCH_RUN_MUTATION",
    "SCHEDULE_QUERY", "SENSOR_QUERY", "START_SCHEDULE_MUTATION", "STOP_SCHEDULE_MUTATION",
    "START_SENSOR_MUTATION", "STOP_SENSOR_MUTATION", "REPOSITORIES_QUERY", "LOCATION_STATUS_QUERY",
    "INSTANCE_QUERY",
]

TERMINAL_RUN_STATES = {"SUCCESS", "FAILURE", "CANCELED"}

# --------------------------------------------------------------------------- GraphQL documents
LOCATION_STATUS_QUERY = """
query LocationStatus {
  locationStatusesOrError {
    __typename
    ... on WorkspaceLocationStatusEntries { entries { name loadStatus } }
  }
  workspaceOrError {
    __typename
    ... on Workspace { locationEntries { name locationOrLoadError { __typename
      ... on PythonError { message stack } } } }
  }
}
"""

INSTANCE_QUERY = """
query Instance {
  version
  instance {
    runQueuingSupported
    runQueueConfig { maxConcurrentRuns }
    daemonHealth { allDaemonStatuses { daemonType required healthy } }
  }
}
"""

REPOSITORIES_QUERY = """
query Repositories {
  repositoriesOrError {
    __typename
    ... on RepositoryConnection { nodes { name location { name } jobs { name } } }
    ... on PythonError { message }
  }
}
"""

_METADATA_FRAGMENT = """
fragment Meta on MetadataEntry {
  __typename label
  ... on IntMetadataEntry { intValue intRepr }
  ... on FloatMetadataEntry { floatValue floatRepr }
  ... on MarkdownMetadataEntry { mdStr }
  ... on JsonMetadataEntry { jsonString }
  ... on TextMetadataEntry { text }
  ... on PathMetadataEntry { path }
  ... on TableSchemaMetadataEntry { schema { columns { name type } } }
}
"""

ASSET_NODES_QUERY = """
query AssetNodes {
  assetNodes {
    assetKey { path }
    groupName
    description
    kinds
    jobNames
    owners { __typename ... on TeamAssetOwner { team } ... on UserAssetOwner { email } }
    hasAssetChecks
    assetChecksOrError {
      __typename
      ... on AssetChecks { checks { name description blocking
        executionForLatestMaterialization { runId status evaluation { success severity } } } }
    }
    assetMaterializations(limit: 5) { runId timestamp metadataEntries { ...Meta } }
  }
}
""" + _METADATA_FRAGMENT

LAUNCH_RUN_MUTATION = """
mutation LaunchRun($executionParams: ExecutionParams!) {
  launchRun(executionParams: $executionParams) {
    __typename
    ... on LaunchRunSuccess { run { runId status } }
    ... on PythonError { message stack }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on PipelineNotFoundError { message }
    ... on InvalidSubsetError { message }
    ... on UnauthorizedError { message }
  }
}
"""

RUN_QUERY = """
query Run($runId: ID!) {
  runOrError(runId: $runId) {
    __typename
    ... on Run {
      runId status jobName startTime endTime
      tags { key value }
      assetSelection { path }
      assetCheckSelection { name assetKey { path } }
      stepStats { stepKey status }
    }
    ... on RunNotFoundError { message }
    ... on PythonError { message }
  }
}
"""

RUN_EVENTS_QUERY = """
query RunEvents($runId: ID!, $cursor: String, $limit: Int) {
  runOrError(runId: $runId) {
    __typename
    ... on Run {
      eventConnection(afterCursor: $cursor, limit: $limit) {
        cursor hasMore
        events {
          __typename
          ... on MessageEvent { message level }
          ... on AssetCheckEvaluationEvent { stepKey evaluation {
            checkName success severity assetKey { path } metadataEntries { ...Meta } } }
          ... on MaterializationEvent { stepKey assetKey { path } metadataEntries { ...Meta } }
          ... on ExecutionStepFailureEvent { stepKey error { message } }
        }
      }
    }
  }
}
""" + _METADATA_FRAGMENT

_INSTIGATION_STATE = "id selectorId name status instigationType"

SCHEDULE_QUERY = """
query Schedule($selector: ScheduleSelector!) {
  scheduleOrError(scheduleSelector: $selector) {
    __typename
    ... on Schedule { name cronSchedule executionTimezone pipelineName description
                      scheduleState { %s } }
    ... on ScheduleNotFoundError { message }
    ... on PythonError { message }
  }
}
""" % _INSTIGATION_STATE

SENSOR_QUERY = """
query Sensor($selector: SensorSelector!) {
  sensorOrError(sensorSelector: $selector) {
    __typename
    ... on Sensor { name jobOriginId minIntervalSeconds description targets { pipelineName }
                    sensorState { %s } }
    ... on SensorNotFoundError { message }
    ... on PythonError { message }
  }
}
""" % _INSTIGATION_STATE

START_SCHEDULE_MUTATION = """
mutation StartSchedule($selector: ScheduleSelector!) {
  startSchedule(scheduleSelector: $selector) {
    __typename
    ... on ScheduleStateResult { scheduleState { %s } }
    ... on PythonError { message }
    ... on UnauthorizedError { message }
    ... on ScheduleNotFoundError { message }
  }
}
""" % _INSTIGATION_STATE

STOP_SCHEDULE_MUTATION = """
mutation StopSchedule($id: String) {
  stopRunningSchedule(id: $id) {
    __typename
    ... on ScheduleStateResult { scheduleState { %s } }
    ... on PythonError { message }
    ... on UnauthorizedError { message }
  }
}
""" % _INSTIGATION_STATE

START_SENSOR_MUTATION = """
mutation StartSensor($selector: SensorSelector!) {
  startSensor(sensorSelector: $selector) {
    __typename
    ... on Sensor { name sensorState { %s } }
    ... on PythonError { message }
    ... on UnauthorizedError { message }
    ... on SensorNotFoundError { message }
  }
}
""" % _INSTIGATION_STATE

STOP_SENSOR_MUTATION = """
mutation StopSensor($id: String) {
  stopSensor(id: $id) {
    __typename
    ... on StopSensorMutationResult { instigationState { %s } }
    ... on PythonError { message }
    ... on UnauthorizedError { message }
  }
}
""" % _INSTIGATION_STATE


# --------------------------------------------------------------------------- helpers
def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free on ``host`` a moment ago (bind to 0, read it back, release it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def metadata_by_label(entries: list[dict]) -> dict[str, dict]:
    """GraphQL ``metadataEntries`` keyed by label."""
    return {e["label"]: e for e in entries}


class GraphQLError(RuntimeError):
    """The server answered with GraphQL errors or an unexpected union member."""


@dataclass
class GraphQL:
    """A minimal client for the webserver's ``/graphql`` endpoint (loopback only)."""

    url: str
    timeout: float = 60.0

    def __post_init__(self) -> None:
        host = urlparse(self.url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"refusing non-loopback GraphQL endpoint {self.url}")
        self._session = requests.Session()
        self._session.trust_env = False  # never route loopback traffic through a proxy

    def __call__(self, query: str, variables: dict | None = None) -> dict[str, Any]:
        """POST ``query`` and return its ``data``; raise :class:`GraphQLError` on ``errors``."""
        resp = self._session.post(self.url, json={"query": query, "variables": variables or {}},
                                  timeout=self.timeout)
        resp.raise_for_status()
        body = resp.json()
        if body.get("errors"):
            raise GraphQLError(json.dumps(body["errors"], ensure_ascii=False)[:4000])
        return body["data"]

    def get(self, path: str, timeout: float = 5.0) -> requests.Response:
        """GET ``path`` on the same server (e.g. ``/server_info``)."""
        base = self.url.rsplit("/graphql", 1)[0]
        return self._session.get(base + path, timeout=timeout)

    # -- workspace ---------------------------------------------------------
    def location_status(self) -> dict[str, str]:
        """``{location name: loadStatus}`` (``LOADING`` / ``LOADED``)."""
        data = self(LOCATION_STATUS_QUERY)["locationStatusesOrError"]
        return {e["name"]: e["loadStatus"] for e in data.get("entries", [])}

    def location_errors(self) -> list[str]:
        """Python errors of code locations that failed to load."""
        ws = self(LOCATION_STATUS_QUERY)["workspaceOrError"]
        out = []
        for entry in ws.get("locationEntries", []):
            err = entry.get("locationOrLoadError") or {}
            if err.get("__typename") == "PythonError":
                out.append(f"{entry['name']}: {err['message']}\n{''.join(err.get('stack') or [])[-3000:]}")
        return out

    def instance(self) -> dict:
        """Dagster version, run queue configuration and daemon health, as the *Deployment* page shows them."""
        return self(INSTANCE_QUERY)

    def repository(self, job_name: str | None = None) -> tuple[str, str]:
        """``(location name, repository name)`` of the (only, or the one holding ``job_name``) repository."""
        data = self(REPOSITORIES_QUERY)["repositoriesOrError"]
        if data["__typename"] != "RepositoryConnection":
            raise GraphQLError(str(data))
        nodes = [n for n in data["nodes"] if job_name is None or job_name in {j["name"] for j in n["jobs"]}]
        if not nodes:
            raise GraphQLError(f"no repository with job {job_name!r}: {data}")
        return nodes[0]["location"]["name"], nodes[0]["name"]

    # -- runs --------------------------------------------------------------
    def launch_job(self, location: str, repository: str, job: str, tags: dict[str, str] | None = None) -> str:
        """Launch ``job`` as the UI's *Materialize all* does (``launchRun``); return the run id."""
        params = {
            "selector": {"repositoryLocationName": location, "repositoryName": repository, "jobName": job},
            "runConfigData": {},
            "mode": "default",
            "executionMetadata": {"tags": [{"key": k, "value": v} for k, v in (tags or {}).items()]},
        }
        res = self(LAUNCH_RUN_MUTATION, {"executionParams": params})["launchRun"]
        if res["__typename"] != "LaunchRunSuccess":
            raise GraphQLError(f"launchRun failed: {res}")
        return res["run"]["runId"]

    def run(self, run_id: str) -> dict:
        """The run's status, selection and step stats."""
        res = self(RUN_QUERY, {"runId": run_id})["runOrError"]
        if res["__typename"] != "Run":
            raise GraphQLError(str(res))
        return res

    def wait_for_run(self, run_id: str, timeout: float, poll: float = 2.0,
                     alive: Callable[[], None] | None = None) -> dict:
        """Poll until the run reaches SUCCESS / FAILURE / CANCELED; raise ``TimeoutError`` otherwise."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            last = self.run(run_id)
            if last["status"] in TERMINAL_RUN_STATES:
                return last
            if alive is not None:
                alive()
            time.sleep(poll)
        raise TimeoutError(f"run {run_id} not finished after {timeout:.0f}s (last status {last and last['status']})")

    def run_events(self, run_id: str, page: int = 1000, max_pages: int = 200) -> list[dict]:
        """Every event of the run (paged through ``eventConnection``)."""
        events, cursor = [], None
        for _ in range(max_pages):
            conn = self(RUN_EVENTS_QUERY, {"runId": run_id, "cursor": cursor, "limit": page})["runOrError"][
                "eventConnection"]
            events += conn["events"]
            cursor = conn["cursor"]
            if not conn["hasMore"]:
                return events
        raise GraphQLError(f"run {run_id}: more than {page * max_pages} events")

    def check_evaluations(self, run_id: str) -> list[dict]:
        """The run's asset check evaluations: ``{asset, check, success, severity, metadata}``."""
        out = []
        for ev in self.run_events(run_id):
            if ev["__typename"] == "AssetCheckEvaluationEvent":
                e = ev["evaluation"]
                out.append({"asset": "/".join(e["assetKey"]["path"]), "check": e["checkName"],
                            "success": e["success"], "severity": e["severity"],
                            "metadata": metadata_by_label(e["metadataEntries"])})
        return out

    # -- assets ------------------------------------------------------------
    def asset_nodes(self) -> dict[str, dict]:
        """Asset definitions with group, description, owners, kinds, checks and last materializations."""
        return {"/".join(n["assetKey"]["path"]): n for n in self(ASSET_NODES_QUERY)["assetNodes"]}

    # -- schedules and sensors --------------------------------------------
    def schedule(self, location: str, repository: str, name: str) -> dict:
        """The schedule definition and its instigation state."""
        sel = {"repositoryLocationName": location, "repositoryName": repository, "scheduleName": name}
        res = self(SCHEDULE_QUERY, {"selector": sel})["scheduleOrError"]
        if res["__typename"] != "Schedule":
            raise GraphQLError(str(res))
        return res

    def start_schedule(self, location: str, repository: str, name: str) -> dict:
        """``startSchedule``; returns the new instigation state."""
        sel = {"repositoryLocationName": location, "repositoryName": repository, "scheduleName": name}
        res = self(START_SCHEDULE_MUTATION, {"selector": sel})["startSchedule"]
        if res["__typename"] != "ScheduleStateResult":
            raise GraphQLError(str(res))
        return res["scheduleState"]

    def stop_schedule(self, state_id: str) -> dict:
        """``stopRunningSchedule`` by instigation state id; returns the new state."""
        res = self(STOP_SCHEDULE_MUTATION, {"id": state_id})["stopRunningSchedule"]
        if res["__typename"] != "ScheduleStateResult":
            raise GraphQLError(str(res))
        return res["scheduleState"]

    def sensor(self, location: str, repository: str, name: str) -> dict:
        """The sensor definition and its instigation state."""
        sel = {"repositoryLocationName": location, "repositoryName": repository, "sensorName": name}
        res = self(SENSOR_QUERY, {"selector": sel})["sensorOrError"]
        if res["__typename"] != "Sensor":
            raise GraphQLError(str(res))
        return res

    def start_sensor(self, location: str, repository: str, name: str) -> dict:
        """``startSensor``; returns the new instigation state."""
        sel = {"repositoryLocationName": location, "repositoryName": repository, "sensorName": name}
        res = self(START_SENSOR_MUTATION, {"selector": sel})["startSensor"]
        if res["__typename"] != "Sensor":
            raise GraphQLError(str(res))
        return res["sensorState"]

    def stop_sensor(self, state_id: str) -> dict:
        """``stopSensor`` by instigation state id; returns the new state."""
        res = self(STOP_SENSOR_MUTATION, {"id": state_id})["stopSensor"]
        if res["__typename"] != "StopSensorMutationResult":
            raise GraphQLError(str(res))
        return res["instigationState"]


class DagsterDev:
    """``dagster dev -w workspace.yaml`` in its own process group, on 127.0.0.1 and a free port.

    ``env`` is added to the current environment. Output goes to ``log_path``. Leaving the
    context interrupts the whole group (as Ctrl-C would), then kills whatever is left.
    """

    def __init__(self, cwd: Path, env: dict[str, str], log_path: Path, workspace: str = "workspace.yaml",
                 port: int | None = None, startup_timeout: float = 240.0) -> None:
        self.cwd = Path(cwd)
        self.env = {**os.environ, **env}
        self.log_path = Path(log_path)
        self.workspace = workspace
        self.port = port or free_port()
        self.startup_timeout = startup_timeout
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = GraphQL(self.url + "/graphql")
        self.proc: subprocess.Popen | None = None
        self._log = None

    # -- lifecycle ---------------------------------------------------------
    def start(self) -> "DagsterDev":
        """Spawn ``dagster dev`` and block until the webserver answers and the code location is loaded."""
        self._log = self.log_path.open("wb")
        cmd = [sys.executable, "-m", "dagster", "dev", "-w", self.workspace, "-h", "127.0.0.1", "-p", str(self.port)]
        self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        self.wait_ready()
        return self

    def assert_alive(self) -> None:
        """Raise if ``dagster dev`` has exited (with the tail of its log)."""
        if self.proc is not None and self.proc.poll() is not None:
            raise RuntimeError(f"dagster dev exited with {self.proc.returncode}:\n{self.log_tail()}")

    def wait_ready(self) -> None:
        """Wait for ``/server_info`` and for every code location to report ``LOADED`` without error."""
        deadline = time.monotonic() + self.startup_timeout
        last_exc: Exception | None = None
        while time.monotonic() < deadline:
            self.assert_alive()
            try:
                if self.client.get("/server_info").ok:
                    status = self.client.location_status()
                    if status and all(s == "LOADED" for s in status.values()):
                        errors = self.client.location_errors()
                        if errors:
                            raise RuntimeError("code location failed to load:\n" + "\n".join(errors))
                        return
            except (requests.RequestException, GraphQLError) as exc:
                last_exc = exc
            time.sleep(1.0)
        raise TimeoutError(f"dagster dev not ready after {self.startup_timeout:.0f}s ({last_exc}):\n{self.log_tail()}")

    def log_tail(self, chars: int = 6000) -> str:
        """The end of the server log."""
        if self._log:
            self._log.flush()
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, grace: float = 30.0) -> None:
        """SIGINT the process group, wait up to ``grace`` seconds, then SIGKILL the group and any stray child."""
        if self.proc is None:
            return
        try:
            import psutil  # dev dependency; also catches children that left the group
            try:
                family = psutil.Process(self.proc.pid).children(recursive=True)
            except psutil.Error:
                family = []
        except ImportError:  # pragma: no cover
            psutil, family = None, []
        pgid = self.proc.pid  # start_new_session: the group id is the leader's pid
        _signal_group(pgid, signal.SIGINT)
        try:
            self.proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            pass
        _signal_group(pgid, signal.SIGKILL)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        if psutil is not None and family:
            for child in family:
                try:
                    child.kill()  # psutil checks pid + creation time, so a reused pid is never hit
                except psutil.Error:
                    pass
            psutil.wait_procs(family, timeout=10)
        if self._log:
            self._log.close()
            self._log = None
        self.proc = None

    def __enter__(self) -> "DagsterDev":
        try:
            return self.start()
        except BaseException:
            self.stop(grace=5)
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except (ProcessLookupError, PermissionError):
        pass
