#!/usr/bin/python3
"""Reference fixtures for Vigil's ONNX Runtime and XGBoost runtimes, made with independent tools.

Run with Debian's Python (python3-xgboost 1.7.4, python3-onnx 1.12, numpy, scikit-learn):

    /usr/bin/python3 vigil-models/src/test/python/make_runtime_fixtures.py

It writes into vigil-models/src/test/resources/runtimes/:

- xgb_binary.json, xgb_binary.ubj, xgb_binary.bin: one 100-tree binary:logistic booster on 20
  features (JSON, UBJSON and the legacy binary format), trained by xgboost on make_classification.
- xgb_expected.csv: 60 input rows f0..f19 (float32 values, a few missing) and `p1`, xgboost's
  predicted probability of class 1 for each row.
- logistic.onnx: a 20-feature logistic regression built node by node with onnx.helper
  (MatMul, Add, Sigmoid), input `x` float[N, 20], output `p1` float[N, 1]; metadata
  `vigil.features` = f0..f19.
- logistic_expected.csv: inputs and `p1` computed by numpy from the same weights.
- linreg.onnx / linreg_expected.csv: a regressor (MatMul, Add), output `y` float[N, 1].
- xgb_trees.onnx: the booster above converted to ai.onnx.ml.TreeEnsembleClassifier by
  `booster_to_onnx` below (from the booster's JSON dump), outputs `label` int64[N] and
  `probabilities` seq(map(int64, float)) through ZipMap, as onnxmltools/skl2onnx export
  classifiers. Its expected probabilities are xgb_expected.csv (xgboost's own).

Nothing here is run by the build or CI; the outputs are committed.
"""
import json
import math
import os

import numpy as np
import onnx
import xgboost as xgb
from onnx import TensorProto, helper
from sklearn.datasets import make_classification

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "runtimes")
N_FEATURES = 20
FEATURES = ["f%d" % i for i in range(N_FEATURES)]


def write_csv(path, x, cols):
    with open(path, "w") as f:
        f.write(",".join(FEATURES + [c for c, _ in cols]) + "\n")
        for i in range(x.shape[0]):
            cells = ["" if math.isnan(v) else "%.9g" % v for v in x[i]]
            cells += ["%.17g" % float(v[i]) for _, v in cols]
            f.write(",".join(cells) + "\n")


def booster_to_onnx(booster, n_features, base_score, zipmap=True):
    """An ai.onnx.ml TreeEnsembleClassifier (+ ZipMap) equal to a binary:logistic booster.

    Each xgboost tree node becomes an ONNX node: a split `x[f] < threshold` goes to `yes`
    (BRANCH_LT), a missing value follows the booster's `missing` child; each leaf adds its value
    to class 1's margin. post_transform LOGISTIC with one weight column is ORT's binary case:
    scores [1 - sigmoid(m), sigmoid(m)], m = logit(base_score) + sum of leaves.
    """
    a = {k: [] for k in ["nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values", "nodes_modes",
                         "nodes_truenodeids", "nodes_falsenodeids", "nodes_missing_value_tracks_true",
                         "nodes_hitrates", "class_treeids", "class_nodeids", "class_ids", "class_weights"]}
    for t, dump in enumerate(booster.get_dump(dump_format="json")):
        stack = [json.loads(dump)]
        while stack:
            n = stack.pop()
            a["nodes_treeids"].append(t)
            a["nodes_nodeids"].append(n["nodeid"])
            a["nodes_hitrates"].append(1.0)
            if "leaf" in n:
                a["nodes_featureids"].append(0)
                a["nodes_values"].append(0.0)
                a["nodes_modes"].append("LEAF")
                a["nodes_truenodeids"].append(0)
                a["nodes_falsenodeids"].append(0)
                a["nodes_missing_value_tracks_true"].append(0)
                a["class_treeids"].append(t)
                a["class_nodeids"].append(n["nodeid"])
                a["class_ids"].append(0)
                a["class_weights"].append(n["leaf"])
            else:
                a["nodes_featureids"].append(int(n["split"][1:]))
                a["nodes_values"].append(n["split_condition"])
                a["nodes_modes"].append("BRANCH_LT")
                a["nodes_truenodeids"].append(n["yes"])
                a["nodes_falsenodeids"].append(n["no"])
                a["nodes_missing_value_tracks_true"].append(1 if n["missing"] == n["yes"] else 0)
                stack.extend(n["children"])
    ensemble = helper.make_node("TreeEnsembleClassifier", ["input"], ["label", "probability_tensor"],
                                domain="ai.onnx.ml", classlabels_int64s=[0, 1], post_transform="LOGISTIC",
                                base_values=[math.log(base_score / (1 - base_score))], **a)
    map_type = onnx.TypeProto()  # onnx 1.12 has no helper.make_map_type_proto
    map_type.map_type.key_type = TensorProto.INT64
    map_type.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(TensorProto.FLOAT, []))
    if not zipmap:
        ensemble.output[1] = "probabilities"
    nodes = [ensemble]
    if zipmap:
        nodes.append(helper.make_node("ZipMap", ["probability_tensor"], ["probabilities"], domain="ai.onnx.ml",
                                      classlabels_int64s=[0, 1]))
    prob_type = helper.make_sequence_type_proto(map_type) if zipmap else helper.make_tensor_type_proto(TensorProto.FLOAT, [None, 2])
    graph = helper.make_graph(
        nodes, "xgboost_trees",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [None, n_features])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
         helper.make_value_info("probabilities", prob_type),
         ])
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 1)],
                          producer_name="vigil make_runtime_fixtures.py")
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def linear_onnx(w, b, out_name, sigmoid):
    nodes = [helper.make_node("MatMul", ["x", "w"], ["xw"]),
             helper.make_node("Add", ["xw", "b"], ["z" if sigmoid else out_name])]
    if sigmoid:
        nodes.append(helper.make_node("Sigmoid", ["z"], [out_name]))
    graph = helper.make_graph(
        nodes, "linear",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, N_FEATURES])],
        [helper.make_tensor_value_info(out_name, TensorProto.FLOAT, [None, 1])],
        initializer=[helper.make_tensor("w", TensorProto.FLOAT, [N_FEATURES, 1], w.astype(np.float32).ravel()),
                     helper.make_tensor("b", TensorProto.FLOAT, [1], b.astype(np.float32))])
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="vigil make_runtime_fixtures.py")
    m.ir_version = 8
    helper.set_model_props(m, {"vigil.features": ",".join(FEATURES)})
    onnx.checker.check_model(m)
    return m


