package io.caravan.state.server;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.runtime.client.AllocRunnerFactory;
import io.caravan.runtime.client.ClientIdentity;
import io.caravan.runtime.client.HandleStore;
import io.caravan.runtime.client.NodeAgent;
import io.caravan.runtime.client.NodeAssembler;
import io.caravan.runtime.client.NodeFacts;
import io.caravan.runtime.client.Sleeper;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.runtime.fingerprint.HostFingerprint;
import io.caravan.runtime.fingerprint.HostResources;
import io.caravan.runtime.transport.Transport;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.raft.Peer;
import io.caravan.state.server.internal.ServerTransport;
import io.caravan.state.store.StateSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A whole Caravan cluster in this JVM for tests and demos: {@code servers} Caravan servers (Raft peers
 * on loopback ports when more than one) and {@code clients} client nodes (runtime-spi
 * {@link NodeAgent}s running tasks with a driver), each in its own directory under one temporary
 * root that {@link #close()} deletes. Servers can be killed and restarted on their directory.
 */
public final class CaravanCluster implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final ServerConfig config;
  private final Clock clock;
  private final Path root;
  private final boolean replicated;
  private final long seed;
  private final SchedulerProvider schedulers;
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final Map<String, CaravanServer> running = new LinkedHashMap<>();
  private final Map<String, CompletableFuture<Void>> closing = new LinkedHashMap<>();
  private final List<Client> clients = new ArrayList<>();
  private final Transport transport;
  private @Nullable CaravanServer single;

  private record Client(NodeAgent agent, TaskDriver driver, Node node) {}

  /** A builder: one in-memory server and no clients unless told otherwise. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of an in-process cluster. */
  public static final class Builder {
    private int servers = 1;
    private int clients;
    private @Nullable Supplier<TaskDriver> driver;
    private @Nullable ServerConfig config;
    private Clock clock = Clock.systemUTC();
    private long seed = 1;
    private @Nullable Boolean raft;
    private int clientCpuMhz = 4000;
    private long clientMemoryMb = 4096;
    private SchedulerProvider schedulers = SchedulerProvider.BUILT_IN;

    private Builder() {}

    /** Number of servers (1, 3 or 5 typically); more than one are Raft peers. */
    public Builder servers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("servers must be at least 1, got " + n);
      }
      this.servers = n;
      return this;
    }

    /**
     * {@code n} client nodes running tasks with the driver named {@code driverName}, found with
     * {@link ServiceLoader} on the class path (e.g. {@code mock_driver} from drivers-reference).
     */
    public Builder clients(int n, String driverName) {
      return clients(n, () -> loadDriver(driverName));
    }

    /** {@code n} client nodes, each with its own driver instance from {@code driver}. */
    public Builder clients(int n, Supplier<TaskDriver> driver) {
      if (n < 0) {
        throw new IllegalArgumentException("clients must not be negative, got " + n);
      }
      this.clients = n;
      this.driver = Objects.requireNonNull(driver, "driver");
      return this;
    }

    /** CPU (MHz, over 4 cores) and memory (MB) each client node offers. */
    public Builder clientResources(int cpuMhz, long memoryMb) {
      this.clientCpuMhz = cpuMhz;
      this.clientMemoryMb = memoryMb;
      return this;
    }

    /** Server configuration (data directories and Raft ports are chosen by the cluster). */
    public Builder config(ServerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Seed of the servers' random sources (heartbeat stagger, scheduler shuffles). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The schedulers every server's workers run (scheduler-core's built-in ones by default). */
    public Builder schedulers(SchedulerProvider schedulers) {
      this.schedulers = Objects.requireNonNull(schedulers, "schedulers");
      return this;
    }

    /** Forces Raft replication on or off (default: on with more than one server, off with one). */
    public Builder raft(boolean on) {
      this.raft = on;
      return this;
    }

    /** Starts the servers, waits for a leader, then starts the clients and waits until they are ready. */
    public CaravanCluster start() {
      boolean replicated = raft != null ? raft : servers > 1;
      if (!replicated && servers > 1) {
        throw new IllegalArgumentException("several servers need Raft replication");
      }
      return new CaravanCluster(this, replicated);
    }
  }

  private static TaskDriver loadDriver(String name) {
    TaskDriver found = null;
    for (ServiceLoader.Provider<TaskDriver> p : ServiceLoader.load(TaskDriver.class).stream().toList()) {
      TaskDriver d = p.get();
      if (found == null && d.name().equals(name)) {
        found = d;
      } else {
        try {
          d.close();
        } catch (Exception e) {
          throw new IllegalStateException("closing unused driver " + d.name(), e);
        }
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("no task driver named \"" + name + "\" on the class path");
    }
    return found;
  }

  private CaravanCluster(Builder b, boolean replicated) {
    this.config = b.config != null ? b.config : ServerConfig.load();
    this.clock = b.clock;
    this.replicated = replicated;
    this.seed = b.seed;
    this.schedulers = b.schedulers;
    try {
      this.root = Files.createTempDirectory("caravan-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster's temporary directory", e);
    }
    this.transport = new ServerTransport(this::awaitLeader);
    try {
      if (replicated) {
        for (int i = 0; i < b.servers; i++) {
          Peer p = new Peer("s" + i, HOST, freePort());
          peers.put(p.id(), p);
        }
        for (Peer p : peers.values()) {
          startServer(p.id());
        }
      } else {
        single = CaravanServer.builder(config).name("s0").clock(clock).random(new SplittableRandom(seed))
            .schedulers(schedulers).start();
        running.put("s0", single);
      }
      awaitLeader(Duration.ofSeconds(30));
      for (int i = 0; i < b.clients; i++) {
        startClient(i, Objects.requireNonNull(b.driver).get(), b.clientCpuMhz, b.clientMemoryMb);
      }
      awaitNodesReady(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private CaravanServer startServer(String id) {
    Peer p = peers.get(id);
    long serverSeed = seed * 31 + id.hashCode();
    CaravanServer s = CaravanServer.builder(config).clock(clock).random(new SplittableRandom(serverSeed))
        .schedulers(schedulers).raft(p, List.copyOf(peers.values()), root.resolve("servers").resolve(id)).start();
    synchronized (this) {
      running.put(id, s);
    }
    return s;
  }

  private void startClient(int i, TaskDriver driver, int cpuMhz, long memoryMb) {
    String id = String.format("00000000-0000-4000-8000-%012d", i);
    String name = "client-" + i;
    Path dir = root.resolve("clients").resolve(name);
    driver.init(DriverContext.of(clock));
    HostFingerprint host = new HostFingerprint(
        ImmutableSortedMap.of("kernel.name", "linux", "arch", "x86", "cpu.numcores", "4",
            "unique.hostname", name),
        new HostResources(4, cpuMhz / 4, cpuMhz, memoryMb * 1024 * 1024, 100L << 30, 50L << 30),
        ImmutableList.of());
    Node node = NodeAssembler.assemble(ClientIdentity.of(id, name), host, Map.of(driver.name(), driver.fingerprint()),
        Optional.of(NodeAssembler.HostAddress.LOOPBACK), clock.instant())
        // registers ready at once (Nomad's client turns ready after fingerprinting, here already done)
        .toBuilder().status("ready").build();
    NodeFacts facts = NodeFacts.of(id, name, node.datacenter(), "global", node.nodeClass(), node.nodePool(),
        node.attributes(), Map.of());
    AllocRunnerFactory factory = new AllocRunnerFactory(dir.resolve("allocs"), facts, n -> driver,
        new HandleStore(dir.resolve("state")), clock, new SplittableRandom(seed + i), Sleeper.real());
    NodeAgent agent = new NodeAgent(node, transport, factory, Duration.ofSeconds(5), Sleeper.real(), clock).start();
    clients.add(new Client(agent, driver, node));
  }

  private void awaitNodesReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      CaravanServer s = awaitLeader(timeout);
      StateSnapshot snap = s.snapshot();
      long ready = snap.nodes().stream().filter(n -> "ready".equals(n.status())).count();
      if (ready >= clients.size()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(ready + " of " + clients.size() + " clients ready within " + timeout);
      }
      try {
        s.awaitIndex(snap.latestIndex(), Duration.ofMillis(200));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for clients", e);
      } catch (NotLeaderException e) {
        // the leader went away while waiting: look again
      }
    }
  }

  // ------------------------------------------------------------------ servers

  /** The running servers, by name. */
  public synchronized List<CaravanServer> servers() {
    return List.copyOf(running.values());
  }

  /** A running server by name ({@code s0}, {@code s1}, …). */
  public synchronized Optional<CaravanServer> server(String name) {
    return Optional.ofNullable(running.get(name));
  }

  /** The running server that is leader right now, if any. */
  public synchronized Optional<CaravanServer> leader() {
    return running.values().stream().filter(CaravanServer::isLeader).findFirst();
  }

  /** Waits until a running server leads. */
  public CaravanServer awaitLeader(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<CaravanServer> l = leader();
      if (l.isPresent()) {
        return l.get();
      }
      if (System.nanoTime() - deadline > 0) {
        throw new NotLeaderException("(cluster)", null);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NotLeaderException("(cluster, interrupted)", null);
      }
    }
  }

  /**
   * Kills a server as a crash would look to the others: it stops answering and leading at once and
   * its Raft server is closed on a background thread (that takes about a second).
   */
  public CompletableFuture<Void> killServer(String name) {
    CaravanServer s;
    synchronized (this) {
      s = running.remove(name);
      if (s == null) {
        throw new IllegalStateException("server " + name + " is not running");
      }
      if (!replicated) {
        throw new IllegalStateException("killing the only in-memory server would lose the state");
      }
    }
    s.stopLeaderServicesNow();
    CompletableFuture<Void> done = CompletableFuture.runAsync(s::close);
    synchronized (this) {
      closing.put(name, done);
    }
    return done;
  }

  /** Kills the current leader; returns its name. */
  public String killLeader() {
    String name = awaitLeader(Duration.ofSeconds(30)).name();
    killServer(name);
    return name;
  }

  /** Restarts a killed server on its own directory (it recovers its log and snapshots, then catches up). */
  public CaravanServer restartServer(String name) {
    CompletableFuture<Void> done;
    synchronized (this) {
      if (running.containsKey(name)) {
        throw new IllegalStateException("server " + name + " is already running");
      }
      if (!peers.containsKey(name)) {
        throw new IllegalArgumentException("unknown server " + name);
      }
      done = closing.remove(name);
    }
    if (done != null) {
      done.join();
    }
    return startServer(name);
  }

  // ------------------------------------------------------------------ jobs and clients

  /** Registers a job through the leader. */
  public JobWriteResult registerJob(Job job) {
    return awaitLeader(Duration.ofSeconds(30)).registerJob(job);
  }

  /** The client transport (every call goes to the current leader). */
  public Transport clientTransport() {
    return transport;
  }

  /** The client nodes' agents, in start order. */
  public List<NodeAgent> clients() {
    return clients.stream().map(Client::agent).toList();
  }

  /** The registered client nodes as they were fingerprinted, in start order. */
  public List<Node> clientNodes() {
    return clients.stream().map(Client::node).toList();
  }

  /**
   * Waits, with blocking reads on the leader, until the job's allocations satisfy {@code done};
   * returns them.
   *
   * @throws IllegalStateException with the last allocations seen when {@code timeout} passes first
   */
  public List<Allocation> awaitAllocations(String namespace, String jobId, Predicate<List<Allocation>> done,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Allocation> last = List.of();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("allocations of " + namespace + "/" + jobId + " not as expected within "
            + timeout + "; last seen: " + describe(last));
      }
      try {
        CaravanServer s = awaitLeader(Duration.ofNanos(left));
        StateSnapshot snap = s.snapshot();
        last = snap.allocsByJob(namespace, jobId);
        if (done.test(last)) {
          return last;
        }
        s.awaitIndex(snap.latestIndex(), Duration.ofNanos(Math.min(left, 500_000_000L)));
      } catch (NotLeaderException e) {
        // failover in progress: retry on the next leader
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for allocations", e);
      }
    }
  }

  /** Waits until {@code count} allocations of the job run on clients (desired run, client running). */
  public List<Allocation> awaitRunning(String namespace, String jobId, int count, Duration timeout) {
    return awaitAllocations(namespace, jobId, allocs -> allocs.stream()
        .filter(a -> "run".equals(a.desiredStatus()) && "running".equals(a.clientStatus())).count() == count, timeout)
        .stream().filter(a -> "run".equals(a.desiredStatus()) && "running".equals(a.clientStatus())).toList();
  }

  private static String describe(List<Allocation> allocs) {
    return allocs.stream().map(a -> a.id() + "@" + a.nodeID() + "(" + a.desiredStatus() + "/" + a.clientStatus() + ")")
        .toList().toString();
  }

  // ------------------------------------------------------------------ close

  /** Stops every client (and its tasks), then every server, then deletes the temporary directories. */
  @Override
  public void close() {
    // clients stop their tasks in parallel (each waits for its blocking pull to return)
    List<CompletableFuture<Void>> stopping = new ArrayList<>();
    for (Client c : clients) {
      stopping.add(CompletableFuture.runAsync(() -> {
        try {
          c.agent().shutdown();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    stopping.forEach(CompletableFuture::join);
    for (Client c : clients) {
      try {
        c.driver().close();
      } catch (Exception e) {
        throw new IllegalStateException("closing driver of client " + c.node().name(), e);
      }
    }
    clients.clear();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    synchronized (this) {
      for (CaravanServer s : running.values()) {
        s.stopLeaderServicesNow();
        pending.add(CompletableFuture.runAsync(s::close));
      }
      running.clear();
      pending.addAll(closing.values());
      closing.clear();
    }
    pending.forEach(CompletableFuture::join);
    deleteTree(root);
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
