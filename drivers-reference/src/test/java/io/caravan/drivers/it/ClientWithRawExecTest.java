package io.caravan.drivers.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.drivers.rawexec.RawExecDriver;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.RestartPolicy;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.TaskLifecycle;
import io.caravan.runtime.client.AllocRunnerFactory;
import io.caravan.runtime.client.HandleStore;
import io.caravan.runtime.client.NodeAgent;
import io.caravan.runtime.client.NodeFacts;
import io.caravan.runtime.client.Sleeper;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.transport.AllocStatusUpdate;
import io.caravan.runtime.transport.InProcessTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client runtime (node agent, alloc and task runners) driving real processes through the
 * raw_exec driver: restart policy, lifecycle order, kill_timeout escalation, environment, and
 * recovery of a running task after a client restart.
 */
@Timeout(60)
class ClientWithRawExecTest {

  @TempDir Path dataDir;

  private final Clock clock = Clock.systemUTC();
  private final InProcessTransport transport =
      new InProcessTransport(clock, new SplittableRandom(4), Duration.ofSeconds(10));
  private final List<NodeAgent> agents = new ArrayList<>();
  private final List<io.caravan.runtime.driver.TaskDriver> drivers = new ArrayList<>();

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (NodeAgent a : agents) {
      a.shutdown();
    }
    for (io.caravan.runtime.driver.TaskDriver d : drivers) {
      d.close();
    }
  }

  private NodeAgent agent() {
    return agent(f -> f);
  }

  private NodeAgent agent(java.util.function.UnaryOperator<AllocRunnerFactory> tweak) {
    return agent(new RawExecDriver(), tweak);
  }

  private NodeAgent agent(io.caravan.runtime.driver.TaskDriver driver,
      java.util.function.UnaryOperator<AllocRunnerFactory> tweak) {
    driver.init(DriverContext.of(clock, Map.of("state_dir", dataDir.resolve("driver").toString())));
    drivers.add(driver);
    NodeFacts facts = NodeFacts.of("node-1", "worker-1", "dc1", "global", "", "default",
        Map.of("kernel.name", "linux"), Map.of("rack", "r7"));
    AllocRunnerFactory factory = new AllocRunnerFactory(
        dataDir.resolve("allocs"), facts, name -> driver,
        new HandleStore(dataDir.resolve("client-state")), clock, new SplittableRandom(1),
        Sleeper.real());
    Node node = Node.builder().id("node-1").name("worker-1").datacenter("dc1").status("initializing")
        .build();
    NodeAgent agent = new NodeAgent(node, transport, tweak.apply(factory), Duration.ofMillis(200),
        Sleeper.real()).start();
    agents.add(agent);
    return agent;
  }

  private static Task.Builder shell(String name, String script) {
    return Task.builder(name).driver("raw_exec")
        .config("command", "/bin/sh")
        .config("args", List.of("-c", script))
        .killTimeout(Duration.ofSeconds(2));
  }

  private static Allocation alloc(String id, String type, TaskGroup.Builder group) {
    Job job = Job.builder("it").type(type).taskGroup(group.name("g")).build();
    return Allocation.builder().id(id).nodeID("node-1").name("it.g[0]").job(job).taskGroup("g")
        .desiredStatus("run").build();
  }

  private Optional<AllocStatusUpdate> await(String allocId, Predicate<AllocStatusUpdate> test)
      throws InterruptedException {
    return transport.awaitStatus(allocId, test, Duration.ofSeconds(30));
  }

  private Path sharedDir(String allocId) {
    return dataDir.resolve("allocs").resolve(allocId).resolve("alloc");
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  @Test
  void restartPolicyFailModeStopsAfterAttempts() throws Exception {
    agent();
    transport.assign(alloc("a-fail", "batch", TaskGroup.builder()
        .restartPolicy(RestartPolicy.builder().attempts(2).interval(Duration.ofMinutes(5))
            .delay(Duration.ofMillis(50)).mode("fail").build())
        .task(shell("t", "echo run >> \"$NOMAD_ALLOC_DIR/runs\"; exit 3"))));
    Optional<AllocStatusUpdate> s = await("a-fail", u -> u.clientStatus().equals("failed"));
    assertThat(s).isPresent();
    assertThat(lines(sharedDir("a-fail").resolve("runs"))).hasSize(3);
    assertThat(s.get().taskStates().get("t").restarts()).isEqualTo(2);
    assertThat(s.get().taskStates().get("t").failed()).isTrue();
  }

  @Test
  void restartPolicyDelayModeWaitsForTheIntervalAndCarriesOn() throws Exception {
    agent();
    // Fails twice, then succeeds; one attempt per 2 s interval, so the second failure waits.
    String script = "date +%s%3N >> \"$NOMAD_ALLOC_DIR/runs\"; "
        + "[ $(wc -l < \"$NOMAD_ALLOC_DIR/runs\") -ge 3 ] && exit 0; exit 1";
    transport.assign(alloc("a-delay", "batch", TaskGroup.builder()
        .restartPolicy(RestartPolicy.builder().attempts(1).interval(Duration.ofSeconds(2))
            .delay(Duration.ofMillis(10)).mode("delay").build())
        .task(shell("t", script))));
    Optional<AllocStatusUpdate> s = await("a-delay", u -> u.clientStatus().equals("complete"));
    assertThat(s).isPresent();
    List<String> runs = lines(sharedDir("a-delay").resolve("runs"));
    assertThat(runs).hasSize(3);
    // The second failure used up the interval's one attempt: the third run waits for the interval (which began when
    // the task was set up, a little before the first run) to end. Without the wait it would follow within ~10 ms.
    assertThat(Long.parseLong(runs.get(2)) - Long.parseLong(runs.get(0)))
        .as("ms from the first run to the run after the delay-mode wait").isGreaterThanOrEqualTo(1500);
    assertThat(s.get().taskStates().get("t").events())
        .anySatisfy(e -> assertThat((String) e.get("DisplayMessage")).contains("\"delay\""));
  }

  @Test
  void lifecycleOrderIsObservedFromTheTasksOwnOutput() throws Exception {
    agent();
    String log = "\"$NOMAD_ALLOC_DIR/order\"";
    transport.assign(alloc("a-life", "batch", TaskGroup.builder()
        .task(shell("stop", "echo poststop >> " + log)
            .lifecycle(new TaskLifecycle("poststop", false)))
        .task(shell("post", "echo poststart >> " + log)
            .lifecycle(new TaskLifecycle("poststart", false)))
        .task(shell("main", "sleep 0.3; echo main >> " + log + "; sleep 0.5"))
        .task(shell("side", "echo sidecar >> " + log + "; exec sleep 30")
            .lifecycle(new TaskLifecycle("prestart", true)))
        .task(shell("init", "echo init >> " + log)
            .lifecycle(new TaskLifecycle("prestart", false)))));
    Optional<AllocStatusUpdate> s = await("a-life", u -> u.clientStatus().equals("complete"));
    assertThat(s).isPresent();
    List<String> order = lines(sharedDir("a-life").resolve("order"));
    assertThat(order).containsExactlyInAnyOrder("init", "sidecar", "main", "poststart", "poststop");
    assertThat(order.indexOf("main")).isGreaterThan(order.indexOf("init"))
        .isGreaterThan(order.indexOf("sidecar"));
    assertThat(order.indexOf("poststart")).isGreaterThan(order.indexOf("init"));
    assertThat(order.get(order.size() - 1)).isEqualTo("poststop");
    assertThat(s.get().taskStates().get("side").state()).isEqualTo("dead");
  }

  @Test
  void killTimeoutEscalatesToSigkillForATaskIgnoringItsSignal() throws Exception {
    agent();
    transport.assign(alloc("a-kill", "service", TaskGroup.builder()
        .task(shell("stubborn",
                "trap '' TERM; echo ready > \"$NOMAD_ALLOC_DIR/ready\"; "
                    + "while true; do sleep 0.1; done")
            .killSignal("SIGTERM").killTimeout(Duration.ofMillis(500)))));
    assertThat(await("a-kill", u -> u.clientStatus().equals("running"))).isPresent();
    while (!Files.exists(sharedDir("a-kill").resolve("ready"))) {
      Thread.sleep(20);
    }
    Job stubborn = alloc("a-kill", "service", TaskGroup.builder().task(shell("stubborn", "true"))).job();
    transport.assign(Allocation.builder().id("a-kill").nodeID("node-1").name("it.g[0]").job(stubborn)
        .taskGroup("g").desiredStatus("stop").build());
    Optional<AllocStatusUpdate> s = await("a-kill", u -> u.clientStatus().equals("complete"));
    assertThat(s).isPresent();
    List<Map<String, Object>> events = s.get().taskStates().get("stubborn").events();
    assertThat(events).anySatisfy(e -> {
      assertThat(e.get("Type")).isEqualTo("Terminated");
      assertThat(e.get("Signal")).isEqualTo(9);
    });
    assertThat(events).anySatisfy(e -> assertThat(e.get("Type")).isEqualTo("Killing"));
  }

  @Test
  void taskSeesItsEnvironmentVariables() throws Exception {
    agent();
    transport.assign(alloc("a-env", "batch", TaskGroup.builder()
        .meta("owner", "team-a")
        .task(shell("t", "env > \"$NOMAD_TASK_DIR/env.txt\"")
            .env("RACK", "${meta.rack}")
            .env("WHERE", "${NOMAD_TASK_NAME}@${node.unique.name}"))));
    assertThat(await("a-env", u -> u.clientStatus().equals("complete"))).isPresent();
    List<String> env = lines(dataDir.resolve("allocs/a-env/t/local/env.txt"));
    assertThat(env).contains(
        "NOMAD_ALLOC_ID=a-env",
        "NOMAD_ALLOC_INDEX=0",
        "NOMAD_ALLOC_NAME=it.g[0]",
        "NOMAD_JOB_ID=it",
        "NOMAD_GROUP_NAME=g",
        "NOMAD_TASK_NAME=t",
        "NOMAD_DC=dc1",
        "NOMAD_REGION=global",
        "NOMAD_NAMESPACE=default",
        "NOMAD_META_owner=team-a",
        "NOMAD_META_OWNER=team-a",
        "NOMAD_TASK_DIR=" + dataDir.resolve("allocs/a-env/t/local"),
        "NOMAD_ALLOC_DIR=" + sharedDir("a-env"),
        "NOMAD_SECRETS_DIR=" + dataDir.resolve("allocs/a-env/t/secrets"),
        "RACK=r7",
        "WHERE=t@worker-1");
  }

  /** An agent running exec tasks; skips when the host cannot isolate, unless it is root (as in CI). */
  private NodeAgent execAgent() {
    io.caravan.drivers.exec.ExecDriver exec = new io.caravan.drivers.exec.ExecDriver();
    io.caravan.runtime.driver.DriverFingerprint fp = exec.fingerprint();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        fp.health() == io.caravan.runtime.driver.DriverFingerprint.Health.HEALTHY
            || io.caravan.drivers.exec.TaskFilesystem.hostProblem().isEmpty(),
        "exec driver cannot isolate on this host, skipping: " + fp.healthDescription());
    return agent(exec, f -> f);
  }

  @Test
  void execTaskPastItsMemoryLimitIsOomKilledAndTheAllocationReportsIt() throws Exception {
    execAgent();
    transport.assign(alloc("a-oom", "batch", TaskGroup.builder()
        .restartPolicy(RestartPolicy.builder().attempts(0).mode("fail").build())
        .task(shell("hog", "head -c 200000000 /dev/zero | tail -n 1 >/dev/null").driver("exec")
            .resources(io.caravan.model.job.Resources.builder().memoryMB(32).build()))));
    Optional<AllocStatusUpdate> s = await("a-oom", u -> u.clientStatus().equals("failed"));
    assertThat(s).isPresent();
    assertThat(s.get().taskStates().get("hog").failed()).isTrue();
    assertThat(s.get().taskStates().get("hog").events()).anySatisfy(e -> {
      assertThat(e.get("Type")).isEqualTo("Terminated");
      assertThat((String) e.get("DisplayMessage")).contains("OOM Killed");
    });
  }

  @Test
  void execTaskFindsItsDirectoriesWhereItsChrootPutsThem() throws Exception {
    execAgent();
    transport.assign(alloc("a-exec", "batch", TaskGroup.builder()
        .task(shell("t", "echo $NOMAD_TASK_DIR $NOMAD_ALLOC_DIR $NOMAD_SECRETS_DIR > $NOMAD_TASK_DIR/dirs; "
            + "id -un > $NOMAD_ALLOC_DIR/data/user").driver("exec"))));
    assertThat(await("a-exec", u -> u.clientStatus().equals("complete"))).isPresent();
    assertThat(lines(dataDir.resolve("allocs/a-exec/t/local/dirs"))).containsExactly("/local /alloc /secrets");
    assertThat(lines(sharedDir("a-exec").resolve("data/user"))).containsExactly("nobody");
  }

  @Test
  void clientRestartRecoversRunningTaskWithoutRestartingIt() throws Exception {
    NodeAgent first = agent();
    transport.assign(alloc("a-rec", "service", TaskGroup.builder()
        .task(shell("web", "echo $$ >> \"$NOMAD_ALLOC_DIR/starts\"; exec sleep 60"))));
    assertThat(await("a-rec", u -> u.clientStatus().equals("running"))).isPresent();
    while (lines(sharedDir("a-rec").resolve("starts")).isEmpty()) {
      Thread.sleep(20);
    }
    first.close(); // the client goes away; the process keeps running
    agents.remove(first);
    String pid = lines(sharedDir("a-rec").resolve("starts")).get(0);

    agent();
    assertThat(await("a-rec", u -> u.taskStates().get("web").events().stream()
        .anyMatch(e -> "Recovered".equals(e.get("Type"))))).isPresent();
    assertThat(lines(sharedDir("a-rec").resolve("starts"))).containsExactly(pid);
    assertThat(Path.of("/proc", pid)).exists();
    assertThat(transport.status("a-rec").orElseThrow().clientStatus()).isEqualTo("running");

    agents.get(0).shutdown();
    agents.clear();
    assertThat(Path.of("/proc", pid)).doesNotExist();
  }

  @Test
  void clientShutdownLeavesNoProcessOfItsTasksBehind() throws Exception {
    NodeAgent agent = agent();
    String pids = "\"$NOMAD_ALLOC_DIR/pids\"";
    transport.assign(alloc("a-tree", "service", TaskGroup.builder()
        .task(shell("a", "sleep 300 & echo $! >> " + pids + "; (sleep 300 & echo $! >> " + pids + "; wait) & "
            + "echo $$ >> " + pids + "; wait"))
        .task(shell("b", "trap '' TERM; echo $$ >> " + pids + "; while true; do sleep 0.1; done"))));
    assertThat(await("a-tree", u -> u.clientStatus().equals("running"))).isPresent();
    while (lines(sharedDir("a-tree").resolve("pids")).size() < 4) {
      Thread.sleep(20);
    }
    List<String> started = lines(sharedDir("a-tree").resolve("pids"));
    assertThat(started).allSatisfy(p -> assertThat(Path.of("/proc", p)).exists());

    agent.shutdown();
    agents.remove(agent);

    // SIGKILL lands asynchronously and a killed orphan stays a zombie until init reaps it: count live ones.
    assertThat(io.caravan.drivers.testing.TaskFixtures.eventually(Duration.ofSeconds(3),
            () -> started.stream().noneMatch(ClientWithRawExecTest::alive)))
        .as("no task process, child or grandchild, alive after the client stopped: " + started).isTrue();
  }

  private static boolean alive(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void taskOutputIsCollectedIntoRotatingLogFiles() throws Exception {
    // max_file_size counts in units of 100 bytes here, so 1 "MB" = 100 bytes.
    agent(f -> f.withLogSizeUnit(100));
    transport.assign(alloc("a-logs", "batch", TaskGroup.builder()
        .task(shell("chatty",
                "i=0; while [ $i -lt 60 ]; do printf 'line %04d 123456789\\n' $i; i=$((i+1)); done; "
                    + "echo oops >&2")
            .logConfig(new io.caravan.model.job.LogConfig(3, 1, null, null)))));
    assertThat(await("a-logs", u -> u.clientStatus().equals("complete"))).isPresent();
    Path logs = sharedDir("a-logs").resolve("logs");
    List<String> files;
    try (var list = Files.list(logs)) {
      files = list.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("chatty.stdout.")).sorted().toList();
    }
    // 60 lines x 20 bytes = 1200 bytes = 12 files of 100 bytes; only the newest 3 are kept.
    assertThat(files).containsExactlyInAnyOrder("chatty.stdout.9", "chatty.stdout.10",
        "chatty.stdout.11");
    for (String f : files) {
      assertThat(Files.size(logs.resolve(f))).isEqualTo(100);
    }
    assertThat(Files.readString(logs.resolve("chatty.stdout.11"))).endsWith("line 0059 123456789\n");
    assertThat(Files.readString(logs.resolve("chatty.stderr.0"))).isEqualTo("oops\n");
  }
}