def mixed_onnx():
    """Per-column inputs as skl2onnx exports a DataFrame: age int64[N, 1], site string[N, 1]."""
    nodes = [helper.make_node("Cast", ["age"], ["age_f"], to=TensorProto.FLOAT),
             helper.make_node("LabelEncoder", ["site"], ["site_f"], domain="ai.onnx.ml",
                              keys_strings=["north", "south", "east"], values_floats=[0.5, -1.0, 2.0], default_float=0.0),
             helper.make_node("Concat", ["age_f", "site_f"], ["x"], axis=1),
             helper.make_node("MatMul", ["x", "w"], ["xw"]),
             helper.make_node("Add", ["xw", "b"], ["score"])]
    graph = helper.make_graph(
        nodes, "mixed",
        [helper.make_tensor_value_info("age", TensorProto.INT64, [None, 1]),
         helper.make_tensor_value_info("site", TensorProto.STRING, [None, 1])],
        [helper.make_tensor_value_info("score", TensorProto.FLOAT, [None, 1])],
        initializer=[helper.make_tensor("w", TensorProto.FLOAT, [2, 1], [0.03, 1.5]),
                     helper.make_tensor("b", TensorProto.FLOAT, [1], [-0.25])])
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 2)],
                          producer_name="vigil make_runtime_fixtures.py")
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def main():
    os.makedirs(OUT, exist_ok=True)
    x, y = make_classification(n_samples=2000, n_features=N_FEATURES, n_informative=8, random_state=0)
    x = x.astype(np.float32)
    booster = xgb.train({"objective": "binary:logistic", "max_depth": 3, "eta": 0.3, "seed": 0, "nthread": 1},
                        xgb.DMatrix(x, label=y), num_boost_round=100)
    booster.save_model(os.path.join(OUT, "xgb_binary.json"))
    booster.save_model(os.path.join(OUT, "xgb_binary.ubj"))
    booster.save_model(os.path.join(OUT, "xgb_binary.bin"))  # the deprecated binary format, by extension

    rng = np.random.RandomState(1)
    xt = rng.normal(size=(60, N_FEATURES)).astype(np.float32) * 1.5
    xt[rng.rand(60, N_FEATURES) < 0.03] = np.nan
    p_xgb = booster.predict(xgb.DMatrix(xt, missing=np.nan))
    for name in ["xgb_binary.json", "xgb_binary.ubj", "xgb_binary.bin"]:
        again = xgb.Booster(model_file=os.path.join(OUT, name)).predict(xgb.DMatrix(xt, missing=np.nan))
        assert np.array_equal(again, p_xgb), name
    write_csv(os.path.join(OUT, "xgb_expected.csv"), xt, [("p1", p_xgb)])

    base_score = float(json.loads(booster.save_config())["learner"]["learner_model_param"]["base_score"])
    onnx.save(booster_to_onnx(booster, N_FEATURES, base_score), os.path.join(OUT, "xgb_trees.onnx"))
    onnx.save(booster_to_onnx(booster, N_FEATURES, base_score, zipmap=False), os.path.join(OUT, "xgb_trees_tensor.onnx"))

    xl = np.nan_to_num(xt)
    w = rng.normal(size=(N_FEATURES,)).astype(np.float32) * 0.5
    b = np.array([0.25], dtype=np.float32)
    onnx.save(linear_onnx(w, b, "p1", True), os.path.join(OUT, "logistic.onnx"))
    z = xl.astype(np.float64) @ w.astype(np.float64) + float(b[0])
    write_csv(os.path.join(OUT, "logistic_expected.csv"), xl, [("p1", 1 / (1 + np.exp(-z)))])
    onnx.save(linear_onnx(w, b, "y", False), os.path.join(OUT, "linreg.onnx"))
    onnx.save(mixed_onnx(), os.path.join(OUT, "mixed.onnx"))
    ages = [34, 71, 50, 18, 88, 45, 62, 29]
    sites = ["north", "south", "east", "west", "north", "east", "south", "west"]
    code = {"north": 0.5, "south": -1.0, "east": 2.0}
    with open(os.path.join(OUT, "mixed_expected.csv"), "w") as f:
        f.write("age,site,score\n")
        for a, st in zip(ages, sites):
            score = np.float32(a) * np.float32(0.03) + np.float32(code.get(st, 0.0)) * np.float32(1.5) + np.float32(-0.25)
            f.write("%d,%s,%.9g\n" % (a, st, score))
    write_csv(os.path.join(OUT, "linreg_expected.csv"), xl, [("y", z)])


if __name__ == "__main__":
    main()
