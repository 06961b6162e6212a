package io.caravan.runtime.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The server's answer to a register or heartbeat call.
 *
 * @param ttl the time within which the next heartbeat must arrive
 */
public record HeartbeatResponse(Duration ttl) {

  /** Validates the TTL. */
  public HeartbeatResponse {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("heartbeat ttl must be positive, was " + ttl);
    }
  }
}
