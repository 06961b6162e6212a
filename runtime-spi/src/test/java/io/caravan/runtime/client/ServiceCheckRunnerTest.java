package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.caravan.model.job.ServiceCheck;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceCheckRunnerTest {

  private final ServiceCheckRunner runner =
      new ServiceCheckRunner(HttpClient.newHttpClient(), Clock.systemUTC());
  private final ScriptedDriver driver = new ScriptedDriver();
  private HttpServer server;
  private int port;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/health", ex -> {
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    server.createContext("/sick", ex -> {
      ex.sendResponseHeaders(503, -1);
      ex.close();
    });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static ServiceCheck check(String type, String path) {
    return ServiceCheck.builder()
        .name(type + "-check")
        .type(type)
        .path(path)
        .timeout(Duration.ofSeconds(2))
        .build();
  }

  @Test
  void httpCheckPassesOn2xxAndFailsOtherwise() {
    assertThat(runner.run(check("http", "/health"), "127.0.0.1", port, driver, "t").passing())
        .isTrue();
    CheckResult sick = runner.run(check("http", "/sick"), "127.0.0.1", port, driver, "t");
    assertThat(sick.passing()).isFalse();
    assertThat(sick.output()).contains("503");
  }

  @Test
  void tcpCheckPassesWhenSomethingListens() throws Exception {
    assertThat(runner.run(check("tcp", ""), "127.0.0.1", port, driver, "t").passing()).isTrue();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    assertThat(runner.run(check("tcp", ""), "127.0.0.1", closedPort, driver, "t").passing())
        .isFalse();
  }

  @Test
  void scriptCheckRunsThroughTheDriversExecAndUsesTheExitCode() {
    ServiceCheck ok = ServiceCheck.builder().name("s").type("script").command("/bin/true").build();
    ServiceCheck bad = ServiceCheck.builder()
        .name("s")
        .type("script")
        .command("/bin/false")
        .args(java.util.List.of("-x"))
        .build();
    assertThat(runner.run(ok, "127.0.0.1", port, driver, "a/t").passing()).isTrue();
    CheckResult failed = runner.run(bad, "127.0.0.1", port, driver, "a/t");
    assertThat(failed.passing()).isFalse();
    assertThat(failed.output()).isEqualTo("script failed");
    assertThat(driver.calls).contains("exec a/t /bin/true", "exec a/t /bin/false -x");
    assertThat(runner.run(ok, "127.0.0.1", port, driver, "missing").passing()).isFalse();
  }

  @Test
  void unknownTypeIsReportedAsFailing() {
    CheckResult r = runner.run(check("grpc", ""), "127.0.0.1", port, driver, "t");
    assertThat(r.passing()).isFalse();
    assertThat(r.output()).contains("unsupported check type");
  }
}
