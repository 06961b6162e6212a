package io.caravan.state.config;

import java.time.Duration;

/** Node heartbeat timing (Nomad's TTL rule): grace, minimum TTL, target rate and the failover TTL. */
public record HeartbeatSettings(Duration grace, Duration minTtl, double maxPerSecond, Duration failoverTtl) {
  public HeartbeatSettings {
    if (!(maxPerSecond > 0)) {
      throw new ConfigValueException("caravan.server.heartbeat.max_per_second", "must be positive, got " + maxPerSecond);
    }
  }
}
