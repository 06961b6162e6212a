package io.caravan.benchmarks.c1m;

import io.caravan.state.server.SchedulingStats;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What one C1M run measured. Times are seconds from the first registration; a time is -1 when the
 * run did not get there before its timeout, and the counts then say how far it got.
 *
 * @param scale the run's size
 * @param registerSeconds until every node and job was registered
 * @param committedSeconds until every allocation was committed in the leader's state
 * @param runningSeconds until every allocation was reported running (committed client updates)
 * @param committed allocations in the leader's state at the end
 * @param running allocations the leader's state shows running at the end
 * @param replicatedRunning the fewest running allocations any of the three servers holds at the end
 * @param heapBeforeBytes heap used after a full GC once the cluster was up, before the first registration
 * @param heapAfterBytes heap used after a full GC at the end, the three servers still up (they share this JVM)
 * @param stats the leader's scheduling counters, if a leader was found at the end
 * @param loadBefore the 1-minute load average before the run
 * @param loadAfter the 1-minute load average after it
 * @param cpuSeconds CPU time of the whole process (servers, driver, GC) from the first registration until
 *     every allocation was committed (or the run stopped): less sensitive to the machine's load than wall time
 * @param gcSeconds time the collectors reported (G1's young and mixed pauses and full collections) over the run
 * @param elections Raft terms begun during the run (highest term at the end minus at the start): each is an
 *     election, most of them a leadership change
 */
public record C1mResult(C1mScale scale, double registerSeconds, double committedSeconds, double runningSeconds,
    long committed, long running, long replicatedRunning, long heapBeforeBytes, long heapAfterBytes,
    @Nullable SchedulingStats stats, double loadBefore, double loadAfter, double cpuSeconds, double gcSeconds,
    long elections) {

  /** True when every allocation was committed and reported running in time, and the leader's state shows them all running. */
  public boolean complete() {
    return committedSeconds >= 0 && runningSeconds >= 0 && running == scale.totalAllocs();
  }

  /** Committed allocations per second from the first registration (over the time reached, or the timeout). */
  public double placementsPerSecond() {
    double t = committedSeconds >= 0 ? committedSeconds : scale.timeout().toMillis() / 1000.0;
    return committed / t;
  }

  /** The CSV header matching {@link #csv()}. */
  public static String csvHeader() {
    return "nodes,jobs,allocs_per_job,num_schedulers,complete,register_s,committed_s,running_s,committed,running,"
        + "replicated_running,placements_per_s,heap_before_mb,heap_after_mb,evals_processed,evals_nacked,"
        + "plans_applied,plans_partial,load_before,load_after,cpu_s,gc_s,elections";
  }

  /** One CSV line. */
  public String csv() {
    return String.format(Locale.ROOT,
        "%d,%d,%d,%d,%b,%.2f,%.2f,%.2f,%d,%d,%d,%.0f,%d,%d,%d,%d,%d,%d,%.2f,%.2f,%.1f,%.1f,%d",
        scale.nodes(), scale.jobs(), scale.allocsPerJob(), scale.numSchedulers(), complete(), registerSeconds,
        committedSeconds, runningSeconds, committed, running, replicatedRunning, placementsPerSecond(),
        heapBeforeBytes >> 20, heapAfterBytes >> 20,
        stats == null ? -1 : stats.evalsProcessed(), stats == null ? -1 : stats.evalsNacked(),
        stats == null ? -1 : stats.plansApplied(), stats == null ? -1 : stats.plansPartial(), loadBefore, loadAfter,
        cpuSeconds, gcSeconds, elections);
  }

  /** A few lines for a reader. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "C1M: %,d jobs x %,d allocations on %,d nodes, 3 Raft servers in one JVM, "
        + "%d scheduler workers%n", scale.jobs(), scale.allocsPerJob(), scale.nodes(), scale.numSchedulers()));
    b.append(complete() ? "  complete\n" : String.format(Locale.ROOT, "  NOT COMPLETE within %ds%n",
        scale.timeout().toSeconds()));
    b.append(String.format(Locale.ROOT, "  registered (nodes + jobs): %s%n", seconds(registerSeconds)));
    b.append(String.format(Locale.ROOT, "  all committed:             %s  (%,d of %,d; %,.0f placements/s)%n",
        seconds(committedSeconds), committed, scale.totalAllocs(), placementsPerSecond()));
    b.append(String.format(Locale.ROOT, "  all reported running:      %s  (%,d running on the leader, at least %,d on "
        + "every server)%n", seconds(runningSeconds), running, replicatedRunning));
    b.append(String.format(Locale.ROOT, "  heap used after GC, all 3 servers in this JVM: %,d MB (%,d MB before "
        + "registration)%n", heapAfterBytes >> 20, heapBeforeBytes >> 20));
    if (stats != null) {
      b.append(String.format(Locale.ROOT, "  leader: %,d evals processed, %,d nacked, %,d plans applied, %,d partial%n",
          stats.evalsProcessed(), stats.evalsNacked(), stats.plansApplied(), stats.plansPartial()));
    }
    b.append(String.format(Locale.ROOT, "  process CPU until committed: %.1f s; GC: %.1f s; Raft elections: %d%n",
        cpuSeconds, gcSeconds, elections));
    b.append(String.format(Locale.ROOT, "  load average (1 min): %.2f before, %.2f after%n", loadBefore, loadAfter));
    return b.toString();
  }

  private static String seconds(double s) {
    return s < 0 ? "not reached" : String.format(Locale.ROOT, "%.2f s", s);
  }
}
