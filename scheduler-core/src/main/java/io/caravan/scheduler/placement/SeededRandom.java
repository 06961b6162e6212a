package io.caravan.scheduler.placement;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Seeded randomness of one evaluation. The seed is derived as Nomad derives its shuffle seed:
 * the last 8 ASCII bytes of the evaluation ID read big-endian, XOR the snapshot index, shifted
 * right by 2. (The generator itself is {@link SplittableRandom}, not Go's {@code math/rand}, so
 * orders match Nomad's in distribution, not bit for bit.)
 */
public final class SeededRandom {
  private SeededRandom() {}

  /** The seed for {@code (evalId, snapshotIndex)}. */
  public static long seed(String evalId, long snapshotIndex) {
    byte[] bytes = evalId.getBytes(StandardCharsets.US_ASCII);
    long s = 0;
    for (int i = Math.max(0, bytes.length - 8); i < bytes.length; i++) {
      s = (s << 8) | (bytes[i] & 0xff);
    }
    s ^= snapshotIndex;
    return s >>> 2;
  }

  /** Fisher–Yates shuffle from the end, as Nomad's {@code ShuffleNodes}. */
  public static void shuffle(int[] order, SplittableRandom rng) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  /** A random (version 4 shaped) UUID string from {@code rng}. */
  public static String uuid(SplittableRandom rng) {
    long hi = (rng.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lo = (rng.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  /**
   * A salt for allocation IDs that depends on the whole evaluation ID and the whole snapshot index.
   * {@link #seed} drops the index's two low bits and reads only 8 bytes of the ID (Nomad's shuffle
   * seed), so a retry of the same evaluation on a refreshed snapshot would otherwise draw the same
   * allocation IDs as the attempt before it; Nomad draws allocation IDs from a random UUID source.
   */
  public static long[] idSalt(String evalId, long snapshotIndex) {
    com.google.common.hash.HashCode h = com.google.common.hash.Hashing.murmur3_128().newHasher()
        .putString(evalId, StandardCharsets.UTF_8).putLong(snapshotIndex).hash();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(h.asBytes());
    // Leave the version and variant bits alone so salted IDs keep the version 4 shape.
    return new long[] {b.getLong() & 0xffffffffffff0fffL, b.getLong() & 0x3fffffffffffffffL};
  }

  /** Like {@link #uuid(SplittableRandom)}, XOR-ed with a salt from {@link #idSalt}. */
  public static String uuid(SplittableRandom rng, long[] salt) {
    UUID u = UUID.fromString(uuid(rng));
    return new UUID(u.getMostSignificantBits() ^ salt[0], u.getLeastSignificantBits() ^ salt[1]).toString();
  }
}
