"""Fixtures of Evidently's own stattest tests, for Vigil's --compat evidently (EvidentlyFixturesTest).

Each case is the input and the expected value of one assertion in Evidently's test suite (see
vigil-core/src/test/resources/drift/README.md for the files and commits), with the tolerance that
assertion uses (pytest.approx abs=...). Evidently itself is not installable here, so the script
re-implements the function each test calls with numpy/SciPy, following Evidently's source at the same
commit, and stores that unrounded value too ("exact"); it asserts that the re-implementation agrees
with the published value at the published tolerance, so that the fixture cannot drift from Evidently.

Cases whose input Evidently draws with numpy's legacy RandomState (np.random.seed) are stored as a
generator spec ({"seed", "draws": [[loc, scale, size], ...], "keep": index}: np.random.seed(seed), then
np.random.normal(loc, scale, size) per draw, the draw number "keep" being the sample); Vigil's test replays them with dev.vigil.stats.internal.NumpyRandomState,
checked against the numpy values under "numpy_random".

Run with /usr/bin/python3 (numpy 1.24, SciPy 1.10); never run by CI.

  /usr/bin/python3 vigil-core/src/test/scripts/evidently_fixtures.py > vigil-core/src/test/resources/drift/evidently_fixtures.json
"""
import json
import math
from collections import Counter

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

STATTESTS = 'evidently tests/stattests/test_stattests.py @ 05d85bbb892f4cbafa70d8ce8edbc766ed298c2c'
UTILS = 'evidently tests/calculations/stattests/test_utils.py @ b419ef0f94b1fa95479a0c0b6a17481a59ab65c1'
EPPS = 'evidently tests/calculations/stattests/test_epps_singleton.py @ 684778a321327ddbf8d844d08ac03b84218a6a37'
DATASET = 'evidently tests/metrics/data_drift/test_dataset_drift_metric.py @ 05d85bbb892f4cbafa70d8ce8edbc766ed298c2c'
TABLE = 'evidently tests/metrics/data_drift/test_data_drift_table.py @ 05d85bbb892f4cbafa70d8ce8edbc766ed298c2c'
METRIC = ('evidently tests/metrics/data_drift/test_column_drift_metric.py, 0.2-era version '
          '(imports evidently.metrics.ColumnDriftMetric), test_column_drift_metric_success')


def rep(values, counts):
    out = []
    for v, c in zip(values, counts):
        out += [v] * c
    return out


def present(x):
    return [v for v in x if v is not None and not (isinstance(v, float) and (math.isnan(v) or math.isinf(v)))]


# --- re-implementations of the functions Evidently's tests call --------------------------------------

def chi_gof(ref, cur):
    keys = sorted(set(present(ref)) | set(present(cur)), key=str)
    r, c = Counter(present(ref)), Counter(present(cur))
    k = len(cur) / len(ref)
    return float(stats.chisquare([c[x] for x in keys], [r[x] * k for x in keys])[1])


def hellinger(ref, cur, cat):
    ref, cur = present(ref), present(cur)
    keys = sorted(set(ref) | set(cur), key=str)
    if cat:
        r, c = Counter(ref), Counter(cur)
        s = sum(math.sqrt(r[x] / len(ref) * c[x] / len(cur)) for x in keys)
    else:
        bins = np.histogram_bin_edges(np.array(keys, dtype=float), bins='sturges')
        h1 = np.histogram(np.array(ref, dtype=float), bins=bins, density=True)[0]
        h2 = np.histogram(np.array(cur, dtype=float), bins=bins, density=True)[0]
        width = (max(bins) - min(bins)) / (len(bins) - 1)
        s = float(sum(math.sqrt(a * b) * width for a, b in zip(h1, h2)))
    return math.sqrt(1 - min(max(s, 0), 1))


def z_test(ref, cur):
    # Evidently codes each value as 0 when it equals the first (sorted) non-missing key, else 1: a
    # missing value counts as "not the first key"
    if len(set(ref)) == 1 and len(set(cur)) == 1 and ref[0] == cur[0]:
        return 1.0
    first = sorted(set(present(ref)) | set(present(cur)))[0]
    a = [0 if v == first else 1 for v in ref]
    b = [0 if v == first else 1 for v in cur]
    n1, n2 = len(a), len(b)
    p1, p2 = sum(a) / n1, sum(b) / n2
    pp = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / math.sqrt(pp * (1 - pp) * (1 / n1 + 1 / n2))
    return float(2 * (1 - stats.norm.cdf(abs(z))))


