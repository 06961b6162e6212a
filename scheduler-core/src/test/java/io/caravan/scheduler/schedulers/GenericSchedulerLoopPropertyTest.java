package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.model.job.UpdateStrategy;
import io.caravan.scheduler.harness.LoopStats;
import io.caravan.scheduler.harness.SchedulingLoop;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Service and batch jobs driven end to end (broker → GenericScheduler → plan applier) through
 * random sequences of job registrations, destructive and in-place updates, scale changes, node
 * failures and recoveries and client status updates (running, failed, complete), with several
 * workers planning on one shared snapshot. After every step: no scheduler error, no node
 * overcommitted, no job with more live allocations than its count and no duplicate live name;
 * with capacity for everything, every service job runs exactly its count, none on a down node.
 * Jobs have no update block: the harness has no deployment watcher to report allocation health,
 * so a rolling deployment would (correctly) wait forever. Seeds are printed on failure.
 */
class GenericSchedulerLoopPropertyTest {
  private static final int SEEDS = 12;
  private static final int STEPS = 14;
  private static final List<String> SERVICES = List.of("api", "web", "cache");

  @Test
  void neverOvercommitsNeverExceedsCountAndConvergesWhenCapacityAllows() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      run(seed, true);
    }
  }

  @Test
  void neverOvercommitsOrExceedsCountOnTightNodes() {
    partialCommits = 0;
    for (long seed = 201; seed <= 200 + SEEDS; seed++) {
      run(seed, false);
    }
    assertThat(partialCommits).as("stale plans partly rejected by the applier and retried").isPositive();
  }

  private static int partialCommits;

  private static void run(long seed, boolean ample) {
    try {
      runOnce(seed, ample);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("seed " + seed + (ample ? " (ample)" : " (tight)") + ": " + e.getMessage(), e);
    }
  }

  private static void runOnce(long seed, boolean ample) {
    SplittableRandom rnd = new SplittableRandom(seed);
    SchedulingLoop loop = SchedulingLoop.builder().seed(seed).workers(ample ? 2 : 3).build();
    Map<String, Node> nodes = new LinkedHashMap<>();
    int next = 0;
    for (int i = 0; i < 3 + rnd.nextInt(3); i++) {
      Node n = node(next++, ample);
      nodes.put(n.id(), n);
      loop.upsertNode(n);
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String id : SERVICES) {
      counts.put(id, 1 + rnd.nextInt(ample ? 5 : 4));
      loop.registerJob(job(id, "service", counts.get(id), 0));
    }
    counts.put("report", 3);
    loop.registerJob(job("report", "batch", 3, 0));
    settle(loop, nodes, counts, ample);
    int[] version = new int[SERVICES.size()];
    for (int step = 0; step < STEPS; step++) {
      int op = rnd.nextInt(7);
      List<String> ids = new ArrayList<>(nodes.keySet());
      Collections.sort(ids);
      String target = ids.get(rnd.nextInt(ids.size()));
      int j = rnd.nextInt(SERVICES.size());
      String jobId = SERVICES.get(j);
      switch (op) {
        case 0 -> { // scale
          counts.put(jobId, 1 + rnd.nextInt(ample ? 6 : 5));
          loop.registerJob(job(jobId, "service", counts.get(jobId), version[j]));
        }
        case 1 -> loop.registerJob(job(jobId, "service", counts.get(jobId), ++version[j])); // destructive
        case 2 -> { // node failure, keeping at least one ready node
          long ready = nodes.values().stream().filter(Node::ready).count();
          if (ready > 1 && nodes.get(target).ready()) {
            Node down = nodes.get(target).toBuilder().status("down").build();
            nodes.put(target, down);
            loop.upsertNode(down);
          }
        }
        case 3 -> { // recovery or a new node
          Node n = nodes.get(target).ready() ? node(next++, ample) : nodes.get(target).toBuilder().status("ready").build();
          nodes.put(n.id(), n);
          loop.upsertNode(n);
        }
        case 4, 5 -> { // a client reports a failure (or, for the batch job, completion)
          List<Allocation> live = live(loop, op == 4 ? jobId : "report");
          if (!live.isEmpty()) {
            Allocation a = live.get(rnd.nextInt(live.size()));
            loop.updateAllocClientStatus(a.id(), op == 4 ? "failed" : (rnd.nextBoolean() ? "complete" : "failed"));
          }
        }
        default -> loop.registerJob(job("report", "batch", 3, rnd.nextInt(2)));
      }
      settle(loop, nodes, counts, ample);
    }
  }

  private static void settle(SchedulingLoop loop, Map<String, Node> nodes, Map<String, Integer> counts, boolean ample) {
    for (int i = 0; i < 6; i++) {
      LoopStats stats = loop.runUntilIdle(1000);
      partialCommits += stats.partialCommits();
      assertThat(stats.schedulerErrors()).as("scheduler errors").isEmpty();
      assertThat(stats.idle()).as("the loop went idle").isTrue();
      if (loop.settleClients() == 0) {
        break;
      }
    }
    check(loop, nodes, counts, ample);
  }

  private static void check(SchedulingLoop loop, Map<String, Node> nodes, Map<String, Integer> counts, boolean ample) {
    for (Node n : nodes.values()) {
      long cpu = n.nodeResources().cpu().cpuShares() - n.reservedResources().cpu().cpuShares();
      long mem = n.nodeResources().memory().memoryMB() - n.reservedResources().memory().memoryMB();
      for (Allocation a : loop.cluster().allocsByNode(n.id())) {
        if (a.terminal()) {
          continue;
        }
        for (AllocatedTaskResources t : a.allocatedResources().tasks().values()) {
          cpu -= t.cpu().cpuShares();
          mem -= t.memory().memoryMB();
        }
      }
      assertThat(cpu).as("cpu left on " + n.id()).isGreaterThanOrEqualTo(0);
      assertThat(mem).as("memory left on " + n.id()).isGreaterThanOrEqualTo(0);
    }
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      List<Allocation> live = live(loop, e.getKey());
      assertThat(live.size()).as("live allocations of " + e.getKey()).isLessThanOrEqualTo(e.getValue());
      Set<String> names = new HashSet<>();
      live.forEach(a -> assertThat(names.add(a.name())).as("one live " + a.name()).isTrue());
      if (ample && SERVICES.contains(e.getKey())) {
        assertThat(live).as("live allocations of " + e.getKey()).hasSize(e.getValue());
        live.forEach(a -> assertThat(nodes.get(a.nodeID()).status()).as(a.name() + " on " + a.nodeID()).isEqualTo("ready"));
      }
    }
  }

  private static List<Allocation> live(SchedulingLoop loop, String jobId) {
    return loop.cluster().allocsByJob("default", jobId).stream().filter(a -> !a.terminal()).toList();
  }

  /** A job without an update block; {@code variant} changes the task config (a destructive change). */
  private static Job job(String id, String type, int count, int variant) {
    TaskGroup g = Jobs.group(count, 500, 256).build();
    g = g.toBuilder().tasks(List.of(g.tasksOrEmpty().get(0).toBuilder()
        .config(Map.of("command", "/bin/" + id, "variant", variant)).build())).build();
    Job job = Canonicalizer.withServerDefaults(Jobs.mockBuilder(id, g).type(type).build());
    TaskGroup canonical = job.taskGroupsOrEmpty().get(0).toBuilder().update(null).build();
    return job.toBuilder().update(UpdateStrategy.builder().maxParallel(0).build()).taskGroups(List.of(canonical)).build();
  }

  /** Roomy nodes hold every job at once; tight ones about 5 allocations (500 MHz / 256 MB each). */
  private static Node node(int i, boolean ample) {
    String id = String.format("node-%03d", i);
    return ample ? Nodes.mock(id)
        : Nodes.node(id, "dc1", 14000, 256L * 5 + 256, 100, 256, Map.of(), "ready", "eligible");
  }
}
