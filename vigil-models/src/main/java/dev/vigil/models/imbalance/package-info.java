/**
 * Imbalance-aware training on Tribuo.
 *
 * <ul>
 *   <li>{@link dev.vigil.models.imbalance.FocalLossObjective} plugs the core's focal loss into
 *       Tribuo's linear SGD trainer, {@link dev.vigil.models.imbalance.XgboostFocalObjective} into
 *       XGBoost as a custom objective.
 *   <li>{@link dev.vigil.models.imbalance.BalancedEnsembles} trains imbalanced-learn 0.10's balanced
 *       ensembles (balanced random forest, balanced bagging, EasyEnsemble, RUSBoost) from Tribuo CART
 *       trees and the core's random under-sampler. The result is a Tribuo {@code WeightedEnsembleModel}
 *       that serialises as Tribuo protobuf (the {@code tribuo} flavour), so {@code vigil train --model
 *       balanced-rf} registers, gates and serves it like any other model. Differences from
 *       imbalanced-learn: Tribuo's CART is used (Gini, best split among the tried features, split
 *       threshold at the midpoint, minimum child weight 1e-30 in place of {@code min_samples_leaf=1});
 *       a bootstrap becomes per-row weights (the draw count); the random streams are Vigil's (seeded
 *       per bag and round), so individual trees differ from imbalanced-learn's while the algorithm and
 *       its defaults are the same. Prediction through Tribuo builds one prediction object per member,
 *       so scoring a row costs microseconds per member (EasyEnsemble has 500 members).
 * </ul>
 */
package dev.vigil.models.imbalance;
