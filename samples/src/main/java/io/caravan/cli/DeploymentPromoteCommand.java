package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code caravan deployment promote ID [-group G]...}: promotes a deployment's canaries. */
@Command(name = "promote", mixinStandardHelpOptions = true,
    description = "Promotes the canaries of a deployment (all groups unless -group is given).")
final class DeploymentPromoteCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The deployment's ID or a unique prefix of it.")
  String id;

  @Option(names = "-group", paramLabel = "GROUP", description = "A task group to promote (repeatable).")
  List<String> groups;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    String full = resolvePrefix(api, "/v1/deployments", "deployment", id);
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("DeploymentID", full);
    body.put("All", groups == null || groups.isEmpty());
    ArrayNode g = body.putArray("Groups");
    if (groups != null) {
      groups.forEach(g::add);
    }
    JsonNode r = api.put("/v1/deployment/promote/" + ApiClient.enc(full), body).body();
    return DeploymentFailCommand.report(api, out, json(), full, r, "promoted");
  }
}
