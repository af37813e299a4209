package dev.vigil.store;

import java.util.List;

/**
 * What {@link Store#fsck} found.
 *
 * @param versionsChecked model versions whose artifacts were verified
 * @param missing referenced blobs that are absent ({@code model/version: digest})
 * @param corrupt referenced blobs whose content no longer matches their digest
 * @param orphans blobs no row references (left by a crash between write and commit)
 * @param temporaryFiles interrupted writes under {@code tmp/}
 * @param repaired whether orphans and temporary files were deleted
 */
public record FsckReport(long versionsChecked, List<String> missing, List<String> corrupt, List<String> orphans,
    List<String> temporaryFiles, boolean repaired) {
  /** True when nothing referenced is missing or corrupt. */
  public boolean healthy() {
    return missing.isEmpty() && corrupt.isEmpty();
  }
}
