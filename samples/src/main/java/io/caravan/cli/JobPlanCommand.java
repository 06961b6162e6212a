package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code caravan job plan FILE}: asks the scheduler what registering the job would do, without doing
 * it. The server has no plan API yet: the agent answers 501 and the command exits 1 saying so.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Dry-runs a job: what the scheduler would change (needs the server's plan API).")
final class JobPlanCommand extends ApiCommand {
  @Mixin JobspecOptions jobspec;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    Optional<JsonNode> job = LocalJobspec.parse(jobspec, spec.commandLine().getErr());
    if (job.isEmpty()) {
      return ExitCodes.USAGE;
    }
    ObjectNode body = LocalJobspec.request(job.get());
    body.put("Diff", true);
    JsonNode r = api.put("/v1/job/" + ApiClient.enc(job.get().path("ID").asText()) + "/plan", body).body();
    if (json()) {
      printJson(out, r);
      return ExitCodes.OK;
    }
    out.println("Scheduler dry-run:");
    JsonNode updates = r.path("Annotations").path("DesiredTGUpdates");
    Table t = new Table("Task Group", "Place", "Stop", "In-place update", "Destructive update", "Ignore");
    updates.fields().forEachRemaining(e -> t.row(e.getKey(), e.getValue().path("Place").asInt(),
        e.getValue().path("Stop").asInt(), e.getValue().path("InPlaceUpdate").asInt(),
        e.getValue().path("DestructiveUpdate").asInt(), e.getValue().path("Ignore").asInt()));
    t.print(out);
    out.println("Job Modify Index: " + r.path("JobModifyIndex").asLong());
    return ExitCodes.OK;
  }
}
