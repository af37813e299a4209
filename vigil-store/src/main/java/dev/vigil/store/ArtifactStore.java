package dev.vigil.store;

import dev.vigil.InvalidArgumentException;
import dev.vigil.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A content-addressed store of immutable files on the local file system.
 *
 * <p>Layout under the root: {@code sha256/<first 2 hex digits>/<64 hex digits>} for each blob and
 * {@code tmp/} for writes in progress. {@link #put} copies into {@code tmp/} while hashing, forces the
 * bytes to disk, re-reads the copy to verify its digest, then renames it into place atomically; a
 * crash at any point leaves either the complete blob or a temporary file that {@code fsck} removes.
 * Blobs are identified by their digest, written {@code sha256:<64 hex>}. Every read through
 * {@link #verifiedPath} or {@link #read} re-hashes the blob and refuses one whose content no longer
 * matches its name with a {@link TamperedArtifactException}.
 */
public final class ArtifactStore {
  private final Path root;

  ArtifactStore(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root.resolve("sha256"));
      Files.createDirectories(root.resolve("tmp"));
    } catch (IOException e) {
      throw new StoreException("cannot create the artifact store at " + root + ": " + e.getMessage(), e);
    }
  }

  /** The root folder. */
  public Path root() {
    return root;
  }

  /**
   * Stores a copy of the regular file {@code source}.
   *
   * @throws StoreException when {@code source} does not exist, is not a regular file or cannot be copied
   */
  public ArtifactRef put(Path source) {
    if (!Files.isRegularFile(source)) {
      throw new StoreException("artifact " + source + " must be an existing regular file: "
          + (Files.exists(source) ? "it is not a regular file" : "it does not exist"));
    }
    try (InputStream in = Files.newInputStream(source)) {
      return put(in, source.toString());
    } catch (IOException e) {
      throw new StoreException("cannot read artifact " + source + ": " + e.getMessage(), e);
    }
  }

  /** Stores {@code bytes}. */
  public ArtifactRef put(byte[] bytes) {
    return put(new java.io.ByteArrayInputStream(bytes), "<bytes>");
  }

  /**
   * Stores the bytes read from {@code source} (read to its end, not closed).
   *
   * @param what names the source in error messages
   */
  public ArtifactRef put(InputStream source, String what) {
    Path tmp = root.resolve("tmp").resolve(UUID.randomUUID() + ".part");
    try {
      MessageDigest md = sha();
      long size;
      try (DigestInputStream in = new DigestInputStream(source, md);
           FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
           OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
        size = in.transferTo(out);
        out.flush();
        ch.force(true);
      }
      String digest = "sha256:" + HexFormat.of().formatHex(md.digest());
      String check = hash(tmp);
      if (!check.equals(digest)) {
        throw new StoreException("artifact " + what + " changed while it was copied: expected " + digest + ", wrote " + check);
      }
      Path target = path(digest);
      Files.createDirectories(target.getParent());
      if (Files.exists(target) && hash(target).equals(digest)) {
        Files.delete(tmp);
      } else {
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDir(target.getParent());
      }
      return new ArtifactRef(digest, size);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new StoreException("cannot store artifact " + what + " under " + root + ": " + e.getMessage(), e);
    }
  }

  /** The file that holds {@code digest} (it may be missing). */
  public Path path(String digest) {
    InvalidArgumentException.check(digest != null && digest.matches("sha256:[0-9a-f]{64}"),
        "artifact digest must be sha256:<64 lower-case hex digits>: %s", digest);
    String hex = digest.substring(7);
    return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
  }

  /** Whether a blob named {@code digest} exists (its content is not checked). */
  public boolean contains(String digest) {
    return Files.isRegularFile(path(digest));
  }

  /**
   * The file that holds {@code digest}, after re-hashing it.
   *
   * @throws StoreException when it is missing
   * @throws TamperedArtifactException when its content does not match {@code digest}
   */
  public Path verifiedPath(String digest) {
    Path p = path(digest);
    try {
      String actual = hash(p);
      if (!actual.equals(digest)) {
        throw new TamperedArtifactException("artifact " + p + " is corrupt or was tampered with: expected "
            + digest + ", content hashes to " + actual);
      }
      return p;
    } catch (NoSuchFileException e) {
      throw new StoreException("artifact " + digest + " is missing from " + root + ": expected file " + p, e);
    } catch (IOException e) {
      throw new StoreException("cannot read artifact " + p + ": " + e.getMessage(), e);
    }
  }

  /** The bytes of {@code digest}, verified as in {@link #verifiedPath}. */
  public byte[] read(String digest) {
    Path p = verifiedPath(digest);
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new StoreException("cannot read artifact " + p + ": " + e.getMessage(), e);
    }
  }

  /** Every stored digest, in no particular order. */
  public List<String> digests() {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root.resolve("sha256"), 2)) {
      s.filter(Files::isRegularFile).forEach(p -> out.add("sha256:" + p.getFileName()));
    } catch (IOException e) {
      throw new StoreException("cannot list artifacts under " + root + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Temporary files left by interrupted writes. */
  public List<Path> temporaryFiles() {
    try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
      return s.toList();
    } catch (IOException e) {
      throw new StoreException("cannot list " + root.resolve("tmp") + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the blob {@code digest}; returns whether it existed. */
  public boolean delete(String digest) {
    try {
      return Files.deleteIfExists(path(digest));
    } catch (IOException e) {
      throw new StoreException("cannot delete artifact " + digest + ": " + e.getMessage(), e);
    }
  }

  static String hash(Path p) throws IOException {
    MessageDigest md = sha();
    try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  private static void fsyncDir(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // Some file systems cannot open a directory for fsync; the rename is still atomic there.
    }
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
