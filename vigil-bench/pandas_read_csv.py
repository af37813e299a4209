"""Peer measurement for CsvReadBench: pandas.read_csv on the same file (run by hand, never by CI).

Usage: taskset -c 0 python3 vigil-bench/pandas_read_csv.py FILE [runs]
"""
import os
import sys
import time

import pandas as pd

path = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
mb = os.path.getsize(path) / 1e6
pd.read_csv(path)  # warm-up, as the Java side does
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    df = pd.read_csv(path)
    times.append(time.perf_counter() - t0)
best = min(times)
mean = sum(times) / len(times)
print(f"pandas {pd.__version__}: best {best:.3f} s ({mb / best:.1f} MB/s), mean {mean:.3f} s ({mb / mean:.1f} MB/s) over {runs} runs")
print(f"frame memory {df.memory_usage(deep=True).sum() / 1e6:.1f} MB for {df.shape}")
