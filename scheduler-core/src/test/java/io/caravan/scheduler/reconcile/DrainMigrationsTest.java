package io.caravan.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.DesiredTransition;
import io.caravan.model.job.MigrateStrategy;
import io.caravan.model.job.TaskGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DrainMigrationsTest {
  private static TaskGroup group(int count, int maxParallel) {
    return TaskGroup.builder().name("web").count(count).migrate(new MigrateStrategy(maxParallel, "checks", null, null)).build();
  }

  private static Allocation alloc(int i, String node, boolean healthy, boolean marked) {
    return Allocation.builder().id("a" + i).name("j.web[" + i + "]").nodeID(node).taskGroup("web")
        .desiredStatus("run").clientStatus("running")
        .deploymentStatus(healthy ? new AllocDeploymentStatus(true, null, false, 0) : null)
        .desiredTransition(marked ? new DesiredTransition(true, null, null, null, null) : null)
        .build();
  }

  /** 6 healthy allocations, indexes 0-2 on the draining node n1. */
  private static List<Allocation> sixOnTwoNodes() {
    List<Allocation> out = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      out.add(alloc(i, i < 3 ? "n1" : "n2", true, false));
    }
    return out;
  }

  @Test
  void marksAtMostMaxParallelWhileEverythingIsHealthy() {
    DrainMigrations.Decision d = DrainMigrations.select(group(6, 2), sixOnTwoNodes(), Set.of("n1"), false);
    assertThat(d.migrate()).extracting(Allocation::id).containsExactly("a0", "a1");
    assertThat(d.done()).isFalse();
  }

  @Test
  void waitsWhileMarkedAllocationsAndTheirReplacementsAreNotHealthyYet() {
    List<Allocation> allocs = sixOnTwoNodes();
    allocs.set(0, alloc(0, "n1", true, true));
    allocs.set(1, alloc(1, "n1", true, true));
    // Two marked, two replacements with health not known yet: 4 healthy, threshold 4 -> nothing more.
    allocs.add(alloc(6, "n2", false, false));
    allocs.add(alloc(7, "n2", false, false));
    assertThat(DrainMigrations.select(group(6, 2), allocs, Set.of("n1"), false).migrate()).isEmpty();
    // The marked ones stopped and their replacements are healthy: the last one on n1 can go.
    allocs.set(0, allocs.get(0).toBuilder().desiredStatus("stop").build());
    allocs.set(1, allocs.get(1).toBuilder().desiredStatus("stop").build());
    allocs.set(6, alloc(6, "n2", true, false));
    allocs.set(7, alloc(7, "n2", true, false));
    assertThat(DrainMigrations.select(group(6, 2), allocs, Set.of("n1"), false).migrate()).extracting(Allocation::id)
        .containsExactly("a2");
  }

  @Test
  void unhealthyGroupsDoNotDrainAndBatchAllocationsAreNeverMarked() {
    List<Allocation> unknownHealth = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      unknownHealth.add(alloc(i, "n1", false, false));
    }
    assertThat(DrainMigrations.select(group(4, 1), unknownHealth, Set.of("n1"), false).migrate()).isEmpty();
    DrainMigrations.Decision batch = DrainMigrations.select(group(6, 2), sixOnTwoNodes(), Set.of("n1"), true);
    assertThat(batch.migrate()).isEmpty();
    assertThat(batch.done()).isFalse();
  }

  @Test
  void isDoneWhenNothingLiveIsLeftOnDrainingNodes() {
    assertThat(DrainMigrations.select(group(6, 2), sixOnTwoNodes(), Set.of("n3"), false).done()).isTrue();
  }
}
