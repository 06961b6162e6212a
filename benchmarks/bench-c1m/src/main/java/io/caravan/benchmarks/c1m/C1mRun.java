package io.caravan.benchmarks.c1m;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.TaskState;
import io.caravan.state.config.ServerConfig;
import io.caravan.state.raft.RaftNode;
import io.caravan.state.server.CaravanCluster;
import io.caravan.state.server.CaravanServer;
import io.caravan.state.server.NotLeaderException;
import io.caravan.state.server.SchedulingStats;
import io.caravan.state.store.StateSnapshot;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * One C1M run: starts a 3-server in-process Raft cluster (temporary directories, deleted at the end),
 * registers the simulated nodes and then the jobs through the leader's API from many threads, and
 * plays the clients: as allocations appear in the leader's state it reports them running in batches
 * of client updates, as clients would. Every wait is a blocking read on the leader (followed when the
 * leadership moves) bounded by the run's deadline; when the deadline passes the run stops and
 * reports how far it got.
 */
public final class C1mRun {
  /**
   * Threads submitting registrations and client updates: each write waits for its commit, so many
   * overlap and Raft's group commit packs them into few log entries.
   */
  private static final int WRITERS = 64;
  /**
   * Threads registering nodes and jobs, each waiting for its write's commit: real clients register at
   * once, and with 64 the run waited on Raft's commit latency (two fsyncs of 10-80 ms on this machine)
   * about 80 times over for 5,000 nodes, with the CPU mostly idle.
   */
  private static final int REGISTRARS = 512;
  private static final long MIN_POLL_MILLIS = 50;
  private static final int UPDATE_ATTEMPTS = 5;

  private final C1mScale scale;
  private final PrintStream progress;

  private C1mRun(C1mScale scale, PrintStream progress) {
    this.scale = scale;
    this.progress = progress;
  }

  /** Runs {@code scale}, printing progress lines to {@code progress}. */
  public static C1mResult run(C1mScale scale, PrintStream progress) throws InterruptedException {
    return new C1mRun(scale, progress).go();
  }

  /** The server configuration of the run: the defaults, with heartbeat TTLs long enough that no simulated node goes down. */
  static ServerConfig config(C1mScale scale) {
    return ServerConfig.builder().numSchedulers(scale.numSchedulers())
        .set("heartbeat.min_ttl", "2h").set("heartbeat.grace", "1h").set("heartbeat.failover_ttl", "2h")
        .build();
  }

