"""NannyML's reference-chunk thresholds and its 100,000-row Wasserstein test, for Vigil's --compat nannyml
(NannymlChunkThresholdsTest). Sources in vigil-core/src/test/resources/drift/README.md.

NannyML fits each univariate method on the whole reference, splits the reference with the calculator's
chunker (SizeBasedChunker(chunk_size, incomplete='keep'), CountBasedChunker(chunk_number) = size
n // chunk_number, or DefaultChunker = 10 chunks), scores every reference chunk against that fit (the chunk
is part of the reference it is compared with) and sets StandardDeviationThreshold(std_lower_multiplier=None):
upper = nanmean + 3 * nanstd (ddof 0) of the chunk scores, no lower threshold. An analysis chunk alerts when
its score is above the upper threshold. Vigil's leave-chunk-out variant scores each chunk against the
reference without it. This script re-implements both with numpy/SciPy (nannyml is not installable here)
on data drawn with NannyML's own calls (np.random.seed(1)), which Vigil replays with NumpyRandomState, and
checks the published values it can: the 2-decimal Wasserstein distance of NannyML's test and the two
StandardDeviationThreshold examples of NannyML's docstrings.

Run with /usr/bin/python3 (numpy 1.24, SciPy 1.10); never run by CI.

  /usr/bin/python3 vigil-core/src/test/scripts/nannyml_chunk_fixtures.py > vigil-core/src/test/resources/drift/nannyml_chunk_fixtures.json
"""
import json

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.stats import wasserstein_distance


def doane_shares(ref, cur):
    bins = np.histogram_bin_edges(ref, bins='doane')
    p = np.histogram(ref, bins=bins)[0] / len(ref)
    q = np.histogram(cur, bins=bins)[0] / len(cur)
    leftover = 1 - np.sum(q)
    if leftover > 0:
        q = np.append(q, leftover)
        p = np.append(p, 0)
    return p, q


def js(ref, cur):
    p, q = doane_shares(ref, cur)
    return float(jensenshannon(p, q, base=2))


def hellinger(ref, cur):
    p, q = doane_shares(ref, cur)
    return float(np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2))


def wasserstein(ref, cur, n_bins=10_000):
    # NannyML's 'auto': exact below 10,000 reference rows, else 10,000 equal-width reference bins,
    # extended by bins of the same width over the current range (the version of nannyml_fixtures.py)
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


def chunks(n, size=None, number=None):
    if number is not None:
        size = n // number
    out = [(i, i + size) for i in range(0, n, size) if i + size - 1 < n]
    if n % size != 0:
        out.append((size * (n // size), n))  # incomplete='keep'
    return out


def sd_threshold(values, lower=None, upper=3):
    m, s = np.nanmean(values), np.nanstd(values)
    return (None if lower is None else float(m - lower * s)), (None if upper is None else float(m + upper * s))


METHODS = {'js': js, 'hellinger': hellinger, 'wasserstein': wasserstein}

np.random.seed(1)
ref = np.random.normal(0, 1, 10_000)
cur = np.random.normal(0, 1, 1000)
cur_shift = cur + 0.25

thresholds = []
for chunking in [dict(chunk_number=10), dict(chunk_size=1500), dict(chunk_number=7)]:
    parts = chunks(len(ref), size=chunking.get('chunk_size'), number=chunking.get('chunk_number'))
    for method, f in METHODS.items():
        in_sample = [f(ref, ref[a:b]) for a, b in parts]
        leave_out = [f(np.concatenate([ref[:a], ref[b:]]), ref[a:b]) for a, b in parts]
        thresholds.append(dict(chunking=chunking, method=method, chunks=[[a, b] for a, b in parts],
                               in_sample_scores=in_sample, in_sample_upper=sd_threshold(in_sample)[1],
                               leave_out_scores=leave_out, leave_out_upper=sd_threshold(leave_out)[1],
                               current=f(ref, cur), current_shifted=f(ref, cur_shift)))

# NannyML's docstring examples of StandardDeviationThreshold on np.array(range(10))
examples = [dict(values=list(range(10)), lower_multiplier=2, upper_multiplier=2.5,
                 published=[-1.2445626465380286, 11.680703308172536]),
            dict(values=list(range(10)), lower_multiplier=3, upper_multiplier=3,
                 published=[-4.116843969807043, 13.116843969807043])]
for e in examples:
    got = sd_threshold(np.array(e['values']), e['lower_multiplier'], e['upper_multiplier'])
    assert np.allclose(got, e['published'], rtol=0, atol=1e-12), got

# test_wasserstein_both_continuous_analysis_with_neg_mean_medium_drift: 100,000 reference rows
np.random.seed(1)
big_ref = np.random.normal(0, 1, 100_000)
big_cur = np.random.normal(-4, 1, 1000)
w = wasserstein(big_ref, big_cur)
assert round(w, 2) == 3.99, w
wasserstein_case = dict(test='test_wasserstein_both_continuous_analysis_with_neg_mean_medium_drift', seed=1,
                        reference=[0.0, 1.0, 100_000], current=[-4.0, 1.0, 1000], published=3.99, exact=w)

print(json.dumps(dict(reference=dict(seed=1, draws=[[0.0, 1.0, 10_000], [0.0, 1.0, 1000]], shift=0.25),
                      thresholds=thresholds, standard_deviation_examples=examples,
                      wasserstein_case=wasserstein_case), separators=(',', ':')))
