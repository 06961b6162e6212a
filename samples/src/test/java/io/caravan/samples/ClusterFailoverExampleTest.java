package io.caravan.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class ClusterFailoverExampleTest {

  private static Set<String> ids(List<Allocation> allocs) {
    return allocs.stream().map(Allocation::id).collect(Collectors.toSet());
  }

  @Test
  void theJobSurvivesTheLeaderAndASecondJobIsPlacedAfterTheFailover() {
    ClusterFailoverExample.Outcome o = ClusterFailoverExample.run(7, Duration.ofSeconds(20));

    assertThat(o.newLeader()).isNotEqualTo(o.killedLeader());
    assertThat(o.before()).hasSize(5);
    assertThat(ids(o.after())).isEqualTo(ids(o.before()));
    assertThat(o.after()).allSatisfy(a -> {
      assertThat(a.desiredStatus()).isEqualTo("run");
      assertThat(a.clientStatus()).isEqualTo("running");
      assertThat(o.clientNodes()).contains(a.nodeID());
    });
    assertThat(o.secondJob()).hasSize(3).allSatisfy(a -> assertThat(o.clientNodes()).contains(a.nodeID()));
    assertThat(o.clientNodes()).hasSize(5).doesNotHaveDuplicates();
  }
}
