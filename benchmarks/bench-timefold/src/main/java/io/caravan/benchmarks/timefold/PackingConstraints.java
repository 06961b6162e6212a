package io.caravan.benchmarks.timefold;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;

/**
 * The shaped packing objective: hard = no node over capacity in cpu or memory; medium = as few
 * nodes used as possible; soft = reward the sum of squared per-node loads (in per-mille of capacity),
 * which gives local search a gradient towards emptying lightly loaded nodes. Counting used nodes
 * alone is a plateau that local search cannot climb (see peers-notes.md §2.2).
 */
public class PackingConstraints implements ConstraintProvider {

  @Override
  public Constraint[] defineConstraints(ConstraintFactory factory) {
    return new Constraint[] {cpuCapacity(factory), memoryCapacity(factory), machinesUsed(factory),
        consolidation(factory)};
  }

  Constraint cpuCapacity(ConstraintFactory factory) {
    return factory.forEach(Assignment.class)
        .groupBy(Assignment::getMachine, ConstraintCollectors.sumLong(Assignment::getCpu))
        .filter((machine, cpu) -> cpu > machine.cpu())
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (machine, cpu) -> cpu - machine.cpu())
        .asConstraint("cpu capacity");
  }

  Constraint memoryCapacity(ConstraintFactory factory) {
    return factory.forEach(Assignment.class)
        .groupBy(Assignment::getMachine, ConstraintCollectors.sumLong(Assignment::getMemory))
        .filter((machine, memory) -> memory > machine.memory())
        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, (machine, memory) -> memory - machine.memory())
        .asConstraint("memory capacity");
  }

  Constraint machinesUsed(ConstraintFactory factory) {
    return factory.forEach(Assignment.class)
        .groupBy(Assignment::getMachine)
        .penalize(HardMediumSoftLongScore.ONE_MEDIUM)
        .asConstraint("machines used");
  }

  Constraint consolidation(ConstraintFactory factory) {
    return factory.forEach(Assignment.class)
        .groupBy(Assignment::getMachine, ConstraintCollectors.sumLong(Assignment::getCpu),
            ConstraintCollectors.sumLong(Assignment::getMemory))
        .rewardLong(HardMediumSoftLongScore.ONE_SOFT, (machine, cpu, memory) -> {
          long c = Math.min(1000, cpu * 1000 / machine.cpu());
          long m = Math.min(1000, memory * 1000 / machine.memory());
          return c * c + m * m;
        })
        .asConstraint("consolidation");
  }
}
