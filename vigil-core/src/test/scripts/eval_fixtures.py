"""Reference values for dev.vigil.eval from scikit-learn (run with Debian's /usr/bin/python3).

Writes src/test/resources/eval/*.csv. Never run by CI; the Java tests read the committed output.
"""
import csv
import os

import numpy as np
from sklearn.feature_selection import mutual_info_classif, mutual_info_regression
from sklearn.metrics import brier_score_loss, log_loss, mutual_info_score, roc_auc_score

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "eval")
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(20261129)

# Binary cases: scores with heavy ties, continuous scores, probabilities.
with open(os.path.join(OUT, "binary_cases.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "labels", "scores", "roc_auc", "log_loss", "brier"])
    for case in range(12):
        n = int(rng.integers(5, 60))
        y = rng.integers(0, 2, n)
        y[0], y[1] = 0, 1
        if case % 3 == 0:
            s = rng.integers(0, 4, n).astype(float) / 4  # heavy ties
        elif case % 3 == 1:
            s = np.round(rng.random(n), 2)
        else:
            s = 1 / (1 + np.exp(-(rng.normal(size=n) + y)))
        w.writerow([case, " ".join(map(str, y)), " ".join(repr(float(v)) for v in s),
                    repr(roc_auc_score(y, s)), repr(log_loss(y, s, labels=[0, 1])),
                    repr(brier_score_loss(y, s))])

# Discrete-discrete MI.
with open(os.path.join(OUT, "mi_discrete.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "x", "y", "mi"])
    for case in range(8):
        n = int(rng.integers(10, 200))
        x = rng.integers(0, 1 + case, n)
        y = (x + rng.integers(0, 3, n)) % 3 if case % 2 else rng.integers(0, 3, n)
        w.writerow([case, " ".join(map(str, x)), " ".join(map(str, y)), repr(mutual_info_score(x, y))])

# Continuous feature, discrete target (tie-free continuous values).
with open(os.path.join(OUT, "mi_classif.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "x", "y", "k", "mi"])
    for case in range(8):
        n = int(rng.integers(20, 300))
        y = rng.integers(0, 2 + case % 3, n)
        x = rng.normal(size=n) + (case % 4) * 0.5 * y
        k = [3, 1, 5][case % 3]
        mi = mutual_info_classif(x.reshape(-1, 1), y, discrete_features=False, n_neighbors=k, random_state=0)[0]
        w.writerow([case, " ".join(repr(float(v)) for v in x), " ".join(map(str, y)), k, repr(float(mi))])

# Continuous feature, continuous target.
with open(os.path.join(OUT, "mi_regression.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["case", "x", "y", "k", "mi"])
    for case in range(6):
        n = int(rng.integers(20, 250))
        x = rng.normal(size=n) * (1 + case)
        y = case * 0.4 * x + rng.normal(size=n) * 3
        k = [3, 1, 5][case % 3]
        mi = mutual_info_regression(x.reshape(-1, 1), y, n_neighbors=k, random_state=0)[0]
        w.writerow([case, " ".join(repr(float(v)) for v in x), " ".join(repr(float(v)) for v in y), k, repr(float(mi))])
