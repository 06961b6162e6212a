package io.caravan.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioTest {

  @Test
  void parsesNomadScenarioWithRacksAndSpread() {
    WorkloadSpec spec = Scenario.parse("NOMAD:10000:1200:75:spread", 5);
    assertThat(spec).isEqualTo(new WorkloadSpec(Mix.NOMAD, 10_000, 1_200, 75, true,
        WorkloadSpec.DEFAULT_ALLOWED_RACK_FRACTION, true, 5));
  }

  @Test
  void packingScenariosHaveNoConstraint() {
    WorkloadSpec spec = Scenario.parse("hard:1000:1500");
    assertThat(spec.rackConstraint()).isFalse();
    assertThat(spec.racks()).isEqualTo(50);
    assertThat(spec.seed()).isEqualTo(Scenario.DEFAULT_SEED);
  }

  @Test
  void rejectsMalformedScenariosNamingThem() {
    assertThatThrownBy(() -> Scenario.parse("HARD:lots:1500"))
        .hasMessage("scenario \"HARD:lots:1500\": \"lots\" is not a whole number");
    assertThatThrownBy(() -> Scenario.parse("TINY:1:1")).hasMessageContaining("unknown mix TINY");
    assertThatThrownBy(() -> Scenario.parse("HARD:1")).hasMessageContaining("expected MIX:nodes:tasks");
  }
}
