/**
 * Imbalance-aware objectives for the model trainers: {@link
 * dev.vigil.models.imbalance.FocalLossObjective} plugs the core's focal loss into Tribuo's linear
 * SGD trainer, {@link dev.vigil.models.imbalance.XgboostFocalObjective} into XGBoost as a custom
 * objective.
 */
package dev.vigil.models.imbalance;
