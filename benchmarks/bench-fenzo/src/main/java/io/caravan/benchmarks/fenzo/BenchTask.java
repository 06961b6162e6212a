package io.caravan.benchmarks.fenzo;

import com.netflix.fenzo.ConstraintEvaluator;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.VMTaskFitnessCalculator;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** One ask from the shared workload as a Fenzo task request (cpu in MHz, memory in MB). */
final class BenchTask implements TaskRequest {
  private final String id;
  private final int index;
  private final double cpu;
  private final double memory;
  private final List<ConstraintEvaluator> hardConstraints;
  private final List<VMTaskFitnessCalculator> softConstraints;
  private AssignedResources assigned;

  BenchTask(String id, int index, double cpu, double memory, List<ConstraintEvaluator> hardConstraints,
      List<VMTaskFitnessCalculator> softConstraints) {
    this.id = id;
    this.index = index;
    this.cpu = cpu;
    this.memory = memory;
    this.hardConstraints = hardConstraints;
    this.softConstraints = softConstraints;
  }

  /** Position of this ask in the workload's task list. */
  int index() { return index; }

  @Override public String getId() { return id; }
  @Override public String taskGroupName() { return "bench"; }
  @Override public double getCPUs() { return cpu; }
  @Override public double getMemory() { return memory; }
  @Override public double getNetworkMbps() { return 0; }
  @Override public double getDisk() { return 0; }
  @Override public int getPorts() { return 0; }
  @Override public Map<String, Double> getScalarRequests() { return Collections.emptyMap(); }
  @Override public Map<String, NamedResourceSetRequest> getCustomNamedResources() { return Collections.emptyMap(); }
  @Override public List<? extends ConstraintEvaluator> getHardConstraints() { return hardConstraints; }
  @Override public List<? extends VMTaskFitnessCalculator> getSoftConstraints() { return softConstraints; }
  @Override public void setAssignedResources(AssignedResources assignedResources) { this.assigned = assignedResources; }
  @Override public AssignedResources getAssignedResources() { return assigned; }
}
