package dev.vigil.server.internal;

/** Request errors the registry routes raise; {@link dev.vigil.server.RegistryModule} maps them. */
public final class ErrorMapper {
  /** A request body or parameter is malformed; names the field. */
  public static final class BadRequest extends dev.vigil.InvalidArgumentException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
      super(message);
    }
  }

  /** A mutating call without the right bearer token. */
  public static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unauthorized() {
      super("this call changes state and needs 'Authorization: Bearer <token>'");
    }
  }

  private ErrorMapper() {}
}
