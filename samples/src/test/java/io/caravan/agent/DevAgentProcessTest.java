package io.caravan.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caravan agent -dev} as a separate process: it runs a task, and SIGTERM stops the task,
 * the agent and deletes the dev state directory, leaving no process behind.
 */
class DevAgentProcessTest {
  private static final ObjectMapper M = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process agent;
  private String sleepArg;

  @AfterEach
  void kill() throws InterruptedException {
    if (agent != null && agent.isAlive()) {
      agent.destroyForcibly().waitFor();
    }
  }

  @Test
  @Timeout(90)
  void sigtermStopsTheTasksAndDeletesTheDevDirectory(@TempDir Path tmp) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = tmp.resolve("dev.conf");
    Files.writeString(conf, "ports { http = " + port + " }\n");
    Path log = tmp.resolve("agent.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    agent = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), "io.caravan.cli.CaravanMain", "agent", "-dev", "-config",
        conf.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String base = "http://127.0.0.1:" + port;

    until("a ready node", log, () -> {
      JsonNode nodes = get(base + "/v1/nodes");
      return nodes != null && nodes.size() == 1 && nodes.get(0).get("Status").asText().equals("ready")
          ? Optional.of(true) : Optional.empty();
    });
    // a sleep of a unique length marks the task's processes (the shell and its sleep) on this host
    sleepArg = "6" + String.format("%02d.%06d", Math.floorMod(UUID.randomUUID().hashCode(), 100),
        Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000));
    String job = """
        {"Job": {"ID": "sleeper", "Name": "sleeper", "Type": "system", "Datacenters": ["*"],
          "TaskGroups": [{"Name": "g", "Tasks": [{"Name": "t", "Driver": "raw_exec",
            "Config": {"command": "/bin/sh", "args": ["-c", "echo started; sleep %s; echo done"]},
            "Resources": {"CPU": 20, "MemoryMB": 16}}]}]}}
        """.formatted(sleepArg);
    HttpResponse<String> reg = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/jobs"))
        .PUT(HttpRequest.BodyPublishers.ofString(job)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reg.statusCode()).as(reg.body()).isEqualTo(200);
    until("the task running", log, () -> {
      JsonNode allocs = get(base + "/v1/job/sleeper/allocations");
      return allocs != null && allocs.size() == 1 && allocs.get(0).get("ClientStatus").asText().equals("running")
          ? Optional.of(true) : Optional.empty();
    });
    until("the task's process", log, () -> taskProcesses().isEmpty() ? Optional.empty() : Optional.of(true));

    Matcher m = Pattern.compile("state in (\\S+)\\)").matcher(Files.readString(log));
    assertThat(m.find()).as(Files.readString(log)).isTrue();
    Path devDir = Path.of(m.group(1));
    assertThat(devDir).isDirectory();

    agent.destroy(); // SIGTERM
    assertThat(agent.waitFor(60, TimeUnit.SECONDS)).as("agent exits after SIGTERM").isTrue();
    assertThat(Files.readString(log)).contains("==> Agent stopped");
    assertThat(taskProcesses()).as("task processes left behind").isEmpty();
    assertThat(Files.exists(devDir)).as("dev directory deleted").isFalse();
  }

  private List<ProcessHandle> taskProcesses() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("sleep " + sleepArg))
        .toList();
  }

  private JsonNode get(String url) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? M.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void until(String what, Path log, Supplier<Optional<Boolean>> probe) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (System.nanoTime() < deadline) {
      if (!agent.isAlive()) {
        throw new AssertionError("the agent exited with " + agent.exitValue() + ":\n" + Files.readString(log));
      }
      if (probe.get().isPresent()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what + ":\n" + Files.readString(log));
  }
}