def g_test(ref, cur):
    keys = sorted(set(ref) | set(cur))
    r, c = Counter(ref), Counter(cur)
    return float(stats.power_divergence([c[x] for x in keys], [r[x] for x in keys], lambda_='log-likelihood')[1])


def fisher(ref, cur):
    cats = sorted(set(ref) | set(cur))
    if len(cats) < 2:
        return 1.0
    t = [[sum(v == cats[1] for v in cur), sum(v == cats[0] for v in cur)],
         [sum(v == cats[1] for v in ref), sum(v == cats[0] for v in ref)]]
    return float(stats.fisher_exact(t)[1])


def tvd(r, c):
    keys = set(r) | set(c)
    cr, cc = Counter(r), Counter(c)
    return 0.5 * sum(abs(cr[k] / len(r) - cc[k] / len(c)) for k in keys)


def permutation_p(ref, cur, observed, iterations):
    np.random.seed(0)
    held = []
    for _ in range(iterations):
        combined = list(ref) + list(cur)
        new_ref = np.random.choice(combined, len(ref), replace=False).tolist()
        new_cur = list((Counter(combined) - Counter(new_ref)).elements())
        held.append(tvd(new_ref, new_cur))
    return float(sum(observed <= abs(np.array(held))) / len(held))


def binned(ref, cur):
    # get_binned_data with feel_zeroes for a column with at most 20 distinct reference values
    keys = sorted(set(ref) | set(cur))
    r, c = Counter(ref), Counter(cur)
    p = np.array([r[k] / len(ref) for k in keys])
    q = np.array([c[k] / len(cur) for k in keys])
    for v in (p, q):
        m = min(v[v != 0])
        np.place(v, v == 0, m / 10 ** 6 if m <= 0.0001 else 0.0001)
    return p, q


def psi(ref, cur):
    p, q = binned(ref, cur)
    return float(np.sum((p - q) * np.log(p / q)))


cases = []


def case(test, source, method, kind, ref, cur, threshold, score, tol, drift, exact, **extra):
    assert abs(exact - score) <= tol + 1e-12, (test, exact, score)
    d = dict(test=test, source=source, method=method, kind=kind, reference=ref, current=cur, threshold=threshold,
             score=score, tolerance=tol, drift=drift, exact=exact)
    d.update(extra)
    cases.append(d)


def strs(v):
    return [None if (isinstance(x, float) and math.isnan(x)) else str(x) for x in v]


R6 = rep([1, 2, 3, 4, 5, 6], [16, 18, 16, 14, 12, 12])
C6 = rep([1, 2, 3, 4, 5, 6], [16, 16, 16, 16, 16, 8])
NAN = float('nan')

case('test_freq_obs_eq_freq_exp (chisquare)', STATTESTS, 'gof', 'cat', strs(R6), strs(C6), 0.5, 0.67309, 1e-5, False,
     chi_gof(R6, C6))
case('test_freq_obs_eq_freq_exp (hellinger)', STATTESTS, 'hellinger', 'cat', strs(R6), strs(C6), 0.1, 0.06812, 1e-5,
     False, hellinger(R6, C6, True))
R6x2 = rep([1, 2, 3, 4, 5, 6], [32, 36, 32, 28, 24, 24])
case('test_freq_obs_not_eq_freq_exp (chisquare)', STATTESTS, 'gof', 'cat', strs(R6x2), strs(C6), 0.5, 0.67309, 1e-5,
     False, chi_gof(R6x2, C6))
case('test_freq_obs_not_eq_freq_exp (hellinger)', STATTESTS, 'hellinger', 'cat', strs(R6x2), strs(C6), 0.1, 0.06812,
     1e-5, False, hellinger(R6x2, C6, True))
ABN = rep(['a', 'b', NAN], [10, 10, 10])
case('test_cat_feature_with_nans (chisquare)', STATTESTS, 'gof', 'cat', strs(ABN), strs(ABN), 0.5, 1.0, 1e-5, False,
     chi_gof(ABN, ABN))
case('test_cat_feature_with_nans (hellinger)', STATTESTS, 'hellinger', 'cat', strs(ABN), strs(ABN), 0.1, 0.0, 1e-5,
     False, hellinger(ABN, ABN, True))
