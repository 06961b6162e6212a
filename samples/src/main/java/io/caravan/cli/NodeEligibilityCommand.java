package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code caravan node eligibility -enable|-disable ID}: whether the scheduler may place new work on a node. */
@Command(name = "eligibility", mixinStandardHelpOptions = true,
    description = "Marks a node eligible or ineligible for new allocations.")
final class NodeEligibilityCommand extends ApiCommand {
  static final class Mode {
    @Option(names = "-enable", required = true, description = "Mark the node eligible.") boolean enable;
    @Option(names = "-disable", required = true, description = "Mark the node ineligible.") boolean disable;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  @Parameters(index = "0", paramLabel = "ID", description = "The node's ID or a unique prefix of it.")
  String id;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    String full = resolvePrefix(api, "/v1/nodes", "node", id);
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("NodeID", full);
    body.put("Eligibility", mode.enable ? "eligible" : "ineligible");
    JsonNode r = api.put("/v1/node/" + ApiClient.enc(full) + "/eligibility", body).body();
    if (json()) {
      printJson(out, r);
    } else {
      out.println("Node \"" + full + "\" scheduling eligibility set: " + (mode.enable ? "eligible" : "ineligible")
          + " for scheduling");
    }
    return ExitCodes.OK;
  }
}
