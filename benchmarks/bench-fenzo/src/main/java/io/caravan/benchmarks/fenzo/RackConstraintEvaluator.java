package io.caravan.benchmarks.fenzo;

import com.netflix.fenzo.ConstraintEvaluator;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.TaskTrackerState;
import com.netflix.fenzo.VirtualMachineCurrentState;
import io.caravan.benchmarks.workload.RackConstraint;
import java.util.Map;

/** The workload's {@code ${meta.rack} set_contains_any} constraint as a Fenzo hard constraint. */
final class RackConstraintEvaluator implements ConstraintEvaluator {
  private static final Result OK = new Result(true, "");
  private static final Result EXCLUDED = new Result(false, "rack not in the allowed set");

  private final RackConstraint constraint;
  private final Map<String, String> rackOfHost;

  RackConstraintEvaluator(RackConstraint constraint, Map<String, String> rackOfHost) {
    this.constraint = constraint;
    this.rackOfHost = rackOfHost;
  }

  @Override
  public String getName() {
    return constraint.toString();
  }

  @Override
  public Result evaluate(TaskRequest task, VirtualMachineCurrentState vm, TaskTrackerState tracker) {
    return constraint.allows(rackOfHost.get(vm.getHostname())) ? OK : EXCLUDED;
  }
}
