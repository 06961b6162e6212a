package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.runtime.driver.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code caravan node drain -enable|-disable ID}: starts or cancels draining a node. */
@Command(name = "drain", mixinStandardHelpOptions = true, description = "Starts or cancels a node drain.")
final class NodeDrainCommand extends ApiCommand {
  static final class Mode {
    @Option(names = "-enable", required = true, description = "Start draining the node.") boolean enable;
    @Option(names = "-disable", required = true, description = "Cancel the node's drain.") boolean disable;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  @Parameters(index = "0", paramLabel = "ID", description = "The node's ID or a unique prefix of it.")
  String id;

  @Option(names = "-deadline", paramLabel = "DURATION", defaultValue = "1h",
      description = "How long allocations may take to migrate before they are stopped (default 1h).")
  String deadline;

  @Option(names = "-ignore-system", description = "Leave system jobs' allocations on the node.")
  boolean ignoreSystem;

  @Option(names = "-keep-ineligible", description = "With -disable: leave the node ineligible for new work.")
  boolean keepIneligible;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    Duration d;
    try {
      d = Durations.parse(deadline);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("Error: -deadline: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    String full = resolvePrefix(api, "/v1/nodes", "node", id);
    ObjectNode body = new ObjectMapper().createObjectNode();
    if (mode.enable) {
      ObjectNode spec = body.putObject("DrainSpec");
      spec.put("Deadline", d.toNanos());
      spec.put("IgnoreSystemJobs", ignoreSystem);
    } else {
      body.putNull("DrainSpec");
    }
    body.put("MarkEligible", mode.disable && !keepIneligible);
    JsonNode r = api.put("/v1/node/" + ApiClient.enc(full) + "/drain", body).body();
    if (json()) {
      printJson(out, r);
    } else {
      out.println(mode.enable ? "Node \"" + full + "\" drain strategy set" : "Node \"" + full + "\" drain cancelled");
    }
    return ExitCodes.OK;
  }
}