NUM = [38.7, 41.5, 43.8, 44.5, 45.5, 46.0, 47.7, 58.0]
case('test_num_features (hellinger)', STATTESTS, 'hellinger', 'num', NUM + [None], NUM + [None], 0.1, 0.0, 1e-5,
     False, hellinger(NUM, NUM, False))
ABC = rep(['a', 'b', 'c'], [10, 10, 10])
case('test_chi_stat_test_cat_feature', STATTESTS, 'gof', 'cat', ABC, ABC, 0.5, 1.0, 1e-5, False, chi_gof(ABC, ABC))
case('test_z_stat_test_cat_feature[0]', STATTESTS, 'ztest', 'cat', ['a', 'b'] * 10, ['a', 'b'] * 10, 0.5, 1.0, 1e-5,
     False, z_test(['a', 'b'] * 10, ['a', 'b'] * 10))
case('test_z_stat_test_cat_feature[1]', STATTESTS, 'ztest', 'cat', strs(['a', NAN] * 10), ['a', 'b'] * 10, 0.5, 1.0,
     1e-5, False, z_test(['a', NAN] * 10, ['a', 'b'] * 10),
     deviation='Evidently codes a missing reference value as "not the first category", so its z-test sees 10 a / '
               '10 other on both sides (p = 1); Vigil removes missing values before every test and reports them as '
               'the missing-value signal, so it compares 10 a with 10 a / 10 b')
NUM2 = [39.2, 39.3, 39.7, 41.4, 41.8, 42.9, 43.3, 45.8]
case('test_anderson_darling', STATTESTS, 'ad', 'num', NUM, NUM2, 0.001, 0.0635, 1e-3, False,
     float(stats.anderson_ksamp([np.array(NUM), np.array(NUM2)])[2]))
GR, GC = rep(['a', 'b', 'c'], [5, 5, 8]), rep(['a', 'b', 'c'], [4, 6, 8])
case('test_g_test', STATTESTS, 'g', 'cat', GR, GC, 0.5, 0.8176, 1e-3, False, g_test(GR, GC))
cr, cc = stats.norm.rvs(size=100, random_state=0), stats.norm.rvs(size=100, random_state=1)
case('test_cramer_von_mises', STATTESTS, 'cvm', 'num', {'seed': 0, 'draws': [[0.0, 1.0, 100]], 'keep': 0},
     {'seed': 1, 'draws': [[0.0, 1.0, 100]], 'keep': 0}, 0.001, 0.8076839, 1e-3, False,
     float(stats.cramervonmises_2samp(cr, cc).pvalue))
case('test_hellinger_distance (num)', STATTESTS, 'hellinger', 'num', [1] * 50, [1] * 50, 0.1, 0.0, 1e-3, False,
     hellinger([1] * 50, [1] * 50, False))
case('test_hellinger_distance (cat)', STATTESTS, 'hellinger', 'cat', ['1'] * 50, ['1'] * 50, 0.1, 0.0, 1e-3, False,
     hellinger([1] * 50, [1] * 50, True))
for i, (r, c, p, d) in enumerate([
        (list('abbaab') * 15, list('bbabba') * 15, 0.033, True),
        (list('abbaab'), list('aaaaaa'), 0.181, False),
        (list('aaaaaa'), list('aaaaaa'), 1.0, False),
        (list('abbbab'), list('bbbaba'), 1.0, False),
        (list('aaaaaa'), list('bbbbbb'), 0.0021, True),
        (list('aaabb') * 30, list('bbbaa') * 30, 0.00078, True)]):
    case(f'test_pvalue_fisher_exact[{i}]', STATTESTS, 'fisher', 'cat', r, c, 0.1, p, 1e-3, d, fisher(r, c))
case('test_mann_whitney', STATTESTS, 'mannwhitney', 'num', R6, C6, 0.05, 0.481, 1e-2, False,
     float(stats.mannwhitneyu(R6, C6, alternative='less')[1]))
for i, (cur, thr, p, d) in enumerate([
        ([16, 16, 16, 16, 16, 8], 0.1, 0.928, False),
        ([10, 10, 24, 24, 10, 10], 0.1, 0.085, True),
        ([0, 0, 0, 0, 0, 88], 0.1, 0.0, True),
        ([16, 18, 16, 14, 12, 12], 0.1, 1.0, False),
        ([10, 24, 12, 16, 8, 16], 0.5, 0.309, True)]):
    C = rep([1, 2, 3, 4, 5, 6], cur)
    case(f'test_tvd_stattest[{i}]', STATTESTS, 'tvd', 'cat', strs(R6), strs(C), thr, p, 1e-3, d,
         permutation_p(R6, C, tvd(R6, C), 1000))
