package io.caravan.scheduler.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.AllocStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.cluster.PlanResult;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Job;
import io.caravan.model.job.Resources;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.plan.internal.AllocsFit;
import io.caravan.scheduler.resources.NodeUsage;
import io.caravan.scheduler.resources.TaskGroupAsk;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue #5's property. Random seeded sequences of service, batch and system job registrations,
 * updates, scale changes, job stops, node failures and recoveries, and client status updates
 * (start, finish, fail) are driven through broker → scheduler → plan applier on the in-memory
 * harness, with three workers sharing each snapshot so plans collide. Checked:
 *
 * <ul>
 *   <li>no node is ever overcommitted (after every commit);
 *   <li>whenever the loop is idle, no job has more live allocations than its count (system jobs:
 *       at most one per node). Within one commit a rejected node can drop a stop whose replacement
 *       landed elsewhere, as in Nomad, until the retry, so this is not checked per commit;
 *   <li>no evaluation runs out of plan attempts: evaluations run one after another, so a retry plans
 *       on the latest state and must then be accepted;
 *   <li>once clients settle and enough capacity arrives (some down nodes recover, big nodes join
 *       until every live job fits three times over), every service job runs its count and every
 *       system job runs on each usable ready node that has room for it.
 * </ul>
 *
 * A failure names the seed and the last steps. {@code -Dcaravan.property.seeds=N} runs seeds
 * {@code caravan.property.first} (default 1) to N; {@code -Dcaravan.property.collect=true} lists
 * every failing seed instead of stopping at the first.
 */
class SchedulingPropertyTest {
  private static final int SEEDS = Integer.getInteger("caravan.property.seeds", 60);
  private static final int STEPS = 30;

  /** How schedulers are made; the real ones by job type. */
  static SchedulingLoop.SchedulerMaker schedulers() {
    return io.caravan.scheduler.schedulers.SchedulerFactory::create;
  }

  @Test
  void neverOvercommitsNeverExceedsCountAndConverges() {
    int converged = 0;
    int evals = 0;
    int plans = 0;
    int partial = 0;
    long started = System.nanoTime();
    int ran = 0;
    List<String> failures = new ArrayList<>();
    for (long seed = Long.getLong("caravan.property.first", 1); seed <= SEEDS; seed++) {
      Run run = new Run(seed);
      ran++;
      try {
        if (run.execute()) {
          converged++;
        }
        evals += run.evals;
        plans += run.plans;
        partial += run.partial;
      } catch (AssertionError | RuntimeException e) {
        if (Boolean.getBoolean("caravan.property.collect")) {
          String m = String.valueOf(e.getMessage());
          failures.add("seed " + seed + ": " + m.substring(0, Math.min(m.length(), 160)).replace('\n', ' '));
          continue;
        }
        throw new AssertionError("seed " + seed + " failed: " + e.getMessage() + "\nlast steps:\n  "
            + String.join("\n  ", run.log.subList(Math.max(0, run.log.size() - 12), run.log.size())), e);
      }
    }
    System.out.printf("scheduling property: %d seeds x %d steps, convergence checked on %d, %d evaluations,"
        + " %d plans, %d partly committed, %d ms%n", SEEDS, STEPS, converged, evals, plans, partial,
        (System.nanoTime() - started) / 1_000_000);
    assertThat(failures).as("failing seeds").isEmpty();
    // The convergence check must not be vacuous: most seeds end with enough capacity.
    assertThat(converged).as("seeds whose convergence was checked").isGreaterThanOrEqualTo(ran / 2);
    // A generous budget (JIT warm-up dominates a run of a few seeds on a loaded machine).
    assertThat(System.nanoTime() - started).as("run time (ns)").isLessThan(Math.max(ran, 20) * 1_500_000_000L);
  }

  private static final class Run {
    final long seed;
    final SplittableRandom rng;
    final SchedulingLoop loop;
    final List<String> log = new ArrayList<>();
    final List<String> jobIds = new ArrayList<>();
    int commits;
    int evals;
    int plans;
    int partial;

