"""Reference of imbalanced-learn 0.10's InstanceHardnessThreshold with its default estimator
(RandomForestClassifier(n_estimators=100), cv=5) for ForestHardnessTest. Run with /usr/bin/python3
from vigil-models/; writes src/test/resources/imbalance/iht.csv and iht_reference.json. CI never
runs this; the outputs are committed. The forest is random, so the test compares overlaps, not rows."""
import json
import numpy as np
from sklearn.datasets import make_classification
from imblearn.under_sampling import InstanceHardnessThreshold
import imblearn, sklearn

OUT = "src/test/resources/imbalance/"
X, y = make_classification(n_samples=300, n_features=4, n_informative=3, n_redundant=1, n_classes=2,
                           n_clusters_per_class=1, weights=[0.85, 0.15], class_sep=0.8, flip_y=0.05,
                           random_state=1)
with open(OUT + "iht.csv", "w") as f:
    f.write("x0,x1,x2,x3,y\n")
    for row, label in zip(X, y):
        f.write(",".join(repr(float(v)) for v in row) + ",%d\n" % label)
runs = []
for seed in range(5):
    s = InstanceHardnessThreshold(random_state=seed)
    s.fit_resample(X, y)
    runs.append([int(i) for i in s.sample_indices_])
with open(OUT + "iht_reference.json", "w") as f:
    json.dump({"imblearn": imblearn.__version__, "sklearn": sklearn.__version__,
               "counts": {str(c): int((y == c).sum()) for c in np.unique(y)}, "sample_indices": runs}, f)