case('test_energy_distance (same)', STATTESTS, 'energy', 'num', NUM, NUM, 0.1, 0.0, 1e-5, False,
     float(stats.energy_distance(NUM, NUM)))
case('test_energy_distance (+5)', STATTESTS, 'energy', 'num', NUM, [v + 5 for v in NUM], 0.1, 1.9, 1e-1, True,
     float(stats.energy_distance(NUM, np.array(NUM) + 5)))
case('test_epps_singleton', STATTESTS, 'es', 'num', R6, C6, 0.05, 0.81, 1e-2, False,
     float(stats.epps_singleton_2samp(R6, C6)[1]))
case('test_t_test', STATTESTS, 't', 'num', NUM, NUM2, 0.05, 0.084, 1e-3, False, float(stats.ttest_ind(NUM, NUM2)[1]))
np.random.seed(42)
er = np.random.normal(loc=0, scale=1, size=1000)
ec = np.random.normal(scale=1.5, size=1000)
pes = float(stats.epps_singleton_2samp(er, ec)[1])
assert pes < 0.05
case('test_epps_singleton_detects_drift (p < 0.05)', EPPS, 'es', 'num', {'seed': 42, 'draws': [[0.0, 1.0, 1000]], 'keep': 0},
     {'seed': 42, 'draws': [[0.0, 1.0, 1000], [0.0, 1.5, 1000]], 'keep': 1}, 0.05, 0.0, 0.05,
     True, pes)
# ColumnDriftMetric: automatic choice for a numeric column with few values (chi-square), and PSI
case('column drift: [1, 2, 3] vs [1, 2, 3], auto = chi-square', METRIC, 'auto', 'num', [1, 2, 3], [1, 2, 3], 0.05,
     1.0, 1e-9, False, chi_gof([1, 2, 3], [1, 2, 3]), resolved='gof')
case('column drift: reference [1, 2, 3], current [5, 8, 3], auto = chi-square', METRIC, 'auto', 'num', [1, 2, 3],
     [5, 8, 3], 0.05, 0.0, 1e-9, True, 0.0, resolved='gof')
case('column drift: reference [3, 2, 2], current [1, 2, 3], psi', METRIC, 'psi', 'num', [3, 2, 2], [1, 2, 3], 0.1,
     2.93, 0.01, True, psi([3, 2, 2], [1, 2, 3]))

# DataDriftTable(stattest_threshold=0.7): automatic choice per column, dataset drift at a share of 0.5.
# Evidently drops missing values before the column's test.
datasets = []
for test, ref, cur, expected, drifted, dataset in [
        ('test_data_drift_metrics_with_options',
         dict(category_feature=['a', 'a', 'b'], target=[1, 4, 5], prediction=[1, 0, 1]),
         dict(category_feature=['a', 'b', 'a'], target=[1, 2, 3], prediction=[1, 0, 1]),
         dict(category_feature=('ztest', 1.0, 1e-9, False), prediction=('ztest', 1.0, 1e-9, False),
              target=('gof', 0.0, 1e-9, True)), 1, False),
        ('test_data_drift_metrics_json_output',
         dict(category_feature=['a', 'a', 'b', 'b'], target=[1, 4, 5, 5], prediction=[1, 5, 4, 4]),
         dict(category_feature=['a', 'b', 'a', None], target=[None, None, 3, 4], prediction=[1, 0, None, 5]),
         dict(category_feature=('ztest', 0.66, 0.01, True), prediction=('gof', 0.0, 1e-9, True),
              target=('gof', 0.0, 1e-9, True)), 3, True),
        # DatasetDriftMetric(stattest_threshold=0.7): only the counts are published (score None)
        ('test_dataset_drift_metric_with_options',
         dict(category_feature=['a', 'a', 'b'], target=[1, 4, 5], prediction=[1, 0, 1]),
         dict(category_feature=['az', 'bz', 'az'], target=[1, 2, 3], prediction=[1, 0, 1]),
         dict(category_feature=('gof', None, None, True), target=('gof', None, None, True),
              prediction=('ztest', None, None, False)), 2, True),
        ('test_dataset_drift_metric_json_output',
         dict(category_feature=['a', 'a', 'b', 'b'], target=[1, 4, 5, 1], prediction=[1, 0, 1, 0]),
         dict(category_feature=['a', 'b', None], target=[1, None, 3], prediction=[1, 0, 1]),
         dict(category_feature=('ztest', None, None, False), target=('gof', None, None, True),
              prediction=('ztest', None, None, True)), 2, True)]:
    cols = {}
    for name, (method, score, tol, drift) in expected.items():
        r, c = [v for v in ref[name] if v is not None], [v for v in cur[name] if v is not None]
        exact = z_test(r, c) if method == 'ztest' else (chi_gof(r, c) if set(c) <= set(r) else 0.0)
        assert score is None or abs(exact - score) <= tol + 1e-12, (test, name, exact)
        assert (exact < 0.7) == drift, (test, name, exact)
        cols[name] = dict(method=method, score=score, tolerance=tol, drift=drift, exact=exact)
    source = TABLE if 'data_drift_metrics' in test else DATASET
    datasets.append(dict(test=test, source=source, threshold=0.7, categorical=['category_feature'], reference=ref,
                         current=cur, columns=cols, drifted=drifted, dataset_drift=dataset))

