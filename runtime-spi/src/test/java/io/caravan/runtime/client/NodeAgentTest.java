package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.runtime.client.ScriptedDriver.Exit;
import io.caravan.runtime.driver.ExitResult;
import io.caravan.runtime.transport.AllocStatusUpdate;
import io.caravan.runtime.transport.InProcessTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class NodeAgentTest {

  @TempDir Path dataDir;

  private final Clock clock = Clock.systemUTC();
  private final InProcessTransport transport =
      new InProcessTransport(clock, new SplittableRandom(9), Duration.ofSeconds(10));
  private final Node node = Node.builder()
      .id("node-1")
      .name("worker-1")
      .datacenter("dc1")
      .status("initializing")
      .build();
  private final NodeFacts facts = NodeFacts.of("node-1", "worker-1", "dc1", "global", "", "default",
      Map.of("kernel.name", "linux"), Map.of());

  private NodeAgent agent(ScriptedDriver driver) {
    return agent(driver, transport);
  }

  private NodeAgent agent(ScriptedDriver driver, io.caravan.runtime.transport.Transport via) {
    AllocRunnerFactory factory = new AllocRunnerFactory(
        dataDir.resolve("allocs"), facts, name -> driver, new HandleStore(dataDir.resolve("state")),
        clock, new SplittableRandom(3), Sleeper.real());
    return new NodeAgent(node, via, factory, Duration.ofMillis(200), Sleeper.real());
  }

  private static Allocation alloc(String id, String type, String desired) {
    Job job = Job.builder("web").type(type)
        .taskGroup(TaskGroup.builder().name("app")
            .task(Task.builder("server").driver("scripted").env("GREETING", "hi ${node.unique.name}")))
        .build();
    return Allocation.builder()
        .id(id)
        .nodeID("node-1")
        .name("web.app[0]")
        .job(job)
        .taskGroup("app")
        .desiredStatus(desired)
        .build();
  }

  private Optional<AllocStatusUpdate> await(String allocId, String clientStatus)
      throws InterruptedException {
    return transport.awaitStatus(allocId, s -> s.clientStatus().equals(clientStatus),
        Duration.ofSeconds(10));
  }

  @Test
  void runsAssignedBatchAllocationToCompletionAndReportsIt() throws Exception {
    ScriptedDriver driver = new ScriptedDriver().then(new Exit(ExitResult.code(0)));
    try (NodeAgent agent = agent(driver).start()) {
      assertThat(transport.nodeStatuses()).containsKey("node-1");
      transport.assign(alloc("a1", "batch", "run"));
      Optional<AllocStatusUpdate> done = await("a1", "complete");
      assertThat(done).hasValueSatisfying(s -> {
        assertThat(s.clientStatus()).isEqualTo("complete");
        assertThat(s.taskStates().get("server").state()).isEqualTo("dead");
        assertThat(s.taskStates().get("server").failed()).isFalse();
      });
      assertThat(driver.starts()).isEqualTo(1);
      assertThat(dataDir.resolve("allocs/a1/alloc/logs")).isDirectory();
      assertThat(dataDir.resolve("allocs/a1/server/local")).isDirectory();
    }
  }

  @Test
  void runsAnAllocationThroughTheHttpTransport() throws Exception {
    com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
    http.setExecutor(threads);
    io.caravan.runtime.transport.TransportHttpService.register(http, transport);
    http.start();
    try {
      var remote = new io.caravan.runtime.transport.HttpTransport(
          java.net.URI.create("http://127.0.0.1:" + http.getAddress().getPort()), Duration.ofSeconds(5));
      ScriptedDriver driver = new ScriptedDriver().then(new Exit(ExitResult.code(0)));
      try (NodeAgent agent = agent(driver, remote).start()) {
        assertThat(transport.nodeStatuses()).containsKey("node-1");
        transport.assign(alloc("a1", "batch", "run"));
        assertThat(await("a1", "complete")).hasValueSatisfying(
            s -> assertThat(s.taskStates().get("server").state()).isEqualTo("dead"));
        assertThat(driver.starts()).isEqualTo(1);
      }
    } finally {
      http.stop(0);
      threads.shutdownNow();
    }
  }

  @Test
  void passesInterpolatedEnvironmentToTheDriver() throws Exception {
    ScriptedDriver driver = new ScriptedDriver().then(new Exit(ExitResult.code(0)));
    try (NodeAgent agent = agent(driver).start()) {
      transport.assign(alloc("a1", "batch", "run"));
      await("a1", "complete");
      Map<String, String> env = agent.runner("a1").orElseThrow().taskRunners().get(0)
          .config().env();
      assertThat(env)
          .containsEntry("GREETING", "hi worker-1")
          .containsEntry("NOMAD_ALLOC_ID", "a1")
          .containsEntry("NOMAD_ALLOC_NAME", "web.app[0]")
          .containsEntry("NOMAD_JOB_ID", "web")
          .containsEntry("NOMAD_DC", "dc1")
          .containsEntry("NOMAD_TASK_DIR", dataDir.resolve("allocs/a1/server/local").toString());
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(value = io.caravan.runtime.driver.DriverCapabilities.FsIsolation.class,
      names = {"CHROOT", "IMAGE"})
  void isolatingDriversGetTheDirectoriesAsTheTaskSeesThem(
      io.caravan.runtime.driver.DriverCapabilities.FsIsolation isolation) throws Exception {
    ScriptedDriver driver = new ScriptedDriver().then(new Exit(ExitResult.code(0))).fsIsolation(isolation);
    try (NodeAgent agent = agent(driver).start()) {
      transport.assign(alloc("a1", "batch", "run"));
      await("a1", "complete");
      io.caravan.runtime.driver.TaskConfig config = agent.runner("a1").orElseThrow().taskRunners().get(0).config();
      assertThat(config.env())
          .containsEntry("NOMAD_TASK_DIR", "/local")
          .containsEntry("NOMAD_ALLOC_DIR", "/alloc")
          .containsEntry("NOMAD_SECRETS_DIR", "/secrets");
      assertThat(config.taskDir()).as("the driver still gets the host paths to build the chroot from")
          .isEqualTo(dataDir.resolve("allocs/a1/server"));
    }
  }

  @Test
  void stopsAllocationWhenServerSetsDesiredStop() throws Exception {
    ScriptedDriver driver = new ScriptedDriver();
    try (NodeAgent agent = agent(driver).start()) {
      transport.assign(alloc("a1", "service", "run"));
      assertThat(await("a1", "running")).isPresent();
      transport.assign(alloc("a1", "service", "stop"));
      assertThat(await("a1", "complete")).isPresent();
      assertThat(driver.calls).anyMatch(c -> c.startsWith("stop a1/server"));
      assertThat(driver.starts()).isEqualTo(1);
    }
  }

  @Test
  void restartedAgentRecoversRunningTaskInsteadOfStartingIt() throws Exception {
    ScriptedDriver first = new ScriptedDriver();
    NodeAgent agent1 = agent(first).start();
    transport.assign(alloc("a1", "service", "run"));
    assertThat(await("a1", "running")).isPresent();
    agent1.close(); // the client process goes away; its task keeps running

    ScriptedDriver second = new ScriptedDriver();
    try (NodeAgent agent2 = agent(second).start()) {
      assertThat(transport.awaitStatus("a1",
          s -> s.taskStates().get("server").events().stream()
              .anyMatch(e -> "Recovered".equals(e.get("Type"))),
          Duration.ofSeconds(10))).isPresent();
      assertThat(second.starts()).isZero();
      assertThat(second.calls).contains("recover a1/server");
      assertThat(transport.status("a1").orElseThrow().clientStatus()).isEqualTo("running");
      agent2.shutdown();
    }
    assertThat(second.calls).anyMatch(c -> c.startsWith("stop a1/server"));
    assertThat(dataDir.resolve("state/a1/server.handle")).doesNotExist();
  }

  @Test
  void preparesPayloadArtifactsAndTemplatesBeforeStarting() throws Exception {
    java.nio.file.Path artifactSrc = java.nio.file.Files.writeString(dataDir.resolve("tool.txt"), "tool");
    Task task = Task.builder("server").driver("scripted")
        .dispatchPayload(new io.caravan.model.job.DispatchPayloadConfig("input.json"))
        .artifact(io.caravan.model.job.TaskArtifact.builder()
            .getterSource(artifactSrc.toUri().toString())
            .build())
        .template(io.caravan.model.job.Template.builder()
            .embeddedTmpl("alloc={{ env \"NOMAD_ALLOC_ID\" }}")
            .destPath("local/app.conf")
            .build())
        .build();
    Job job = Job.builder("web").type("batch")
        .payload(io.caravan.model.job.Blob.of("{\"n\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .taskGroup(TaskGroup.builder().name("app").task(task)).build();
    ScriptedDriver driver = new ScriptedDriver().then(new Exit(ExitResult.code(0)));
    try (NodeAgent agent = agent(driver).start()) {
      transport.assign(Allocation.builder()
          .id("a9")
          .nodeID("node-1")
          .name("web.app[0]")
          .job(job)
          .taskGroup("app")
          .desiredStatus("run")
          .build());
      assertThat(await("a9", "complete")).isPresent();
    }
    java.nio.file.Path local = dataDir.resolve("allocs/a9/server/local");
    assertThat(local.resolve("input.json")).hasContent("{\"n\":1}");
    assertThat(local.resolve("tool.txt")).hasContent("tool");
    assertThat(local.resolve("app.conf")).hasContent("alloc=a9");
  }

  @Test
  void reportsDeploymentHealthAfterMinHealthyTimeAndUnhealthyOnFailure() throws Exception {
    Job job = Job.builder("web").type("service")
        .taskGroup(TaskGroup.builder().name("app")
            .update(io.caravan.model.job.UpdateStrategy.builder()
                .minHealthyTime(Duration.ofMillis(300)).healthyDeadline(Duration.ofMinutes(1))
                .build())
            .restartPolicy(io.caravan.model.job.RestartPolicy.builder().attempts(0).build())
            .task(Task.builder("server").driver("scripted")))
        .build();
    ScriptedDriver driver = new ScriptedDriver();
    try (NodeAgent agent = agent(driver).start()) {
      transport.assign(Allocation.builder()
          .id("h1")
          .nodeID("node-1")
          .name("web.app[0]")
          .job(job)
          .taskGroup("app")
          .desiredStatus("run")
          .build());
      assertThat(await("h1", "running")).isPresent();
      assertThat(transport.awaitStatus("h1", s -> Boolean.TRUE.equals(s.deploymentHealthy()),
          Duration.ofSeconds(10))).hasValueSatisfying(s ->
              assertThat(s.deploymentHealthy()).isTrue());

      driver.then("server", new Exit(ExitResult.code(1)));
      driver.fallback = new Exit(ExitResult.code(1));
      transport.assign(Allocation.builder()
          .id("h2")
          .nodeID("node-1")
          .name("web.app[1]")
          .job(job)
          .taskGroup("app")
          .desiredStatus("run")
          .build());
      assertThat(transport.awaitStatus("h2", s -> Boolean.FALSE.equals(s.deploymentHealthy()),
          Duration.ofSeconds(10))).hasValueSatisfying(s ->
              assertThat(s.clientStatus()).isEqualTo("failed"));
    }
  }
}
