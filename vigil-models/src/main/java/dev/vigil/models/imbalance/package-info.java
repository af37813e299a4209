/**
 * Imbalance-aware objectives for the model trainers: {@link
 * dev.vigil.models.imbalance.FocalLossObjective} plugs the core's focal loss into Tribuo's linear
 * SGD trainer.
 */
package dev.vigil.models.imbalance;
