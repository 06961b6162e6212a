package io.caravan.runtime.client;

import io.caravan.model.job.ServiceCheck;
import io.caravan.runtime.driver.DriverException;
import io.caravan.runtime.driver.ExecResult;
import io.caravan.runtime.driver.TaskDriver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs Nomad-native service checks once: {@code http} (a 2xx answer passes), {@code tcp} (a
 * connection passes) and {@code script} (exit code 0 passes, run inside the task through the
 * driver's exec). The caller schedules them every {@code interval}.
 */
public final class ServiceCheckRunner {

  private final HttpClient http;
  private final Clock clock;

  /** Creates a runner. */
  public ServiceCheckRunner(HttpClient http, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Runs a check against a service address.
   *
   * @param check the check block
   * @param host the address the service listens on
   * @param port the service's port (resolved from its port label)
   * @param driver the task's driver, for script checks
   * @param taskId the task's id, for script checks
   */
  public CheckResult run(
      ServiceCheck check, String host, int port, TaskDriver driver, String taskId) {
    Duration timeout = check.timeout() == null || check.timeout().isZero()
        ? Duration.ofSeconds(2) : check.timeout();
    String type = check.type() == null ? "" : check.type().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "http" -> http(check, host, port, timeout);
      case "tcp" -> tcp(check, host, port, timeout);
      case "script" -> script(check, driver, taskId, timeout);
      default -> new CheckResult(check.name(), false,
          "unsupported check type \"" + check.type() + "\" (supported: http, tcp, script)",
          clock.instant());
    };
  }

  private CheckResult http(ServiceCheck check, String host, int port, Duration timeout) {
    String scheme = "https".equalsIgnoreCase(check.protocol()) ? "https" : "http";
    String path = check.path() == null || check.path().isEmpty() ? "/" : check.path();
    String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    URI uri = URI.create(scheme + "://" + hostPart + ":" + port + path);
    String method = check.method() == null || check.method().isEmpty() ? "GET" : check.method();
    HttpRequest.BodyPublisher body = check.body() == null || check.body().isEmpty()
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(check.body());
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
    if (check.header() != null) {
      for (Map.Entry<String, List<String>> h : check.header().entrySet()) {
        for (String v : h.getValue()) {
          req.header(h.getKey(), v);
        }
      }
    }
    try {
      HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
      boolean ok = resp.statusCode() / 100 == 2;
      return new CheckResult(check.name(), ok,
          "HTTP " + method + " " + uri + ": " + resp.statusCode(), clock.instant());
    } catch (IOException e) {
      return new CheckResult(check.name(), false,
          "HTTP " + method + " " + uri + ": " + e.getMessage(), clock.instant());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CheckResult(check.name(), false, "interrupted", clock.instant());
    }
  }

  private CheckResult tcp(ServiceCheck check, String host, int port, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return new CheckResult(check.name(), true, "TCP connect " + host + ":" + port + ": Success",
          clock.instant());
    } catch (IOException e) {
      return new CheckResult(check.name(), false,
          "TCP connect " + host + ":" + port + ": " + e.getMessage(), clock.instant());
    }
  }

  private CheckResult script(
      ServiceCheck check, TaskDriver driver, String taskId, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(check.command());
    if (check.args() != null) {
      command.addAll(check.args());
    }
    try {
      ExecResult r = driver.exec(taskId, command, timeout);
      return new CheckResult(check.name(), r.exitCode() == 0,
          (r.stdoutText() + r.stderrText()).strip(), clock.instant());
    } catch (DriverException e) {
      return new CheckResult(check.name(), false, e.getMessage(), clock.instant());
    }
  }
}
