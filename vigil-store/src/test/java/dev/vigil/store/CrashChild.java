package dev.vigil.store;

import dev.vigil.registry.Registration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The process {@link CrashSafetyIT} kills: registers versions of one model in a loop, each with a new
 * 4 MiB artifact, and prints {@code registered N} after each commit.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    SplittableRandom rnd = new SplittableRandom(seed);
    byte[] bytes = new byte[4 << 20];
    try (Store store = Store.open(StoreOptions.embedded(home))) {
      for (int i = 0; ; i++) {
        rnd.nextBytes(bytes);
        Path src = home.resolve("src-" + seed + "-" + i + ".bin");
        Files.write(src, bytes);
        long v = store.registry().register(Registration.builder("crashy", src).tag("seed", Long.toString(seed)).build()).version();
        Files.delete(src);
        System.out.println("registered " + v);
        System.out.flush();
      }
    }
  }
}
