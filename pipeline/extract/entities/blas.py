"""One BLAS thread for the tagger's small matrix products.

The tagger decodes the CRF and runs its network with numpy (:mod:`.decode`, :mod:`.neural`): a few
products of a document's tokens (hundreds of rows) by 64-wide weights. numpy's OpenBLAS starts one
thread per core for them; its threads then busy-wait between calls, so one document stream burns a
second core for nothing — on the project's 2-core machine 32.5 CPU-seconds instead of 22.7 for the
same 2,000 documents (``bench/bench_pipeline.py --extract --limit 2000``), and in the process pool
each worker's spinning threads take CPU from the other worker. Khabar parallelises over documents
(one worker per core, :mod:`pipeline.steps.parallel`), never inside a product, so the extractor asks
for one BLAS thread. threadpoolctl sets it at run time through the BLAS library's own call, whatever
imported numpy first (the environment variable ``OPENBLAS_NUM_THREADS`` is read only when the library
loads).
"""

from __future__ import annotations

import os

__all__ = ["single_threaded_blas", "blas_threads"]

_DONE = False


def single_threaded_blas() -> None:
    """Limit every loaded BLAS library of this process to one thread (once per process; a no-op when
    ``KHABAR_BLAS_THREADS`` is set, which then gives the number)."""
    global _DONE
    if _DONE:
        return
    from threadpoolctl import threadpool_limits

    import numpy  # noqa: F401  (its BLAS must be loaded to be limited)

    value = os.environ.get("KHABAR_BLAS_THREADS")
    threadpool_limits(limits=int(value) if value else 1, user_api="blas")
    _DONE = True


def blas_threads() -> list[int]:
    """Threads of each loaded BLAS library (for tests and diagnostics)."""
    from threadpoolctl import threadpool_info

    return [int(i["num_threads"]) for i in threadpool_info() if i.get("user_api") == "blas"]
