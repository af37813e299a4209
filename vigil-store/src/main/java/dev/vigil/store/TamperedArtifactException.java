package dev.vigil.store;

import dev.vigil.StoreException;

/** A stored artifact's content no longer matches its recorded SHA-256 digest: it is refused. */
public final class TamperedArtifactException extends StoreException {
  private static final long serialVersionUID = 1L;

  public TamperedArtifactException(String message) {
    super(message);
  }
}
