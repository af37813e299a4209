"""A deepchecks-like leakage workload in pandas + scikit-learn, for a speed reference.

deepchecks itself cannot be installed on the build machine (no PyPI), so this script re-implements
the algorithms of its train-test leakage checks with their defaults on data of the same shape as
LeakageAuditBench (1,000,000 train + 200,000 test rows x 30 columns):

- TrainTestSamplesMix: hash every row (pandas.util.hash_pandas_object), count test rows in train.
- ConflictingLabels: group by all features, count groups with more than one label.
- FeatureLabelCorrelation / IdentifierLabelCorrelation (predictive power score): per feature a
  depth-limited decision tree, 4-fold cross-validated, on a 5,000-row sample (ppscore's default).
- NewCategory, NewLabel, StringMismatch: set differences on the categorical columns.
- DateTrainTestLeakageOverlap: share of test dates before the last train date.

Run: /usr/bin/python3 vigil-bench/src/main/python/deepchecks_like_leakage.py 1000000 200000
"""
import sys
import time

import numpy as np
import pandas as pd
from sklearn.model_selection import cross_val_score
from sklearn.tree import DecisionTreeClassifier


def make(n, offset, rng):
    d = {
        "event_time": pd.to_datetime(1_704_067_200 + (offset + np.arange(n)) * 600, unit="s"),
        "patient": ["P%07d" % ((offset + i) // 2) for i in range(n)],
        "site": rng.choice(["north", "south", "east", "west"], n),
        "city": rng.choice(["New York", "Boston", "Chicago", "San Diego"], n),
        "cat": rng.choice(list("ABCDE"), n),
        "flag": rng.random(n) < 0.5,
        "visits": rng.integers(0, 10, n),
    }
    for j in range(4):
        d["x%d" % j] = rng.normal(size=n)
    d["lab_value"] = np.round(rng.normal(size=n) * 10, 1)
    d["lab_time"] = d["event_time"] - pd.Timedelta(hours=1)
    for j in range(16):
        d["g%d" % j] = np.round(rng.normal(size=n), 4)
    d["y"] = (rng.random(n) < 1 / (1 + np.exp(-(-0.85 + 0.9 * d["x0"])))).astype(int)
    return pd.DataFrame(d)


def main():
    ntr = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    nte = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    rng = np.random.default_rng(42)
    train, test = make(ntr, 0, rng), make(nte, ntr, rng)
    feats = [c for c in train.columns if c not in ("y", "event_time", "lab_time", "patient")]
    times = {}

    t = time.perf_counter()
    norm = lambda df: df[feats].apply(lambda s: s.str.lower().str.strip() if s.dtype == object else s)
    ht = set(pd.util.hash_pandas_object(norm(train), index=False).values)
    hs = pd.util.hash_pandas_object(norm(test), index=False).values
    dup = sum(1 for h in hs if h in ht)
    times["samples mix (duplicates)"] = time.perf_counter() - t

    t = time.perf_counter()
    g = train.groupby(feats, sort=False)["y"].nunique()
    conflicts = int((g > 1).sum())
    times["conflicting labels"] = time.perf_counter() - t

    t = time.perf_counter()
    sample = train.sample(5_000, random_state=0)
    pps = {}
    for c in feats + ["patient"]:
        x = sample[[c]]
        if x[c].dtype == object or x[c].dtype == bool:
            x = pd.DataFrame({c: pd.factorize(x[c])[0]})
        pps[c] = cross_val_score(DecisionTreeClassifier(max_depth=None, random_state=0), x, sample["y"], cv=4,
                                 scoring="f1_weighted").mean()
    times["feature/identifier-label correlation (PPS, 5k sample)"] = time.perf_counter() - t

    t = time.perf_counter()
    for c in ["site", "city", "cat"]:
        set(test[c]) - set(train[c])
        set(test[c].str.lower().str.replace(r"[^a-z0-9]", "", regex=True)) - set(train[c].str.lower())
    set(test["y"]) - set(train["y"])
    times["new category, new label, string mismatch"] = time.perf_counter() - t

    t = time.perf_counter()
    (test["event_time"] < train["event_time"].max()).mean()
    times["date overlap"] = time.perf_counter() - t

    total = sum(times.values())
    print("deepchecks-like workload on %d + %d rows x %d columns: %.2f s (duplicates %d, conflicts %d)"
          % (ntr, nte, train.shape[1], total, dup, conflicts))
    for k, v in times.items():
        print("  %-55s %7.2f s" % (k, v))


if __name__ == "__main__":
    main()
