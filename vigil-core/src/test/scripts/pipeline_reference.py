"""Reference values for FeaturePipeline from scikit-learn / NumPy (run with /usr/bin/python3).

Writes ../resources/pipeline/reference.csv: the input columns x and site (empty = missing) and, per transform, the expected output.
"""
import json
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler, MinMaxScaler, KBinsDiscretizer, OneHotEncoder, OrdinalEncoder

rng = np.random.default_rng(7)
n = 40
x = rng.lognormal(1.0, 0.8, n)
x[[3, 11, 27]] = np.nan
site = rng.choice(["a", "b", "c"], n, p=[0.5, 0.3, 0.2]).astype(object)
site[[5, 9]] = None

med = SimpleImputer(strategy="median").fit_transform(x.reshape(-1, 1)).ravel()
mean_imp = SimpleImputer(strategy="mean").fit_transform(x.reshape(-1, 1)).ravel()
std = StandardScaler().fit_transform(med.reshape(-1, 1)).ravel()
mm = MinMaxScaler().fit_transform(med.reshape(-1, 1)).ravel()
lo, hi = np.quantile(med, 0.05), np.quantile(med, 0.95)
clipped = np.clip(med, lo, hi)
logged = np.log1p(med)
kb = KBinsDiscretizer(n_bins=4, encode="ordinal", strategy="quantile")
buckets = kb.fit_transform(med.reshape(-1, 1)).ravel()
kbu = KBinsDiscretizer(n_bins=5, encode="ordinal", strategy="uniform")
ubuckets = kbu.fit_transform(med.reshape(-1, 1)).ravel()
site_imp = SimpleImputer(strategy="most_frequent", missing_values=None).fit_transform(site.reshape(-1, 1).astype(object)).ravel()
oh = OneHotEncoder(sparse_output=False).fit(site_imp.reshape(-1, 1))
onehot = oh.transform(site_imp.reshape(-1, 1))
ordv = OrdinalEncoder().fit_transform(site_imp.reshape(-1, 1)).ravel()

import pandas as pd
df = pd.DataFrame({
    "x": x, "site": site, "median_imputed": med, "mean_imputed": mean_imp, "standard": std, "minmax": mm,
    "clip_5_95": clipped, "log1p": logged, "quantile_buckets_4": buckets, "uniform_buckets_5": ubuckets,
    "ordinal": ordv,
})
for k, c in enumerate(oh.categories_[0]):
    df["onehot_" + str(c)] = onehot[:, k]
df.to_csv("../resources/pipeline/reference.csv", index=False, float_format="%.17g")
