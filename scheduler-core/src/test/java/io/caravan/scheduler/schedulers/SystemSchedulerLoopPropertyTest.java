package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.scheduler.harness.LoopStats;
import io.caravan.scheduler.harness.SchedulingLoop;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * System and sysbatch jobs driven end to end (broker → SystemScheduler → plan applier) through
 * random sequences of node arrivals, failures, recoveries and ineligibility, job updates and
 * client progress, with several workers planning on one shared snapshot. After every step:
 * no scheduler error, no node overcommitted, at most one live allocation per node and name;
 * with ample capacity every ready eligible node runs the current version of every system job and
 * nothing live stays on a down node. Seeds are printed on failure.
 */
class SystemSchedulerLoopPropertyTest {
  private static final int SEEDS = 15;
  private static final int STEPS = 12;

  @Test
  void convergesToOneCurrentAllocationPerEligibleNodeWithAmpleCapacity() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      run(seed, true);
    }
  }

  @Test
  void neverOvercommitsWhenStaleParallelPlansCompeteForTightNodes() {
    partialCommits = 0;
    for (long seed = 101; seed <= 100 + SEEDS; seed++) {
      run(seed, false);
    }
    assertThat(partialCommits).as("plans partly rejected by the applier and retried").isPositive();
  }

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
    Map<String, Node> nodes = new HashMap<>();
    int next = 0;
    for (int i = 0; i < 3 + rnd.nextInt(4); i++) {
      Node n = node(next++, rnd, ample);
      nodes.put(n.id(), n);
      loop.upsertNode(n);
    }
    List<String> jobs = List.of("agent", "logs", "once");
    loop.registerJob(job("agent", "system", 60, 300 + rnd.nextInt(4) * 100));
    loop.registerJob(job("logs", "system", 40, 200 + rnd.nextInt(4) * 100));
    loop.registerJob(job("once", "sysbatch", 50, 200));
    settle(loop, nodes, ample);
    for (int step = 0; step < STEPS; step++) {
      int op = rnd.nextInt(6);
      List<String> ids = new ArrayList<>(nodes.keySet());
      java.util.Collections.sort(ids);
      String target = ids.get(rnd.nextInt(ids.size()));
      Node cur = nodes.get(target);
      Node changed = switch (op) {
        case 0 -> node(next++, rnd, ample);
        case 1 -> cur.toBuilder().status("down").build();
        case 2 -> cur.toBuilder().status("ready").schedulingEligibility("eligible").build();
        case 3 -> cur.toBuilder().schedulingEligibility("ineligible").build();
        default -> null;
      };
      if (changed != null) {
        nodes.put(changed.id(), changed);
        loop.upsertNode(changed);
      } else if (op == 4) {
        String id = jobs.get(rnd.nextInt(2));
        loop.registerJob(job(id, "system", id.equals("agent") ? 60 : 40, 200 + rnd.nextInt(5) * 100));
      } else {
        loop.registerJob(job("once", "sysbatch", 50, 200 + rnd.nextInt(3) * 100));
        for (Allocation a : loop.cluster().allocsByJob("default", "once")) {
          if (!a.terminal() && rnd.nextBoolean()) {
            loop.updateAllocClientStatus(a.id(), "complete");
          }
        }
      }
      settle(loop, nodes, ample);
    }
  }

  /** Partial commits seen across the tight runs (the stale-snapshot path must be exercised). */
  private static int partialCommits;

  private static void settle(SchedulingLoop loop, Map<String, Node> nodes, boolean ample) {
    for (int i = 0; i < 4; i++) {
      LoopStats stats = loop.runUntilIdle(500);
      partialCommits += stats.partialCommits();
      assertThat(stats.schedulerErrors()).as("scheduler errors").isEmpty();
      assertThat(stats.idle()).as("the loop went idle").isTrue();
      if (loop.settleClients() == 0) {
        break;
      }
    }
    check(loop, nodes, ample);
  }

  private static void check(SchedulingLoop loop, Map<String, Node> nodes, boolean ample) {
    for (Node n : nodes.values()) {
      long cpu = n.nodeResources().cpu().cpuShares() - n.reservedResources().cpu().cpuShares();
      long mem = n.nodeResources().memory().memoryMB() - n.reservedResources().memory().memoryMB();
      Set<String> names = new HashSet<>();
      for (Allocation a : loop.cluster().allocsByNode(n.id())) {
        if (a.terminal()) {
          continue;
        }
        assertThat(names.add(a.name())).as("one live " + a.name() + " on " + n.id()).isTrue();
        for (AllocatedTaskResources t : a.allocatedResources().tasks().values()) {
          cpu -= t.cpu().cpuShares();
          mem -= t.memory().memoryMB();
        }
        if ("down".equals(n.status())) {
          assertThat(ample).as("live " + a.id() + " on down " + n.id()).isFalse();
        }
      }
      assertThat(cpu).as("cpu left on " + n.id()).isGreaterThanOrEqualTo(0);
      assertThat(mem).as("memory left on " + n.id()).isGreaterThanOrEqualTo(0);
      if (ample && n.ready()) {
        for (String jobId : List.of("agent", "logs")) {
          Job job = loop.cluster().jobById("default", jobId).orElseThrow();
          List<Allocation> live = loop.cluster().allocsByNode(n.id()).stream()
              .filter(a -> a.jobID().equals(jobId) && !a.terminal()).toList();
          assertThat(live).as(jobId + " on ready " + n.id()).singleElement()
              .satisfies(a -> assertThat(a.job().jobModifyIndex()).as("current version").isEqualTo(job.jobModifyIndex()));
        }
      }
    }
  }

  private static Node node(int i, SplittableRandom rnd, boolean ample) {
    long cpu = ample ? 8000 : 800 + rnd.nextInt(4) * 300;
    long mem = ample ? 8192 : 1024 + rnd.nextInt(3) * 512;
    return Nodes.node(String.format("node-%03d", i), "dc1", cpu, mem, 100, 256, Map.of(), "ready", "eligible");
  }

  private static Job job(String id, String type, int priority, int cpu) {
    return Jobs.mockBuilder(id, Jobs.group(1, cpu, 256).build()).name(id).type(type).priority(priority).build();
  }
}
