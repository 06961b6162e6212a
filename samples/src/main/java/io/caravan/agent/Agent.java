package io.caravan.agent;

import com.google.common.collect.ImmutableSortedMap;
import io.caravan.agent.http.ClusterView;
import io.caravan.agent.http.HttpApiServer;
import io.caravan.agent.internal.FailoverTransport;
import io.caravan.agent.internal.LeaderOnlyTransport;
import io.caravan.agent.internal.RaftClusterView;
import io.caravan.runtime.client.ClientIdentity;
import io.caravan.runtime.client.HostClient;
import io.caravan.runtime.client.NodeAssembler;
import io.caravan.runtime.transport.HttpTransport;
import io.caravan.runtime.transport.Transport;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.raft.Peer;
import io.caravan.state.server.CaravanServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running {@code caravan agent}: a server (in memory for {@code -dev}, else a Raft peer on its data
 * directory with the servers of the join list), a client (this host fingerprinted, the drivers found
 * with {@link java.util.ServiceLoader}) or both, and the HTTP API of the server. {@link #close()} stops
 * the client's tasks, then the API and the server, and deletes a dev agent's temporary directory.
 */
public final class Agent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final AgentConfig config;
  private final Path dataDir;
  private final @Nullable Path devDir;
  private final @Nullable CaravanServer server;
  private final @Nullable HttpApiServer http;
  private final @Nullable HostClient client;
  private boolean closed;

  private Agent(AgentConfig config, Path dataDir, @Nullable Path devDir, @Nullable CaravanServer server,
      @Nullable HttpApiServer http, @Nullable HostClient client) {
    this.config = config;
    this.dataDir = dataDir;
    this.devDir = devDir;
    this.server = server;
    this.http = http;
    this.client = client;
  }

  /** Starts an agent; on failure whatever was started is stopped again. */
  public static Agent start(AgentConfig config) {
    Clock clock = Clock.systemUTC();
    Path devDir = null;
    CaravanServer server = null;
    HttpApiServer http = null;
    HostClient client = null;
    try {
      Path dataDir;
      if (config.dev()) {
        devDir = Files.createTempDirectory("caravan-dev-");
        dataDir = devDir;
      } else {
        dataDir = config.dataDir().orElseThrow(() -> new AgentConfigException("data_dir", "must be set"));
        Files.createDirectories(dataDir);
      }
      Transport served = null;
      ClusterView view = null;
      if (config.serverEnabled()) {
        ServerConfig sc = ServerConfig.builder().dataDir(dataDir.resolve("server")).bindAddr(config.bindAddr())
            .raftPort(config.raftPort()).bootstrapExpect(config.bootstrapExpect()).build();
        if (config.dev()) {
          server = CaravanServer.builder(sc).name(serverName(config)).clock(clock).start();
          view = ClusterView.single(server.name(), config.bindAddr(), config.raftPort());
        } else {
          Peer self = new Peer(peerId(config.bindAddr(), config.raftPort()), config.bindAddr(), config.raftPort());
          Map<String, Peer> peers = new LinkedHashMap<>();
          for (String j : config.join()) {
            Map.Entry<String, Integer> hp = AgentConfig.parseHostPort("server.join", j);
            Peer p = new Peer(peerId(hp.getKey(), hp.getValue()), hp.getKey(), hp.getValue());
            peers.put(p.id(), p);
          }
          peers.putIfAbsent(self.id(), self);
          if (peers.size() > 1 && config.clientEnabled() && config.clientServers().isEmpty()) {
            throw new AgentConfigException("client.servers", "a client on a server agent of a " + peers.size()
                + "-server cluster needs the servers' HTTP addresses to reach whichever server leads");
          }
          if (peers.size() < config.bootstrapExpect()) {
            throw new AgentConfigException("server.bootstrap_expect", config.bootstrapExpect()
                + " servers expected but server.join names " + peers.size() + " (with this one)");
          }
          server = CaravanServer.builder(sc).clock(clock)
              .raft(self, List.copyOf(peers.values()), dataDir.resolve("server").resolve("raft")).start();
          view = new RaftClusterView(server, self, peers);
        }
        ClusterView v = view;
        served = new LeaderOnlyTransport(server, v::leaderAddress, Duration.ofSeconds(10));
      }
      if (config.clientEnabled()) {
        List<Transport> ways = new ArrayList<>();
        if (served != null) {
          ways.add(served);
        }
        for (String s : config.clientServers()) {
          ways.add(new HttpTransport(URI.create(s), Duration.ofSeconds(10)));
        }
        Path clientDir = dataDir.resolve("client");
        ClientIdentity identity = new ClientIdentity(HostClient.persistentNodeId(clientDir), nodeName(config), config.datacenter(),
            config.nodePool(), config.nodeClass(), ImmutableSortedMap.copyOf(config.meta()), 0, 0, 0, "");
        HostClient.Builder cb = HostClient.builder(clientDir, ways.size() == 1 ? ways.get(0) : new FailoverTransport(ways))
            .identity(identity).pullWait(config.allocPullWait()).clock(clock);
        if (config.dev() || isLoopback(config.bindAddr())) {
          cb.address(NodeAssembler.HostAddress.LOOPBACK);
        }
        client = cb.start();
      }
      if (server != null) {
        HttpApiServer.Builder b = HttpApiServer.builder(server)
            .address(new InetSocketAddress(config.bindAddr(), config.httpPort()))
            .clientTransport(served).cluster(view).clock(clock);
        if (client != null) {
          b.allocDirs(client::allocDir);
        }
        http = b.start();
      } else {
        LOG.info("client-only agent: no HTTP API is served (the servers at {} answer it)", config.clientServers());
      }
      return new Agent(config, dataDir, devDir, server, http, client);
    } catch (IOException e) {
      stopAll(client, http, server, devDir);
      throw new UncheckedIOException("cannot prepare the agent's data directory", e);
    } catch (RuntimeException e) {
      stopAll(client, http, server, devDir);
      throw e;
    }
  }

  private static String serverName(AgentConfig c) {
    return c.name().isBlank() ? peerId(c.bindAddr(), c.raftPort()) : c.name();
  }

  private static String nodeName(AgentConfig c) {
    if (!c.name().isBlank()) {
      return c.name();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "caravan-client";
    }
  }

  private static boolean isLoopback(String addr) {
    try {
      return InetAddress.getByName(addr).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The Raft peer ID of the server at {@code host:port}; every agent derives the same from the join list. */
  static String peerId(String host, int port) {
    return host + "-" + port;
  }

  /** The settings the agent runs with. */
  public AgentConfig config() {
    return config;
  }

  /** The directory holding the agent's state (a temporary one for {@code -dev}, deleted on close). */
  public Path dataDir() {
    return dataDir;
  }

  /** The server, when this agent runs one. */
  public Optional<CaravanServer> server() {
    return Optional.ofNullable(server);
  }

  /** The client, when this agent runs one. */
  public Optional<HostClient> client() {
    return Optional.ofNullable(client);
  }

  /** The HTTP API's base URL (e.g. {@code http://127.0.0.1:4646}), when this agent runs a server. */
  public Optional<String> httpUrl() {
    return Optional.ofNullable(http).map(HttpApiServer::url);
  }

  /** Stops the client's tasks (waiting for them), the HTTP API and the server; deletes a dev agent's directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAll(client, http, server, devDir);
  }

  private static void stopAll(@Nullable HostClient client, @Nullable HttpApiServer http, @Nullable CaravanServer server,
      @Nullable Path devDir) {
    if (client != null) {
      try {
        client.shutdown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("stopping the client: {}", e.toString());
      }
    }
    if (http != null) {
      http.close();
    }
    if (server != null) {
      try {
        server.close();
      } catch (RuntimeException e) {
        LOG.warn("stopping the server: {}", e.toString());
      }
    }
    if (devDir != null) {
      deleteTree(devDir);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("could not delete the dev agent's directory {}: {}", dir, e.toString());
    }
  }
}
