"""Reference support vectors of scikit-learn's SVC() (libsvm, RBF kernel, C=1, gamma='scale',
tol=1e-3, shrinking on) for Vigil's kernel SVM behind SVM-SMOTE, on the committed fixtures
binary.csv and multi.csv. Run with /usr/bin/python3 from vigil-core/; writes
src/test/resources/imbalance/svc_reference.json. CI never runs this; the output is committed."""
import json
import numpy as np
import sklearn
from sklearn.svm import SVC
import imblearn
from imblearn.over_sampling import SVMSMOTE

OUT = "src/test/resources/imbalance/"

def load(name):
    d = np.loadtxt(OUT + name + ".csv", delimiter=",", skiprows=1)
    return d[:, :-1], d[:, -1].astype(int)

out = {"sklearn": sklearn.__version__, "imblearn": imblearn.__version__, "cases": []}
for name in ["binary", "multi"]:
    X, y = load(name)
    gamma = 1.0 / (X.shape[1] * X.var())
    full = SVC().fit(X, y)
    classes = sorted(set(y.tolist()))
    pairs = []
    # libsvm's one-vs-one: each pair of classes (ascending) on its rows in their original order,
    # with gamma from all of X; scikit-learn's public dual_coef_ of a binary SVC is positive for the
    # second class
    for a in range(len(classes)):
        for b in range(a + 1, len(classes)):
            rows = np.flatnonzero((y == classes[a]) | (y == classes[b]))
            m = SVC(gamma=gamma).fit(X[rows], y[rows])
            pairs.append({"classes": [classes[a], classes[b]],
                          "support": [int(rows[i]) for i in m.support_],
                          "dual_coef": [float(v) for v in m.dual_coef_[0]],
                          "intercept": float(m.intercept_[0])})
    # SVM-SMOTE's counts with imbalanced-learn's defaults (m_neighbors=10, k_neighbors=5, out_step=0.5)
    Xr, yr = SVMSMOTE(random_state=0).fit_resample(X, y)
    out["cases"].append({"data": name, "gamma": gamma, "support": [int(i) for i in full.support_],
                         "n_support": [int(v) for v in full.n_support_], "pairs": pairs,
                         "svmsmote_counts": {str(c): int((yr == c).sum()) for c in classes}})
with open(OUT + "svc_reference.json", "w") as f:
    json.dump(out, f, indent=1)
