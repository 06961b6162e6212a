package io.caravan.agent.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.caravan.agent.http.internal.ApiException;
import io.caravan.agent.http.internal.ApiRequest;
import io.caravan.agent.http.internal.ClusterEndpoints;
import io.caravan.agent.http.internal.DeploymentEndpoints;
import io.caravan.agent.http.internal.Indexed;
import io.caravan.agent.http.internal.JobEndpoints;
import io.caravan.agent.http.internal.LogsEndpoint;
import io.caravan.agent.http.internal.SnapshotEndpoint;
import io.caravan.agent.http.internal.Routes;
import io.caravan.model.json.ModelJsonException;
import io.caravan.model.json.NomadJson;
import io.caravan.runtime.transport.Transport;
import io.caravan.runtime.transport.TransportHttpService;
import io.caravan.state.raft.FsmCommandException;
import io.caravan.state.raft.ReplicationException;
import io.caravan.state.server.CaravanServer;
import io.caravan.state.server.NotLeaderException;
import io.caravan.state.store.UnknownObjectException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's HTTP API: the subset of Nomad's {@code /v1} API the {@code caravan} commands use, with
 * Nomad's paths, JSON and blocking queries ({@code ?index=}, {@code ?wait=}, {@code X-Nomad-Index}),
 * answered by a {@link CaravanServer}, on the JDK's HTTP server; plus the client transport under
 * {@code /v1/caravan/client/} so that clients in other processes can join. Errors are JSON
 * {@code {"Error": "...", "Diagnostics": [...]}} with 400 (bad input), 404 (unknown object or path),
 * 405 (wrong method), 501 (not built yet), 503 (no leader) or 500.
 */
