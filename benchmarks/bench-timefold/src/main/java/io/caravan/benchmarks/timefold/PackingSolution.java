package io.caravan.benchmarks.timefold;

import ai.timefold.solver.core.api.domain.solution.PlanningEntityCollectionProperty;
import ai.timefold.solver.core.api.domain.solution.PlanningScore;
import ai.timefold.solver.core.api.domain.solution.PlanningSolution;
import ai.timefold.solver.core.api.domain.solution.ProblemFactCollectionProperty;
import ai.timefold.solver.core.api.domain.valuerange.ValueRangeProvider;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import java.util.List;

/** The whole packing problem as a Timefold planning solution. */
@PlanningSolution
public class PackingSolution {
  @ProblemFactCollectionProperty
  @ValueRangeProvider
  private List<Machine> machines;

  @PlanningEntityCollectionProperty
  private List<Assignment> assignments;

  @PlanningScore
  private HardMediumSoftLongScore score;

  /** For Timefold's solution cloner. */
  public PackingSolution() {}

  /** A problem over {@code machines} with every ask unplaced. */
  public PackingSolution(List<Machine> machines, List<Assignment> assignments) {
    this.machines = machines;
    this.assignments = assignments;
  }

  /** The nodes. */
  public List<Machine> getMachines() { return machines; }

  /** The asks and their chosen nodes. */
  public List<Assignment> getAssignments() { return assignments; }

  /** The score the solver computed, or null before solving. */
  public HardMediumSoftLongScore getScore() { return score; }

  /** Set by the solver. */
  public void setScore(HardMediumSoftLongScore score) { this.score = score; }
}
