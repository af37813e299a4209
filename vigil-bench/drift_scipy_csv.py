#!/usr/bin/python3
"""Peer of the whole command `vigil drift --method ks --reference REF --current CUR`: pandas reads
both CSV files, then SciPy's ks_2samp runs on every column (method auto). Prints the wall time.

/usr/bin/python3 vigil-bench/drift_scipy_csv.py REF.csv CUR.csv
"""
import sys, time
t0 = time.perf_counter()
import pandas as pd
from scipy import stats
ref = pd.read_csv(sys.argv[1])
cur = pd.read_csv(sys.argv[2])
res = {c: stats.ks_2samp(ref[c].dropna(), cur[c].dropna()) for c in ref.columns}
print(f"{len(res)} columns, {len(ref)} x {len(cur)} rows: {time.perf_counter() - t0:.2f} s")
