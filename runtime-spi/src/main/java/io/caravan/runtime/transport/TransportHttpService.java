package io.caravan.runtime.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.caravan.model.cluster.Node;
import io.caravan.model.json.ModelJsonException;
import io.caravan.model.json.NomadJson;
import io.caravan.runtime.transport.internal.TransportWire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link Transport} over HTTP so that clients in other processes reach the servers with
 * {@link HttpTransport}. It adds four endpoints under {@code /v1/caravan/client/} to an existing
 * JDK {@link HttpServer} (an agent's HTTP API server): {@code POST register} (a node as API JSON),
 * {@code POST heartbeat}, {@code GET allocations?node=ID&index=N&wait=5s} (a blocking query), and
 * {@code POST allocations} (client status updates). The server needs an executor with enough
 * threads for the blocking queries its clients hold open.
 */
public final class TransportHttpService {
  private static final Logger LOG = LoggerFactory.getLogger(TransportHttpService.class);
  private static final NomadJson JSON = NomadJson.lenient();
  /** The longest blocking query a client may ask for. */
  static final Duration MAX_WAIT = Duration.ofMinutes(5);

  private final Transport delegate;

  private TransportHttpService(Transport delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Adds the transport's endpoints, answered by {@code delegate}, to {@code server}. */
  public static void register(HttpServer server, Transport delegate) {
    TransportHttpService service = new TransportHttpService(delegate);
    server.createContext(TransportWire.PREFIX, service::handle);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String op = ex.getRequestURI().getPath().substring(TransportWire.PREFIX.length());
      String method = ex.getRequestMethod();
      try {
        switch (method + " " + op) {
          case "POST register" -> {
            Node node = JSON.read(body(ex), Node.class);
            reply(ex, 200, new TransportWire.Ttl(delegate.register(node).ttl().toNanos()));
          }
          case "POST heartbeat" -> {
            TransportWire.Heartbeat hb = JSON.read(body(ex), TransportWire.Heartbeat.class);
            reply(ex, 200, new TransportWire.Ttl(delegate.heartbeat(required(hb.nodeId(), "NodeID"),
                required(hb.status(), "Status")).ttl().toNanos()));
          }
          case "GET allocations" -> {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String node = required(q.get("node"), "node");
            long index = q.containsKey("index") ? parseIndex(q.get("index")) : 0;
            Duration wait = q.containsKey("wait") ? parseWait(q.get("wait")) : Duration.ZERO;
            reply(ex, 200, TransportWire.Allocations.of(delegate.pullAllocations(node, index, wait)));
          }
          case "POST allocations" -> {
            TransportWire.AllocUpdates u = JSON.read(body(ex), TransportWire.AllocUpdates.class);
            List<AllocStatusUpdate> updates = new ArrayList<>();
            if (u.updates() != null) {
              for (TransportWire.AllocUpdate a : u.updates()) {
                required(a.allocId(), "Updates[].AllocID");
                required(a.clientStatus(), "Updates[].ClientStatus");
                updates.add(a.toUpdate());
              }
            }
            delegate.updateAllocations(required(u.nodeId(), "NodeID"), updates);
            reply(ex, 200, Map.of());
          }
          default -> reply(ex, 404, new TransportWire.Error("no such endpoint: " + method + " "
              + ex.getRequestURI().getPath(), false));
        }
      } catch (ModelJsonException | BadRequest | IllegalArgumentException e) {
        reply(ex, 400, new TransportWire.Error(e.getMessage(), false));
      } catch (TransportException e) {
        reply(ex, e.unknownNode() ? 404 : 503, new TransportWire.Error(e.getMessage(), e.unknownNode()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reply(ex, 503, new TransportWire.Error("the server is shutting down", false));
      } catch (RuntimeException e) {
        LOG.error("transport call {} {} failed", method, op, e);
        reply(ex, 500, new TransportWire.Error("internal error: " + e, false));
      }
    }
  }

  private static String required(String value, String name) throws BadRequest {
    if (value == null || value.isEmpty()) {
      throw new BadRequest("missing " + name);
    }
    return value;
  }

  private static long parseIndex(String text) throws BadRequest {
    try {
      long v = Long.parseLong(text);
      if (v < 0) {
        throw new BadRequest("index must not be negative: " + text);
      }
      return v;
    } catch (NumberFormatException e) {
      throw new BadRequest("index is not a number: " + text);
    }
  }

  /** Parses a wait such as {@code 300ms}, {@code 5s} or {@code 2m}, capped at {@link #MAX_WAIT}. */
  static Duration parseWait(String text) throws BadRequest {
    int unitAt = 0;
    while (unitAt < text.length() && Character.isDigit(text.charAt(unitAt))) {
      unitAt++;
    }
    if (unitAt == 0 || unitAt > 12) {
      throw new BadRequest("wait must be a whole number with a unit (ms, s or m): " + text);
    }
    long n = Long.parseLong(text.substring(0, unitAt));
    Duration d = switch (text.substring(unitAt)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> throw new BadRequest("wait must be a whole number with a unit (ms, s or m): " + text);
    };
    return d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static String body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void reply(HttpExchange ex, int status, Object value) throws IOException {
    byte[] bytes = JSON.write(value).getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A request the endpoint cannot take, answered with 400. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }
}
