package io.caravan.runtime.client;

import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.driver.TaskDriver;
import io.caravan.runtime.fingerprint.Fingerprinter;
import io.caravan.runtime.fingerprint.HostFingerprint;
import io.caravan.runtime.fingerprint.LinuxHostFingerprinter;
import io.caravan.runtime.plugin.PluginRegistry;
import io.caravan.runtime.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A Caravan client on this machine, ready to embed: fingerprints the host, fingerprints every
 * task driver it is given (by default all that {@link java.util.ServiceLoader} finds), registers
 * the resulting node through a {@link Transport} and runs the allocations the servers assign,
 * keeping its node ID, task handles and allocation directories under one data directory. What an
 * agent's client mode and {@code caravan run}'s dev cluster start.
 */
public final class HostClient implements AutoCloseable {
  private final Path dataDir;
  private final Node node;
  private final NodeAgent agent;
  private final PluginRegistry registry;
  private final boolean ownsRegistry;

  private HostClient(Path dataDir, Node node, NodeAgent agent, PluginRegistry registry, boolean ownsRegistry) {
    this.dataDir = dataDir;
    this.node = node;
    this.agent = agent;
    this.registry = registry;
    this.ownsRegistry = ownsRegistry;
  }

  /** A client keeping its state in {@code dataDir} and reaching the servers through {@code transport}. */
  public static Builder builder(Path dataDir, Transport transport) {
    return new Builder(dataDir, transport);
  }

  /** The node this client registered. */
  public Node node() {
    return node;
  }

  /** The running node agent. */
  public NodeAgent agent() {
    return agent;
  }

  /** The drivers this client offers. */
  public PluginRegistry drivers() {
    return registry;
  }

  /** The directory of an allocation ({@code <data dir>/allocs/<id>}): its tasks' dirs and {@code alloc/logs}. */
  public Path allocDir(String allocId) {
    return dataDir.resolve("allocs").resolve(allocId);
  }

  /** Stops every allocation this client runs, waits for its tasks to exit, then closes the client. */
  public void shutdown() throws InterruptedException {
    try {
      agent.shutdown();
    } finally {
      if (ownsRegistry) {
        registry.close();
      }
    }
  }

  /** Stops talking to the servers; running tasks keep running and are recovered by the next start. */
  @Override
  public void close() {
    agent.close();
    if (ownsRegistry) {
      registry.close();
    }
  }

  /**
   * The node ID kept in {@code <dataDir>/client-id}: read from it, or a new random UUID written to it
   * the first time, so a client keeps its node ID across restarts.
   */
  public static String persistentNodeId(Path dataDir) {
    Path file = dataDir.resolve("client-id");
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!id.isEmpty()) {
          return id;
        }
      }
      String id = UUID.randomUUID().toString();
      Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the client ID in " + file, e);
    }
  }

  /** Options of a host client. */
  public static final class Builder {
    private final Path dataDir;
    private final Transport transport;
    private @Nullable ClientIdentity identity;
    private Optional<NodeAssembler.HostAddress> address = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private long seed = 1;
    private Duration pullWait = Duration.ofSeconds(5);
    private @Nullable PluginRegistry registry;
    private @Nullable Fingerprinter fingerprinter;

    private Builder(Path dataDir, Transport transport) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Who the node is. By default: the ID kept in {@code <data dir>/client-id} (a new UUID the
     * first time), the host name, datacenter {@code dc1}, pool {@code default}.
     */
    public Builder identity(ClientIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** The host network to advertise (a dev agent advertises loopback); by default the first IPv4 interface. */
    public Builder address(NodeAssembler.HostAddress address) {
      this.address = Optional.of(address);
      return this;
    }

    /** The clock used for task timing and health. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The seed of the client's random choices (restart jitter). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The longest wait of one blocking allocation pull. */
    public Builder pullWait(Duration pullWait) {
      this.pullWait = Objects.requireNonNull(pullWait, "pullWait");
      return this;
    }

    /** The drivers to offer; the caller keeps ownership. By default every ServiceLoader driver. */
    public Builder drivers(PluginRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** How the host is fingerprinted; by default {@link LinuxHostFingerprinter} over the data directory. */
    public Builder fingerprinter(Fingerprinter fingerprinter) {
      this.fingerprinter = Objects.requireNonNull(fingerprinter, "fingerprinter");
      return this;
    }

    /** Fingerprints, registers the node and starts running its allocations. */
    public HostClient start() {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create client data dir " + dataDir, e);
      }
      boolean owns = registry == null;
      PluginRegistry drivers = owns
          ? PluginRegistry.discover(DriverContext.of(clock), Thread.currentThread().getContextClassLoader())
          : registry;
      HostFingerprint host = (fingerprinter == null ? new LinuxHostFingerprinter(dataDir) : fingerprinter).fingerprint();
      ClientIdentity id = identity != null ? identity
          : ClientIdentity.of(persistentNodeId(dataDir), host.attribute("unique.hostname").orElse("caravan-client"));
      Map<String, DriverFingerprint> fingerprints = new TreeMap<>();
      for (Map.Entry<String, TaskDriver> d : drivers.drivers().entrySet()) {
        fingerprints.put(d.getKey(), d.getValue().fingerprint());
      }
      // Fingerprinting is done before registering, so the node registers ready.
      Node node = NodeAssembler.assemble(id, host, fingerprints, address, clock.instant())
          .toBuilder().status(NodeStatus.READY).build();
      NodeFacts facts = NodeFacts.of(node.id(), node.name(), node.datacenter(), "global", node.nodeClass(),
          node.nodePool(), node.attributesOrEmpty(), node.metaOrEmpty());
      AllocRunnerFactory factory = new AllocRunnerFactory(dataDir.resolve("allocs"), facts,
          drivers::requireDriver, new HandleStore(dataDir.resolve("state")), clock,
          new SplittableRandom(seed), Sleeper.real());
      NodeAgent agent = new NodeAgent(node, transport, factory, pullWait, Sleeper.real(), clock).start();
      return new HostClient(dataDir, node, agent, drivers, owns);
    }
  }
}
