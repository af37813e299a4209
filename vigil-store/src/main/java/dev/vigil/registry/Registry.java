package dev.vigil.registry;

import dev.vigil.InvalidArgumentException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The model registry. Obtained from {@link dev.vigil.store.Store#registry()}; thread-safe and safe for
 * many processes sharing one store.
 *
 * <p>Registration is atomic: the artifact (and pipeline, golden examples, profile) are copied into the
 * content-addressed store and their digests verified before the version row commits, so a crash leaves
 * either a complete version or none (orphan blobs are removed by {@code fsck}). Concurrent
 * registrations of one model get contiguous version numbers; concurrent alias moves of one model are
 * serialised and each is recorded in the append-only audit log.
 *
 * <p>Unknown models, versions or aliases raise {@link InvalidArgumentException} naming them; a
 * failed deployment gate raises {@link GateRefusedException}; a corrupt artifact raises
 * {@link dev.vigil.store.TamperedArtifactException}.
 */
public interface Registry {
  /** The alias rollback moves and the registry maintains: the last version that served as champion. */
  String CHAMPION = "champion";
  /** Maintained automatically: the previous healthy champion. */
  String BACKUP = "backup";

  /** Registers a new version (creating the model on first use) and returns it. */
  ModelVersion register(Registration registration);

  /**
   * Creates a model with no versions.
   *
   * @throws dev.vigil.store.AlreadyExistsException when the name is taken
   */
  RegisteredModel createModel(String name, String description);

  /** Every model, by name. */
  List<RegisteredModel> models();

  /** One model. */
  RegisteredModel model(String name);

  /** Every version of a model, by number. */
  List<ModelVersion> versions(String name);

  /**
   * The version number {@code alias} of {@code model} points at, in one indexed query (the hot path of
   * serving; {@link #version} returns the whole version).
   *
   * @throws dev.vigil.NotFoundException when the model or the alias does not exist
   */
  long resolveAlias(String model, String alias);

  /** The version a reference names (the latest when it names neither alias nor number). */
  ModelVersion version(VersionRef ref);

  /**
   * Points {@code alias} at {@code version} after every gate passes. Moving {@code champion} also
   * moves {@code backup} to the champion it replaces (unless that one was rolled back).
   *
   * @throws GateRefusedException when a gate fails; nothing changes then
   */
  AliasMoveResult setAlias(String model, String alias, long version, String actor, String reason, List<DeploymentGate> gates);

  /** Removes an alias (recorded in the audit log). */
  void deleteAlias(String model, String alias, String actor, String reason);

  /**
   * Moves {@code champion} back to {@code backup} in one transaction after verifying the backup's
   * artifact digest, marks the replaced version {@link VersionStatus#ROLLED_BACK}, and chooses the new
   * {@code backup} as the most recent earlier champion that was not rolled back (none: removed).
   *
   * @throws InvalidArgumentException when there is no champion or no backup
   */
  AliasMoveResult rollback(String model, String actor, String reason);

  /** The alias audit log of a model, oldest first. */
  List<AliasEvent> history(String model);

  /** Where each alias of {@code model} pointed at {@code at}. */
  Map<String, AliasState> aliasesAt(String model, Instant at);

  /** Verifies and returns the files of a version (see {@link DeploymentGate.VersionFiles}). */
  DeploymentGate.VersionFiles files(ModelVersion version);

  /** Sets a version's description. */
  void setDescription(String model, long version, String description);

  /** Sets a model tag. */
  void setModelTag(String model, String key, String value);

  /**
   * The result of an alias move.
   *
   * @param model model name
   * @param alias the alias moved
   * @param version where it points now
   * @param previous where it pointed before (0: nowhere)
   * @param gates results of the gates run (empty for a rollback)
   * @param backup where {@code backup} points after the move (0: nowhere)
   */
  record AliasMoveResult(String model, String alias, long version, long previous, List<DeploymentGate.GateResult> gates, long backup) {}

  /** Checks a model name: letters, digits and {@code . _ -}, 1 to 200 characters, starting with a letter or digit. */
  static String checkModelName(String name) {
    InvalidArgumentException.check(name != null && name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,199}"),
        "model name must be 1-200 letters, digits, '.', '_' or '-', starting with a letter or digit: '%s'", name);
    return name;
  }

  /** Checks an alias: a letter, then letters, digits, {@code _ -}, at most 100 characters; not a number. */
  static String checkAlias(String alias) {
    InvalidArgumentException.check(alias != null && alias.matches("[A-Za-z][A-Za-z0-9_-]{0,99}"),
        "alias must start with a letter and hold only letters, digits, '_' or '-' (at most 100): '%s'", alias);
    return alias;
  }

}
