package io.caravan.drivers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.runtime.driver.DriverFingerprint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FingerprintBroadcasterTest {

  @Test
  void listenersGetTheCurrentFingerprintThenOnlyChanges() throws Exception {
    AtomicReference<DriverFingerprint> state =
        new AtomicReference<>(DriverFingerprint.healthy(Map.of("driver.x", "1"), "ok"));
    List<DriverFingerprint> seen = new CopyOnWriteArrayList<>();
    try (FingerprintBroadcaster b = new FingerprintBroadcaster(state::get, Duration.ofHours(1), "test-fp")) {
      AutoCloseable sub = b.subscribe(seen::add);
      b.poll();
      state.set(DriverFingerprint.unhealthy(Map.of(), "engine down"));
      b.poll();
      b.poll();
      sub.close();
      state.set(DriverFingerprint.healthy(Map.of("driver.x", "1"), "ok"));
      b.poll();
    }

    assertThat(seen).extracting(DriverFingerprint::health)
        .containsExactly(DriverFingerprint.Health.HEALTHY, DriverFingerprint.Health.UNHEALTHY);
  }
}
