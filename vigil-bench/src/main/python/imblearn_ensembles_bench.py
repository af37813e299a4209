"""imbalanced-learn side of EnsembleBench: the same CSV, the first 80 % of rows train and the last
20 % score; each ensemble with imbalanced-learn 0.10's defaults (random_state=0, n_jobs=N_JOBS) is
fitted once after a warm-up fit with 2 estimators; prints ensemble,train_s,balanced_accuracy,minority_recall.
Data: see imblearn_bench.py's header (/tmp/imbbench/mc100k.csv).
Usage: /usr/bin/python3 imblearn_ensembles_bench.py FILE LABEL N_JOBS ENSEMBLE..."""
import sys, time
import numpy as np
import pandas as pd
from sklearn.metrics import balanced_accuracy_score, recall_score
from imblearn.ensemble import (BalancedRandomForestClassifier, BalancedBaggingClassifier,
                               EasyEnsembleClassifier, RUSBoostClassifier)

df = pd.read_csv(sys.argv[1])
label = sys.argv[2]
jobs = int(sys.argv[3])
y = df[label].to_numpy()
X = df.drop(columns=[label]).to_numpy()
cut = int(len(y) * 0.8)
Xtr, ytr, Xte, yte = X[:cut], y[:cut], X[cut:], y[cut:]
vals, counts = np.unique(ytr, return_counts=True)
minority = vals[np.argmin(counts)]
MAKE = {
    # imblearn 0.10 warns that these defaults change in 0.13; pin today's defaults explicitly
    "balanced-rf": lambda n: BalancedRandomForestClassifier(n_estimators=n, random_state=0, n_jobs=jobs,
                                                            sampling_strategy="auto", replacement=False, bootstrap=True),
    "balanced-bagging": lambda n: BalancedBaggingClassifier(n_estimators=n, random_state=0, n_jobs=jobs),
    "easy-ensemble": lambda n: EasyEnsembleClassifier(n_estimators=n, random_state=0, n_jobs=jobs),
    "rusboost": lambda n: RUSBoostClassifier(n_estimators=n, random_state=0),
}
DEFAULT_N = {"balanced-rf": 100, "balanced-bagging": 10, "easy-ensemble": 10, "rusboost": 50}
print("ensemble,train_s,balanced_accuracy,minority_recall")
for m in sys.argv[4:]:
    MAKE[m](2).fit(Xtr, ytr)
    t0 = time.perf_counter()
    clf = MAKE[m](DEFAULT_N[m]).fit(Xtr, ytr)
    secs = time.perf_counter() - t0
    p = clf.predict(Xte)
    print("%s,%.3f,%.4f,%.4f" % (m, secs, balanced_accuracy_score(yte, p),
                                 recall_score(yte, p, labels=[minority], average="macro")), flush=True)