    Run(long seed) {
      this.seed = seed;
      this.rng = new SplittableRandom(seed);
      this.loop = SchedulingLoop.builder().seed(seed).workers(3).schedulers(schedulers()).build();
      loop.onCommit((plan, result) -> checkNoOvercommit(result));
    }

    /** Runs the sequence; true when the final convergence check applied. */
    boolean execute() {
      int nodes = 3 + rng.nextInt(4);
      for (int k = 0; k < nodes; k++) {
        int i = k;
        String rack = i == 0 || rng.nextBoolean() ? "r0" : "r1";
        long cpu = 2000 + 1000L * rng.nextInt(15);
        long mem = 2048 + 1024L * rng.nextInt(15);
        step("add node n" + i + " " + rack + " cpu " + cpu + " mem " + mem, () -> loop.upsertNode(
            Nodes.node("n" + i, "dc1", cpu, mem, 100, 256, Map.of("rack", rack), NodeStatus.READY, NodeStatus.ELIGIBLE)));
      }
      for (int s = 0; s < STEPS; s++) {
        randomStep();
        runToIdle();
        checkCounts();
      }
      // Capacity arrives: recover half of the down nodes and add big rack-r0 nodes until the live
      // jobs comfortably fit; blocked evaluations must then be released and placed.
      for (Node n : loop.cluster().nodes()) {
        if (NodeStatus.DOWN.equals(n.status()) && rng.nextBoolean()) {
          step("node " + n.id() + " ready", () -> loop.upsertNode(n.toBuilder().status(NodeStatus.READY).build()));
        }
      }
      for (int extra = 0; extra < 6 && !enoughCapacity(); extra++) {
        String id = "extra" + extra;
        step("add node " + id, () -> loop.upsertNode(Nodes.node(id, "dc1", 16000, 16384, 100, 256,
            Map.of("rack", "r0"), NodeStatus.READY, NodeStatus.ELIGIBLE)));
      }
      boolean enough = enoughCapacity();
      for (int i = 0; i < 30; i++) {
        int changed = loop.settleClients();
        LoopStats stats = runToIdle();
        if (changed == 0 && stats.evalsProcessed() == 0) {
          break;
        }
      }
      checkCounts();
      if (!enough) {
        return false;
      }
      for (String id : jobIds) {
        Job job = loop.cluster().jobById("default", id).orElseThrow();
        if (!Boolean.TRUE.equals(job.stop()) && "system".equals(job.type())) {
          checkSystemConverged(job);
          continue;
        }
        if (Boolean.TRUE.equals(job.stop()) || !"service".equals(job.type())) {
          continue;
        }
        for (TaskGroup tg : job.taskGroupsOrEmpty()) {
          assertThat(live(id, tg.name())).extracting(Allocation::name)
              .as("job %s group %s live allocations after settling (count %d); its evaluations: %s",
                  id, tg.name(), tg.count(), evalSummary(id))
              .hasSize(tg.count());
        }
      }
      return true;
    }

    private void randomStep() {
      int r = rng.nextInt(100);
      List<Node> ready = loop.cluster().nodes().stream().filter(n -> NodeStatus.READY.equals(n.status())).toList();
      List<Node> down = loop.cluster().nodes().stream().filter(n -> NodeStatus.DOWN.equals(n.status())).toList();
      List<String> running = liveJobs();
      if (r < 20 || running.isEmpty()) {
        // A burst of registrations: their evaluations share a snapshot and their plans collide.
        for (int n = 1 + rng.nextInt(3); n > 0; n--) {
          String id = "job" + jobIds.size();
          jobIds.add(id);
          Job job = newJob(id);
          step("register " + id + " " + job.type() + " count " + job.taskGroupsOrEmpty().get(0).count(),
              () -> loop.registerJob(job));
        }
      } else if (r < 35) {
        String id = running.get(rng.nextInt(running.size()));
        Job job = current(id);
        int cpu = 50 + 10 * rng.nextInt(26);
        step("update " + id + " cpu " + cpu, () -> loop.registerJob(withTask(job, cpu, null)));
      } else if (r < 55 && !countBased(running).isEmpty()) {
        List<String> scalable = countBased(running);
        String id = scalable.get(rng.nextInt(scalable.size()));
        int count = rng.nextInt(7);
        step("scale " + id + " to " + count, () -> loop.registerJob(withTask(current(id), -1, count)));
      } else if (r < 60) {
        String id = running.get(rng.nextInt(running.size()));
        step("stop " + id, () -> loop.stopJob("default", id));
      } else if (r < 68 && ready.size() > 2) {
        Node n = ready.get(rng.nextInt(ready.size()));
        step("node " + n.id() + " down", () -> loop.upsertNode(n.toBuilder().status(NodeStatus.DOWN).build()));
      } else if (r < 76 && !down.isEmpty()) {
        Node n = down.get(rng.nextInt(down.size()));
        step("node " + n.id() + " ready", () -> loop.upsertNode(n.toBuilder().status(NodeStatus.READY).build()));
      } else if (r < 86) {
        List<Allocation> live = liveAllocsOnReadyNodes();
        if (!live.isEmpty()) {
          Allocation a = live.get(rng.nextInt(live.size()));
          step("alloc " + a.name() + " failed", () -> loop.updateAllocClientStatus(a.id(), AllocStatus.CLIENT_FAILED));
        }
      } else {
        step("settle clients", loop::settleClients);
      }
    }

