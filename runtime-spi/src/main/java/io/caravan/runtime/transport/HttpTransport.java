package io.caravan.runtime.transport;

import io.caravan.model.cluster.Node;
import io.caravan.model.json.ModelJsonException;
import io.caravan.model.json.NomadJson;
import io.caravan.runtime.transport.internal.TransportWire;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Transport} to servers in another process, over HTTP with JSON bodies (JDK
 * {@link HttpClient} and the model's Jackson codec; no extra dependency). The servers' side is
 * {@link TransportHttpService} on an agent's HTTP address. Every failure, unreachable server and
 * error answer alike, is a {@link TransportException}.
 */
public final class HttpTransport implements Transport {
  private static final NomadJson JSON = NomadJson.lenient();

  private final URI base;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * A transport to the agent at {@code address}.
   *
   * @param address the agent's HTTP address, e.g. {@code http://127.0.0.1:4646}
   * @param timeout how long one call may take beyond the wait of a blocking query
   */
  public HttpTransport(URI address, Duration timeout) {
    String text = Objects.requireNonNull(address, "address").toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public HeartbeatResponse register(Node node) {
    return ttl(post("register", JSON.write(node), timeout));
  }

  @Override
  public HeartbeatResponse heartbeat(String nodeId, String status) {
    return ttl(post("heartbeat", JSON.write(new TransportWire.Heartbeat(nodeId, status)), timeout));
  }

  @Override
  public AllocationUpdates pullAllocations(String nodeId, long minIndex, Duration maxWait)
      throws InterruptedException {
    String query = "node=" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8) + "&index=" + minIndex
        + "&wait=" + Math.max(0, maxWait.toMillis()) + "ms";
    HttpRequest req = HttpRequest.newBuilder(uri("allocations?" + query))
        .timeout(maxWait.plus(timeout)).GET().build();
    String body = send(req);
    return read(body, TransportWire.Allocations.class).toUpdates();
  }

  @Override
  public void updateAllocations(String nodeId, List<AllocStatusUpdate> updates) {
    List<TransportWire.AllocUpdate> wire = updates.stream().map(TransportWire.AllocUpdate::of).toList();
    post("allocations", JSON.write(new TransportWire.AllocUpdates(nodeId, wire)), timeout);
  }

  private HeartbeatResponse ttl(String body) {
    return new HeartbeatResponse(Duration.ofNanos(read(body, TransportWire.Ttl.class).ttlNanos()));
  }

  private String post(String op, String json, Duration callTimeout) {
    HttpRequest req = HttpRequest.newBuilder(uri(op)).timeout(callTimeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    try {
      return send(req);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportException("interrupted while calling " + req.uri(), e);
    }
  }

  private String send(HttpRequest req) throws InterruptedException {
    HttpResponse<String> resp;
    try {
      resp = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new TransportException("server at " + base + " unreachable: " + e, e);
    }
    if (resp.statusCode() / 100 != 2) {
      TransportWire.Error err;
      try {
        err = JSON.read(resp.body(), TransportWire.Error.class);
      } catch (ModelJsonException e) {
        throw new TransportException("server answered " + resp.statusCode() + " to " + req.method() + " "
            + req.uri().getPath() + ": " + resp.body(), false);
      }
      throw new TransportException("server answered " + resp.statusCode() + ": " + err.message(), err.unknownNode());
    }
    return resp.body();
  }

  private <T> T read(String body, Class<T> type) {
    try {
      return JSON.read(body, type);
    } catch (ModelJsonException e) {
      throw new TransportException("unreadable answer from " + base + ": " + e.getMessage(), e);
    }
  }

  private URI uri(String op) {
    return URI.create(base + TransportWire.PREFIX + op);
  }
}
