package io.caravan.scheduler.ranking;

import io.caravan.model.cluster.Node;
import io.caravan.model.job.Affinity;
import io.caravan.scheduler.feasibility.ConstraintEvaluator;
import java.util.List;

/** Nomad's scoring formulas; every score is in [-1, 1] before the arithmetic mean. */
public final class ScoreFunctions {
  /** The largest raw fitness; fitness is divided by it. */
  public static final double BINPACK_MAX_FIT_SCORE = 18.0;

  private ScoreFunctions() {}

  /**
   * Bin-packing fitness {@code (20 − 10^freeCpu − 10^freeMem) / 18} clamped to [0, 1], where
   * {@code free = 1 − used/available} and {@code used} includes the new ask.
   */
  public static double binPack(long usedCpu, long availCpu, long usedMem, long availMem) {
    double total = total(usedCpu, availCpu, usedMem, availMem);
    return clamp(20.0 - total) / BINPACK_MAX_FIT_SCORE;
  }

  /** Spread fitness {@code (10^freeCpu + 10^freeMem − 2) / 18} clamped to [0, 1]. */
  public static double spreadFit(long usedCpu, long availCpu, long usedMem, long availMem) {
    double total = total(usedCpu, availCpu, usedMem, availMem);
    return clamp(total - 2.0) / BINPACK_MAX_FIT_SCORE;
  }

  private static double total(long usedCpu, long availCpu, long usedMem, long availMem) {
    double freeCpu = availCpu <= 0 ? 0 : 1.0 - (double) usedCpu / availCpu;
    double freeMem = availMem <= 0 ? 0 : 1.0 - (double) usedMem / availMem;
    return Math.pow(10, freeCpu) + Math.pow(10, freeMem);
  }

  private static double clamp(double score) {
    return Math.max(0.0, Math.min(BINPACK_MAX_FIT_SCORE, score));
  }

  /** Job anti-affinity {@code −(c+1)/count} for {@code c > 0} collisions; 0 means "not appended". */
  public static double jobAntiAffinity(int collisions, int desiredCount) {
    if (collisions <= 0) {
      return 0.0;
    }
    return -((double) (collisions + 1)) / Math.max(desiredCount, 1);
  }

  /** Node affinity {@code Σ matched weights / Σ |weights|} (weight defaults to 50). */
  public static double nodeAffinity(List<Affinity> affinities, Node node, ConstraintEvaluator evaluator) {
    double total = 0;
    double matched = 0;
    for (Affinity a : affinities) {
      int w = a.weight() == null ? 50 : a.weight();
      total += Math.abs(w);
      if (evaluator.satisfies(new io.caravan.model.job.Constraint(a.lTarget(), a.rTarget(), a.operand()), node)) {
        matched += w;
      }
    }
    return total == 0 ? 0.0 : matched / total;
  }

  /** Preemption score {@code 1/(1+e^{0.0048·(net−2048)})} with {@code net = maxPrio + ΣPrio/maxPrio}. */
  public static double preemption(List<Integer> victimPriorities) {
    if (victimPriorities.isEmpty()) {
      return 0.0;
    }
    int max = 0;
    double sum = 0;
    for (int p : victimPriorities) {
      max = Math.max(max, p);
      sum += p;
    }
    double net = max + (max == 0 ? 0 : sum / max);
    return 1.0 / (1.0 + Math.exp(0.0048 * (net - 2048)));
  }
}