  private C1mResult go() throws InterruptedException {
    double loadBefore = load();
    long deadline = System.nanoTime() + scale.timeout().toNanos();
    try (CaravanCluster cluster = CaravanCluster.builder().servers(3).config(config(scale)).start()) {
      CaravanServer leader = cluster.awaitLeader(Duration.ofSeconds(60));
      long heapBefore = liveHeap();
      progress.printf(Locale.ROOT, "cluster up, leader %s; heap %,d MB%n", leader.name(), heapBefore >> 20);

      ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> {
        Thread t = new Thread(r, "c1m-writer");
        t.setDaemon(true);
        return t;
      });
      ExecutorService registrars = Executors.newFixedThreadPool(REGISTRARS, r -> {
        Thread t = new Thread(r, "c1m-registrar");
        t.setDaemon(true);
        return t;
      });
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      long gcStart = gcMillis();
      long termStart = highestTerm(cluster);
      double cpuCommitted = -1;
      double registered = -1;
      double committedAt = -1;
      double runningAt = -1;
      Reporter reporter = new Reporter(writers, failure);
      try {
        if (registerAll(registrars, scale.nodes(), i -> registerNode(cluster, C1mWorkload.node(i), deadline), deadline,
                failure)
            && registerAll(registrars, scale.jobs(), j -> leader.registerJob(C1mWorkload.job(j, scale.allocsPerJob())),
                deadline, failure)) {
          registered = seconds(start);
          progress.printf(Locale.ROOT, "registered %,d nodes and %,d jobs in %.2f s%n", scale.nodes(), scale.jobs(),
              registered);
        }
        long total = scale.totalAllocs();
        CaravanServer reading = leader;
        StateSnapshot s = reading.snapshot();
        long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (registered >= 0 && failure.get() == null && System.nanoTime() < deadline) {
          if (committedAt < 0 && s.allocCount() >= total) {
            committedAt = seconds(start);
            cpuCommitted = (processCpuNanos() - cpuStart) / 1e9;
            progress.printf(Locale.ROOT, "all %,d allocations committed at %.2f s%n", total, committedAt);
          }
          reporter.report(reading, s);
          if (reporter.acknowledged.get() >= total) {
            runningAt = seconds(start);
            progress.printf(Locale.ROOT, "all %,d allocations reported running at %.2f s%n", total, runningAt);
            break;
          }
          if (System.nanoTime() > nextProgress) {
            progress.printf(Locale.ROOT, "%6.1f s: %,d committed, %,d reported running, load %.1f%n", seconds(start),
                s.allocCount(), reporter.acknowledged.get(), load());
            nextProgress += TimeUnit.SECONDS.toNanos(10);
          }
          // at most 20 polls a second: each one walks the open jobs
          Thread.sleep(MIN_POLL_MILLIS);
          long left = deadline - System.nanoTime();
          // under load the leadership can move (a GC pause longer than the election timeout): follow it
          CaravanServer now = cluster.leader().orElse(reading);
          if (now != reading) {
            progress.printf(Locale.ROOT, "%6.1f s: leadership moved from %s to %s%n", seconds(start), reading.name(),
                now.name());
            reading = now;
          }
          s = reading.awaitIndex(s.latestIndex(), Duration.ofNanos(Math.max(1, Math.min(left, 1_000_000_000L))));
        }
      } finally {
        registrars.shutdownNow();
        writers.shutdownNow();
        registrars.awaitTermination(30, TimeUnit.SECONDS);
        writers.awaitTermination(30, TimeUnit.SECONDS);
      }
      if (failure.get() != null) {
        throw new IllegalStateException("a write failed during the run", failure.get());
      }
      if (committedAt < 0 || runningAt < 0) {
        progress.printf(Locale.ROOT, "timeout after %d s%n", scale.timeout().toSeconds());
      }
      StateSnapshot end = cluster.leader().orElse(leader).snapshot();
      long committed = end.allocCount();
      long running = runningCount(end);
      long replicated = runningAt >= 0 ? replicatedRunning(cluster, end.latestIndex(), deadline, progress) : -1;
      SchedulingStats stats = cluster.leader().map(CaravanServer::schedulingStats).orElse(null);
      double cpu = cpuCommitted >= 0 ? cpuCommitted : (processCpuNanos() - cpuStart) / 1e9;
      double gc = (gcMillis() - gcStart) / 1e3;
      long elections = highestTerm(cluster) - termStart;
      long heapAfter = liveHeap();
      return new C1mResult(scale, registered, committedAt, runningAt, committed, running, replicated, heapBefore,
          heapAfter, stats, loadBefore, load(), cpu, gc, elections);
    }
  }

  /** Registers a node through the current leader, again on the next one if the leadership moves first. */
  private static void registerNode(CaravanCluster cluster, Node node, long deadline) {
    while (true) {
      CaravanServer leader = cluster.awaitLeader(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      try {
        leader.registerNode(node);
        return;
      } catch (NotLeaderException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** Runs {@code register} for 0..n-1 on the registrars; false when the deadline passed or a write failed first. */
  private static boolean registerAll(ExecutorService writers, int n, IntConsumer register, long deadline,
      AtomicReference<Throwable> failure) throws InterruptedException {
    Semaphore inFlight = new Semaphore(REGISTRARS * 2);
    List<Future<?>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long left = deadline - System.nanoTime();
      if (failure.get() != null || left <= 0 || !inFlight.tryAcquire(left, TimeUnit.NANOSECONDS)) {
        return false;
      }
      int k = i;
      futures.add(writers.submit(() -> {
        try {
          register.accept(k);
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        } finally {
          inFlight.release();
        }
      }));
    }
    for (Future<?> f : futures) {
      long left = deadline - System.nanoTime();
      try {
        f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        return false;
      }
    }
    return failure.get() == null;
  }

  /**
   * Plays the clients: reports each new allocation running once, in batches of at most the scale's
   * report batch (one batch never spans two jobs), each batch one {@code updateAllocations} write
   * to the server whose state showed the allocations (the leader when it was read).
   */
  private final class Reporter {
    private final ExecutorService writers;
    private final AtomicReference<Throwable> failure;
    private final Set<String> reported = new HashSet<>();
    private final int[] reportedPerJob = new int[scale.jobs()];
    private final String[] jobIds = java.util.stream.IntStream.range(0, scale.jobs()).mapToObj(C1mWorkload::jobId)
        .toArray(String[]::new);
    /** Per job, its allocations' holder in the state last read (a job whose holder is unchanged has nothing new). */
    private final Object[] seenAllocs = new Object[scale.jobs()];
    private int firstOpenJob;
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    private final Map<String, TaskState> runningStates;

    Reporter(ExecutorService writers, AtomicReference<Throwable> failure) {
      this.writers = writers;
      this.failure = failure;
      this.runningStates = Map.of("app", new TaskState("running", false, 0, null, null, null, null));
    }

    void report(CaravanServer server, StateSnapshot s) {
      for (int j = firstOpenJob; j < scale.jobs(); j++) {
        if (reportedPerJob[j] >= scale.allocsPerJob()) {
          if (j == firstOpenJob) {
            firstOpenJob++;
          }
          continue;
        }
        Object version = s.allocsByJobVersion("default", jobIds[j]);
        if (version == null || version == seenAllocs[j]) {
          continue;
        }
        seenAllocs[j] = version;
        List<Allocation> allocs = s.allocsByJob("default", jobIds[j]);
        if (allocs.size() <= reportedPerJob[j]) {
          continue;
        }
        List<Allocation> batch = new ArrayList<>(Math.min(scale.reportBatch(), allocs.size()));
        for (Allocation a : allocs) {
          if (AllocStatus.DESIRED_RUN.equals(a.desiredStatus()) && reported.add(a.id())) {
            reportedPerJob[j]++;
            batch.add(server.clientUpdate(a.id(), AllocStatus.CLIENT_RUNNING, "Tasks are running", runningStates, null));
            if (batch.size() == scale.reportBatch()) {
              submit(server, batch);
              batch = new ArrayList<>(scale.reportBatch());
            }
          }
        }
        if (!batch.isEmpty()) {
          submit(server, batch);
        }
      }
    }

    private void submit(CaravanServer server, List<Allocation> batch) {
      writers.submit(() -> {
        // a client retries its update until it is committed (the patch is idempotent); under leader
        // churn a write can exhaust the Raft client's retries with its outcome unknown
        for (int attempt = 1; ; attempt++) {
          try {
            server.updateAllocations(batch);
            acknowledged.addAndGet(batch.size());
            return;
          } catch (RuntimeException e) {
            if (attempt >= UPDATE_ATTEMPTS || Thread.currentThread().isInterrupted()) {
              failure.compareAndSet(null, e);
              return;
            }
            retried.incrementAndGet();
            progress.printf(Locale.ROOT, "client update of %d allocations failed (%s), retrying%n", batch.size(), e);
          }
        }
      });
    }
  }

  private static long runningCount(StateSnapshot s) {
    return s.allocs().stream().filter(a -> AllocStatus.CLIENT_RUNNING.equals(a.clientStatus())).count();
  }

  /**
   * The fewest running allocations any server holds once its state reached the leader's index
   * {@code index} (or 30 s after the deadline). A state at an index holds every command of that Raft
   * entry (the store publishes an entry at once).
   */
  private static long replicatedRunning(CaravanCluster cluster, long index, long deadline, PrintStream progress)
      throws InterruptedException {
    long fewest = Long.MAX_VALUE;
    for (CaravanServer server : cluster.servers()) {
      StateSnapshot s = server.snapshot();
      while (s.latestIndex() < index && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(30)) {
        s = server.awaitIndex(s.latestIndex(), Duration.ofMillis(200));
      }
      long running = runningCount(s);
      progress.printf(Locale.ROOT, "server %s: index %d (leader at %d), %,d allocations, %,d running%n", server.name(),
          s.latestIndex(), index, s.allocCount(), running);
      fewest = Math.min(fewest, running);
    }
    return fewest;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** CPU time used by this process (every thread, GC included), or -1 if the JVM cannot tell. */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : -1;
  }

  /** Milliseconds the garbage collectors reported so far. */
  static long gcMillis() {
    long total = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** The highest Raft term any running server is in. */
  private static long highestTerm(CaravanCluster cluster) {
    long term = 0;
    for (CaravanServer s : cluster.servers()) {
      term = Math.max(term, s.raftNode().map(RaftNode::currentTerm).orElse(0L));
    }
    return term;
  }

  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
