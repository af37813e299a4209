package dev.vigil.provenance;

import dev.vigil.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * Where an artefact (a report, a split, a resampled table, a model version) came from: what made it,
 * when, from which inputs (by content digest), with which configuration and seed, on which Vigil,
 * Java and operating system. Every artefact Vigil writes carries one; two artefacts with equal
 * provenance apart from {@code createdAt} were made the same way from the same inputs.
 *
 * @param kind what was made, a snake_case word such as {@code resample} or {@code model_version}
 * @param createdAt when, from the injected clock
 * @param inputs input name to content digest (see {@link Digests})
 * @param config configuration as text key-values, in the order given
 * @param seed the random seed, when randomness was used
 * @param vigilVersion Vigil's version
 * @param javaVersion {@code java.version} and vendor
 * @param os {@code os.name os.version os.arch}
 */
public record Provenance(String kind, Instant createdAt, Map<String, String> inputs, Map<String, String> config,
    OptionalLong seed, String vigilVersion, String javaVersion, String os) {

  /** Version of the JSON layout of provenance (field names as the record components, snake_case). */
  public static final int FORMAT_VERSION = 1;

  public Provenance {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(createdAt, "createdAt");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    Objects.requireNonNull(seed, "seed");
  }

  /** Starts provenance for {@code kind}, stamped by {@code clock}. */
  public static Builder builder(String kind, Clock clock) {
    return new Builder(kind, clock);
  }

  /** Vigil's version from the core jar ({@code unknown} when run from unpackaged classes without it). */
  public static String currentVigilVersion() {
    return VersionHolder.VERSION;
  }

  /** Builds {@link Provenance}; environment fields are filled from the running JVM. */
  public static final class Builder {
    private final String kind;
    private final Clock clock;
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private OptionalLong seed = OptionalLong.empty();

    private Builder(String kind, Clock clock) {
      InvalidArgumentException.check(kind != null && kind.matches("[a-z][a-z0-9_]*"), "kind must be snake_case: %s", kind);
      this.kind = kind;
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records an input by name and content digest. */
    public Builder input(String name, String digest) {
      inputs.put(name, digest);
      return this;
    }

    /** Records a configuration value (as text, {@code Locale.ROOT} formatting is the caller's). */
    public Builder config(String key, Object value) {
      config.put(key, String.valueOf(value));
      return this;
    }

    public Builder seed(long s) {
      this.seed = OptionalLong.of(s);
      return this;
    }

    public Provenance build() {
      return new Provenance(kind, clock.instant(), inputs, config, seed, currentVigilVersion(),
          System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
          System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }
  }

  private static final class VersionHolder {
    static final String VERSION = load();

    private static String load() {
      try (InputStream in = Provenance.class.getResourceAsStream("vigil.properties")) {
        if (in == null) {
          return "unknown";
        }
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }
  }
}
