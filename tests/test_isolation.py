"""The suite never writes into the Dagster home it was started with (tests/conftest.py)."""

import os
from pathlib import Path

import pytest

from tests import conftest


@pytest.fixture(scope="module")
def home_seen_by_module_fixtures():
    return os.environ["DAGSTER_HOME"]


def test_module_fixtures_and_tests_use_a_home_of_the_test_process(home_seen_by_module_fixtures):
    started = conftest.STARTED_WITH_DAGSTER_HOME
    for home in (home_seen_by_module_fixtures, os.environ["DAGSTER_HOME"]):
        assert home != started
        assert (Path(home) / "dagster.yaml").is_file()
    assert Path(home_seen_by_module_fixtures).parent == conftest._PROCESS_HOME


def test_the_shared_seeds_build_ran_outside_the_users_home(seeds_build):
    wh, summary = seeds_build
    assert summary.success
    # its history is in the test process's home (a warehouse other than the configured one gets a sub-home)
    homes = list((conftest._PROCESS_HOME / "dagster_home" / "warehouses").glob(f"{Path(wh).stem}-*"))
    assert homes and all(any(h.rglob("*.db")) for h in homes)
