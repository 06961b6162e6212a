package io.caravan.model.testing;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property over many seeded random cases. Each case gets its own seed; when a case fails,
 * the error names the seed and how to replay just that case ({@code -Dcaravan.seed=<seed>}).
 */
public final class Seeds {
  private Seeds() {}

  /** System property that, when set, replays exactly one seed instead of the whole run. */
  public static final String REPLAY_PROPERTY = "caravan.seed";

  /**
   * Runs {@code property} on {@code cases} random generators derived from {@code baseSeed}, or only
   * on the seed given by {@value #REPLAY_PROPERTY}.
   */
  public static void forAll(long baseSeed, int cases, Consumer<SplittableRandom> property) {
    String replay = System.getProperty(REPLAY_PROPERTY);
    if (replay != null && !replay.isBlank()) {
      long seed = Long.parseLong(replay.trim());
      runOne(seed, property);
      return;
    }
    SplittableRandom seeds = new SplittableRandom(baseSeed);
    for (int i = 0; i < cases; i++) {
      runOne(seeds.nextLong(), property);
    }
  }

  private static void runOne(long seed, Consumer<SplittableRandom> property) {
    try {
      property.accept(new SplittableRandom(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(
          "property failed for seed " + seed + " (replay with -D" + REPLAY_PROPERTY + "=" + seed + "): " + e.getMessage(), e);
    }
  }
}
