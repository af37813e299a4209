"""Reference values for the canary's score-drift gate (RouterCanaryGatesTest).

Writes src/test/resources/serving/canary_drift_scores.csv (per case, the champion's and the canary's
score on each request) and canary_drift_expected.csv (SciPy's two-sample Kolmogorov-Smirnov
statistic and p-value, method="auto" as Vigil's default, and NumPy's mean |difference|).

Run from vigil-core/:  /usr/bin/python3 src/test/python/canary_drift_reference.py
(never run by CI; the outputs are committed).
"""
import csv
import pathlib

import numpy as np
import scipy
from scipy import stats

out = pathlib.Path(__file__).resolve().parents[1] / "resources" / "serving"
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(20261129)
n = 300

cases = {}
# a canary whose scores shift upwards: should fail a p-value gate of 0.01
champion = rng.beta(2.0, 5.0, n)
cases["shift"] = (champion, rng.beta(2.8, 5.0, n))
# scores on a coarse grid (like a small tree ensemble): many ties in and across the samples
champion = np.round(rng.beta(2.0, 5.0, n) * 20) / 20
cases["ties"] = (champion, np.round(rng.beta(2.7, 5.0, n) * 20) / 20)
# the same distribution, independent rows: should pass
cases["same"] = (rng.beta(2.0, 5.0, n), rng.beta(2.0, 5.0, n))

with open(out / "canary_drift_scores.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["case", "row", "champion", "canary"])
    for name, (a, b) in cases.items():
        for i in range(n):
            w.writerow([name, i, repr(float(a[i])), repr(float(b[i]))])

with open(out / "canary_drift_expected.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["case", "ks_statistic", "ks_pvalue", "mean_abs_difference", "scipy"])
    for name, (a, b) in cases.items():
        r = stats.ks_2samp(a, b, alternative="two-sided", method="auto")
        w.writerow([name, repr(float(r.statistic)), repr(float(r.pvalue)), repr(float(np.mean(np.abs(a - b)))),
                    scipy.__version__])
