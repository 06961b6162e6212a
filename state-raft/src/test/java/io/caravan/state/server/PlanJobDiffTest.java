package io.caravan.state.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.diff.DiffType;
import io.caravan.model.diff.FieldDiff;
import io.caravan.model.diff.JobDiff;
import io.caravan.model.diff.TaskGroupDiff;
import io.caravan.model.job.Job;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.scheduler.testing.Nodes;
import io.caravan.state.config.ServerConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PlanJobDiffTest {
  private final ManualTimers timers = new ManualTimers(Instant.parse("2026-01-01T00:00:00Z"));
  private final AtomicInteger nextId = new AtomicInteger();
  private final CaravanServer server = CaravanServer.builder(ServerConfig.builder().numSchedulers(0).build())
      .clock(timers.clock()).timers(timers).random(new SplittableRandom(3))
      .ids(() -> "eval-" + nextId.incrementAndGet()).start();

  @AfterEach
  void close() {
    server.close();
  }

  @Test
  void planOfANewJobReturnsAnAddedDiffWithCreateCounts() {
    server.registerNode(Nodes.mock("n1"));

    PlanPreview p = server.planJob(Jobs.mock("web", 2), true);

    JobDiff d = p.diff();
    assertThat(d).isNotNull();
    assertThat(d.type()).isEqualTo(DiffType.ADDED);
    assertThat(d.id()).isEqualTo("web");
    TaskGroupDiff g = d.taskGroup("web").orElseThrow();
    assertThat(g.type()).isEqualTo(DiffType.ADDED);
    assertThat(g.updates()).containsExactly(Map.entry("create", 2L));
    assertThat(g.tasks().get(0).annotations()).containsExactly("forces create");
  }

  @Test
  void planOfAChangedJobDiffsAgainstTheRegisteredOne() {
    server.registerNode(Nodes.mock("n1"));
    server.registerJob(Jobs.mock("web", 2));
    Job bigger = Jobs.mock("web", 4);
    Job newImage = Jobs.mockBuilder("web", Jobs.group(2, 500, 256).build()).priority(70).build();

    JobDiff count = server.planJob(bigger, true).diff();
    JobDiff priority = server.planJob(newImage, true).diff();

    assertThat(count.type()).isEqualTo(DiffType.EDITED);
    assertThat(count.fields()).isEmpty();
    assertThat(count.taskGroup("web").orElseThrow().fields())
        .containsExactly(new FieldDiff(DiffType.EDITED, "Count", "2", "4", List.of("forces create")));
    assertThat(priority.fields()).containsExactly(new FieldDiff(DiffType.EDITED, "Priority", "50", "70", null));
    assertThat(priority.taskGroup("web").orElseThrow().type()).isEqualTo(DiffType.NONE);
  }

  @Test
  void planOfTheRegisteredJobItselfHasNoChangesAndPlansTheRegisteredVersion() {
    server.registerJob(Jobs.mock("web", 2));
    long registered = server.snapshot().jobById("default", "web").orElseThrow().jobModifyIndex();

    PlanPreview same = server.planJob(Jobs.mock("web", 2), true);
    PlanPreview other = server.planJob(Jobs.mock("web", 3), true);

    assertThat(same.diff().type()).isEqualTo(DiffType.NONE);
    // as Nomad: an unchanged spec is not re-inserted, so existing allocations would be ignored, not updated
    assertThat(same.eval().jobModifyIndex()).isEqualTo(registered);
    assertThat(other.eval().jobModifyIndex()).isGreaterThan(registered);
  }

  @Test
  void planWithoutDiffLeavesItOut() {
    assertThat(server.planJob(Jobs.mock("web", 2)).diff()).isNull();
    assertThat(server.planJob(Jobs.mock("web", 2), false).diff()).isNull();
  }
}
