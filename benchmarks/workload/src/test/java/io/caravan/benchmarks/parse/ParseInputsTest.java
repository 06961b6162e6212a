package io.caravan.benchmarks.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParseInputsTest {

  @Test
  void syntheticJobspecReachesItsSizeAndIsDeterministic() {
    String a = ParseInputs.syntheticJobspec(65_536, 1);
    assertThat(a.length()).isBetween(65_536, 65_536 + 2_000);
    assertThat(a).isEqualTo(ParseInputs.syntheticJobspec(65_536, 1));
    assertThat(a).isNotEqualTo(ParseInputs.syntheticJobspec(65_536, 2));
  }

  @Test
  void syntheticJobspecHasBalancedBracesAndUniqueGroups() {
    String spec = ParseInputs.syntheticJobspec(20_000, 3);
    assertThat(spec.chars().filter(c -> c == '{').count())
        .isEqualTo(spec.chars().filter(c -> c == '}').count());
    assertThat(spec).startsWith("# Synthetic").contains("group \"g0\"", "${NOMAD_PORT_http}").endsWith("}\n");
    long groups = spec.lines().filter(l -> l.startsWith("  group ")).count();
    long distinct = spec.lines().filter(l -> l.startsWith("  group ")).distinct().count();
    assertThat(distinct).isEqualTo(groups).isGreaterThan(10);
  }

  @Test
  void loadsSyntheticInputByNameAndRejectsUnknownNames() {
    ParseInput input = ParseInputs.load("synthetic-4096");
    assertThat(input.sources()).hasSize(1);
    assertThat(input.utf8Bytes()).isGreaterThanOrEqualTo(4_096);
    assertThatThrownBy(() -> ParseInputs.load("huge")).hasMessageContaining("expected corpus or synthetic-BYTES");
    assertThatThrownBy(() -> ParseInputs.load("synthetic-big")).hasMessageContaining("synthetic-BYTES");
  }
}
