package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caravan eval status ID}: one evaluation, its placements and placement failures. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows an evaluation.")
final class EvalStatusCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The evaluation's ID or a unique prefix of it.")
  String id;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    String full = resolvePrefix(api, "/v1/evaluations", "evaluation", id);
    JsonNode e = api.get("/v1/evaluation/" + ApiClient.enc(full)).body();
    if (json()) {
      printJson(out, e);
      return ExitCodes.OK;
    }
    JsonNode failed = e.path("FailedTGAllocs");
    Table.keyValues(out,
        "ID", e.path("ID").asText(),
        "Create Time", time(e.path("CreateTime").asLong()),
        "Modify Time", time(e.path("ModifyTime").asLong()),
        "Status", e.path("Status").asText(),
        "Status Description", e.path("StatusDescription").asText().isEmpty() ? "<none>"
            : e.path("StatusDescription").asText(),
        "Type", e.path("Type").asText(),
        "TriggeredBy", e.path("TriggeredBy").asText(),
        "Job ID", e.path("JobID").asText(),
        "Node ID", e.path("NodeID").asText().isEmpty() ? "<none>" : e.path("NodeID").asText(),
        "Priority", e.path("Priority").asInt(),
        "Placement Failures", failed.isObject() && failed.size() > 0);
    JsonNode allocs = api.get("/v1/evaluation/" + ApiClient.enc(full) + "/allocations").body();
    if (!allocs.isEmpty()) {
      out.println();
      out.println("Allocations");
      Table t = new Table("ID", "Node ID", "Task Group", "Desired", "Status");
      allocs.forEach(a -> t.row(shortId(a.path("ID").asText()), shortId(a.path("NodeID").asText()),
          a.path("TaskGroup").asText(), a.path("DesiredStatus").asText(), a.path("ClientStatus").asText()));
      t.print(out);
    }
    if (failed.isObject() && failed.size() > 0) {
      out.println();
      out.println("Failed Placements");
      failed.fields().forEachRemaining(f -> out.println("Task Group \"" + f.getKey() + "\": "
          + f.getValue().path("NodesEvaluated").asInt() + " nodes evaluated, "
          + f.getValue().path("NodesExhausted").asInt() + " exhausted, "
          + f.getValue().path("NodesFiltered").asInt() + " filtered"));
    }
    return ExitCodes.OK;
  }
}
