package io.caravan.state.server.testing;

import io.caravan.model.cluster.Evaluation;
import io.caravan.scheduler.schedulers.Scheduler;
import io.caravan.scheduler.schedulers.SchedulerContext;
import io.caravan.state.server.SchedulerProvider;
import java.util.Set;

/**
 * Runs scheduler-core's built-in scheduler, but for the jobs named starts it on a view in which every
 * node looks empty (as if its snapshot were badly stale), so its first plan overcommits and the plan
 * applier must reject it; the scheduler then retries on the refreshed state the server hands back.
 */
public final class StaleViewScheduler implements Scheduler {
  private final SchedulerContext context;
  private final Set<String> staleJobs;

  private StaleViewScheduler(SchedulerContext context, Set<String> staleJobs) {
    this.context = context;
    this.staleJobs = staleJobs;
  }

  /** Built-in schedulers, starting the evaluations of {@code staleJobs} on an empty-nodes view. */
  public static SchedulerProvider forJobs(Set<String> staleJobs) {
    return (type, context) -> new StaleViewScheduler(context, Set.copyOf(staleJobs));
  }

  @Override
  public void process(Evaluation eval) {
    SchedulerContext ctx = staleJobs.contains(eval.jobID())
        ? new SchedulerContext(new EmptyNodesView(context.snapshot()), context.planner(), context.config(),
            context.clock())
        : context;
    SchedulerProvider.BUILT_IN.create(eval.type(), ctx).process(eval);
  }
}
