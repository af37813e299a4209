#!/usr/bin/python3
"""Reference moments and quantiles for ProfileReferenceTest, computed with NumPy and SciPy.

Run from vigil-core: /usr/bin/python3 src/test/scripts/profile_reference.py
Writes src/test/resources/fixtures/profile/{values.csv,reference.csv} (reference: column,stat,value). CI never runs this.
"""
import json
import numpy as np
from scipy import stats

rng = np.random.default_rng(20261129)
cols = {
    "normal": rng.normal(50.0, 12.0, 3000),
    "lognormal": rng.lognormal(0.0, 1.5, 3000),
    "shifted": 1e9 + rng.normal(0.0, 1e-3, 3000),  # catastrophic cancellation for naive variance
    "small": rng.integers(-20, 20, 3000).astype(float),
}
out = {"kll_rank_tolerance": 0.02, "quantile_ranks": [0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0], "columns": {}}
for name, v in cols.items():
    qs = {}
    for q in out["quantile_ranks"]:
        lo = max(0.0, q - out["kll_rank_tolerance"])
        hi = min(1.0, q + out["kll_rank_tolerance"])
        qs[str(q)] = {
            "exact": float(np.quantile(v, q, method="inverted_cdf")),
            "lower": float(np.quantile(v, lo, method="inverted_cdf")),
            "upper": float(np.quantile(v, hi, method="inverted_cdf")),
        }
    out["columns"][name] = {
        "count": int(v.size),
        "mean": float(np.mean(v)),
        "variance": float(np.var(v, ddof=1)),
        "std": float(np.std(v, ddof=1)),
        "min": float(np.min(v)),
        "max": float(np.max(v)),
        "skewness": float(stats.skew(v)),
        "distinct": int(np.unique(v).size),
        "quantiles": qs,
    }
with open("src/test/resources/fixtures/profile/values.csv", "w") as f:
    names = list(cols)
    f.write(",".join(names) + "\n")
    for i in range(3000):
        f.write(",".join(repr(float(cols[n][i])) for n in names) + "\n")
with open("src/test/resources/fixtures/profile/reference.csv", "w") as f:
    f.write("column,stat,value\n")
    for name, c in out["columns"].items():
        for k in ["count", "mean", "variance", "std", "min", "max", "skewness", "distinct"]:
            f.write(f"{name},{k},{c[k]!r}\n")
        for q, b in c["quantiles"].items():
            for k in ["exact", "lower", "upper"]:
                f.write(f"{name},q{q}_{k},{b[k]!r}\n")
