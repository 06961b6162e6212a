package io.caravan.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkloadGeneratorTest {

  @Test
  void sameSpecGivesIdenticalWorkload() {
    for (Mix mix : Mix.values()) {
      WorkloadSpec spec = WorkloadSpec.packing(mix, 200, 500, 42);
      assertThat(WorkloadGenerator.generate(spec)).as("mix %s seed 42", mix)
          .isEqualTo(WorkloadGenerator.generate(spec));
    }
  }

  @Test
  void differentSeedsGiveDifferentAsks() {
    Workload a = WorkloadGenerator.generate(WorkloadSpec.packing(Mix.HARD, 10, 100, 1));
    Workload b = WorkloadGenerator.generate(WorkloadSpec.packing(Mix.HARD, 10, 100, 2));
    assertThat(a.tasks()).isNotEqualTo(b.tasks());
  }

  @Test
  void hardMixAsksAreBetweenTwentyAndSixtyPercentOfANode() {
    long seed = 7;
    Workload w = WorkloadGenerator.generate(WorkloadSpec.packing(Mix.HARD, 10, 5_000, seed));
    assertThat(w.tasks()).as("seed %d", seed).allSatisfy(t -> {
      assertThat(t.cpuMhz()).isBetween(3_200L, 9_600L);
      assertThat(t.memoryMb()).isBetween(13_108L, 39_321L);
    });
  }

  @Test
  void easyMixAsksStayInTheirRanges() {
    Workload w = WorkloadGenerator.generate(WorkloadSpec.packing(Mix.EASY, 10, 5_000, 3));
    assertThat(w.tasks()).allSatisfy(t -> {
      assertThat(t.cpuMhz()).isBetween(100L, 3_000L);
      assertThat(t.memoryMb()).isBetween(128L, 6_144L);
    });
  }

  @Test
  void nomadShapeAlternatesDatacentersCyclesRacksAndConstrainsToTheFirstRacks() {
    Workload w = WorkloadGenerator.generate(WorkloadSpec.nomad(100, 300, 25, true, 9));
    assertThat(w.nodes().get(0)).isEqualTo(new NodeSpec("node-0", "dc-1", "r0", 14_000, 32_000));
    assertThat(w.nodes().get(1).datacenter()).isEqualTo("dc-2");
    assertThat(w.nodes().get(26).rack()).isEqualTo("r1");
    assertThat(w.tasks()).allSatisfy(t -> assertThat(t).extracting(TaskAsk::cpuMhz, TaskAsk::memoryMb)
        .containsExactly(6_000L, 6_000L));
    assertThat(w.rackConstraint()).hasValueSatisfying(c -> {
      assertThat(c.allowedRacks()).hasSize(20).startsWith("r0", "r1").endsWith("r19");
      assertThat(c.allows("r19")).isTrue();
      assertThat(c.allows("r20")).isFalse();
    });
    assertThat(w.spreadOverRacks()).isTrue();
  }
}
