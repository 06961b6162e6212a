package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.drivers.mock.MockDriver;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.runtime.client.AllocRunnerFactory;
import io.caravan.runtime.client.HandleStore;
import io.caravan.runtime.client.NodeAgent;
import io.caravan.runtime.client.NodeFacts;
import io.caravan.runtime.client.Sleeper;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.transport.AllocationUpdates;
import io.caravan.runtime.transport.Transport;
import io.caravan.runtime.transport.TransportException;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.fsm.Command;
import io.caravan.state.store.StateSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A runtime-spi NodeAgent with the mock driver, in this JVM, against a single server through its Transport. */
@Timeout(30)
class ServerTransportTest {
  @TempDir Path dir;
  private final CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(0).build())
      .random(new SplittableRandom(1)).start();
  private final Transport transport = server.clientTransport();

  @AfterEach
  void close() {
    server.close();
  }

  private static Job mockJob() {
    return Job.builder().id("sleepy").namespace("default").type("service").priority(50).datacenters(List.of("dc1"))
        .taskGroups(List.of(TaskGroup.builder().name("g").count(1)
            .task(Task.builder().name("t").driver("mock_driver")
                .resources(Resources.builder().cpu(100).memoryMB(64).build()).build()).build()))
        .build();
  }

  private Allocation place(String allocId, String desired) {
    Job job = server.job("default", "sleepy").orElseThrow();
    return Allocation.builder().id(allocId).namespace("default").evalID("e1").name("sleepy.g[0]")
        .nodeID("n1").jobID("sleepy").job(job).taskGroup("g").desiredStatus(desired).clientStatus("pending").build();
  }

  private StateSnapshot awaitState(Predicate<StateSnapshot> done) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    StateSnapshot s = server.snapshot();
    while (!done.test(s)) {
      assertThat(System.nanoTime() - deadline).as("state did not get there in time").isNegative();
      s = server.awaitIndex(s.latestIndex(), Duration.ofSeconds(1));
    }
    return s;
  }

  @Test
  void pullBlocksUntilTheNodesAllocationsChange() throws Exception {
    transport.register(Nodes.mock("n1"));
    server.registerJob(mockJob());
    AllocationUpdates none = transport.pullAllocations("n1", 0, Duration.ofMillis(50));
    assertThat(none.allocations()).isEmpty();
    var pull = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return transport.pullAllocations("n1", none.index(), Duration.ofSeconds(20));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    long index = server.write(new Command.ApplyPlanResult(List.of(place("a1", "run")), null, List.of()));
    AllocationUpdates got = pull.get();
    assertThat(got.index()).isEqualTo(index);
    assertThat(got.allocations()).extracting(Allocation::id).containsExactly("a1");
  }

  @Test
  void anUnknownNodeIsToldToRegister() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> transport.heartbeat("ghost", "ready"))
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.unknownNode()).isTrue());
  }

  @Test
  void aNodeAgentRunsAndStopsAnAllocationThroughTheServer() throws Exception {
    MockDriver driver = new MockDriver();
    driver.init(DriverContext.of(Clock.systemUTC()));
    Node node = Nodes.mock("n1"); // registers ready (an initializing node turns ready at its first heartbeat, ttl/2 later)
    NodeFacts facts = NodeFacts.of("n1", node.name(), "dc1", "global", "", "default", node.attributes(), Map.of());
    AllocRunnerFactory factory = new AllocRunnerFactory(dir.resolve("allocs"), facts, n -> driver,
        new HandleStore(dir.resolve("state")), Clock.systemUTC(), new SplittableRandom(2), Sleeper.real());
    server.registerJob(mockJob());
    try (NodeAgent agent = new NodeAgent(node, transport, factory, Duration.ofSeconds(5), Sleeper.real()).start()) {
      awaitState(s -> s.nodeById("n1").map(n -> n.status().equals(NodeStatus.READY)).orElse(false));
      server.write(new Command.ApplyPlanResult(List.of(place("a1", "run")), null, List.of()));
      StateSnapshot running = awaitState(s -> s.allocById("a1").orElseThrow().clientStatus().equals("running"));
      assertThat(running.allocById("a1").orElseThrow().taskStates()).containsKey("t");

      server.write(new Command.ApplyPlanResult(List.of(place("a1", "stop")), null, List.of()));
      StateSnapshot stopped = awaitState(s -> s.allocById("a1").orElseThrow().clientTerminal());
      assertThat(stopped.allocById("a1").orElseThrow().clientStatus()).isEqualTo("complete");
      agent.shutdown();
    } finally {
      driver.close();
    }
  }
}
