package io.caravan.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PackingReportTest {

  private static Workload workload(List<TaskAsk> tasks, Optional<RackConstraint> constraint) {
    List<NodeSpec> nodes = List.of(
        new NodeSpec("a", "dc-1", "r0", 10, 100),
        new NodeSpec("b", "dc-2", "r1", 10, 100),
        new NodeSpec("c", "dc-1", "r2", 10, 100));
    return new Workload("hand-made", nodes, tasks, constraint, false);
  }

  @Test
  void lowerBoundIsTheLargerOfTheCpuAndMemoryCeilings() {
    // cpu 4+4+4 = 12 -> ceil(12/10) = 2; memory 10+10+10 = 30 -> 1
    Workload cpuBound = workload(List.of(new TaskAsk("x", 4, 10), new TaskAsk("y", 4, 10),
        new TaskAsk("z", 4, 10)), Optional.empty());
    assertThat(PackingReport.lowerBound(cpuBound)).isEqualTo(2);
    // cpu 3, memory 250 -> ceil(250/100) = 3
    Workload memBound = workload(List.of(new TaskAsk("x", 1, 90), new TaskAsk("y", 1, 80),
        new TaskAsk("z", 1, 80)), Optional.empty());
    assertThat(PackingReport.lowerBound(memBound)).isEqualTo(3);
    // exact multiples do not round up
    assertThat(PackingReport.lowerBound(20, 100, 10, 100)).isEqualTo(2);
  }

  @Test
  void reportCountsPlacedTasksAndUsedNodes() {
    Workload w = workload(List.of(new TaskAsk("x", 4, 10), new TaskAsk("y", 4, 10),
        new TaskAsk("z", 4, 10)), Optional.empty());
    PackingReport report = PackingReport.of(w, new int[] {0, 0, 2});
    assertThat(report.placed()).isEqualTo(3);
    assertThat(report.nodesUsed()).isEqualTo(2);
    assertThat(report.lowerBound()).isEqualTo(2);
    assertThat(report.ratio()).isEqualTo(1.0);

    PackingReport partial = PackingReport.of(w, new int[] {0, -1, 2});
    assertThat(partial.placed()).isEqualTo(2);
    assertThat(partial.lowerBound()).isEqualTo(1);
    assertThat(partial.ratio()).isEqualTo(2.0);
  }

  @Test
  void rejectsAnOvercommittingAssignment() {
    Workload w = workload(List.of(new TaskAsk("x", 6, 10), new TaskAsk("y", 6, 10)), Optional.empty());
    assertThatThrownBy(() -> PackingReport.of(w, new int[] {1, 1}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("b overcommitted: cpu 12/10");
  }

  @Test
  void rejectsAPlacementTheRackConstraintExcludes() {
    Workload w = workload(List.of(new TaskAsk("x", 1, 1)),
        Optional.of(new RackConstraint(List.of("r0", "r1"))));
    assertThatThrownBy(() -> PackingReport.of(w, new int[] {2}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("x placed on c in rack r2");
  }

  @Test
  void rackBalanceCountsEveryAllowedRackIncludingEmptyOnes() {
    Workload w = workload(List.of(new TaskAsk("x", 1, 1), new TaskAsk("y", 1, 1), new TaskAsk("z", 1, 1)),
        Optional.of(new RackConstraint(List.of("r0", "r1"))));
    assertThat(RackBalance.of(w, new int[] {0, 0, -1})).isEqualTo(new RackBalance(0, 2));
    assertThat(RackBalance.of(w, new int[] {0, 1, 0})).isEqualTo(new RackBalance(1, 2));
  }
}