    private Job newJob(String id) {
      int kind = rng.nextInt(20);
      String type = kind < 3 ? "system" : kind < 7 ? "batch" : "service";
      int count = type.equals("system") ? 1 : 1 + rng.nextInt(5);
      int cpu = 50 + 10 * rng.nextInt(26);
      int mem = 64 + 32 * rng.nextInt(7);
      Job.Builder b = Jobs.mockBuilder(id, Jobs.group(count, cpu, mem).build()).type(type);
      if (rng.nextInt(3) == 0) {
        b.constraints(List.of(new Constraint("${attr.kernel.name}", "linux", "="),
            new Constraint("${meta.rack}", "r0", "=")));
      }
      Job job = Canonicalizer.withServerDefaults(b.build());
      // No update strategy: without a deployment watcher, deployments would never progress.
      return job.toBuilder().update(null)
          .taskGroups(job.taskGroupsOrEmpty().stream().map(g -> g.toBuilder().update(null).build()).toList())
          .build();
    }

    private List<String> countBased(List<String> ids) {
      return ids.stream().filter(id -> !"system".equals(current(id).type())).toList();
    }

    private Job current(String id) {
      return loop.cluster().jobById("default", id).orElseThrow();
    }

    /** The job with the task's cpu changed ({@code cpu < 0}: unchanged) and/or a new count. */
    private static Job withTask(Job job, int cpu, Integer count) {
      List<TaskGroup> groups = new ArrayList<>();
      for (TaskGroup g : job.taskGroupsOrEmpty()) {
        TaskGroup.Builder gb = g.toBuilder();
        if (count != null) {
          gb.count(count);
        }
        if (cpu >= 0) {
          List<Task> tasks = new ArrayList<>();
          for (Task t : g.tasksOrEmpty()) {
            Resources r = t.resources() == null ? Resources.builder().build() : t.resources();
            tasks.add(t.toBuilder().resources(r.toBuilder().cpu(cpu).build()).build());
          }
          gb.tasks(tasks);
        }
        groups.add(gb.build());
      }
      return job.toBuilder().taskGroups(groups).build();
    }

    private void step(String what, Runnable action) {
      log.add(what);
      action.run();
    }

    private LoopStats runToIdle() {
      LoopStats stats = loop.runUntilIdle(2000);
      // Evaluations run one after another here, so a retry after a partial commit plans on the
      // latest state; if the applier still rejects it, scheduler and applier disagree on what fits.
      for (var e : loop.evaluations().values()) {
        assertThat(e.statusDescription()).as("evaluation %s of job %s (%s)", e.id(), e.jobID(), e.triggeredBy())
            .doesNotStartWith("maximum attempts reached");
      }
      evals += stats.evalsProcessed();
      plans += stats.plansSubmitted();
      partial += stats.partialCommits();
      assertThat(stats.schedulerErrors()).as("scheduler errors").isEmpty();
      if (!stats.idle()) {
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        loop.evaluations().values().forEach(e -> kinds.merge(e.jobID() + " " + e.type() + " " + e.triggeredBy() + " " + e.status(), 1L, Long::sum));
        throw new AssertionError("loop did not go idle within 2000 evaluations; evaluations by job/type/trigger/status: "
            + kinds + "; broker " + loop.broker().stats() + "; blocked " + loop.blockedEvals().stats());
      }
      return stats;
    }

