package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.DrainSpec;
import io.caravan.model.cluster.DrainStrategy;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.model.job.MigrateStrategy;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.store.StateSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The node drainer on a single in-memory server with real scheduler workers and a hand-moved clock;
 * the test plays the clients (allocations run and report health).
 */
@Timeout(60)
class NodeDrainerTest {
  private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");
  private final ManualTimers timers = new ManualTimers(START);
  private final AtomicInteger nextId = new AtomicInteger();
  private final CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(1).build())
      .clock(timers.clock()).timers(timers).random(new SplittableRandom(11))
      .ids(() -> String.format("00000000-0000-0000-0000-%012d", nextId.incrementAndGet())).start();

  @AfterEach
  void close() {
    server.close();
  }

  private StateSnapshot await(String what, Predicate<StateSnapshot> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    StateSnapshot s = server.snapshot();
    while (!done.test(s)) {
      assertThat(System.nanoTime() - deadline).as("timed out waiting until " + what).isNegative();
      s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(200));
    }
    return s;
  }

  /** Moves the hand clock in 5 s steps, heartbeating every node so none expires, letting the workers finish between steps. */
  private void advanceKeepingNodesAlive(Duration by) throws InterruptedException {
    for (Duration left = by; !left.isZero(); ) {
      // an evaluation in a worker's hands for more than the nack timeout (60 s) of hand-moved time would be redelivered
      await("no evaluation is pending", x -> x.evals().stream().noneMatch(e -> e.status().equals("pending")));
      Duration step = left.compareTo(Duration.ofSeconds(5)) < 0 ? left : Duration.ofSeconds(5);
      server.nodes().forEach(n -> server.heartbeat(n.id(), n.status()));
      timers.advance(step);
      left = left.minus(step);
    }
  }

  private static List<Allocation> liveOn(StateSnapshot s, String nodeId) {
    return s.allocsByNode(nodeId).stream().filter(a -> !a.terminal()).toList();
  }

  private static boolean marked(Allocation a) {
    return a.desiredTransition() != null && Boolean.TRUE.equals(a.desiredTransition().migrate());
  }

  /** Plays the clients: every live allocation not yet reported runs and is healthy. */
  private void runAll(StateSnapshot s) {
    List<Allocation> updates = new ArrayList<>();
    for (Allocation a : s.allocs()) {
      if (!a.terminal() && (a.deploymentStatus() == null || a.deploymentStatus().healthy() == null)) {
        updates.add(server.clientUpdate(a.id(), "running", "", Map.of(), true));
      }
    }
    if (!updates.isEmpty()) {
      server.updateAllocations(updates);
    }
  }

  private void drain(String nodeId, Duration deadline, boolean ignoreSystem) {
    Instant now = timers.clock().instant();
    server.updateNodeDrain(nodeId, new DrainStrategy(new DrainSpec(deadline, ignoreSystem), now.plus(deadline).toString(),
        now.toString()), false);
  }

  private static Job service(String id, int count) {
    return Jobs.mockBuilder(id, Jobs.group(count, 500, 256).migrate(new MigrateStrategy(1, "task_states",
        Duration.ofSeconds(10), Duration.ofMinutes(5))).build()).build();
  }

  private static Job system(String id) {
    return Jobs.mockBuilder(id, Jobs.group(1, 100, 64).build()).type("system").build();
  }

  private StateSnapshot placeOnFirstNodeThenAddSecond(Job... jobs) throws InterruptedException {
    server.registerNode(Nodes.mock("node-1"));
    int expected = 0;
    for (Job j : jobs) {
      server.registerJob(j);
      expected += "system".equals(j.type()) ? 1 : j.taskGroups().get(0).count();
    }
    int total = expected;
    StateSnapshot s = await("everything placed on node-1", x -> liveOn(x, "node-1").size() == total);
    runAll(s);
    server.registerNode(Nodes.mock("node-2"));
    return s;
  }

  @Test
  void drainMigratesOneAllocationAtATimeAndFinishesLeavingTheNodeIneligible() throws Exception {
    placeOnFirstNodeThenAddSecond(service("web", 4));
    drain("node-1", Duration.ofHours(1), false);
    int maxMarkedAtOnce = 0;
    StateSnapshot s;
    while (true) {
      s = server.snapshot();
      long markedLive = liveOn(s, "node-1").stream().filter(NodeDrainerTest::marked).count();
      maxMarkedAtOnce = Math.max(maxMarkedAtOnce, (int) markedLive);
      if (s.nodeById("node-1").orElseThrow().drainStrategy() == null) {
        break;
      }
      runAll(s);
      server.awaitIndex(s.latestIndex(), Duration.ofMillis(200));
    }
    assertThat(maxMarkedAtOnce).as("migrate.max_parallel = 1").isEqualTo(1);
    assertThat(liveOn(s, "node-1")).isEmpty();
    assertThat(liveOn(s, "node-2")).hasSize(4);
    Node node = s.nodeById("node-1").orElseThrow();
    assertThat(node.schedulingEligibility()).isEqualTo(NodeStatus.INELIGIBLE);
    assertThat(node.drain()).isFalse();
  }

  @Test
  void theForceDeadlineMigratesWhatIsLeftAtOnce() throws Exception {
    Job batch = Jobs.mockBuilder("report", Jobs.group(2, 500, 256).build()).type("batch").build();
    server.registerNode(Nodes.mock("node-1"));
    server.registerJob(service("web", 3));
    server.registerJob(batch);
    await("placed", x -> liveOn(x, "node-1").size() == 5);
    // nothing reports health, so no allocation can migrate before the deadline
    server.registerNode(Nodes.mock("node-2"));
    drain("node-1", Duration.ofMinutes(10), false);
    advanceKeepingNodesAlive(Duration.ofMinutes(9));
    StateSnapshot before = server.snapshot();
    assertThat(liveOn(before, "node-1")).hasSize(5).noneMatch(NodeDrainerTest::marked);

    advanceKeepingNodesAlive(Duration.ofMinutes(1));
    StateSnapshot done = await("drain done", x -> x.nodeById("node-1").orElseThrow().drainStrategy() == null);
    assertThat(liveOn(done, "node-1")).isEmpty();
    assertThat(done.allocsByNode("node-1")).allSatisfy(a -> assertThat(marked(a)).isTrue());
  }

  @Test
  void systemAllocationsAreStoppedLastUnlessIgnored() throws Exception {
    placeOnFirstNodeThenAddSecond(service("web", 2), system("agent"));
    await("the system job runs on node-2 too", x -> x.allocsByNode("node-2").size() == 1);
    drain("node-1", Duration.ofHours(1), false);
    StateSnapshot s;
    boolean systemStoppedWhileServiceLive = false;
    while (true) {
      s = server.snapshot();
      List<Allocation> live = liveOn(s, "node-1");
      boolean serviceLive = live.stream().anyMatch(a -> a.jobID().equals("web"));
      boolean systemLive = live.stream().anyMatch(a -> a.jobID().equals("agent"));
      systemStoppedWhileServiceLive |= serviceLive && !systemLive;
      if (s.nodeById("node-1").orElseThrow().drainStrategy() == null) {
        break;
      }
      runAll(s);
      server.awaitIndex(s.latestIndex(), Duration.ofMillis(200));
    }
    assertThat(systemStoppedWhileServiceLive).as("the system allocation outlived the service ones").isFalse();
    assertThat(liveOn(s, "node-1")).isEmpty();
  }

  @Test
  void ignoringSystemJobsLeavesThemRunningAndStillFinishes() throws Exception {
    placeOnFirstNodeThenAddSecond(service("web", 1), system("agent"));
    drain("node-1", Duration.ofHours(1), true);
    StateSnapshot s;
    while (true) {
      s = server.snapshot();
      if (s.nodeById("node-1").orElseThrow().drainStrategy() == null) {
        break;
      }
      runAll(s);
      server.awaitIndex(s.latestIndex(), Duration.ofMillis(200));
    }
    assertThat(liveOn(s, "node-1")).singleElement().satisfies(a -> {
      assertThat(a.jobID()).isEqualTo("agent");
      assertThat(marked(a)).isFalse();
    });
  }
}
