package io.caravan.benchmarks.timefold;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

/** One ask as a Timefold planning entity: the solver chooses its {@link #getMachine() machine}. */
@PlanningEntity
public class Assignment {
  @PlanningId
  private Integer index;
  private long cpu;
  private long memory;

  @PlanningVariable
  private Machine machine;

  /** For Timefold's solution cloner. */
  public Assignment() {}

  /** The ask at {@code index} in the workload, not yet placed. */
  public Assignment(int index, long cpu, long memory) {
    this.index = index;
    this.cpu = cpu;
    this.memory = memory;
  }

  /** Position of the ask in the workload's task list. */
  public Integer getIndex() { return index; }

  /** CPU asked, in MHz. */
  public long getCpu() { return cpu; }

  /** Memory asked, in MB. */
  public long getMemory() { return memory; }

  /** The chosen machine, or null before construction. */
  public Machine getMachine() { return machine; }

  /** Set by the solver. */
  public void setMachine(Machine machine) { this.machine = machine; }
}
