package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.runtime.driver.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
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

  @Option(names = "-force", description = "Migrate every allocation now, ignoring migrate.max_parallel.")
  boolean force;

  @Option(names = "-no-deadline", description = "Never force the remaining allocations off the node.")
  boolean noDeadline;

  @Option(names = "-yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "-monitor", description = "With -enable: wait until the drain is complete, printing its progress.")
  boolean monitor;

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
    if (force && noDeadline) {
      spec.commandLine().getErr().println("Error: -force and -no-deadline cannot be used together");
      return ExitCodes.USAGE;
    }
    String full = resolvePrefix(api, "/v1/nodes", "node", id);
    if (!yes && System.console() != null) {
      String question = "Are you sure you want to " + (mode.enable ? "enable" : "disable") + " drain mode for node \""
          + full + "\"? [y/N] ";
      String answer = System.console().readLine("%s", question);
      if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
        out.println("Canceled");
        return ExitCodes.ERROR;
      }
    }
    ObjectNode body = new ObjectMapper().createObjectNode();
    if (mode.enable) {
      ObjectNode spec = body.putObject("DrainSpec");
      spec.put("Deadline", force ? -1 : noDeadline ? 0 : d.toNanos());
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
    if (mode.enable && monitor) {
      return monitor(api, out, full);
    }
    return ExitCodes.OK;
  }

  /** Follows the node with blocking queries until its drain strategy is cleared, printing how many allocations are left. */
  private int monitor(ApiClient api, PrintWriter out, String nodeId) throws InterruptedException {
    long index = 0;
    long lastLive = -1;
    while (true) {
      ApiClient.Reply node = api.get("/v1/node/" + ApiClient.enc(nodeId) + "?index=" + index + "&wait=5s");
      index = node.index();
      long live = 0;
      for (JsonNode a : api.get("/v1/node/" + ApiClient.enc(nodeId) + "/allocations").body()) {
        boolean terminal = !"run".equals(a.path("DesiredStatus").asText())
            || List.of("complete", "failed", "lost").contains(a.path("ClientStatus").asText());
        live += terminal ? 0 : 1;
      }
      if (!node.body().path("DrainStrategy").isObject()) {
        out.println("Node \"" + nodeId + "\" drain complete");
        out.flush();
        return ExitCodes.OK;
      }
      if (live != lastLive && !json()) {
        out.println("Node \"" + nodeId + "\": " + live + " allocation(s) left");
        out.flush();
        lastLive = live;
      }
    }
  }
}
