/**
 * The model registry: {@link dev.vigil.registry.RegisteredModel}s with numbered
 * {@link dev.vigil.registry.ModelVersion}s (artifact digest, flavour, signature, pipeline, golden
 * examples, training run, data digest and profile, metrics, tags, status) and aliases.
 *
 * <p>Aliases: any name (a letter, then letters, digits, {@code _ -}). {@code champion} is the serving
 * version; {@code backup} is maintained automatically: when {@code champion} moves from version A to B,
 * {@code backup} moves to A (unless A was rolled back). {@link dev.vigil.registry.Registry#rollback}
 * moves {@code champion} to {@code backup}, marks the replaced version ROLLED_BACK and picks the next
 * backup from the audit log. Every move is one row of the append-only audit log (who, when, why, kind
 * {@code set|delete|rollback|auto_backup}), which answers where an alias pointed at any moment.
 *
 * <p>Deployment gates ({@link dev.vigil.registry.DeploymentGate}) run before an alias move, outside the
 * transaction, on digest-verified files; any failure refuses the move
 * ({@link dev.vigil.registry.GateRefusedException}) and records nothing. Rollback runs no gates (it is
 * the emergency path) but verifies the backup's artifact digest.
 */
package dev.vigil.registry;
