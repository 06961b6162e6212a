package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caravan deployment fail ID}: fails a running deployment (reverting the job with auto_revert). */
@Command(name = "fail", mixinStandardHelpOptions = true,
    description = "Marks a deployment as failed (groups with auto_revert roll back to the last stable version).")
final class DeploymentFailCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The deployment's ID or a unique prefix of it.")
  String id;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    String full = resolvePrefix(api, "/v1/deployments", "deployment", id);
    JsonNode r = api.put("/v1/deployment/fail/" + ApiClient.enc(full), new ObjectMapper().createObjectNode()).body();
    return report(api, out, json(), full, r, "marked as failed");
  }

  /** Prints a DeploymentUpdateResponse: the raw answer with {@code -json}, else a line and the deployment. */
  static int report(ApiClient api, PrintWriter out, boolean json, String id, JsonNode r, String what) throws Exception {
    if (json) {
      printJson(out, r);
      return ExitCodes.OK;
    }
    String eval = r.path("EvalID").asText("");
    out.println("Deployment \"" + id + "\" " + what + (eval.isEmpty() ? "" : "; evaluation \"" + eval + "\" created"));
    out.println();
    DeploymentStatusCommand.print(out, api.get("/v1/deployment/" + ApiClient.enc(id)).body());
    return ExitCodes.OK;
  }
}
