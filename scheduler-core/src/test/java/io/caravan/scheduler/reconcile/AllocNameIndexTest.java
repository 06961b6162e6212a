package io.caravan.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllocNameIndexTest {
  private static Allocation named(int i) {
    return Allocation.builder().id("a" + i).name(AllocNameIndex.name("job", "web", i)).build();
  }

  @Test
  void nextFillsHolesLowestFirstThenWrapsFromZero() {
    AllocNameIndex idx = new AllocNameIndex("job", "web", 4, List.of(named(0), named(2)));
    assertThat(idx.next(3)).containsExactly("job.web[1]", "job.web[3]", "job.web[0]");
  }

  @Test
  void highestTakesTheHighestUsedIndexes() {
    AllocNameIndex idx = new AllocNameIndex("job", "web", 3, List.of(named(0), named(1), named(5), named(7)));
    assertThat(idx.highest(2)).containsExactly("job.web[7]", "job.web[5]");
    assertThat(idx.isSet(7)).isFalse();
    assertThat(idx.highest(5)).containsExactly("job.web[1]", "job.web[0]");
  }

  @Test
  void canariesPreferReplacedIndexesThenFreeOnesThenBeyondTheCount() {
    AllocNameIndex idx = new AllocNameIndex("job", "web", 3, List.of(named(0), named(1)));
    assertThat(idx.nextCanaries(4, List.of(), List.of(named(1)))).containsExactly("job.web[1]", "job.web[2]", "job.web[3]", "job.web[4]");
  }

  @Test
  void indexIsParsedFromTheLastBrackets() {
    assertThat(AllocNameIndex.index("my.job[x].web[12]")).isEqualTo(12);
    assertThat(AllocNameIndex.index("no-index")).isZero();
  }
}
