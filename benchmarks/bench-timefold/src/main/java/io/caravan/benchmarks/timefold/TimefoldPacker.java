package io.caravan.benchmarks.timefold;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import io.caravan.benchmarks.workload.NodeSpec;
import io.caravan.benchmarks.workload.TaskAsk;
import io.caravan.benchmarks.workload.Workload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs a workload with Timefold: the construction heuristic alone (fast, greedy) or followed by
 * local search for a fixed time budget. Rack constraints and spreads are not modelled: this is the
 * packing-quality reference on the plain packing mixes.
 */
public final class TimefoldPacker {
  private TimefoldPacker() {}

  /** Result of one solve: the assignment and how long the first feasible solution took. */
  public record Outcome(int[] nodeOfTask, long millisToFirstFeasible, String score) {}

  /** The problem for {@code workload}, every ask unplaced. */
  public static PackingSolution problem(Workload workload) {
    List<Machine> machines = new ArrayList<>(workload.nodes().size());
    for (int i = 0; i < workload.nodes().size(); i++) {
      NodeSpec n = workload.nodes().get(i);
      machines.add(new Machine(i, n.cpuMhz(), n.memoryMb()));
    }
    List<Assignment> assignments = new ArrayList<>(workload.tasks().size());
    for (int i = 0; i < workload.tasks().size(); i++) {
      TaskAsk t = workload.tasks().get(i);
      assignments.add(new Assignment(i, t.cpuMhz(), t.memoryMb()));
    }
    return new PackingSolution(machines, assignments);
  }

  /** A solver that runs only the construction heuristic. */
  public static Solver<PackingSolution> constructionOnly(long seed) {
    return SolverFactory.<PackingSolution>create(baseConfig(seed)
        .withPhases(new ConstructionHeuristicPhaseConfig())).buildSolver();
  }

  /** A solver that constructs, then searches locally until {@code budget} has passed. */
  public static Solver<PackingSolution> withBudget(Duration budget, long seed) {
    return SolverFactory.<PackingSolution>create(baseConfig(seed)
        .withPhases(new ConstructionHeuristicPhaseConfig(), new LocalSearchPhaseConfig())
        .withTerminationSpentLimit(budget)).buildSolver();
  }

  /** Solves {@code workload} with {@code solver}; asks on an over-full node count as unplaced. */
  public static Outcome solve(Solver<PackingSolution> solver, Workload workload) {
    long[] firstFeasible = {-1};
    solver.addEventListener(event -> {
      if (firstFeasible[0] < 0 && event.getNewBestScore().isFeasible()) {
        firstFeasible[0] = event.getTimeMillisSpent();
      }
    });
    PackingSolution best = solver.solve(problem(workload));
    return new Outcome(assignment(best, workload), firstFeasible[0], String.valueOf(best.getScore()));
  }

  /** Reads the solver's answer as node indices, dropping every ask on an overcommitted node. */
  static int[] assignment(PackingSolution solution, Workload workload) {
    int machines = workload.nodes().size();
    long[] cpu = new long[machines];
    long[] memory = new long[machines];
    for (Assignment a : solution.getAssignments()) {
      if (a.getMachine() != null) {
        cpu[a.getMachine().index()] += a.getCpu();
        memory[a.getMachine().index()] += a.getMemory();
      }
    }
    int[] nodeOfTask = new int[solution.getAssignments().size()];
    for (Assignment a : solution.getAssignments()) {
      Machine m = a.getMachine();
      boolean fits = m != null && cpu[m.index()] <= m.cpu() && memory[m.index()] <= m.memory();
      nodeOfTask[a.getIndex()] = fits ? m.index() : -1;
    }
    return nodeOfTask;
  }

  private static SolverConfig baseConfig(long seed) {
    return new SolverConfig()
        .withSolutionClass(PackingSolution.class)
        .withEntityClasses(Assignment.class)
        .withConstraintProviderClass(PackingConstraints.class)
        .withRandomSeed(seed);
  }
}
