package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caravan job status [ID]}: every job, or one job with its summary and allocations. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Lists jobs, or shows one job.")
final class JobStatusCommand extends ApiCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The job's ID.")
  String id;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    if (id == null) {
      JsonNode jobs = api.get("/v1/jobs").body();
      if (json()) {
        printJson(out, jobs);
      } else if (jobs.isEmpty()) {
        out.println("No running jobs");
      } else {
        Table t = new Table("ID", "Type", "Priority", "Status", "Submit Date");
        jobs.forEach(j -> t.row(j.path("ID").asText(), j.path("Type").asText(), j.path("Priority").asInt(),
            j.path("Status").asText(), time(j.path("SubmitTime").asLong())));
        t.print(out);
      }
      return ExitCodes.OK;
    }
    String path = "/v1/job/" + ApiClient.enc(id);
    JsonNode job = api.get(path).body();
    if (json()) {
      printJson(out, job);
      return ExitCodes.OK;
    }
    JsonNode summary = api.get(path + "/summary").body();
    JsonNode allocs = api.get(path + "/allocations").body();
    List<String> dcs = new ArrayList<>();
    job.path("Datacenters").forEach(d -> dcs.add(d.asText()));
    Table.keyValues(out,
        "ID", job.path("ID").asText(),
        "Name", job.path("Name").asText(),
        "Submit Date", time(job.path("SubmitTime").asLong()),
        "Type", job.path("Type").asText(),
        "Priority", job.path("Priority").asInt(),
        "Datacenters", String.join(",", dcs),
        "Namespace", job.path("Namespace").asText(),
        "Node Pool", job.path("NodePool").asText(),
        "Status", job.path("Status").asText() + (job.path("Stop").asBoolean() ? " (stopped)" : ""),
        "Periodic", !job.path("Periodic").isNull() && !job.path("Periodic").isMissingNode(),
        "Parameterized", !job.path("ParameterizedJob").isNull() && !job.path("ParameterizedJob").isMissingNode());
    out.println();
    out.println("Summary");
    Table s = new Table("Task Group", "Queued", "Starting", "Running", "Failed", "Complete", "Lost", "Unknown");
    summary.path("Summary").fields().forEachRemaining(e -> {
      JsonNode g = e.getValue();
      s.row(e.getKey(), g.path("Queued").asInt(), g.path("Starting").asInt(), g.path("Running").asInt(),
          g.path("Failed").asInt(), g.path("Complete").asInt(), g.path("Lost").asInt(), g.path("Unknown").asInt());
    });
    s.print(out);
    out.println();
    out.println("Allocations");
    if (allocs.isEmpty()) {
      out.println("No allocations placed");
    } else {
      Table a = new Table("ID", "Node ID", "Task Group", "Version", "Desired", "Status", "Created");
      allocs.forEach(x -> a.row(shortId(x.path("ID").asText()), shortId(x.path("NodeID").asText()),
          x.path("TaskGroup").asText(), x.path("JobVersion").asLong(), x.path("DesiredStatus").asText(),
          x.path("ClientStatus").asText(), time(x.path("CreateTime").asLong())));
      a.print(out);
    }
    return ExitCodes.OK;
  }
}
