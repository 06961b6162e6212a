package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code caravan node status [ID]}: every node, or one node with its drivers and allocations. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Lists client nodes, or shows one.")
final class NodeStatusCommand extends ApiCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The node's ID or a unique prefix of it.")
  String id;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    if (id == null) {
      JsonNode nodes = api.get("/v1/nodes").body();
      if (json()) {
        printJson(out, nodes);
      } else if (nodes.isEmpty()) {
        out.println("No nodes registered");
      } else {
        Table t = new Table("ID", "Node Pool", "DC", "Name", "Class", "Address", "Drain", "Eligibility", "Status");
        nodes.forEach(n -> t.row(shortId(n.path("ID").asText()), n.path("NodePool").asText(),
            n.path("Datacenter").asText(), n.path("Name").asText(), n.path("NodeClass").asText("<none>").isEmpty()
                ? "<none>" : n.path("NodeClass").asText(), n.path("Address").asText(), n.path("Drain").asBoolean(),
            n.path("SchedulingEligibility").asText(), n.path("Status").asText()));
        t.print(out);
      }
      return ExitCodes.OK;
    }
    String full = resolvePrefix(api, "/v1/nodes", "node", id);
    JsonNode node = api.get("/v1/node/" + ApiClient.enc(full)).body();
    if (json()) {
      printJson(out, node);
      return ExitCodes.OK;
    }
    List<String> drivers = new ArrayList<>();
    node.path("Drivers").fields().forEachRemaining(e -> {
      if (e.getValue().path("Detected").asBoolean()) {
        drivers.add(e.getKey() + (e.getValue().path("Healthy").asBoolean() ? "" : " (unhealthy)"));
      }
    });
    JsonNode res = node.path("NodeResources");
    Table.keyValues(out,
        "ID", node.path("ID").asText(),
        "Name", node.path("Name").asText(),
        "Node Pool", node.path("NodePool").asText(),
        "Class", node.path("NodeClass").asText().isEmpty() ? "<none>" : node.path("NodeClass").asText(),
        "DC", node.path("Datacenter").asText(),
        "Drain", node.path("DrainStrategy").isObject() ? "true" : "false",
        "Eligibility", node.path("SchedulingEligibility").asText(),
        "Status", node.path("Status").asText(),
        "CPU", res.path("Cpu").path("CpuShares").asLong() + " MHz",
        "Memory", res.path("Memory").path("MemoryMB").asLong() + " MiB",
        "Disk", res.path("Disk").path("DiskMB").asLong() + " MiB",
        "Drivers", String.join(", ", drivers));
    JsonNode allocs = api.get("/v1/node/" + ApiClient.enc(full) + "/allocations").body();
    out.println();
    out.println("Allocations");
    if (allocs.isEmpty()) {
      out.println("No allocations placed");
    } else {
      Table t = new Table("ID", "Job ID", "Task Group", "Desired", "Status", "Created");
      allocs.forEach(a -> t.row(shortId(a.path("ID").asText()), a.path("JobID").asText(), a.path("TaskGroup").asText(),
          a.path("DesiredStatus").asText(), a.path("ClientStatus").asText(), time(a.path("CreateTime").asLong())));
      t.print(out);
    }
    return ExitCodes.OK;
  }
}
