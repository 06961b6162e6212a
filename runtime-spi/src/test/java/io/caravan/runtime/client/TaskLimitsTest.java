package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.job.Resources;
import io.caravan.runtime.driver.TaskResources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskLimitsTest {

  private static final Resources ASK = Resources.builder().cpu(500).memoryMB(256).memoryMaxMB(512).build();

  private static NodeFacts node(Map<String, String> attributes) {
    return NodeFacts.of("n1", "n1", "dc1", "global", "", "default", attributes, Map.of());
  }

  @Test
  void cpuHardLimitInTheDriverConfigGivesTheDriverAQuotaAgainstTheNodesTotalCompute() {
    TaskResources limits = AllocRunnerFactory.resources(
        ASK, Map.of("command", "x", "cpu_hard_limit", true), node(Map.of("cpu.totalcompute", "4800")));

    assertThat(limits.cpuMHz()).isEqualTo(500);
    assertThat(limits.memoryMB()).isEqualTo(256);
    assertThat(limits.memoryMaxMB()).isEqualTo(512);
    assertThat(limits.cpuHardLimit()).isTrue();
    assertThat(limits.totalCpuMHz()).isEqualTo(4800L);
  }

  @Test
  void withoutCpuHardLimitTheCpuStaysARelativeWeight() {
    TaskResources limits = AllocRunnerFactory.resources(
        ASK, Map.of("command", "x"), node(Map.of("cpu.totalcompute", "4800")));

    assertThat(limits.cpuHardLimit()).isFalse();
    assertThat(limits.totalCpuMHz()).isEqualTo(4800L);
  }

  @Test
  void aNodeWithoutUsableTotalComputeGivesZero() {
    assertThat(AllocRunnerFactory.resources(ASK, Map.of(), node(Map.of())).totalCpuMHz()).isZero();
    assertThat(AllocRunnerFactory.resources(ASK, Map.of(), node(Map.of("cpu.totalcompute", "lots"))).totalCpuMHz())
        .isZero();
  }
}
