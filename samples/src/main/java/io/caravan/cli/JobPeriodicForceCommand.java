package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caravan job periodic force ID}: launches a periodic job now, whatever its schedule. */
@Command(name = "force", mixinStandardHelpOptions = true,
    description = {"Launches a periodic job now, whatever its schedule and prohibit_overlap:",
        "registers the child <ID>/periodic-<unix seconds> and its evaluation."})
final class JobPeriodicForceCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The periodic job's ID.")
  String id;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    JsonNode r = api.put("/v1/job/" + ApiClient.enc(id) + "/periodic/force",
        new ObjectMapper().createObjectNode()).body();
    if (json()) {
      printJson(out, r);
    } else {
      out.println("Evaluation ID = " + r.path("EvalID").asText());
    }
    return ExitCodes.OK;
  }
}
