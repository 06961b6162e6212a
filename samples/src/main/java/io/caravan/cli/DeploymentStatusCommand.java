package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caravan deployment status [ID]}: every deployment, or one with its progress per task group. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Lists deployments, or shows one.")
final class DeploymentStatusCommand extends ApiCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The deployment's ID or a unique prefix of it.")
  String id;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    if (id == null) {
      JsonNode all = api.get("/v1/deployments").body();
      if (json()) {
        printJson(out, all);
      } else if (all.isEmpty()) {
        out.println("No deployments found");
      } else {
        Table t = new Table("ID", "Job ID", "Job Version", "Status", "Description");
        for (int i = all.size() - 1; i >= 0; i--) {
          JsonNode d = all.get(i);
          t.row(shortId(d.path("ID").asText()), d.path("JobID").asText(), d.path("JobVersion").asLong(),
              d.path("Status").asText(), d.path("StatusDescription").asText());
        }
        t.print(out);
      }
      return ExitCodes.OK;
    }
    String full = resolvePrefix(api, "/v1/deployments", "deployment", id);
    JsonNode d = api.get("/v1/deployment/" + ApiClient.enc(full)).body();
    if (json()) {
      printJson(out, d);
      return ExitCodes.OK;
    }
    print(out, d);
    return ExitCodes.OK;
  }

  /** Nomad's deployment view: the header, then one row per task group. */
  static void print(PrintWriter out, JsonNode d) {
    Table.keyValues(out,
        "ID", d.path("ID").asText(),
        "Job ID", d.path("JobID").asText(),
        "Job Version", d.path("JobVersion").asLong(),
        "Status", d.path("Status").asText(),
        "Description", d.path("StatusDescription").asText());
    out.println();
    out.println("Deployed");
    boolean canaries = false;
    for (JsonNode g : d.path("TaskGroups")) {
      canaries |= g.path("DesiredCanaries").asInt() > 0;
    }
    Table t = canaries
        ? new Table("Task Group", "Promoted", "Desired", "Canaries", "Placed", "Healthy", "Unhealthy", "Progress Deadline")
        : new Table("Task Group", "Desired", "Placed", "Healthy", "Unhealthy", "Progress Deadline");
    boolean withCanaries = canaries;
    d.path("TaskGroups").fields().forEachRemaining(e -> {
      JsonNode g = e.getValue();
      String deadline = g.path("RequireProgressBy").asText("");
      deadline = deadline.isEmpty() || deadline.startsWith("0001-") ? "-" : deadline;
      if (withCanaries) {
        t.row(e.getKey(), g.path("Promoted").asBoolean(), g.path("DesiredTotal").asInt(),
            g.path("DesiredCanaries").asInt(), g.path("PlacedAllocs").asInt(), g.path("HealthyAllocs").asInt(),
            g.path("UnhealthyAllocs").asInt(), deadline);
      } else {
        t.row(e.getKey(), g.path("DesiredTotal").asInt(), g.path("PlacedAllocs").asInt(),
            g.path("HealthyAllocs").asInt(), g.path("UnhealthyAllocs").asInt(), deadline);
      }
    });
    t.print(out);
  }
}
