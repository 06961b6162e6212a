package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caravan alloc status ID}: one allocation with its tasks' states and recent events. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows an allocation.")
final class AllocStatusCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The allocation's ID or a unique prefix of it.")
  String id;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    String full = resolvePrefix(api, "/v1/allocations", "allocation", id);
    JsonNode a = api.get("/v1/allocation/" + ApiClient.enc(full)).body();
    if (json()) {
      printJson(out, a);
      return ExitCodes.OK;
    }
    Table.keyValues(out,
        "ID", a.path("ID").asText(),
        "Eval ID", shortId(a.path("EvalID").asText()),
        "Name", a.path("Name").asText(),
        "Node ID", shortId(a.path("NodeID").asText()),
        "Node Name", a.path("NodeName").asText(),
        "Job ID", a.path("JobID").asText(),
        "Job Version", a.path("Job").path("Version").asLong(),
        "Client Status", a.path("ClientStatus").asText(),
        "Client Description", a.path("ClientDescription").asText().isEmpty() ? "<none>"
            : a.path("ClientDescription").asText(),
        "Desired Status", a.path("DesiredStatus").asText(),
        "Desired Description", a.path("DesiredDescription").asText().isEmpty() ? "<none>"
            : a.path("DesiredDescription").asText(),
        "Created", time(a.path("CreateTime").asLong()),
        "Modified", time(a.path("ModifyTime").asLong()));
    a.path("TaskStates").fields().forEachRemaining(e -> {
      JsonNode s = e.getValue();
      out.println();
      out.println("Task \"" + e.getKey() + "\" is \"" + s.path("State").asText() + "\""
          + (s.path("Failed").asBoolean() ? " (failed)" : "") + ", restarts: " + s.path("Restarts").asLong());
      Table t = new Table("Time", "Type", "Description");
      s.path("Events").forEach(ev -> t.row(time(ev.path("Time").asLong()), ev.path("Type").asText(),
          ev.path("DisplayMessage").asText(ev.path("Message").asText(""))));
      if (!t.isEmpty()) {
        t.print(out);
      }
    });
    return ExitCodes.OK;
  }
}
