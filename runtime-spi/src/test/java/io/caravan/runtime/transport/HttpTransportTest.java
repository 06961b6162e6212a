package io.caravan.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableSortedMap;
import com.sun.net.httpserver.HttpServer;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.TaskState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpTransportTest {
  private final InProcessTransport servers = new InProcessTransport(
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new SplittableRandom(1), Duration.ofSeconds(10));
  private HttpServer http;
  private ExecutorService threads;
  private HttpTransport client;
  private URI address;

  @BeforeEach
  void start() throws Exception {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    threads = Executors.newCachedThreadPool();
    http.setExecutor(threads);
    TransportHttpService.register(http, servers);
    http.start();
    address = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    client = new HttpTransport(address, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    http.stop(0);
    threads.shutdownNow();
  }

  private static Node node(String id) {
    return Node.builder().id(id).name(id).datacenter("dc1").status("initializing").build();
  }

  @Test
  void registerAndHeartbeatCarryTheServersTtl() {
    Duration ttl = client.register(node("n1")).ttl();
    assertThat(ttl).isGreaterThanOrEqualTo(Duration.ofSeconds(10)).isLessThan(Duration.ofSeconds(20));
    assertThat(client.heartbeat("n1", "ready").ttl()).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(servers.nodeStatuses()).containsEntry("n1", "ready");
  }

  @Test
  void heartbeatOfAnUnknownNodeTellsTheClientToRegister() {
    assertThatThrownBy(() -> client.heartbeat("ghost", "ready"))
        .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.unknownNode()).isTrue());
  }

  @Test
  void blockingPullReturnsTheAllocationOnceAssigned() throws Exception {
    client.register(node("n1"));
    AllocationUpdates first = client.pullAllocations("n1", 0, Duration.ZERO);
    assertThat(first.allocations()).isEmpty();
    CompletableFuture<AllocationUpdates> pending = CompletableFuture.supplyAsync(() -> {
      try {
        return client.pullAllocations("n1", first.index(), Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    servers.assign(Allocation.builder().id("a1").nodeID("n1").name("web.g[0]").desiredStatus("run").build());
    AllocationUpdates next = pending.get(10, TimeUnit.SECONDS);
    assertThat(next.index()).isGreaterThan(first.index());
    assertThat(next.allocations()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo("a1");
      assertThat(a.name()).isEqualTo("web.g[0]");
    });
  }

  @Test
  void pullWithNothingNewReturnsWhenTheWaitEnds() throws Exception {
    client.register(node("n1"));
    AllocationUpdates first = client.pullAllocations("n1", 0, Duration.ZERO);
    AllocationUpdates same = client.pullAllocations("n1", first.index(), Duration.ofMillis(200));
    assertThat(same.index()).isEqualTo(first.index());
  }

  @Test
  void allocationStatusUpdatesReachTheServers() {
    client.register(node("n1"));
    servers.assign(Allocation.builder().id("a1").nodeID("n1").desiredStatus("run").build());
    TaskState running = new TaskState("running", false, 0, null, "2026-01-01T00:00:00Z", null, null);
    client.updateAllocations("n1", List.of(
        new AllocStatusUpdate("a1", "running", "Tasks are running", ImmutableSortedMap.of("web", running), true)));
    AllocStatusUpdate seen = servers.status("a1").orElseThrow();
    assertThat(seen.clientStatus()).isEqualTo("running");
    assertThat(seen.clientDescription()).isEqualTo("Tasks are running");
    assertThat(seen.taskStates().get("web").state()).isEqualTo("running");
    assertThat(seen.deploymentHealthy()).isTrue();
  }

  @Test
  void malformedBodiesAndBadQueriesAre400WithAJsonError() throws Exception {
    HttpClient raw = HttpClient.newHttpClient();
    HttpResponse<String> badJson = raw.send(HttpRequest.newBuilder(URI.create(address + "/v1/caravan/client/register"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"ID\": ")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(badJson.statusCode()).isEqualTo(400);
    assertThat(badJson.body()).startsWith("{\"Error\":");
    HttpResponse<String> badWait = raw.send(HttpRequest.newBuilder(
        URI.create(address + "/v1/caravan/client/allocations?node=n1&wait=soon")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(badWait.statusCode()).isEqualTo(400);
    assertThat(badWait.body()).contains("wait must be a whole number");
    HttpResponse<String> missingStatus = raw.send(HttpRequest.newBuilder(URI.create(address + "/v1/caravan/client/allocations"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"NodeID\":\"n1\",\"Updates\":[{\"AllocID\":\"a1\"}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(missingStatus.statusCode()).isEqualTo(400);
    assertThat(missingStatus.body()).contains("ClientStatus");
  }

  @Test
  void anUnreachableServerIsATransportException() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    HttpTransport nowhere = new HttpTransport(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(2));
    assertThatThrownBy(() -> nowhere.register(node("n1")))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void waitsAreParsedWithUnitsAndCapped() throws Exception {
    assertThat(TransportHttpService.parseWait("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(TransportHttpService.parseWait("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(TransportHttpService.parseWait("90m")).isEqualTo(TransportHttpService.MAX_WAIT);
    assertThatThrownBy(() -> TransportHttpService.parseWait("5h")).hasMessageContaining("unit");
  }
}
