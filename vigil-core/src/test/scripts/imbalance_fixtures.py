"""Reference outputs of imbalanced-learn 0.10 (Debian python3-imblearn) and scikit-learn 1.2 for
Vigil's imbalance tests. Run with /usr/bin/python3 from vigil-core/; writes CSV/JSON under
src/test/resources/imbalance/. CI never runs this; the outputs are committed."""
import json
import numpy as np
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors
from sklearn.utils.class_weight import compute_class_weight
from imblearn.under_sampling import (TomekLinks, EditedNearestNeighbours, RepeatedEditedNearestNeighbours,
                                     AllKNN, NearMiss, CondensedNearestNeighbour, OneSidedSelection,
                                     NeighbourhoodCleaningRule)
from imblearn.utils import check_sampling_strategy
import imblearn, sklearn

OUT = "src/test/resources/imbalance/"

def dataset(name, n, weights, n_classes=2, seed=0, n_features=4):
    X, y = make_classification(n_samples=n, n_features=n_features, n_informative=3, n_redundant=1,
                               n_classes=n_classes, n_clusters_per_class=1, weights=weights,
                               class_sep=0.8, flip_y=0.05, random_state=seed)
    with open(OUT + name + ".csv", "w") as f:
        f.write(",".join("x%d" % j for j in range(X.shape[1])) + ",y\n")
        for row, label in zip(X, y):
            f.write(",".join(repr(float(v)) for v in row) + ",%d\n" % label)
    return X, y

out = {"imblearn": imblearn.__version__, "sklearn": sklearn.__version__, "cases": []}
datasets = {
    "binary": dataset("binary", 300, [0.85, 0.15], seed=1),
    "multi": dataset("multi", 400, [0.6, 0.3, 0.1], n_classes=3, seed=2),
}
cases = [
    ("tomek", lambda: TomekLinks(), {}),
    ("tomek", lambda: TomekLinks(sampling_strategy="all"), {"strategy": "all"}),
    ("enn", lambda: EditedNearestNeighbours(), {}),
    ("enn", lambda: EditedNearestNeighbours(kind_sel="mode", n_neighbors=5), {"kind_sel": "mode", "k": 5}),
    ("renn", lambda: RepeatedEditedNearestNeighbours(), {}),
    ("allknn", lambda: AllKNN(), {}),
    ("allknn", lambda: AllKNN(n_neighbors=5, kind_sel="mode", allow_minority=True),
     {"k": 5, "kind_sel": "mode", "allow_minority": True}),
    ("nearmiss-1", lambda: NearMiss(version=1), {}),
    ("nearmiss-2", lambda: NearMiss(version=2), {}),
    ("nearmiss-3", lambda: NearMiss(version=3), {}),
    ("nearmiss-1", lambda: NearMiss(version=1, sampling_strategy="all"), {"strategy": "all"}),
    ("cnn", lambda: CondensedNearestNeighbour(random_state=0), {"seed": 0}),
    ("oss", lambda: OneSidedSelection(random_state=0), {"seed": 0}),
    ("oss", lambda: OneSidedSelection(random_state=7, n_seeds_S=3), {"seed": 7, "seeds_s": 3}),
    ("ncr", lambda: NeighbourhoodCleaningRule(), {}),
]
for dname, (X, y) in datasets.items():
    for method, make, params in cases:
        if method == "ncr" and dname == "multi":
            continue  # 0.10 tests np.all(labels) instead of labels == minority (see package-info)
        s = make()
        s.fit_resample(X, y)
        out["cases"].append({"data": dname, "method": method, "params": params,
                             "sample_indices": [int(i) for i in s.sample_indices_]})

# sampling strategies
strat = []
ys = {"binary": np.array([0] * 90 + [1] * 10), "multi": np.array([0] * 50 + [1] * 30 + [2] * 20 + [3] * 30)}
for yname, yy in ys.items():
    for kind in ["over-sampling", "under-sampling", "clean-sampling"]:
        specs = ["auto", "minority", "majority", "not minority", "not majority", "all", 0.5, 0.2, 1.0,
                 {0: 95} if yname == "binary" else {0: 50, 2: 40}, {1: 5} if yname == "binary" else {1: 10},
                 [0, 1]]
        for spec in specs:
            try:
                r = check_sampling_strategy(spec, yy, kind)
                res = {"ok": {str(k): int(v) for k, v in r.items()}}
            except ValueError:
                res = {"error": True}
            strat.append({"y": yname, "kind": kind,
                          "spec": spec if not isinstance(spec, dict) else {str(k): v for k, v in spec.items()},
                          **res})
out["strategies"] = strat
out["class_counts"] = {k: [int((v == c).sum()) for c in np.unique(v)] for k, v in ys.items()}

# class weights
cw = []
for yy in [np.array([0] * 90 + [1] * 10), np.array([0] * 50 + [1] * 30 + [2] * 20 + [3] * 7)]:
    cw.append({"counts": [int((yy == c).sum()) for c in np.unique(yy)],
               "balanced": [float(v) for v in compute_class_weight("balanced", classes=np.unique(yy), y=yy)]})
out["class_weights"] = cw

# k-NN reference distances and indices (self excluded) on the binary data
X, y = datasets["binary"]
nn = NearestNeighbors(n_neighbors=6).fit(X)
d, i = nn.kneighbors(X)
out["knn"] = {"k": 5, "indices": i[:, 1:].tolist(), "distances": d[:, 1:].tolist()}
nn = NearestNeighbors(n_neighbors=6, metric="manhattan").fit(X)
d, i = nn.kneighbors(X)
out["knn_manhattan"] = {"k": 5, "indices": i[:, 1:].tolist(), "distances": d[:, 1:].tolist()}

# numpy RandomState randint stream
rs = np.random.RandomState(12345)
out["randint"] = {"seed": 12345, "high": [7, 1000, 3, 65536], "values": [int(rs.randint(0, h)) for h in [7, 1000, 3, 65536] for _ in range(5)]}

# metrics on a fixed random prediction
from sklearn.metrics import (balanced_accuracy_score, matthews_corrcoef, roc_auc_score,
                             average_precision_score, precision_recall_fscore_support)
from imblearn.metrics import geometric_mean_score, specificity_score, make_index_balanced_accuracy
rs = np.random.RandomState(3)
yt = rs.choice(3, size=200, p=[0.7, 0.2, 0.1])
sc = rs.dirichlet([1, 1, 1], size=200) + np.eye(3)[yt] * 0.3
sc = sc / sc.sum(axis=1, keepdims=True)
yp = sc.argmax(axis=1)
pr, rc, f1, sup = precision_recall_fscore_support(yt, yp, zero_division=0)
iba = make_index_balanced_accuracy(alpha=0.1, squared=True)(geometric_mean_score)
out["metrics"] = {
    "y": yt.tolist(), "pred": yp.tolist(), "scores": sc.tolist(),
    "precision": pr.tolist(), "recall": rc.tolist(), "f1": f1.tolist(),
    "specificity": specificity_score(yt, yp, average=None).tolist(),
    "gmean": geometric_mean_score(yt, yp, average=None).tolist(),
    "iba": iba(yt, yp, average=None).tolist(),
    "balanced_accuracy": balanced_accuracy_score(yt, yp), "mcc": matthews_corrcoef(yt, yp),
    "roc_auc": [roc_auc_score(yt == c, sc[:, c]) for c in range(3)],
    "ap": [average_precision_score(yt == c, sc[:, c]) for c in range(3)],
}

with open(OUT + "imblearn_reference.json", "w") as f:
    json.dump(out, f)
