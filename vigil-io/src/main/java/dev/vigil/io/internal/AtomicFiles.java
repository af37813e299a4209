package dev.vigil.io.internal;

import dev.vigil.StoreException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes that are atomic or not made: write a sibling temporary file, then rename it over the target. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** A fresh temporary path in the target's folder (created folders included). */
  public static Path temporarySibling(Path target) {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
      Files.delete(tmp);
      return tmp;
    } catch (IOException e) {
      throw new StoreException("cannot write in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Renames {@code tmp} over {@code target} atomically where the file system allows. */
  public static void move(Path tmp, Path target) {
    try {
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the original error matters more
      }
      throw new StoreException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code text} (UTF-8) to {@code target} atomically. */
  public static void writeString(Path target, String text) {
    Path tmp = temporarySibling(target);
    try {
      Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot write " + target + ": " + e.getMessage(), e);
    }
    move(tmp, target);
  }
}
