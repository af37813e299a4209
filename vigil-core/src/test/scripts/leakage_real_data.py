"""Exports scikit-learn's bundled datasets (Debian python3-sklearn) as CSV fixtures for the leakage tests.

Run with /usr/bin/python3; never run by CI.
"""
import os

from sklearn.datasets import load_breast_cancer, load_wine

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "leakage")
os.makedirs(OUT, exist_ok=True)
for name, loader in [("breast_cancer", load_breast_cancer), ("wine", load_wine)]:
    frame = loader(as_frame=True).frame
    frame.columns = [c.replace(" ", "_") for c in frame.columns]
    frame.to_csv(os.path.join(OUT, name + ".csv"), index=False, float_format="%.6g")
