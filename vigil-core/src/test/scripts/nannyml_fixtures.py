"""Fixtures of NannyML's own univariate drift tests (tests/drift/test_univariate_drift_methods.py,
NannyML commit 8172b0ab, the version with base-2 Jensen-Shannon), for Vigil's --compat nannyml.

NannyML's tests draw their data with numpy's legacy RandomState (np.random.seed(1)), which Java cannot
replay, so this script re-draws exactly the same data with the same calls and stores it, together with
(a) the value NannyML's test asserts (rounded to 2 decimals, as published) and (b) the unrounded value
from a re-implementation of NannyML's method with numpy/SciPy (nannyml itself is not installed here).
Run with /usr/bin/python3 (numpy 1.24, SciPy 1.10); never run by CI.

  /usr/bin/python3 vigil-core/src/test/scripts/nannyml_fixtures.py > vigil-core/src/test/resources/drift/nannyml_fixtures.json
"""
import json

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import kstwo, wasserstein_distance


def treat_as_cont(ref):
    u = len(np.unique(ref))
    return u > 50 or u / len(ref) > 0.1


def binned(ref, cur, numeric):
    if numeric and treat_as_cont(ref):
        bins = np.histogram_bin_edges(ref, bins='doane')
        p = np.histogram(ref, bins=bins)[0] / len(ref)
        q = np.histogram(cur, bins=bins)[0] / len(cur)
    else:
        keys, counts = np.unique(ref, return_counts=True)
        p = counts / len(ref)
        cu, cc = np.unique(cur, return_counts=True)
        d = dict(zip(cu, cc))
        q = np.array([d.get(k, 0) for k in keys]) / len(cur)
    leftover = 1 - np.sum(q)
    if leftover > 0:
        q = np.append(q, leftover)
        p = np.append(p, 0)
    return p, q


def js(ref, cur, numeric):
    p, q = binned(ref, cur, numeric)
    return float(jensenshannon(p, q, base=2))


def hellinger(ref, cur, numeric):
    p, q = binned(ref, cur, numeric)
    return float(np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2))


def linf(ref, cur):
    rl, rc = np.unique(ref, return_counts=True)
    cl, cc = np.unique(cur, return_counts=True)
    pr = dict(zip(rl, rc / len(ref)))
    pc = dict(zip(cl, cc / len(cur)))
    return float(max(abs(pr.get(k, 0) - pc.get(k, 0)) for k in set(pr) | set(pc)))


def wasserstein(ref, cur, n_bins=10_000):
    if len(ref) < 10_000:
        return float(wasserstein_distance(ref, cur))
    counts, edges = np.histogram(ref, bins=n_bins)
    rel = counts / len(ref)
    width = edges[1] - edges[0]
    lo, hi = np.min(cur), np.max(cur)
    left = np.arange(lo - width, edges[0] - width, width)
    right = np.arange(edges[-1] + width, hi + width, width)
    upd = np.concatenate([left, edges, right])
    ref_pdf = np.concatenate([np.zeros(len(left)), rel, np.zeros(len(right))])
    cur_pdf = np.histogram(cur, bins=upd)[0] / len(cur)
    return float(np.sum(np.abs(np.cumsum(ref_pdf) - np.cumsum(cur_pdf)) * width))


def ks_binned(ref, cur, n_bins=10_000):
    edges_in = np.linspace(np.min(ref), np.max(ref), n_bins + 1)
    counts, qts = np.histogram(ref, edges_in)
    ref_cdf = np.cumsum(counts / len(ref))
    m, n = sorted([float(len(ref)), float(len(cur))], reverse=True)
    en = m * n / (m + n)
    cur_counts, _ = np.histogram(cur, qts)
    below = len(cur[cur < qts[0]]) / len(cur)
    cur_cdf = below + np.cumsum(cur_counts / len(cur))
    stat = float(np.max(abs(ref_cdf - cur_cdf)))
    return stat, float(np.clip(kstwo.sf(stat, np.round(en)), 0, 1))


cases = []
arrays = {}


def arr(name, v):
    arrays[name] = [float(x) for x in v]
    return name


np.random.seed(1)
normal_ref = np.random.normal(0, 1, 10_000)
js_cur = np.random.normal(0, 1, 1000)
arr('normal_ref', normal_ref)
cases.append(dict(test='test_js_for_both_continuous', method='js', reference='normal_ref',
                  current=arr('js_cur', js_cur), published=0.05, exact=js(normal_ref, js_cur, True)))
cases.append(dict(test='test_js_for_0_distance (continuous reference against itself)', method='js',
                  reference='normal_ref', current='normal_ref', published=0.0, exact=js(normal_ref, normal_ref, True)))

