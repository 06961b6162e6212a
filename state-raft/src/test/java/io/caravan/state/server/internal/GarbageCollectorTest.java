package io.caravan.state.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import io.caravan.scheduler.testing.Jobs;
import io.caravan.state.config.GcSettings;
import io.caravan.state.fsm.Command;
import io.caravan.state.store.StateSnapshot;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GarbageCollectorTest {
  private static final long HOUR = Duration.ofHours(1).toNanos();
  private static final long T0 = 1_000 * HOUR;
  private final GarbageCollector gc = new GarbageCollector(new GcSettings(Duration.ofMinutes(5), Duration.ofHours(1),
      Duration.ofHours(24), Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(1)));
  private final StateStore store = new StateStore(Clock.systemUTC());
  private long index;

  private void job(Job job) {
    store.write(++index, tx -> tx.upsertJob(job.toBuilder().submitTime(T0).build()));
  }

  private void eval(String id, String jobId, String type, String status) {
    store.write(++index, tx -> {
      tx.upsertEvals(List.of(Evaluation.builder().id(id).namespace("default").jobID(jobId).type(type).status(status)
          .modifyTime(T0).build()));
      return null;
    });
  }

  private void alloc(String id, String evalId, String jobId, String clientStatus) {
    store.write(++index, tx -> {
      tx.upsertAllocs(List.of(Allocation.builder().id(id).namespace("default").evalID(evalId).jobID(jobId)
          .nodeID("n1").desiredStatus("run").clientStatus(clientStatus).modifyTime(T0).build()));
      return null;
    });
  }

  private List<Command> at(long nanos) {
    return gc.collect(store.snapshot(), nanos);
  }

  private static Command.DeleteEvals deletes(List<Command> commands) {
    return commands.stream().filter(Command.DeleteEvals.class::isInstance).map(Command.DeleteEvals.class::cast)
        .findFirst().orElse(new Command.DeleteEvals(List.of(), List.of()));
  }

  @Test
  void collectsAnOldTerminalEvaluationWithItsFinishedAllocationsOnly() {
    job(Jobs.mock("web", 2));
    eval("done", "web", "service", "complete");
    alloc("a-done", "done", "web", "complete");
    eval("busy", "web", "service", "complete");
    alloc("a-busy", "busy", "web", "running");
    eval("waiting", "web", "service", "pending");

    assertThat(at(T0 + HOUR / 2)).isEmpty();
    Command.DeleteEvals d = deletes(at(T0 + 2 * HOUR));
    assertThat(d.evalIds()).containsExactly("done");
    assertThat(d.allocIds()).containsExactly("a-done");
  }

  @Test
  void keepsABatchJobsResultsWhileTheJobIsRegistered() {
    job(Jobs.mock("nightly", 1).toBuilder().type("batch").build());
    eval("run-1", "nightly", "batch", "complete");
    alloc("a-1", "run-1", "nightly", "complete");
    assertThat(at(T0 + 30 * HOUR)).isEmpty();
    store.write(++index, tx -> tx.upsertJob(tx.jobById("default", "nightly").toBuilder().stop(true).build()));
    assertThat(deletes(at(T0 + 30 * HOUR)).evalIds()).containsExactly("run-1");
  }

  @Test
  void purgesAStoppedJobOnceEverythingOfItIsFinishedAndOld() {
    job(Jobs.mock("old", 1).toBuilder().stop(true).build());
    eval("e1", "old", "service", "complete");
    alloc("a1", "e1", "old", "complete");
    assertThat(at(T0 + 3 * HOUR).stream().filter(Command.DeregisterJob.class::isInstance)).isEmpty();
    List<Command> later = at(T0 + 5 * HOUR);
    assertThat(later).contains(new Command.DeregisterJob("default", "old", true, null));
    assertThat(deletes(later).evalIds()).containsExactly("e1");
    assertThat(deletes(later).allocIds()).containsExactly("a1");

    // a running job is never purged
    job(Jobs.mock("live", 1));
    StateSnapshot s = store.snapshot();
    assertThat(gc.collect(s, T0 + 100 * HOUR)).noneMatch(c -> c instanceof Command.DeregisterJob dj && dj.jobId().equals("live"));
  }

  private void deployment(String id, String jobId, String status, long statusTime) {
    store.write(++index, tx -> tx.upsertDeployment(Deployment.builder().id(id).namespace("default").jobID(jobId)
        .status(status).modifyTime(statusTime).build()));
  }

  private void deploymentAlloc(String id, String deploymentId, String clientStatus) {
    store.write(++index, tx -> {
      tx.upsertAllocs(List.of(Allocation.builder().id(id).namespace("default").evalID("e").jobID("web")
          .nodeID("n1").desiredStatus("run").clientStatus(clientStatus).deploymentID(deploymentId).modifyTime(T0)
          .build()));
      return null;
    });
  }

  private static List<String> deletedDeployments(List<Command> commands) {
    return commands.stream().filter(Command.DeleteDeployments.class::isInstance)
        .flatMap(c -> ((Command.DeleteDeployments) c).deploymentIds().stream()).toList();
  }

  @Test
  void collectsOldTerminalDeploymentsWhoseAllocationsAreAllFinished() {
    job(Jobs.mock("web", 2));
    deployment("done", "web", "successful", T0);
    deployment("failed", "web", "failed", T0);
    deployment("cancelled", "web", "cancelled", T0);
    deployment("young", "web", "successful", T0 + HOUR);
    deployment("running", "web", "running", T0);
    deployment("untimed", "web", "failed", 0);
    deployment("still-serving", "web", "successful", T0);
    deploymentAlloc("a-done", "done", "complete");
    deploymentAlloc("a-serving", "still-serving", "running");

    assertThat(deletedDeployments(at(T0 + HOUR / 2))).isEmpty();
    assertThat(deletedDeployments(at(T0 + 3 * HOUR / 2))).containsExactlyInAnyOrder("done", "failed", "cancelled");
    assertThat(deletedDeployments(at(T0 + 3 * HOUR)))
        .containsExactlyInAnyOrder("done", "failed", "cancelled", "young");
  }
}
