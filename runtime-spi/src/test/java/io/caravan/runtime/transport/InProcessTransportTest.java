package io.caravan.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InProcessTransportTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private final InProcessTransport transport =
      new InProcessTransport(clock, new SplittableRandom(1), Duration.ofSeconds(10));

  static Node node(String id) {
    return Node.builder().id(id).name(id).status("initializing").build();
  }

  static Allocation alloc(String id, String nodeId, String desired) {
    return Allocation.builder().id(id).nodeID(nodeId).desiredStatus(desired).build();
  }

  @Test
  void heartbeatTtlIsAtLeastMinimumPlusStagger() {
    for (int i = 0; i < 20; i++) {
      Duration ttl = transport.register(node("n" + i)).ttl();
      assertThat(ttl).isGreaterThanOrEqualTo(Duration.ofSeconds(10)).isLessThan(Duration.ofSeconds(20));
    }
    assertThat(transport.heartbeat("n3", "ready").ttl())
        .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(transport.nodeStatuses()).containsEntry("n3", "ready").hasSize(20);
  }

  @Test
  void ttlGrowsWithNodeCountAtFiftyHeartbeatsPerSecond() {
    InProcessTransport t = new InProcessTransport(clock, new SplittableRandom(2), Duration.ofSeconds(1));
    Duration last = Duration.ZERO;
    for (int i = 0; i < 1000; i++) {
      last = t.register(node("n" + i)).ttl();
    }
    // 1000 nodes / 50 per second = 20 s base, plus stagger below 20 s
    assertThat(last).isGreaterThanOrEqualTo(Duration.ofSeconds(20)).isLessThan(Duration.ofSeconds(40));
  }

  @Test
  void unknownNodeMustRegister() {
    assertThatThrownBy(() -> transport.heartbeat("ghost", "ready"))
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.unknownNode()).isTrue());
  }

  @Test
  void blockingPullReturnsWhenAnAllocationIsAssigned() throws Exception {
    transport.register(node("n1"));
    AllocationUpdates first = transport.pullAllocations("n1", 0, Duration.ZERO);
    assertThat(first.allocations()).isEmpty();
    CompletableFuture<AllocationUpdates> pending = CompletableFuture.supplyAsync(() -> {
      try {
        return transport.pullAllocations("n1", first.index(), Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    transport.assign(alloc("a1", "n1", "run"));
    transport.assign(alloc("other", "n2", "run"));
    AllocationUpdates next = pending.get(10, TimeUnit.SECONDS);
    assertThat(next.index()).isGreaterThan(first.index());
    assertThat(next.allocations()).extracting(Allocation::id).containsExactly("a1");
  }

  @Test
  void pullTimesOutWithUnchangedIndex() throws Exception {
    transport.register(node("n1"));
    transport.assign(alloc("a1", "n1", "run"));
    AllocationUpdates now = transport.pullAllocations("n1", 0, Duration.ZERO);
    AllocationUpdates again = transport.pullAllocations("n1", now.index(), Duration.ofMillis(20));
    assertThat(again.index()).isEqualTo(now.index());
    assertThat(again.allocations()).hasSize(1);
  }

  @Test
  void statusUpdatesAreVisibleToTheServerSide() throws Exception {
    transport.register(node("n1"));
    transport.updateAllocations("n1", List.of(
        new AllocStatusUpdate("a1", "running", "", ImmutableSortedMap.of(), null)));
    assertThat(transport.awaitStatus("a1", s -> s.clientStatus().equals("running"),
            Duration.ofSeconds(1)))
        .hasValueSatisfying(s -> assertThat(s.clientStatus()).isEqualTo("running"));
    assertThat(transport.status("missing")).isEmpty();
  }
}
