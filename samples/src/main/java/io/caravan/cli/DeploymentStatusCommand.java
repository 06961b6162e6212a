package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caravan deployment status ID}: one deployment and its progress per task group. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Shows a deployment.")
final class DeploymentStatusCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The deployment's ID or a unique prefix of it.")
  String id;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    String full = resolvePrefix(api, "/v1/deployments", "deployment", id);
    JsonNode d = api.get("/v1/deployment/" + ApiClient.enc(full)).body();
    if (json()) {
      printJson(out, d);
      return ExitCodes.OK;
    }
    Table.keyValues(out,
        "ID", d.path("ID").asText(),
        "Job ID", d.path("JobID").asText(),
        "Job Version", d.path("JobVersion").asLong(),
        "Status", d.path("Status").asText(),
        "Description", d.path("StatusDescription").asText());
    out.println();
    out.println("Deployed");
    Table t = new Table("Task Group", "Promoted", "Desired", "Canaries", "Placed", "Healthy", "Unhealthy");
    d.path("TaskGroups").fields().forEachRemaining(e -> {
      JsonNode g = e.getValue();
      t.row(e.getKey(), g.path("Promoted").asBoolean(), g.path("DesiredTotal").asInt(),
          g.path("DesiredCanaries").asInt(), g.path("PlacedAllocs").asInt(), g.path("HealthyAllocs").asInt(),
          g.path("UnhealthyAllocs").asInt());
    });
    t.print(out);
    return ExitCodes.OK;
  }
}
