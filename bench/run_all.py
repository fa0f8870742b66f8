"""`make bench`: run every benchmark in turn and print its figures (see docs/benchmarks.md)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ["bench_throughput.py"],
    ["bench_baselines.py"],
    ["bench_pipeline.py", "--extract"],
    ["bench_dates.py"],
    ["bench_entities.py"],
    ["bench_facts.py"],
    # issue 9: fresh build, no-change refresh, +100 articles and size after 5 refreshes at 4k / 8k / the whole
    # corpus (17,697 records + 100), to show refresh cost flat in warehouse size (≈ 15 min together)
    ["bench_storage.py", "--docs", "4000"],
    ["bench_storage.py", "--docs", "8000", "--skip-seeds"],
    ["bench_storage.py", "--docs", "17697", "--skip-seeds"],
    ["bench_refresh.py", "--docs", "1000,4000"],
    ["bench_html.py"],
    ["bench_long_document.py"],
]

for args in BENCHES:
    script = HERE / args[0]
    if not script.exists():
        continue
    print(f"\n=== {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, str(script), *args[1:]], check=False)
