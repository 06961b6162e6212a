package io.caravan.scheduler.schedulers;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.AllocatedCpuResources;
import io.caravan.model.cluster.AllocatedMemoryResources;
import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.AllocatedTaskResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.DrainStrategy;
import io.caravan.model.cluster.EvalStatus;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.reconcile.TasksUpdated;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random clusters (node status, eligibility, drain, datacenter, rack, capacity, other jobs'
 * allocations) scheduled with a system job: placements only on ready, eligible, targeted,
 * feasible nodes; one live allocation per node; no node overcommitted; every such node with room
 * gets one; the queued count is what did not fit. Seeds are printed on failure.
 */
class SystemSchedulerPropertyTest {
  private static final int SEEDS = 60;

  @Test
  void placesExactlyOnFeasibleNodesWithRoomAndNeverOvercommits() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      try {
        runOnce(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private static void runOnce(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    InMemoryCluster c = new InMemoryCluster();
    int n = 5 + rnd.nextInt(25);
    String rackWanted = rnd.nextBoolean() ? "r1" : null;
    int cpuAsk = 500 + rnd.nextInt(6) * 500;
    int memAsk = 256 + rnd.nextInt(4) * 256;
    Job other = Jobs.mockBuilder("other", Jobs.group(1, 100, 100).build()).priority(50).build();
    c.upsertJob(other);
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String status = rnd.nextInt(10) < 8 ? "ready" : "down";
      String elig = rnd.nextInt(10) < 9 ? "eligible" : "ineligible";
      Node node = Nodes.node(String.format("n%02d", i), rnd.nextInt(5) == 0 ? "dc2" : "dc1",
          1000 + rnd.nextInt(8) * 1000, 1024 + rnd.nextInt(4) * 1024, 100, 256,
          Map.of("rack", "r" + (1 + rnd.nextInt(3))), status, elig);
      if (rnd.nextInt(12) == 0) {
        node = node.toBuilder().drain(true).drainStrategy(new DrainStrategy(null, "", "")).build().withComputedClass();
      }
      nodes.add(node);
      c.upsertNode(node);
      if (rnd.nextBoolean()) {
        long[] room = free(c, node);
        long cpu = Math.min(room[0], 200 + rnd.nextInt(10) * 300);
        long mem = Math.min(room[1], 128 + rnd.nextInt(6) * 256);
        c.upsertAlloc(Allocation.builder().id(String.format("other-%02d", i)).namespace("default").name("other.web[0]")
            .nodeID(node.id()).jobID("other").job(other).taskGroup("web").desiredStatus(AllocStatus.DESIRED_RUN)
            .clientStatus(AllocStatus.CLIENT_RUNNING)
            .allocatedResources(new AllocatedResources(Map.of("web", new AllocatedTaskResources(
                new AllocatedCpuResources(cpu, null), new AllocatedMemoryResources(mem, 0), null, null)), null, null))
            .build());
      }
    }
    TaskGroup.Builder tg = Jobs.group(1, cpuAsk, memAsk);
    if (rackWanted != null) {
      tg.constraints(List.of(new Constraint("${meta.rack}", rackWanted, "=")));
    }
    Job job = Jobs.mockBuilder("sys", tg.build()).type("system").priority(50).jobModifyIndex(10L).build();
    c.upsertJob(job);
    Map<String, long[]> freeBefore = new HashMap<>();
    for (Node node : nodes) {
      freeBefore.put(node.id(), free(c, node));
    }
    Evaluation eval = Evaluation.builder().id(String.format("00000000-0000-4000-8000-%012d", seed)).namespace("default")
        .priority(50).type("system").triggeredBy(EvalTriggers.JOB_REGISTER).jobID("sys").status(EvalStatus.PENDING).build();
    new SystemScheduler(new SchedulerContext(c, c, SchedulerConfiguration.serverDefaults(), EvalProcessorTest.CLOCK), false,
        TasksUpdated::destructive).process(eval);

    int expectedQueued = 0;
    for (Node node : nodes) {
      List<Allocation> mine = c.allocsByNode(node.id()).stream().filter(a -> a.jobID().equals("sys") && !a.terminal()).toList();
      boolean targeted = node.ready() && node.datacenter().equals("dc1")
          && (rackWanted == null || rackWanted.equals(node.metaOrEmpty().get("rack")));
      long[] f = freeBefore.get(node.id());
      boolean room = f[0] >= cpuAsk && f[1] >= memAsk;
      assertThat(mine.size()).as("allocations on " + node.id()).isLessThanOrEqualTo(1);
      if (!targeted) {
        assertThat(mine).as("nothing on untargeted " + node.id()).isEmpty();
      } else if (room) {
        assertThat(mine).as("one on feasible " + node.id() + " with room").hasSize(1);
      } else {
        assertThat(mine).as("none on full " + node.id() + " (preemption needs priority +10)").isEmpty();
        expectedQueued++;
      }
      long[] after = free(c, node);
      assertThat(after[0]).as("cpu left on " + node.id()).isGreaterThanOrEqualTo(0);
      assertThat(after[1]).as("memory left on " + node.id()).isGreaterThanOrEqualTo(0);
    }
    Evaluation done = c.updatedEvals().get(0);
    assertThat(done.status()).isEqualTo(EvalStatus.COMPLETE);
    assertThat(done.queuedAllocations()).containsEntry("web", expectedQueued);
    assertThat(c.createdEvals().isEmpty()).as("blocked evals only when something did not fit").isEqualTo(expectedQueued == 0);
  }

  /** Free cpu and memory on a node: capacity − reserved − live allocations. */
  private static long[] free(InMemoryCluster c, Node node) {
    long cpu = node.nodeResources().cpu().cpuShares() - node.reservedResources().cpu().cpuShares();
    long mem = node.nodeResources().memory().memoryMB() - node.reservedResources().memory().memoryMB();
    for (Allocation a : c.allocsByNode(node.id())) {
      if (a.terminal() || a.allocatedResources() == null) {
        continue;
      }
      for (AllocatedTaskResources t : a.allocatedResources().tasks().values()) {
        cpu -= t.cpu().cpuShares();
        mem -= t.memory().memoryMB();
      }
    }
    return new long[] {cpu, mem};
  }
}
