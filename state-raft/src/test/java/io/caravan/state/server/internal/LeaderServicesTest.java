package io.caravan.state.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.NodeStatus;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.HeartbeatSettings;
import io.caravan.state.fsm.Command;
import io.caravan.state.server.ManualTimers;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LeaderServicesTest {
  private final ManualTimers timers = new ManualTimers(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<String> expired = new ArrayList<>();
  private final List<String> pipelineCalls = new ArrayList<>();
  private final HeartbeatTimers heartbeats = new HeartbeatTimers(timers,
      new HeartbeatSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), 50, Duration.ofSeconds(300)),
      new SplittableRandom(1), expired::add);
  private final LeaderServices services = new LeaderServices("s0", heartbeats, new LeaderServices.Pipeline() {
    @Override
    public void start(StateSnapshot state) {
      pipelineCalls.add("start@" + state.latestIndex());
    }

    @Override
    public void applied(long index, Command command, StateSnapshot after) {
      pipelineCalls.add("applied@" + index);
    }

    @Override
    public void stop() {
      pipelineCalls.add("stop");
    }
  });

  @Test
  void aNewLeaderArmsEveryLiveNodeAtTheFailoverTtlAndStartsThePipeline() {
    StateStore store = new StateStore(timers.clock());
    store.write(1, tx -> tx.upsertNode(Nodes.mock("up")));
    store.write(2, tx -> tx.upsertNode(Nodes.mock("gone").toBuilder().status(NodeStatus.DOWN).build()));
    services.establish(store::snapshot);
    assertThat(services.active()).isTrue();
    assertThat(pipelineCalls).containsExactly("start@2");
    assertThat(heartbeats.tracked("up")).isTrue();
    assertThat(heartbeats.tracked("gone")).isFalse();
    assertThat(timers.pending()).containsExactly(Duration.ofSeconds(300));
    timers.advance(Duration.ofSeconds(299));
    assertThat(expired).isEmpty();
    timers.advance(Duration.ofSeconds(1));
    assertThat(expired).containsExactly("up");
  }

  @Test
  void losingLeadershipStopsTimersAndThePipelineAndIgnoresLaterCommands() {
    StateStore store = new StateStore(timers.clock());
    store.write(1, tx -> tx.upsertNode(Nodes.mock("up")));
    services.establish(store::snapshot);
    services.applied(2, new Command.UpsertEvals(List.of()), store.snapshot());
    services.revoke();
    services.applied(3, new Command.UpsertEvals(List.of()), store.snapshot());
    assertThat(services.active()).isFalse();
    assertThat(pipelineCalls).containsExactly("start@1", "applied@2", "stop");
    timers.advance(Duration.ofMinutes(10));
    assertThat(expired).isEmpty();
  }
}
