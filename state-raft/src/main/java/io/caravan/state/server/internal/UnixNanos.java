package io.caravan.state.server.internal;

import java.time.Instant;

/** Unix nanoseconds, the unit of Nomad's {@code CreateTime}/{@code ModifyTime}/{@code SubmitTime} fields. */
public final class UnixNanos {
  private UnixNanos() {}

  /** {@code t} as nanoseconds since the Unix epoch. */
  public static long of(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
