package io.caravan.benchmarks.caravan;

import io.caravan.benchmarks.workload.PackingReport;
import io.caravan.benchmarks.workload.RackBalance;
import io.caravan.benchmarks.workload.Scenario;
import io.caravan.benchmarks.workload.Workload;
import io.caravan.benchmarks.workload.WorkloadGenerator;
import io.caravan.scheduler.optimize.OfflinePacker;
import io.caravan.scheduler.optimize.PackingPlan;
import io.caravan.scheduler.placement.PlacementEngine;
import io.caravan.scheduler.placement.PlacementOptions;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Packing quality of Caravan's binpack placement with Nomad's limit iterator
 * ({@code caravan-binpack}), ranking every feasible node ({@code caravan-full-scan}, see
 * {@link PlacementOptions}) and of the offline packer ({@code caravan-optimise},
 * {@link OfflinePacker}): places each scenario once with each, checks it (no overcommit,
 * constraint kept) and prints
 * {@code peer,scenario,tasks,placed,nodesUsed,lowerBound,ratio,minPerRack,maxPerRack}; the
 * offline packer's thread CPU time goes to standard error.
 */
public final class CaravanQuality {
  private CaravanQuality() {}

  /** Usage: {@code CaravanQuality SCENARIO...}, e.g. {@code HARD:1000:1500}. */
  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: CaravanQuality SCENARIO... (e.g. HARD:1000:1500)");
      System.exit(2);
    }
    System.out.println("peer,scenario,tasks,placed,nodesUsed,lowerBound,ratio,minPerRack,maxPerRack");
    for (String scenario : args) {
      Workload workload = WorkloadGenerator.generate(Scenario.parse(scenario));
      CaravanWorkloads inputs = CaravanWorkloads.of(workload);
      for (PlacementOptions options : new PlacementOptions[] {PlacementOptions.nomad(), PlacementOptions.fullScan()}) {
        PlacementEngine engine = new PlacementEngine(inputs.cluster(), SchedulerConfiguration.serverDefaults(), options);
        int[] nodeOfTask = inputs.assignment(engine.place(inputs.request()));
        PackingReport r = PackingReport.of(workload, nodeOfTask);
        RackBalance b = RackBalance.of(workload, nodeOfTask);
        String peer = options.candidateLimit() == PlacementOptions.CandidateLimit.FULL_SCAN
            ? "caravan-full-scan" : "caravan-binpack";
        System.out.printf("%s,%s,%d,%d,%d,%d,%.4f,%d,%d%n", peer, scenario, r.tasks(), r.placed(),
            r.nodesUsed(), r.lowerBound(), r.ratio(), b.minPerRack(), b.maxPerRack());
      }
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long started = cpu.getCurrentThreadCpuTime();
      PackingPlan plan = OfflinePacker.pack(inputs.cluster(), inputs.request());
      long cpuMs = (cpu.getCurrentThreadCpuTime() - started) / 1_000_000;
      int[] packed = inputs.assignment(plan);
      PackingReport o = PackingReport.of(workload, packed);
      RackBalance ob = RackBalance.of(workload, packed);
      System.out.printf("caravan-optimise,%s,%d,%d,%d,%d,%.4f,%d,%d%n", scenario, o.tasks(), o.placed(),
          o.nodesUsed(), o.lowerBound(), o.ratio(), ob.minPerRack(), ob.maxPerRack());
      System.err.printf("caravan-optimise %s: %d ms thread CPU%n", scenario, cpuMs);
    }
  }
}
