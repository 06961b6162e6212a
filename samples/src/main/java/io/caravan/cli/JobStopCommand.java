package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code caravan job stop [-purge] ID}: stops a job (its allocations are stopped); {@code -purge} also removes it. */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stops a running job.")
final class JobStopCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The job's ID.")
  String id;

  @Option(names = "-purge", description = "Remove the job from the servers' state instead of marking it stopped.")
  boolean purge;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    JsonNode r = api.delete("/v1/job/" + ApiClient.enc(id) + (purge ? "?purge=true" : "")).body();
    if (json()) {
      printJson(out, r);
    } else {
      out.println("==> Job \"" + id + "\" " + (purge ? "stopped and purged" : "stopped"));
      String eval = r.path("EvalID").asText("");
      if (!eval.isEmpty()) {
        out.println("    Evaluation ID: " + eval);
      }
    }
    return ExitCodes.OK;
  }
}
