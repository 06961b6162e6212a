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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code caravan agent} processes with server configurations and a join list form one Raft
 * cluster: a job registered over HTTP survives killing the leader's process, the survivors accept
 * another job, and the killed agent restarted on its data directory catches up.
 */
class ThreeServerAgentProcessesTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(40);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Process> processes = new ArrayList<>(List.of());
  private final Process[] agents = new Process[3];
  private final int[] httpPorts = new int[3];
  private final int[] raftPorts = new int[3];
  private Path root;

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    for (Process p : processes) {
      p.waitFor();
    }
  }

  private static String job(String id) {
    return """
        {"Job": {"ID": "%s", "Name": "%s", "Type": "service", "Datacenters": ["dc1"],
          "TaskGroups": [{"Name": "g", "Count": 1, "Tasks": [{"Name": "t", "Driver": "mock_driver",
            "Config": {"run_for": "1h"}, "Resources": {"CPU": 10, "MemoryMB": 16}}]}]}}
        """.formatted(id, id);
  }

  @Test
  @Timeout(120)
  void aClusterOfThreeAgentProcessesSurvivesKillingTheLeaderAndTheRestartedAgentCatchesUp(@TempDir Path tmp)
      throws Exception {
    root = tmp;
    Set<Integer> used = new TreeSet<>();
    for (int i = 0; i < 3; i++) {
      httpPorts[i] = freePort(used);
      raftPorts[i] = freePort(used);
    }
    for (int i = 0; i < 3; i++) {
      Files.writeString(tmp.resolve("s" + i + ".conf"), """
          data_dir = "%s"
          bind_addr = "127.0.0.1"
          ports { http = %d }
          server {
            enabled = true
            bootstrap_expect = 3
            raft_port = %d
            join = ["127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d"]
          }
          """.formatted(tmp.resolve("data-s" + i), httpPorts[i], raftPorts[i], raftPorts[0], raftPorts[1],
          raftPorts[2]));
    }
    for (int i = 0; i < 3; i++) {
      agents[i] = startAgent(i);
    }
    int leader = awaitLeader(List.of(0, 1, 2));

    assertThat(put(0, "/v1/jobs", job("before-kill")).statusCode()).isEqualTo(200);
    awaitJobs(leader, Set.of("before-kill"));

    agents[leader].destroyForcibly();
    agents[leader].waitFor();
    List<Integer> survivors = new ArrayList<>(List.of(0, 1, 2));
    survivors.remove(Integer.valueOf(leader));

    int survivor = survivors.get(0);
    HttpResponse<String> second = until("a survivor accepts a new job", () -> {
      HttpResponse<String> r = put(survivor, "/v1/jobs", job("after-kill"));
      return r != null && r.statusCode() == 200 ? Optional.of(r) : Optional.empty();
    });
    assertThat(M.readTree(second.body()).get("EvalID").asText()).isNotEmpty();
    int newLeader = awaitLeader(survivors);
    assertThat(newLeader).isNotEqualTo(leader);
    awaitJobs(survivors.get(1), Set.of("before-kill", "after-kill"));

    agents[leader] = startAgent(leader);
    awaitJobs(leader, Set.of("before-kill", "after-kill"));
  }

  private Process startAgent(int i) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dorg.slf4j.simpleLogger.log.org.apache.ratis=error",
        "-cp", System.getProperty("java.class.path"), "io.caravan.cli.CaravanMain",
        "agent", "-config", root.resolve("s" + i + ".conf").toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("s" + i + ".log").toFile()));
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** Waits until every agent in {@code among} names the same leader among them; returns its index. */
  private int awaitLeader(List<Integer> among) throws Exception {
    return until("a leader known to " + among, () -> {
      Integer found = null;
      for (int i : among) {
        HttpResponse<String> r = get(i, "/v1/status/leader");
        if (r == null || r.statusCode() != 200) {
          return Optional.empty();
        }
        String addr = readText(r.body());
        Integer idx = null;
        for (int j : among) {
          if (addr.equals("127.0.0.1:" + raftPorts[j])) {
            idx = j;
          }
        }
        if (idx == null || (found != null && !found.equals(idx))) {
          return Optional.empty();
        }
        found = idx;
      }
      return Optional.ofNullable(found);
    });
  }

  private void awaitJobs(int agent, Set<String> ids) throws Exception {
    until("agent s" + agent + " lists jobs " + ids, () -> {
      HttpResponse<String> r = get(agent, "/v1/jobs");
      if (r == null || r.statusCode() != 200) {
        return Optional.empty();
      }
      Set<String> seen = new TreeSet<>();
      try {
        M.readTree(r.body()).forEach(j -> seen.add(j.get("ID").asText()));
      } catch (IOException e) {
        return Optional.empty();
      }
      return seen.equals(ids) ? Optional.of(true) : Optional.empty();
    });
  }

  private static String readText(String json) {
    try {
      JsonNode n = M.readTree(json);
      return n == null ? "" : n.asText();
    } catch (IOException e) {
      return "";
    }
  }

  /** Polls {@code probe} (each call is a blocking HTTP round trip) until it yields, or fails after the step timeout. */
  private <T> T until(String what, Supplier<Optional<T>> probe) throws Exception {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 3; i++) {
        if (agents[i] != null && !agents[i].isAlive() && processes.contains(agents[i])
            && agents[i].exitValue() != 137 && agents[i].exitValue() != 0) {
          throw new AssertionError("agent s" + i + " exited with " + agents[i].exitValue() + ":\n"
              + Files.readString(root.resolve("s" + i + ".log")));
        }
      }
      Optional<T> r = probe.get();
      if (r.isPresent()) {
        return r.get();
      }
      Thread.sleep(100);
    }
    StringBuilder logs = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      Path log = root.resolve("s" + i + ".log");
      if (Files.exists(log)) {
        logs.append("\n--- s").append(i).append(" ---\n").append(Files.readString(log));
      }
    }
    throw new AssertionError("timed out waiting for " + what + logs);
  }

  private HttpResponse<String> get(int agent, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts[agent] + path))
        .timeout(Duration.ofSeconds(5)).GET().build());
  }

  private HttpResponse<String> put(int agent, String path, String body) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts[agent] + path))
        .timeout(Duration.ofSeconds(20)).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpResponse<String> send(HttpRequest req) {
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static int freePort(Set<Integer> used) throws IOException {
    while (true) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (used.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      }
    }
  }
}
