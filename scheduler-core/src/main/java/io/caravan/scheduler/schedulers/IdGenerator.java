package io.caravan.scheduler.schedulers;

import io.caravan.scheduler.placement.SeededRandom;
import java.util.SplittableRandom;

/**
 * Deterministic IDs (UUID-shaped) for the evaluations a scheduler creates (blocked, follow-up,
 * rolling), seeded from the evaluation ID and snapshot index so a run is reproducible. Its stream
 * is independent of the placement engine's (which draws allocation IDs). Not thread-safe.
 */
public final class IdGenerator {
  private static final long SALT = 0x6A09E667F3BCC909L;
  private final SplittableRandom rng;

  /** A generator for evaluation {@code evalId} processed on a snapshot at {@code snapshotIndex}. */
  public IdGenerator(String evalId, long snapshotIndex) {
    this.rng = new SplittableRandom(SeededRandom.seed(evalId, snapshotIndex) ^ SALT);
  }

  /** The next ID. */
  public String next() {
    return SeededRandom.uuid(rng);
  }
}
