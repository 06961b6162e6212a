package io.caravan.benchmarks.fenzo;

import io.caravan.benchmarks.workload.PackingReport;
import io.caravan.benchmarks.workload.RackBalance;
import io.caravan.benchmarks.workload.Scenario;
import io.caravan.benchmarks.workload.Workload;
import io.caravan.benchmarks.workload.WorkloadGenerator;

/**
 * Packing quality of Fenzo's bin packer: places each scenario given on the command line once, checks
 * the result (no overcommit, constraint kept) and prints one CSV line per scenario:
 * {@code peer,scenario,tasks,placed,nodesUsed,lowerBound,ratio,minPerRack,maxPerRack}.
 */
public final class FenzoQuality {
  private FenzoQuality() {}

  /** Usage: {@code FenzoQuality SCENARIO...}, e.g. {@code HARD:1000:1500}. */
  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: FenzoQuality SCENARIO... (e.g. HARD:1000:1500)");
      System.exit(2);
    }
    System.out.println("peer,scenario,tasks,placed,nodesUsed,lowerBound,ratio,minPerRack,maxPerRack");
    for (String scenario : args) {
      Workload workload = WorkloadGenerator.generate(Scenario.parse(scenario));
      FenzoPlacer placer = FenzoPlacer.prepare(workload, 200);
      try {
        int[] nodeOfTask = placer.placeAll();
        PackingReport r = PackingReport.of(workload, nodeOfTask);
        RackBalance b = RackBalance.of(workload, nodeOfTask);
        System.out.printf("fenzo,%s,%d,%d,%d,%d,%.4f,%d,%d%n", scenario, r.tasks(), r.placed(),
            r.nodesUsed(), r.lowerBound(), r.ratio(), b.minPerRack(), b.maxPerRack());
      } finally {
        placer.shutdown();
      }
    }
  }
}
