package io.caravan.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.job.Job;
import io.caravan.scheduler.snapshot.InMemoryCluster;
import io.caravan.scheduler.snapshot.SchedulerConfiguration;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AllocationIdTest {
  private static final String EVAL = "3f6c2a1e-9b7d-4c5e-8a1f-2d3e4f5a6b7c";

  private static List<String> ids(long targetIndex) {
    InMemoryCluster c = new InMemoryCluster();
    Nodes.mocks(5).forEach(c::upsertNode);
    while (c.latestIndex() < targetIndex) {
      c.schedulerConfig(SchedulerConfiguration.serverDefaults());
    }
    assertThat(c.latestIndex()).isEqualTo(targetIndex);
    Job job = Jobs.mock("web", 4);
    List<String> names = IntStream.range(0, 4).mapToObj(i -> "web.web[" + i + "]").toList();
    return new PlacementEngine(c, SchedulerConfiguration.serverDefaults())
        .place(new PlacementRequest(job, EVAL, List.of(new GroupRequest("web", names)), Set.of()))
        .placements().stream().map(Placement::allocId).toList();
  }

  @Test
  void aRetryOnARefreshedSnapshotDrawsNewAllocationIds() {
    // The shuffle seed ignores the index's two low bits, so indexes 96 and 97 shuffle alike ...
    assertThat(SeededRandom.seed(EVAL, 96)).isEqualTo(SeededRandom.seed(EVAL, 97));
    List<String> first = ids(96);
    List<String> retry = ids(97);
    assertThat(first).hasSize(4).doesNotHaveDuplicates();
    // ... but a retry must not reuse the IDs of allocations the first attempt may have committed.
    assertThat(retry).hasSize(4).doesNotContainAnyElementsOf(first);
    assertThat(ids(96)).as("still a pure function of (snapshot, evaluation)").isEqualTo(first);
    assertThat(first).allMatch(id -> id.charAt(14) == '4');
  }
}
