#!/usr/bin/python3
"""pandas peer of QualityBench profile: describe() + value_counts() + nunique() on the same CSV.

Usage: /usr/bin/python3 vigil-bench/pandas_profile.py FILE.csv REPS  (the read is not timed)
"""
import sys
import time
import pandas as pd

df = pd.read_csv(sys.argv[1], dtype={f"c{i}": "category" for i in range(6)})
best = float("inf")
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    df.describe(include="all")
    for c in df.columns:
        df[c].value_counts()
    df.nunique()
    best = min(best, time.perf_counter() - t0)
print(f"pandas {pd.__version__} describe+value_counts+nunique {len(df)} x {len(df.columns)}: best {best:.3f} s")
