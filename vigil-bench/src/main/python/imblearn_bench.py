"""imbalanced-learn side of ImbalanceCommandBench: same CSV, same methods, best and median of REPEATS
wall times after one warm-up run (the warm-up is skipped for methods slower than 60 s), and cpu_s,
the least process CPU time (all threads, OpenBLAS included) over the timed runs.
Usage: /usr/bin/python3 imblearn_bench.py FILE LABEL REPEATS METHOD..."""
import sys, time
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTE, ADASYN, BorderlineSMOTE, RandomOverSampler
from imblearn.under_sampling import (TomekLinks, EditedNearestNeighbours, NearMiss, ClusterCentroids,
                                     RandomUnderSampler, RepeatedEditedNearestNeighbours, AllKNN,
                                     NeighbourhoodCleaningRule, OneSidedSelection)
from imblearn.combine import SMOTEENN, SMOTETomek

MAKE = {
    "smote": lambda: SMOTE(random_state=0), "adasyn": lambda: ADASYN(random_state=0),
    "borderline-smote-1": lambda: BorderlineSMOTE(random_state=0),
    "random-over": lambda: RandomOverSampler(random_state=0), "random-under": lambda: RandomUnderSampler(random_state=0),
    "tomek": TomekLinks, "enn": EditedNearestNeighbours, "renn": RepeatedEditedNearestNeighbours, "allknn": AllKNN,
    "ncr": NeighbourhoodCleaningRule, "oss": lambda: OneSidedSelection(random_state=0),
    "nearmiss-1": lambda: NearMiss(version=1), "nearmiss-2": lambda: NearMiss(version=2),
    "nearmiss-3": lambda: NearMiss(version=3),
    "cluster-centroids": lambda: ClusterCentroids(random_state=0),
    "smote-enn": lambda: SMOTEENN(random_state=0), "smote-tomek": lambda: SMOTETomek(random_state=0),
}

df = pd.read_csv(sys.argv[1])
label = sys.argv[2]
repeats = int(sys.argv[3])
y = df[label].to_numpy()
X = df.drop(columns=[label]).to_numpy()
print("method,best_s,median_s,rows_out,cpu_s")
for m in sys.argv[4:]:
    times = []
    t0 = time.perf_counter()
    c0 = time.process_time()
    Xr, yr = MAKE[m]().fit_resample(X, y)
    first = time.perf_counter() - t0
    cpus = [time.process_time() - c0]
    if first > 60:
        times = [first]
    else:
        cpus = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            c0 = time.process_time()
            Xr, yr = MAKE[m]().fit_resample(X, y)
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
    times.sort()
    print("%s,%.3f,%.3f,%d,%.3f" % (m, times[0], times[len(times) // 2], len(yr), min(cpus)), flush=True)
