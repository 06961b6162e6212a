package io.caravan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.model.cluster.AllocMetric;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeScoreMeta;
import io.caravan.model.cluster.TaskState;
import io.caravan.model.job.Job;
import io.caravan.model.job.Task;
import io.caravan.model.job.TaskGroup;
import io.caravan.state.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobWatcherTest {
  private final StateStore store = new StateStore(Clock.systemUTC());
  private final JobWatcher watcher = new JobWatcher("default", "web");
  private long index;

  private void write(java.util.function.Consumer<io.caravan.state.store.Txn> body) {
    store.write(++index, tx -> {
      body.accept(tx);
      return null;
    });
  }

  private static Evaluation eval(String status, Map<String, AllocMetric> failed) {
    return Evaluation.builder().id("eval-0001-aaaa").namespace("default").jobID("web").type("service")
        .triggeredBy("job-register").status(status).failedTGAllocs(failed).build();
  }

  private static AllocMetric metric(String nodeId, double score) {
    return new AllocMetric(3, 0, 3, "default", null, null, null, 0, null, null, null, null,
        List.of(new NodeScoreMeta(nodeId, Map.of("binpack", score), score)), Duration.ZERO, 0);
  }

  private Job job(int count) {
    return Job.builder("web").namespace("default").type("service")
        .taskGroup(TaskGroup.builder().name("api").count(count).task(Task.builder("server").driver("raw_exec")))
        .build();
  }

  @Test
  void reportsEvaluationsPlacementsTaskEventsAndTheSummaryOnce() {
    write(tx -> {
      tx.upsertJob(job(2));
      tx.upsertNode(Node.builder().id("node-1").name("box").status("ready").build());
      tx.upsertEvals(List.of(eval("pending", null)));
    });
    List<String> first = watcher.changes(store.snapshot());
    assertThat(first).first().isEqualTo("==> Evaluation \"eval-000\" (job-register) created");
    assertThat(first).last().asString().contains("Queued").contains("api").contains("     2 ");

    Job stored = store.snapshot().jobById("default", "web").orElseThrow();
    write(tx -> {
      tx.upsertEvals(List.of(eval("complete", null)));
      tx.upsertAllocs(List.of(Allocation.builder().id("alloc-1234-bbbb").namespace("default").jobID("web").job(stored)
          .taskGroup("api").name("web.api[0]").nodeID("node-1").desiredStatus("run").clientStatus("pending")
          .metrics(metric("node-1", 0.6123))
          .allocatedResources(new io.caravan.model.cluster.AllocatedResources(null, null,
              new io.caravan.model.cluster.AllocatedSharedResources(null, 0,
                  List.of(new io.caravan.model.cluster.AllocatedPortMapping("http", 23456, 0, "127.0.0.1")))))
          .build()));
    });
    List<String> second = watcher.changes(store.snapshot());
    assertThat(second).contains("==> Evaluation \"eval-000\" (job-register) complete",
        "    Allocation \"alloc-12\" (web.api[0]) placed on node \"box\" with score 0.612, ports http=127.0.0.1:23456");

    Allocation placed = store.snapshot().allocById("alloc-1234-bbbb").orElseThrow();
    write(tx -> tx.upsertAllocs(List.of(placed.toBuilder().clientStatus("running").taskStates(Map.of("server",
        new TaskState("running", false, 0, null, null, null, List.of(
            Map.of("Type", "Received", "DisplayMessage", "Task received by client"),
            Map.of("Type", "Started", "DisplayMessage", "Task started by client"))))).build())));
    List<String> third = watcher.changes(store.snapshot());
    assertThat(third).contains("    Allocation \"alloc-12\" is running",
        "    [web.api[0] server] Received: Task received by client",
        "    [web.api[0] server] Started: Task started by client");
    assertThat(third).last().asString().contains("api").matches("(?s).*api\\s+1\\s+0\\s+1\\s+0\\s+0\\s+0.*");

    assertThat(watcher.changes(store.snapshot())).as("nothing new, nothing printed").isEmpty();
  }

  @Test
  void explainsWhyAGroupCouldNotBePlaced() {
    AllocMetric noNodes = new AllocMetric(0, 0, 0, "default", null, null, null, 0, null, null, null, null, null,
        Duration.ZERO, 0);
    write(tx -> {
      tx.upsertJob(job(1));
      tx.upsertEvals(List.of(eval("complete", Map.of("api", noNodes))));
    });
    assertThat(watcher.changes(store.snapshot())).contains(
        "    Group \"api\" could not be placed: no nodes are ready in the job's datacenters and node pool");
  }
}
