package io.caravan.benchmarks.timefold;

import io.caravan.benchmarks.workload.PackingReport;
import io.caravan.benchmarks.workload.Scenario;
import io.caravan.benchmarks.workload.Workload;
import io.caravan.benchmarks.workload.WorkloadGenerator;
import java.time.Duration;

/**
 * Packing quality of Timefold with a fixed time budget: prints one CSV line per scenario,
 * {@code peer,scenario,tasks,placed,nodesUsed,lowerBound,ratio,msToFirstFeasible,score}.
 */
public final class TimefoldQuality {
  private TimefoldQuality() {}

  /** Usage: {@code TimefoldQuality BUDGET_SECONDS SCENARIO...}, e.g. {@code 30 HARD:300:450}. */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: TimefoldQuality BUDGET_SECONDS SCENARIO... (e.g. 30 HARD:300:450)");
      System.exit(2);
    }
    long seconds;
    try {
      seconds = Long.parseLong(args[0]);
    } catch (NumberFormatException e) {
      System.err.println("BUDGET_SECONDS must be a whole number, got \"" + args[0] + "\"");
      System.exit(2);
      return;
    }
    System.out.println("peer,scenario,tasks,placed,nodesUsed,lowerBound,ratio,msToFirstFeasible,score");
    for (int i = 1; i < args.length; i++) {
      Workload workload = WorkloadGenerator.generate(Scenario.parse(args[i]));
      TimefoldPacker.Outcome outcome = TimefoldPacker.solve(
          TimefoldPacker.withBudget(Duration.ofSeconds(seconds), Scenario.DEFAULT_SEED), workload);
      PackingReport r = PackingReport.of(workload, outcome.nodeOfTask());
      System.out.printf("timefold-%ds,%s,%d,%d,%d,%d,%.4f,%d,%s%n", seconds, args[i], r.tasks(),
          r.placed(), r.nodesUsed(), r.lowerBound(), r.ratio(), outcome.millisToFirstFeasible(),
          outcome.score());
    }
  }
}
