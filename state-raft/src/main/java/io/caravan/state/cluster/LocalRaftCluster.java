package io.caravan.state.cluster;

import io.caravan.state.config.ServerConfig;
import io.caravan.state.raft.Peer;
import io.caravan.state.raft.RaftNode;
import io.caravan.state.raft.ReplicatedFsm;
import io.caravan.state.raft.ReplicatedLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * N Raft servers in this JVM on loopback ports, each with its own directory under a temporary root,
 * replicating FSMs made by a factory. Servers can be killed (closed on a background thread, as a crash
 * would look to the others), restarted on their directory, added and removed.
 */
public final class LocalRaftCluster implements AutoCloseable {
  private static final String HOST = "127.0.0.1";

  private final ServerConfig config;
  private final Supplier<ReplicatedFsm> fsmFactory;
  private final Path root;
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final Map<String, RaftNode> running = new LinkedHashMap<>();
  private final Map<String, CompletableFuture<Void>> closing = new LinkedHashMap<>();
  private final ReplicatedLog log;
  private int nextId;

  private LocalRaftCluster(int servers, ServerConfig config, Supplier<ReplicatedFsm> fsmFactory) throws IOException {
    this.config = config;
    this.fsmFactory = fsmFactory;
    this.root = Files.createTempDirectory("caravan-raft-");
    for (int i = 0; i < servers; i++) {
      Peer p = newPeer();
      peers.put(p.id(), p);
    }
    List<Peer> group = List.copyOf(peers.values());
    for (Peer p : group) {
      running.put(p.id(), RaftNode.start(p, group, dir(p.id()), config, fsmFactory.get()));
    }
    this.log = ReplicatedLog.connect(group, config);
  }

  /** Starts {@code servers} servers with {@code config} (its data dir and ports are ignored). */
  public static LocalRaftCluster start(int servers, ServerConfig config, Supplier<ReplicatedFsm> fsmFactory) {
    if (servers < 1) {
      throw new IllegalArgumentException("servers must be at least 1, got " + servers);
    }
    try {
      return new LocalRaftCluster(servers, config, fsmFactory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster's temporary directory", e);
    }
  }

  private Peer newPeer() {
    return new Peer("s" + nextId++, HOST, freePort());
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private Path dir(String id) {
    return root.resolve(id);
  }

  /** The shared client (group commit, linearizable reads). */
  public ReplicatedLog log() {
    return log;
  }

  /** Ids of every member, running or not. */
  public synchronized List<String> serverIds() {
    return List.copyOf(peers.keySet());
  }

  /** The running servers. */
  public synchronized List<RaftNode> runningServers() {
    return List.copyOf(running.values());
  }

  public synchronized Optional<RaftNode> server(String id) {
    return Optional.ofNullable(running.get(id));
  }

  /** The running server that is leader and ready, if any right now. */
  public synchronized Optional<RaftNode> leader() {
    return running.values().stream().filter(RaftNode::isLeaderReady).findFirst();
  }

  /** Waits until some running server is a ready leader. */
  public RaftNode awaitLeader(Duration timeout) {
    awaitCondition(() -> leader().isPresent(), timeout, "no leader elected");
    return leader().orElseThrow();
  }

  /**
   * Kills a server: it stops answering at once (removed from the running set) and is closed on a
   * background thread, since closing blocks about a second.
   */
  public synchronized CompletableFuture<Void> killServer(String id) {
    RaftNode node = running.remove(id);
    if (node == null) {
      throw new IllegalStateException("server " + id + " is not running");
    }
    CompletableFuture<Void> done = CompletableFuture.runAsync(node::close);
    closing.put(id, done);
    return done;
  }

  /** Restarts a killed server on its own directory (it recovers its log and snapshots, then catches up). */
  public RaftNode restartServer(String id) {
    CompletableFuture<Void> done;
    synchronized (this) {
      if (running.containsKey(id)) {
        throw new IllegalStateException("server " + id + " is already running");
      }
      done = closing.remove(id);
    }
    if (done != null) {
      done.join();
    }
    synchronized (this) {
      Peer p = peers.get(id);
      RaftNode node = RaftNode.start(p, List.copyOf(peers.values()), dir(id), config, fsmFactory.get());
      running.put(id, node);
      return node;
    }
  }

  /** Starts a new empty server and makes it a voting member (it catches up by log or snapshot). */
  public RaftNode addServer() {
    Peer p;
    RaftNode node;
    List<Peer> members;
    synchronized (this) {
      p = newPeer();
      node = RaftNode.start(p, List.of(), dir(p.id()), config, fsmFactory.get());
      peers.put(p.id(), p);
      running.put(p.id(), node);
      members = List.copyOf(peers.values());
    }
    log.setMembers(members);
    return node;
  }

  /** Removes a server from the membership, then stops it and deletes nothing (its directory stays). */
  public void removeServer(String id) {
    List<Peer> members;
    synchronized (this) {
      if (!peers.containsKey(id)) {
        throw new IllegalArgumentException("unknown server " + id);
      }
      members = peers.values().stream().filter(p -> !p.id().equals(id)).toList();
    }
    log.setMembers(members);
    synchronized (this) {
      peers.remove(id);
      RaftNode node = running.remove(id);
      if (node != null) {
        closing.put(id, CompletableFuture.runAsync(node::close));
      }
    }
  }

  /** Waits until every running server has applied at least {@code index}. */
  public void awaitApplied(long index, Duration timeout) {
    awaitCondition(() -> runningServers().stream().allMatch(n -> n.lastAppliedIndex() >= index), timeout,
        "servers did not apply index " + index);
  }

  /** Waits until every running server has applied the same index as the leader and the leader's commit index. */
  public void awaitConverged(Duration timeout) {
    awaitCondition(() -> {
      Optional<RaftNode> leader = leader();
      if (leader.isEmpty()) {
        return false;
      }
      long commit = leader.get().commitIndex();
      return runningServers().stream().allMatch(n -> n.lastAppliedIndex() >= commit);
    }, timeout, "servers did not converge");
  }

  /** Polls {@code condition} every 10 ms until true or the timeout passes (then throws). */
  public static void awaitCondition(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(what + " within " + timeout.toMillis() + " ms");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting: " + what, e);
      }
    }
  }

  /** Closes the client and every server, then deletes the temporary directories. */
  @Override
  public void close() {
    log.close();
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    synchronized (this) {
      for (RaftNode n : running.values()) {
        pending.add(CompletableFuture.runAsync(n::close));
      }
      running.clear();
      pending.addAll(closing.values());
      closing.clear();
    }
    pending.forEach(CompletableFuture::join);
    deleteTree(root);
  }

  private static void deleteTree(Path dir) {
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
