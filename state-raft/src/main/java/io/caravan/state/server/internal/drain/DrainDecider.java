package io.caravan.state.server.internal.drain;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.DesiredTransition;
import io.caravan.model.cluster.DrainStrategy;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import io.caravan.scheduler.reconcile.DrainMigrations;
import io.caravan.scheduler.schedulers.EvalTriggers;
import io.caravan.state.fsm.Command;
import io.caravan.state.server.internal.Evals;
import io.caravan.state.server.internal.UnixNanos;
import io.caravan.state.store.StateSnapshot;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the node drainer does next, as a pure function of the state and the time (Nomad's node
 * drainer):
 *
 * <ul>
 *   <li>Service allocations on draining nodes are marked {@code DesiredTransition.Migrate} a few at a
 *       time, as {@link DrainMigrations} allows under each group's {@code migrate.max_parallel} (the
 *       next ones once the replacements are healthy), with a {@code node-drain} evaluation per job
 *       so the scheduler stops and replaces them. Batch allocations are left to finish.
 *   <li>At the drain's force deadline every live allocation left on the node is marked at once
 *       (system ones too unless {@code IgnoreSystemJobs}).
 *   <li>System and sysbatch allocations go last: once no other live allocation is left on the node
 *       (unless {@code IgnoreSystemJobs}).
 *   <li>A node with nothing live left that the drain covers is done: its drain strategy is cleared
 *       and it stays ineligible.
 * </ul>
 *
 * Marked allocations are never marked again, so a pass after its own writes decides nothing new.
 */
public final class DrainDecider {
  private static final DesiredTransition MIGRATE = new DesiredTransition(true, null, null, null, null);

  private DrainDecider() {}

  /**
   * The commands of one pass and when the next pass is due at the latest.
   *
   * @param nextWake the earliest force deadline still ahead, or null
   * @param drainingNodes how many nodes were draining
   */
  public record Pass(List<Command> commands, @Nullable Instant nextWake, int drainingNodes) {}

  /** Decides for every draining node in {@code s} at {@code now}. */
  public static Pass decide(StateSnapshot s, Instant now, Supplier<String> ids) {
    Set<String> draining = new LinkedHashSet<>();
    for (Node n : s.nodes()) {
      if (n.drainStrategy() != null) {
        draining.add(n.id());
      }
    }
    if (draining.isEmpty()) {
      return new Pass(List.of(), null, 0);
    }
    List<Command> out = new ArrayList<>();
    Map<String, DesiredTransition> marks = new LinkedHashMap<>();
    Map<String, Job> jobsToEvaluate = new LinkedHashMap<>();
    Set<String> serviceJobs = new LinkedHashSet<>();
    Instant wake = null;
    for (String nodeId : draining) {
      Node node = s.nodeById(nodeId).orElseThrow();
      DrainStrategy strategy = node.drainStrategy();
      boolean ignoreSystem = strategy.drainSpec() != null && strategy.drainSpec().ignoreSystemJobs();
      Instant deadline = forceDeadline(strategy);
      List<Allocation> live = new ArrayList<>();
      List<Allocation> system = new ArrayList<>();
      for (Allocation a : s.allocsByNode(nodeId)) {
        if (a.terminal()) {
          continue;
        }
        if (isSystem(a)) {
          if (!ignoreSystem) {
            system.add(a);
          }
        } else {
          live.add(a);
        }
      }
      if (live.isEmpty() && system.isEmpty()) {
        out.add(new Command.UpdateNodeDrain(nodeId, null, false));
        continue;
      }
      if (deadline != null && !now.isBefore(deadline)) {
        live.forEach(a -> mark(s, a, marks, jobsToEvaluate));
        system.forEach(a -> mark(s, a, marks, jobsToEvaluate));
        continue;
      }
      if (deadline != null && (wake == null || deadline.isBefore(wake))) {
        wake = deadline;
      }
      if (live.isEmpty()) {
        system.forEach(a -> mark(s, a, marks, jobsToEvaluate));
      }
      live.forEach(a -> serviceJobs.add(a.namespace() + "\u0000" + a.jobID()));
    }
    for (String key : serviceJobs) {
      String[] nsAndId = key.split("\u0000", 2);
      Job job = s.jobById(nsAndId[0], nsAndId[1]).orElse(null);
      if (job == null || !"service".equals(job.type() == null ? "service" : job.type())) {
        continue;
      }
      Map<String, List<Allocation>> byGroup = new LinkedHashMap<>();
      for (Allocation a : s.allocsByJob(job.namespace(), job.id())) {
        byGroup.computeIfAbsent(a.taskGroup(), g -> new ArrayList<>()).add(a);
      }
      for (TaskGroup tg : job.taskGroupsOrEmpty()) {
        List<Allocation> allocs = byGroup.getOrDefault(tg.name(), List.of());
        DrainMigrations.select(tg, allocs, draining, false).migrate()
            .forEach(a -> mark(s, a, marks, jobsToEvaluate));
      }
    }
    if (!marks.isEmpty()) {
      List<Evaluation> evals = new ArrayList<>();
      for (Job job : jobsToEvaluate.values()) {
        evals.add(Evals.forJob(job, EvalTriggers.NODE_DRAIN, ids.get(), UnixNanos.of(now)));
      }
      out.add(0, new Command.Batch(List.of(new Command.AllocDesiredTransitions(marks), new Command.UpsertEvals(evals))));
    }
    return new Pass(out, wake, draining.size());
  }

  private static void mark(StateSnapshot s, Allocation a, Map<String, DesiredTransition> marks, Map<String, Job> jobs) {
    if (a.desiredTransition() != null && Boolean.TRUE.equals(a.desiredTransition().migrate())) {
      return;
    }
    marks.put(a.id(), MIGRATE);
    s.jobById(a.namespace(), a.jobID()).ifPresent(j -> jobs.putIfAbsent(a.namespace() + "\u0000" + a.jobID(), j));
  }

  private static boolean isSystem(Allocation a) {
    String type = a.job() == null ? null : a.job().type();
    return "system".equals(type) || "sysbatch".equals(type);
  }

  /** The force deadline, or null when the drain has none (Go's zero time, or unset). */
  static @Nullable Instant forceDeadline(DrainStrategy strategy) {
    String t = strategy.forceDeadline();
    if (t == null || t.isEmpty()) {
      return null;
    }
    try {
      Instant at = Instant.parse(t);
      return at.isBefore(Instant.EPOCH) ? null : at;
    } catch (DateTimeException e) {
      return null;
    }
  }

}
