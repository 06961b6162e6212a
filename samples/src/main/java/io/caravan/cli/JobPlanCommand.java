package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code caravan job plan FILE}: asks the scheduler what registering the job would do, without doing
 * it: per task group how many allocations would be placed, stopped, updated in place or destructively,
 * and the placements that would fail. Exit codes as Nomad's: 0 no allocation would be created or
 * destroyed, 1 some would, 255 an error (2 for an invalid jobspec). No job diff yet.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Dry-runs a job: what the scheduler would change. Exit 0: no changes, 1: changes, 255: error.")
final class JobPlanCommand extends ApiCommand {
  /** Nomad's exit code of a failed {@code job plan}. */
  static final int PLAN_ERROR = 255;

  @Mixin JobspecOptions jobspec;

  @Override
  int errorCode(ApiClient.ApiError e) {
    return e.status == 400 ? ExitCodes.USAGE : PLAN_ERROR;
  }

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    Optional<JsonNode> job = LocalJobspec.parse(jobspec, spec.commandLine().getErr());
    if (job.isEmpty()) {
      return ExitCodes.USAGE;
    }
    ObjectNode body = LocalJobspec.request(job.get());
    body.put("Diff", true);
    JsonNode r = api.put("/v1/job/" + ApiClient.enc(job.get().path("ID").asText()) + "/plan", body).body();
    JsonNode updates = r.path("Annotations").path("DesiredTGUpdates");
    boolean changes = false;
    for (JsonNode u : updates) {
      changes |= u.path("Place").asLong() + u.path("Stop").asLong() + u.path("DestructiveUpdate").asLong()
          + u.path("Migrate").asLong() + u.path("Canary").asLong() > 0;
    }
    JsonNode failed = r.path("FailedTGAllocs");
    if (json()) {
      printJson(out, r);
      return changes ? 1 : ExitCodes.OK;
    }
    out.println("Scheduler dry-run:");
    if (updates.isMissingNode() || updates.isNull() || updates.isEmpty()) {
      out.println("- No changes");
    } else {
      Table t = new Table("Task Group", "Place", "Stop", "In-place update", "Destructive update", "Migrate",
          "Canary", "Ignore");
      updates.fields().forEachRemaining(e -> t.row(e.getKey(), e.getValue().path("Place").asLong(),
          e.getValue().path("Stop").asLong(), e.getValue().path("InPlaceUpdate").asLong(),
          e.getValue().path("DestructiveUpdate").asLong(), e.getValue().path("Migrate").asLong(),
          e.getValue().path("Canary").asLong(), e.getValue().path("Ignore").asLong()));
      t.print(out);
    }
    if (failed.isObject() && failed.size() > 0) {
      failed.fields().forEachRemaining(f -> out.println("- WARNING: Failed to place all allocations of task group \""
          + f.getKey() + "\": " + f.getValue().path("NodesEvaluated").asInt() + " nodes evaluated, "
          + f.getValue().path("NodesFiltered").asInt() + " filtered, " + f.getValue().path("NodesExhausted").asInt()
          + " exhausted"));
    } else {
      out.println("- All tasks successfully allocated.");
    }
    out.println();
    out.println("Job Modify Index: " + r.path("JobModifyIndex").asLong());
    return changes ? 1 : ExitCodes.OK;
  }
}
