package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.job.Job;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.fingerprint.HostFingerprint;
import io.caravan.runtime.fingerprint.HostResources;
import io.caravan.runtime.plugin.PluginRegistry;
import io.caravan.runtime.transport.AllocStatusUpdate;
import io.caravan.runtime.transport.InProcessTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostClientTest {
  @TempDir Path dataDir;

  private final Clock clock = Clock.systemUTC();
  private final InProcessTransport transport = new InProcessTransport(clock, new SplittableRandom(5), Duration.ofSeconds(10));
  private static final HostFingerprint HOST = new HostFingerprint(
      ImmutableSortedMap.of("kernel.name", "linux", "unique.hostname", "box-1"),
      new HostResources(2, 2000, 4000, 4096L << 20, 100L << 30, 50L << 30), ImmutableList.of());

  private HostClient start(ScriptedDriver driver) {
    PluginRegistry registry = new PluginRegistry(DriverContext.of(clock)).register(driver);
    return HostClient.builder(dataDir, transport).fingerprinter(() -> HOST).drivers(registry)
        .address(NodeAssembler.HostAddress.LOOPBACK).pullWait(Duration.ofMillis(200)).start();
  }

  private static Allocation alloc(String id, String nodeId) {
    Job job = Job.builder("web").type("batch")
        .taskGroup(TaskGroup.builder().name("app").task(Task.builder("main").driver("scripted")))
        .build();
    return Allocation.builder().id(id).nodeID(nodeId).name("web.app[0]").job(job).taskGroup("app")
        .desiredStatus("run").build();
  }

  @Test
  void registersAReadyNodeWithItsDriversAndKeepsItsIdAcrossRestarts() throws Exception {
    String firstId;
    try (HostClient client = start(new ScriptedDriver())) {
      firstId = client.node().id();
      assertThat(client.node().name()).isEqualTo("box-1");
      assertThat(client.node().status()).isEqualTo("ready");
      assertThat(client.node().attributesOrEmpty()).containsEntry("driver.scripted", "1");
      assertThat(client.node().nodeResources().cpu().cpuShares()).isEqualTo(4000);
      assertThat(transport.nodeStatuses()).containsKey(firstId);
    }
    assertThat(Files.readString(dataDir.resolve("client-id")).trim()).isEqualTo(firstId);
    try (HostClient again = start(new ScriptedDriver())) {
      assertThat(again.node().id()).isEqualTo(firstId);
    }
  }

  @Test
  void runsAnAssignedAllocationInItsAllocDirAndShutdownStopsTheRest() throws Exception {
    ScriptedDriver driver = new ScriptedDriver().then(new ScriptedDriver.Exit(ExitResult.code(0)));
    HostClient client = start(driver);
    transport.assign(alloc("a1", client.node().id()));
    Optional<AllocStatusUpdate> done = transport.awaitStatus("a1", s -> s.clientStatus().equals("complete"),
        Duration.ofSeconds(10));
    assertThat(done).isPresent();
    assertThat(client.allocDir("a1").resolve("alloc/logs")).isDirectory();

    transport.assign(alloc("a2", client.node().id()));
    assertThat(transport.awaitStatus("a2", s -> s.clientStatus().equals("running"), Duration.ofSeconds(10)))
        .isPresent();
    client.shutdown();
    assertThat(driver.calls).anyMatch(c -> c.startsWith("stop a2/main"));
  }

  @Test
  void runsAJobOnACustomDriverFoundThroughServiceLoader() throws Exception {
    // No registry given: the client discovers drivers listed in META-INF/services (here the test's echo_test).
    try (HostClient client = HostClient.builder(dataDir, transport).fingerprinter(() -> HOST)
        .address(NodeAssembler.HostAddress.LOOPBACK).pullWait(Duration.ofMillis(200)).start()) {
      assertThat(client.node().attributesOrEmpty()).containsEntry("driver.echo_test", "1");
      Job job = Job.builder("greeter").type("batch")
          .taskGroup(TaskGroup.builder().name("app").task(Task.builder("say").driver("echo_test")
              .config("message", "hello from ${NOMAD_JOB_ID}/${NOMAD_TASK_NAME}").config("exit_code", 0)))
          .build();
      transport.assign(Allocation.builder().id("e1").nodeID(client.node().id()).name("greeter.app[0]").job(job)
          .taskGroup("app").desiredStatus("run").build());

      Optional<AllocStatusUpdate> done = transport.awaitStatus("e1", s -> s.clientStatus().equals("complete"),
          Duration.ofSeconds(10));

      assertThat(done).isPresent();
      assertThat(done.get().taskStates().get("say").failed()).isFalse();
      io.caravan.runtime.driver.TaskDriver echo = client.drivers().requireDriver("echo_test");
      assertThat(echo).isInstanceOf(io.caravan.runtime.plugin.EchoTestDriver.class);
      assertThat(((io.caravan.runtime.plugin.EchoTestDriver) echo).message("e1/say"))
          .isEqualTo("hello from greeter/say");
    }
  }
}
