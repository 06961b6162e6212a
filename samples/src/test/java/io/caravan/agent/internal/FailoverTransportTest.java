package io.caravan.agent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.model.cluster.Node;
import io.caravan.runtime.transport.AllocStatusUpdate;
import io.caravan.runtime.transport.AllocationUpdates;
import io.caravan.runtime.transport.HeartbeatResponse;
import io.caravan.runtime.transport.Transport;
import io.caravan.runtime.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverTransportTest {

  /** A server that answers heartbeats with its TTL or fails as a follower / unreachable server would. */
  static final class FakeServer implements Transport {
    final Duration ttl;
    boolean down;
    boolean unknownNode;
    final List<String> calls = new ArrayList<>();

    FakeServer(Duration ttl) {
      this.ttl = ttl;
    }

    @Override
    public HeartbeatResponse register(Node node) {
      return heartbeat(node.id(), "ready");
    }

    @Override
    public HeartbeatResponse heartbeat(String nodeId, String status) {
      calls.add(nodeId);
      if (unknownNode) {
        throw new TransportException("unknown node " + nodeId, true);
      }
      if (down) {
        throw new TransportException("not the leader", (Throwable) null);
      }
      return new HeartbeatResponse(ttl);
    }

    @Override
    public AllocationUpdates pullAllocations(String nodeId, long minIndex, Duration maxWait) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void updateAllocations(String nodeId, List<AllocStatusUpdate> updates) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void movesOnToTheNextServerAndStaysWithTheOneThatAnswered() {
    FakeServer a = new FakeServer(Duration.ofSeconds(1));
    FakeServer b = new FakeServer(Duration.ofSeconds(2));
    a.down = true;
    FailoverTransport t = new FailoverTransport(List.of(a, b));
    assertThat(t.heartbeat("n1", "ready").ttl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(t.heartbeat("n1", "ready").ttl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(a.calls).hasSize(1);
    assertThat(b.calls).hasSize(2);
    b.down = true;
    a.down = false;
    assertThat(t.heartbeat("n1", "ready").ttl()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void failsWithTheLastErrorWhenNoServerAnswersAndPassesUnknownNodeOn() {
    FakeServer a = new FakeServer(Duration.ofSeconds(1));
    FakeServer b = new FakeServer(Duration.ofSeconds(2));
    a.down = true;
    b.down = true;
    FailoverTransport t = new FailoverTransport(List.of(a, b));
    assertThatThrownBy(() -> t.heartbeat("n1", "ready")).isInstanceOf(TransportException.class)
        .hasMessageContaining("not the leader");
    a.down = false;
    a.unknownNode = true;
    assertThatThrownBy(() -> t.heartbeat("n1", "ready"))
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.unknownNode()).isTrue());
    assertThat(b.calls).hasSize(1);
  }
}