    private List<String> liveJobs() {
      return jobIds.stream().filter(id -> !Boolean.TRUE.equals(current(id).stop())).toList();
    }

    private List<Allocation> live(String jobId, String group) {
      return loop.cluster().allocsByJob("default", jobId).stream()
          .filter(a -> a.taskGroup().equals(group) && !a.terminal() && !isCanary(a)
              && !AllocStatus.CLIENT_UNKNOWN.equals(a.clientStatus()))
          .toList();
    }

    private static boolean isCanary(Allocation a) {
      return a.deploymentStatus() != null && a.deploymentStatus().canary();
    }

    private List<Allocation> liveAllocsOnReadyNodes() {
      List<Allocation> out = new ArrayList<>();
      for (Node n : loop.cluster().nodes()) {
        if (NodeStatus.READY.equals(n.status())) {
          loop.cluster().allocsByNode(n.id()).stream().filter(a -> !a.terminal()).forEach(out::add);
        }
      }
      return out;
    }

    /** Every ready node the job may use runs its allocation, unless that node has no room left for it. */
    private void checkSystemConverged(Job job) {
      boolean r0Only = job.constraintsOrEmpty().stream().anyMatch(c -> c.lTarget().equals("${meta.rack}"));
      for (Node node : loop.cluster().nodes()) {
        if (!node.ready() || (r0Only && !"r0".equals(node.metaOrEmpty().get("rack")))) {
          continue;
        }
        for (TaskGroup tg : job.taskGroupsOrEmpty()) {
          // Nomad does not replace a failed system allocation until the job is evaluated again.
          boolean present = loop.cluster().allocsByJob("default", job.id()).stream()
              .anyMatch(a -> a.nodeID().equals(node.id()) && a.taskGroup().equals(tg.name())
                  && (!a.terminal() || AllocStatus.CLIENT_FAILED.equals(a.clientStatus())));
          if (present) {
            continue;
          }
          TaskGroupAsk ask = TaskGroupAsk.of(tg);
          List<Allocation> withIt = new ArrayList<>(loop.cluster().allocsByNode(node.id()).stream()
              .filter(a -> !a.terminal()).toList());
          withIt.add(io.caravan.scheduler.testing.Allocs.sized("probe", node.id(), ask.cpu(), ask.memoryMB(), ask.diskMB()));
          assertThat(AllocsFit.check(node, withIt))
              .as("system job %s is missing on node %s although it fits; its evaluations: %s",
                  job.id(), node.id(), evalSummary(job.id()))
              .isNotNull();
        }
      }
    }

    private String allocSummary(String jobId) {
      StringBuilder b = new StringBuilder();
      for (Allocation a : loop.cluster().allocsByJob("default", jobId)) {
        b.append("\n    ").append(a.name()).append(' ').append(a.id(), 0, 8).append(" on ").append(a.nodeID())
            .append(' ').append(a.desiredStatus()).append('/').append(a.clientStatus())
            .append(" eval ").append(a.evalID(), 0, 8).append(" prev ")
            .append(a.previousAllocation().isEmpty() ? "-" : a.previousAllocation().substring(0, 8))
            .append(" followup ").append(a.followupEvalID().isEmpty() ? "-" : a.followupEvalID().substring(0, 8))
            .append(" created ").append(a.createIndex()).append(" v").append(a.job() == null ? "?" : a.job().version());
      }
      return b.toString();
    }

