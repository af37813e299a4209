#!/usr/bin/python3
"""Peer timing for DriftBench: SciPy ks_2samp and wasserstein_distance, one column at a time,
rows x rows per column, seeded standard normals (current shifted by 0.01). Best of reps.

/usr/bin/python3 vigil-bench/drift_scipy.py 1000000 20 3
"""
import sys, time
import numpy as np
from scipy import stats

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
cols = int(sys.argv[2]) if len(sys.argv) > 2 else 20
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
rng = np.random.default_rng(42)
ref = [rng.standard_normal(rows) for _ in range(cols)]
cur = [rng.standard_normal(rows) + 0.01 for _ in range(cols)]
for name, f in [("ks", lambda a, b: stats.ks_2samp(a, b).statistic), ("wasserstein", stats.wasserstein_distance)]:
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        out = [f(ref[c], cur[c]) for c in range(cols)]
        best = min(best, time.perf_counter() - t0)
    print(f"{name} rows={rows} cols={cols} best={best:.3f} s (first column statistic {out[0]:.6g})")
