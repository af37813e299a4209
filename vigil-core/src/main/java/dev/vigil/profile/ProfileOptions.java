package dev.vigil.profile;

import dev.vigil.InvalidArgumentException;

/**
 * Sketch sizes of a profile. Larger values give smaller errors and larger states.
 *
 * @param kllK KLL accuracy parameter in [8, 65535] (default 200: normalized rank error about 1.65%
 *     for single quantiles, 99% confidence)
 * @param hllLgK log2 of the HyperLogLog register count in [4, 21] (default 12: relative standard
 *     error about 1.6%)
 * @param frequentMapSize map size of the frequent-items sketches, a power of 2 in [8, 4096]
 *     (default 128: tracks up to 96 items; counts are exact while fewer distinct values were seen)
 * @param maxItemLength text values longer than this are truncated before entering the frequent-items
 *     sketch (default 128), so that a profile stays under 50 KB per column
 */
public record ProfileOptions(int kllK, int hllLgK, int frequentMapSize, int maxItemLength) {
  /** The defaults named above. */
  public static final ProfileOptions DEFAULTS = new ProfileOptions(200, 12, 128, 128);

  public ProfileOptions {
    InvalidArgumentException.check(kllK >= 8 && kllK <= 65535, "kllK must be in [8, 65535]: %d", kllK);
    InvalidArgumentException.check(hllLgK >= 4 && hllLgK <= 21, "hllLgK must be in [4, 21]: %d", hllLgK);
    InvalidArgumentException.check(frequentMapSize >= 8 && frequentMapSize <= 4096 && Integer.bitCount(frequentMapSize) == 1,
        "frequentMapSize must be a power of 2 in [8, 4096]: %d", frequentMapSize);
    InvalidArgumentException.check(maxItemLength >= 1, "maxItemLength must be >= 1: %d", maxItemLength);
  }
}
