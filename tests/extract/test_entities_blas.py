"""The tagger runs numpy's BLAS on one thread (pipeline/extract/entities/blas.py): its products are
small, and OpenBLAS's extra threads only busy-wait, taking a core from the other pool worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from pipeline.extract.entities.blas import blas_threads
import numpy
before = blas_threads()
from pipeline.extract.entities.tagger import load_tagger
load_tagger()
print(json.dumps({"before": before, "after": blas_threads()}))
"""


def _probe(env_extra: dict[str, str]) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                            "KHABAR_BLAS_THREADS")}
    env.update(env_extra)
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True, timeout=300)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_loading_the_tagger_leaves_one_blas_thread():
    # two threads at start on a multi-core machine (OpenBLAS's default is one per core), so the limit
    # is what makes it one; on a one-core machine both are one
    r = _probe({"OPENBLAS_NUM_THREADS": "2"})
    assert r["before"] and all(n == 2 for n in r["before"])
    assert r["after"] and all(n == 1 for n in r["after"])


def test_the_thread_count_can_be_set():
    r = _probe({"OPENBLAS_NUM_THREADS": "1", "KHABAR_BLAS_THREADS": "2"})
    assert all(n == 2 for n in r["after"])