public final class HttpApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
  private static final NomadJson JSON = NomadJson.lenient();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final HttpServer http;
  private final ExecutorService executor;
  private final ClusterView cluster;
  private final JobEndpoints jobs;
  private final ClusterEndpoints clusterEndpoints;
  private final DeploymentEndpoints deploymentEndpoints;
  private final LogsEndpoint logs;
  private final SnapshotEndpoint snapshots;
  private final String version;

  private HttpApiServer(Builder b) throws IOException {
    this.cluster = b.cluster != null ? b.cluster : ClusterView.single(b.server.name(), "127.0.0.1", 4647);
    this.jobs = new JobEndpoints(b.server);
    this.clusterEndpoints = new ClusterEndpoints(b.server, b.clock);
    this.deploymentEndpoints = new DeploymentEndpoints(b.server);
    this.logs = new LogsEndpoint(b.server, Optional.ofNullable(b.allocDirs));
    this.snapshots = new SnapshotEndpoint(b.server);
    this.version = b.version;
    this.http = HttpServer.create(b.address, 64);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "caravan-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    if (b.transport != null) {
      TransportHttpService.register(http, b.transport);
    }
    http.start();
  }

  /** A builder for the API of {@code server}. */
  public static Builder builder(CaravanServer server) {
    return new Builder(server);
  }

  /** Options of the HTTP API. */
  public static final class Builder {
    private final CaravanServer server;
    private InetSocketAddress address = new InetSocketAddress("127.0.0.1", 4646);
    private @Nullable Transport transport;
    private @Nullable Function<String, Path> allocDirs;
    private @Nullable ClusterView cluster;
    private Clock clock = Clock.systemUTC();
    private String version = "dev";

    private Builder(CaravanServer server) {
      this.server = Objects.requireNonNull(server, "server");
    }

    /** Where to listen (port 0 picks a free one); {@code 127.0.0.1:4646} by default. */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Serves this client transport under {@code /v1/caravan/client/} for clients in other processes. */
    public Builder clientTransport(Transport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The local client's directory of an allocation by ID, from which {@code /v1/client/fs/logs} reads. */
    public Builder allocDirs(Function<String, Path> allocDir) {
      this.allocDirs = Objects.requireNonNull(allocDir, "allocDir");
      return this;
    }

    /** What {@code /v1/status/leader} and {@code /v1/agent/members} report. */
    public Builder cluster(ClusterView view) {
      this.cluster = Objects.requireNonNull(view, "view");
      return this;
    }

    /** Time source for drain deadlines. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The version reported in member tags. */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** Binds and starts serving. */
    public HttpApiServer start() {
      try {
        return new HttpApiServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + address, e);
      }
    }
  }

  /** The address the API listens on (with the actual port). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:4646}. */
  public String url() {
    InetSocketAddress a = address();
    return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      ApiRequest req = new ApiRequest(ex);
      try {
        if (!ex.getRequestURI().getRawPath().startsWith("/v1/")) {
          throw ApiException.notFound("no such endpoint: " + ex.getRequestURI().getPath());
        }
        List<String> seg = req.segments();
        if (seg.size() == 4 && seg.get(0).equals("client") && seg.get(1).equals("fs") && seg.get(2).equals("logs")) {
          logs.serve(req, seg.get(3));
          return;
        }
        if (seg.size() == 2 && seg.get(0).equals("operator") && seg.get(1).equals("snapshot")) {
          Indexed restored = snapshots.serve(req);
          if (restored != null) {
            reply(ex, 200, restored.value(), restored.index());
          }
          return;
        }
        Indexed answer = route(req, seg);
        reply(ex, 200, answer.value(), answer.index());
      } catch (ApiException e) {
        error(ex, e.status(), e.getMessage(), e.details());
      } catch (UnknownObjectException e) {
        error(ex, 404, e.getMessage(), List.of());
      } catch (NotLeaderException e) {
        error(ex, 503, "No cluster leader: " + e.getMessage(), List.of());
      } catch (ReplicationException e) {
        error(ex, 503, "the cluster did not accept the write: " + e.getMessage(), List.of());
      } catch (ModelJsonException | FsmCommandException | IllegalArgumentException e) {
        error(ex, 400, e.getMessage(), List.of());
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
        error(ex, 500, "internal error: " + e, List.of());
      }
    }
  }

  private Indexed route(ApiRequest req, List<String> seg) {
    String head = seg.get(0);
    int n = seg.size();
    Optional<String> sub = n >= 3 ? Optional.of(seg.get(2)) : Optional.empty();
    if (n == 4 && head.equals("job") && !seg.get(1).isEmpty() && seg.get(2).equals("periodic")
        && seg.get(3).equals("force")) {
      return jobs.periodicForce(req, seg.get(1));
    }
    if (n > 3 || (n == 3 && seg.get(2).isEmpty()) || (n >= 2 && seg.get(1).isEmpty())) {
      throw ApiException.notFound("no such endpoint: /v1/" + String.join("/", seg));
    }
    return switch (head) {
      case "jobs" -> n == 1 ? jobs.jobs(req) : n == 2 && seg.get(1).equals("parse") ? jobs.parse(req) : notFound(seg);
      case "job" -> n >= 2 ? jobs.job(req, seg.get(1), sub) : notFound(seg);
      case "allocations" -> n == 1 ? clusterEndpoints.allocations(req) : notFound(seg);
      case "allocation" -> n == 2 ? clusterEndpoints.allocation(req, seg.get(1)) : notFound(seg);
      case "evaluations" -> n == 1 ? clusterEndpoints.evaluations(req) : notFound(seg);
      case "evaluation" -> n == 2 ? clusterEndpoints.evaluation(req, seg.get(1))
          : n == 3 && sub.get().equals("allocations") ? clusterEndpoints.evaluationAllocations(req, seg.get(1))
          : notFound(seg);
      case "deployments" -> n == 1 ? clusterEndpoints.deployments(req) : notFound(seg);
      case "deployment" -> n == 2 ? clusterEndpoints.deployment(req, seg.get(1))
          : n == 3 ? deploymentEndpoints.action(req, seg.get(1), seg.get(2)) : notFound(seg);
      case "nodes" -> n == 1 ? clusterEndpoints.nodes(req) : notFound(seg);
      case "node" -> n >= 2 ? clusterEndpoints.node(req, seg.get(1), sub) : notFound(seg);
      case "status" -> n == 2 && seg.get(1).equals("leader") ? leader(req)
          : n == 2 && seg.get(1).equals("peers") ? peers(req) : notFound(seg);
      case "agent" -> n == 2 && seg.get(1).equals("members") ? members(req) : notFound(seg);
      default -> notFound(seg);
    };
  }

  private static Indexed notFound(List<String> seg) {
    throw ApiException.notFound("no such endpoint: /v1/" + String.join("/", seg));
  }

  private Indexed leader(ApiRequest req) {
    Routes.requireMethod(req, "GET");
    return new Indexed(F.textNode(cluster.leaderAddress().orElse("")), 0);
  }

  private Indexed peers(ApiRequest req) {
    Routes.requireMethod(req, "GET");
    ArrayNode out = F.arrayNode();
    cluster.members().forEach(m -> out.add(m.address() + ":" + m.port()));
    return new Indexed(out, 0);
  }

  private Indexed members(ApiRequest req) {
    Routes.requireMethod(req, "GET");
    ObjectNode out = F.objectNode();
    out.put("ServerName", cluster.serverName());
    out.put("ServerRegion", "global");
    out.put("ServerDC", "dc1");
    ArrayNode members = out.putArray("Members");
    for (ServerMember m : cluster.members()) {
      ObjectNode o = members.addObject();
      o.put("Name", m.name() + ".global");
      o.put("Addr", m.address());
      o.put("Port", m.port());
      ObjectNode tags = o.putObject("Tags");
      tags.put("role", "nomad");
      tags.put("region", "global");
      tags.put("dc", "dc1");
      tags.put("port", String.valueOf(m.port()));
      tags.put("build", version);
      tags.put("raft_vsn", "3");
      tags.put("leader", String.valueOf(m.leader()));
      o.put("Status", m.status());
    }
    return new Indexed(out, 0);
  }

  private void reply(HttpExchange ex, int status, Object value, long index) throws IOException {
    if (index > 0) {
      ex.getResponseHeaders().set("X-Nomad-Index", Long.toString(index));
    }
    ex.getResponseHeaders().set("X-Nomad-KnownLeader", Boolean.toString(cluster.leaderAddress().isPresent()));
    ex.getResponseHeaders().set("X-Nomad-LastContact", "0");
    send(ex, status, JSON.write(value));
  }

  private static void error(HttpExchange ex, int status, String message, List<String> details) throws IOException {
    ObjectNode body = F.objectNode();
    body.put("Error", message);
    if (!details.isEmpty()) {
      ArrayNode d = body.putArray("Diagnostics");
      details.forEach(d::add);
    }
    send(ex, status, JSON.write(body));
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops listening (open blocking queries are cut) and stops the handler threads. */
  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