# Not published by Evidently: its definitions on inputs its tests leave out (a numeric Hellinger that is
# not 0, unseen categories, more than 20 distinct values with empty bins), against this re-implementation
def binned_numeric(ref, cur):
    bins = np.histogram_bin_edges(np.concatenate([ref, cur]), bins='sturges')
    p = np.histogram(ref, bins)[0] / len(ref)
    q = np.histogram(cur, bins)[0] / len(cur)
    for v in (p, q):
        m = min(v[v != 0])
        np.place(v, v == 0, m / 10 ** 6 if m <= 0.0001 else 0.0001)
    return p, q


wide_ref = [float(i) for i in range(30)]
wide_cur = [float(i) for i in range(20, 60)] + [100.0]
pw, qw = binned_numeric(np.array(wide_ref), np.array(wide_cur))
definitions = [
    dict(method='hellinger', kind='num', reference=NUM, current=NUM2, value=hellinger(NUM, NUM2, False)),
    dict(method='hellinger', kind='cat', reference=list('aabbb'), current=list('bbcc'),
         value=hellinger(list('aabbb'), list('bbcc'), True)),
    dict(method='psi', kind='num', reference=wide_ref, current=wide_cur,
         value=float(np.sum((pw - qw) * np.log(pw / qw)))),
    dict(method='kl', kind='num', reference=wide_ref, current=wide_cur, value=float(stats.entropy(pw, qw))),
    dict(method='js', kind='num', reference=wide_ref, current=wide_cur, value=float(jensenshannon(pw, qw))),
    dict(method='g', kind='cat', reference=list('aabbbc'), current=list('abbccc'),
         value=g_test(list('aabbbc'), list('abbccc'))),
]

# permutation_test itself, with the observed value given (100 permutations)
perm = []
for obs, p in [(0.0628, 0.99), (0.204, 0.14)]:
    got = permutation_p(R6, C6, obs, 100)
    assert got == p, (obs, got, p)
    perm.append(dict(test='test_permutation_test', source=UTILS, reference=R6, current=C6, observed=obs,
                     iterations=100, p_value=p))

# numpy's legacy RandomState, for NumpyRandomStateTest
np.random.seed(0)
perm10 = np.random.permutation(10).tolist()
np.random.seed(0)
choice = np.random.choice(200, 88, replace=False).tolist()
np.random.seed(1)
normals = np.random.normal(0, 1, 7).tolist()
np.random.seed(0)
sample = np.random.random_sample(3).tolist()
np.random.seed(1)
big = np.random.normal(0, 1, 100_000)
numpy_random = dict(permutation_seed0_10=perm10, choice_seed0_200_88=choice, normal_seed1_7=normals,
                    random_sample_seed0_3=sample, normal_seed1_100000_sum=float(np.sum(big)),
                    normal_seed1_100000_last=float(big[-1]), norm_rvs_random_state0_first=float(cr[0]))

print(json.dumps(dict(cases=cases, datasets=datasets, definitions=definitions, permutation_tests=perm, numpy_random=numpy_random), separators=(',', ':')))
