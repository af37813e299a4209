#!/usr/bin/python3
"""Reference Jensen-Shannon divergences (base 2) for SkewTest, from SciPy.

Run from vigil-core: /usr/bin/python3 src/test/scripts/skew_reference.py
Writes src/test/resources/fixtures/skew/js.csv: p (;-separated), q, js. CI never runs this.
"""
from scipy.spatial.distance import jensenshannon

cases = [
    ([0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]),
    ([0.5, 0.5, 0.0], [0.0, 0.5, 0.5]),
    ([0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]),
    ([1.0, 0.0], [0.0, 1.0]),
]
import os
os.makedirs("src/test/resources/fixtures/skew", exist_ok=True)
with open("src/test/resources/fixtures/skew/js.csv", "w") as f:
    f.write("p,q,js\n")
    for p, q in cases:
        js = jensenshannon(p, q, base=2) ** 2
        f.write(";".join(map(repr, p)) + "," + ";".join(map(repr, q)) + "," + repr(float(js)) + "\n")
