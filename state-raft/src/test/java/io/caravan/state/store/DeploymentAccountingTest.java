package io.caravan.state.store;

import static io.caravan.state.store.Fixtures.alloc;
import static io.caravan.state.store.Fixtures.deployment;
import static io.caravan.state.store.Fixtures.job;
import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocDeploymentStatus;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DeploymentState;
import io.caravan.model.job.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentAccountingTest {
  private final StateStore store = new StateStore(Clock.systemUTC());
  private static final Instant T0 = Instant.parse("2026-12-06T00:00:00Z");

  private static Deployment withGroup(DeploymentState g) {
    return deployment("d1", "web").toBuilder().taskGroups(Map.of("web", g)).build();
  }

  private static DeploymentState group(int placed, int healthy, int unhealthy, String requireBy) {
    return new DeploymentState(List.of(), false, false, Duration.ofMinutes(10), requireBy, false, 0, 2, placed, healthy,
        unhealthy);
  }

  private static Allocation placed(String id, Job job) {
    return alloc(id, "n1", "web", "e1", job).toBuilder().deploymentID("d1")
        .createTime(T0.getEpochSecond() * 1_000_000_000L).build();
  }

  private static Allocation health(Allocation a, boolean healthy, Instant at) {
    return a.toBuilder().deploymentStatus(new AllocDeploymentStatus(healthy, at.toString(), false, 0)).build();
  }

  private DeploymentState web() {
    return store.snapshot().deploymentById("d1").orElseThrow().taskGroups().get("web");
  }

  @Test
  void placementsAndHealthDecisionsAreCountedOnceAndPushTheProgressDeadline() {
    Job web = store.write(1, tx -> tx.upsertJob(job("web")));
    store.write(2, tx -> tx.upsertDeployment(withGroup(group(0, 0, 0, null))));
    store.write(3, tx -> {
      tx.upsertAllocs(List.of(placed("a1", web), placed("a2", web)));
      return null;
    });
    assertThat(web().placedAllocs()).isEqualTo(2);
    assertThat(store.snapshot().deploymentsByJob("default", "web")).as("the by-job index holds the counted deployment")
        .singleElement().satisfies(d -> assertThat(d.taskGroups().get("web").placedAllocs()).isEqualTo(2));
    assertThat(web().requireProgressBy()).as("first placement + progress deadline").isEqualTo("2026-12-06T00:10:00Z");

    Allocation a1 = store.snapshot().allocById("a1").orElseThrow();
    store.write(4, tx -> {
      tx.upsertAllocs(List.of(health(a1, true, T0.plusSeconds(30))));
      return null;
    });
    assertThat(web().healthyAllocs()).isEqualTo(1);
    assertThat(web().requireProgressBy()).as("healthy time + progress deadline").isEqualTo("2026-12-06T00:10:30Z");
    assertThat(store.snapshot().allocById("a1").orElseThrow().deploymentStatus().modifyIndex())
        .as("the health decision's index").isEqualTo(4);

    // the same health reported again changes nothing; healthy turning unhealthy moves the count
    Allocation healthy = store.snapshot().allocById("a1").orElseThrow();
    store.write(5, tx -> {
      tx.upsertAllocs(List.of(health(healthy, true, T0.plusSeconds(40))));
      return null;
    });
    assertThat(web().healthyAllocs()).isEqualTo(1);
    store.write(6, tx -> {
      tx.upsertAllocs(List.of(health(healthy, false, T0.plusSeconds(50))));
      return null;
    });
    assertThat(web().healthyAllocs()).isZero();
    assertThat(web().unhealthyAllocs()).isEqualTo(1);
    assertThat(web().placedAllocs()).isEqualTo(2);
  }

  @Test
  void aPlannedDeploymentKeepsTheServersCountsAndASuccessfulOneMarksItsVersionStable() {
    Job web = store.write(1, tx -> tx.upsertJob(job("web")));
    store.write(2, tx -> tx.upsertDeployment(withGroup(group(2, 1, 0, "2026-12-06T00:10:00Z"))));
    store.write(3, tx -> tx.upsertPlannedDeployment(withGroup(group(0, 0, 0, null))));
    assertThat(web().placedAllocs()).isEqualTo(2);
    assertThat(web().healthyAllocs()).isEqualTo(1);
    assertThat(web().requireProgressBy()).isEqualTo("2026-12-06T00:10:00Z");

    store.write(4, tx -> {
      tx.upsertAllocs(List.of(alloc("a9", "n1", "web", "e1", web)));
      return null;
    });
    store.write(5, tx -> tx.setJobStability("default", "web", 0, true));
    StateSnapshot s = store.snapshot();
    assertThat(s.jobById("default", "web").orElseThrow().stable()).isTrue();
    Job stable = s.jobByIdAndVersion("default", "web", 0).orElseThrow();
    assertThat(stable.stable()).isTrue();
    assertThat(s.allocById("a9").orElseThrow().job()).as("allocations keep sharing their version's job").isSameAs(stable);
    assertThat(s.allocsByNode("n1").get(0).job()).isSameAs(stable);
  }
}