    private String evalSummary(String jobId) {
      StringBuilder b = new StringBuilder();
      for (var e : loop.evaluations().values()) {
        if (e.jobID().equals(jobId)) {
          b.append("\n    ").append(e.id(), 0, 8).append(' ').append(e.triggeredBy()).append(' ').append(e.status())
              .append(" created ").append(e.createIndex()).append(" waitUntil ").append(e.waitUntil())
              .append(" snapshot ").append(e.snapshotIndex()).append(" classes ").append(e.classEligibility())
              .append(e.escapedComputedClass() ? " escaped" : "");
        }
      }
      b.append("\n    blocked: ").append(loop.blockedEvals().blockedEval("default", jobId).map(e -> e.id().substring(0, 8)));
      return b.toString();
    }

    private void checkNoOvercommit(PlanResult result) {
      commits++;
      for (String nodeId : result.nodeAllocation().keySet()) {
        Node node = loop.cluster().nodeById(nodeId).orElseThrow();
        List<Allocation> live = loop.cluster().allocsByNode(nodeId).stream().filter(a -> !a.terminal()).toList();
        assertThat(AllocsFit.check(node, live)).as("node %s after commit %d is overcommitted", nodeId, commits).isNull();
      }
    }

    private void checkCounts() {
      for (Node node : loop.cluster().nodes()) {
        List<Allocation> live = loop.cluster().allocsByNode(node.id()).stream().filter(a -> !a.terminal()).toList();
        assertThat(AllocsFit.check(node, live)).as("node %s is overcommitted", node.id()).isNull();
      }
      for (String id : jobIds) {
        Job job = current(id);
        if ("system".equals(job.type()) && !Boolean.TRUE.equals(job.stop())) {
          for (TaskGroup tg : job.taskGroupsOrEmpty()) {
            java.util.Map<String, Long> perNode = live(id, tg.name()).stream()
                .collect(java.util.stream.Collectors.groupingBy(Allocation::nodeID, java.util.stream.Collectors.counting()));
            perNode.forEach((node, n) -> assertThat(n).as("system job %s group %s on node %s", id, tg.name(), node)
                .isLessThanOrEqualTo(1L));
          }
          continue;
        }
        for (TaskGroup tg : job.taskGroupsOrEmpty()) {
          int count = Boolean.TRUE.equals(job.stop()) ? 0 : tg.count();
          assertThat(live(id, tg.name())).extracting(Allocation::name)
              .as("job %s group %s live allocations (count %d); allocations: %s; evaluations: %s", id, tg.name(), count,
                  allocSummary(id), evalSummary(id))
              .hasSizeLessThanOrEqualTo(count);
        }
      }
    }

    /**
     * True when every live job fits three times over into the ready, eligible nodes its
     * constraints allow (rack r0 nodes, the strictest set) and each allocation takes at most an
     * eighth of any such node: then no packing order can leave a placement without a node.
     */
    private boolean enoughCapacity() {
      List<Node> r0 = loop.cluster().nodes().stream()
          .filter(n -> n.ready() && "r0".equals(n.metaOrEmpty().get("rack"))).toList();
      if (r0.isEmpty()) {
        return false;
      }
      long cpu = 0;
      long mem = 0;
      long disk = 0;
      long minCpu = Long.MAX_VALUE;
      long minMem = Long.MAX_VALUE;
      for (Node n : r0) {
        NodeUsage u = new NodeUsage(n);
        cpu += u.availableCpu();
        mem += u.availableMemory();
        disk += u.availableDisk();
        minCpu = Math.min(minCpu, u.availableCpu());
        minMem = Math.min(minMem, u.availableMemory());
      }
      long needCpu = 0;
      long needMem = 0;
      long needDisk = 0;
      for (String id : liveJobs()) {
        for (TaskGroup tg : current(id).taskGroupsOrEmpty()) {
          TaskGroupAsk ask = TaskGroupAsk.of(tg);
          if (ask.cpu() * 8 > minCpu || ask.memoryMB() * 8 > minMem) {
            return false;
          }
          int copies = "system".equals(current(id).type()) ? r0.size() : tg.count();
          needCpu += ask.cpu() * copies;
          needMem += ask.memoryMB() * copies;
          needDisk += ask.diskMB() * copies;
        }
      }
      return needCpu * 3 <= cpu && needMem * 3 <= mem && needDisk * 3 <= disk;
    }
  }
}