np.random.seed(1)
q_ref = np.random.choice(np.linspace(0, 2, 6), 10_000)
q_cur = np.random.choice(np.linspace(0, 2, 3), 1000)
arr('quasi_ref', q_ref)
arr('quasi_cur', q_cur)
cases.append(dict(test='test_js_for_quasi_continuous', method='js', reference='quasi_ref', current='quasi_cur',
                  published=0.73, exact=js(q_ref, q_cur, True)))
cases.append(dict(test='test_js_for_0_distance', method='js', reference='quasi_ref', current='quasi_ref',
                  published=0.0, exact=js(q_ref, q_ref, True)))
cases.append(dict(test='test_hellinger_for_quasi_continuous', method='hellinger', reference='quasi_ref',
                  current='quasi_cur', published=0.72, exact=hellinger(q_ref, q_cur, True)))

np.random.seed(1)
c_ref = np.random.choice(['a', 'b', 'c', 'd'], 10_000)
c_cur = np.random.choice(['a', 'b', 'c', 'e'], 1000)
strings = {'cat_ref': [str(x) for x in c_ref], 'cat_cur': [str(x) for x in c_cur]}
cases.append(dict(test='test_js_for_categorical', method='js', reference='cat_ref', current='cat_cur',
                  categorical=True, published=0.5, exact=js(c_ref, c_cur, False)))
cases.append(dict(test='test_hellinger_for_categorical', method='hellinger', reference='cat_ref', current='cat_cur',
                  categorical=True, published=0.5, exact=hellinger(c_ref, c_cur, False)))

for name, ref, cur, pub in [('test_l_infinity_for_new_category', list('aabbcc'), list('aabbccd'), 0.14),
                            ('test_l_infinity_for_no_change', list('aabbcc'), list('aabbcc'), 0.0),
                            ('test_l_infinity_for_total_change', list('aabbcc'), list('bbbbb'), 0.67)]:
    strings[name + '_ref'] = ref
    strings[name + '_cur'] = cur
    cases.append(dict(test=name, method='linf', reference=name + '_ref', current=name + '_cur', categorical=True,
                      published=pub, exact=linf(np.array(ref), np.array(cur))))

np.random.seed(1)
w_ref = np.random.normal(0, 1, 10_000)
w_cur = np.random.normal(1, 1, 1000)
cases.append(dict(test='test_wasserstein_both_continuous_positive_means_small_drift', method='wasserstein',
                  reference='normal_ref', current=arr('wass_cur', w_cur), published=1.01, exact=wasserstein(w_ref, w_cur)))
cases.append(dict(test='test_wasserstein_both_continuous_0_distance', method='wasserstein', reference='normal_ref',
                  current='normal_ref', published=0.0, exact=wasserstein(w_ref, w_ref)))

np.random.seed(1)
h_ref = np.random.normal(0, 1, 10_000)
h_cur = np.random.normal(7, 1, 10_000)
cases.append(dict(test='test_hellinger_no_overlap', method='hellinger', reference='normal_ref',
                  current=arr('hell_far', h_cur), published=1.0, exact=hellinger(h_ref, h_cur, True)))
np.random.seed(1)
h_ref = np.random.normal(0, 1, 10_000)
h_cur = np.random.normal(-2, 1, 10_000)
cases.append(dict(test='test_hellinger_both_continuous_analysis_with_small_drift', method='hellinger',
                  reference='normal_ref', current=arr('hell_near', h_cur), published=0.63, exact=hellinger(h_ref, h_cur, True)))
cases.append(dict(test='test_hellinger_complete_overlap', method='hellinger', reference='normal_ref',
                  current='normal_ref', published=0.0, exact=hellinger(h_ref, h_ref, True)))

# No published NannyML fixture for KS; NannyML's binned KS (reference >= 10,000 rows) checked against this
# re-implementation only.
stat, p = ks_binned(normal_ref, w_cur)
cases.append(dict(test='ks binned (re-implementation only, no published value)', method='ks', reference='normal_ref',
                  current='wass_cur', published=None, exact=stat, p_value=p))

assert all(c['published'] is None or round(c['exact'], 2) == c['published'] for c in cases), \
    [(c['test'], c['exact']) for c in cases if c['published'] is not None and round(c['exact'], 2) != c['published']]
print(json.dumps({'source': 'NannyML tests/drift/test_univariate_drift_methods.py @ 8172b0ab',
                  'arrays': {k: v for k, v in arrays.items()}, 'strings': strings, 'cases': cases}, separators=(',', ':')))
