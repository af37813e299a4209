package dev.vigil.neighbors.internal;

/**
 * Finds the explicit-SIMD kernel of {@link FloatFilter} without making vigil-core depend on it.
 *
 * <p>{@link VectorKernel} is written with JDK 17's incubating Vector API ({@code
 * jdk.incubator.vector}), which the JVM resolves only when started with {@code --add-modules
 * jdk.incubator.vector} (and then prints "WARNING: Using incubator modules" once). Without the
 * module, or with the system property {@value #PROPERTY}{@code =false}, {@link #load} returns null
 * and the search runs the auto-vectorised loops of {@link FloatFilter}; the class that names the
 * incubator types is then never loaded. Both kernels give bit-identical answers.
 */
public final class VectorKernels {
  /** System property that disables the Vector-API kernel when set to {@code false}. */
  public static final String PROPERTY = "vigil.neighbors.vector";
  private static final String MODULE = "jdk.incubator.vector";

  private VectorKernels() {}

  /** True when the exact search runs the Vector-API kernel in this JVM. */
  public static boolean active() {
    return FloatFilter.VECTOR != null;
  }

  /** The Vector-API kernel, or null when the module is absent, disabled, or has too narrow SIMD. */
  static FloatFilter.Kernel load() {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))
        || ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      return null;
    }
    try {
      Class<?> c = Class.forName("dev.vigil.neighbors.internal.VectorKernel");
      return (FloatFilter.Kernel) c.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
      // no usable SIMD width on this CPU (see VectorKernel), or a JVM without the incubator API
      return null;
    }
  }
}
