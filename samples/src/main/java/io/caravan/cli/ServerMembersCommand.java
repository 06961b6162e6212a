package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code caravan server members}: the servers of the cluster as the agent knows them. */
@Command(name = "members", mixinStandardHelpOptions = true, description = "Lists the servers.")
final class ServerMembersCommand extends ApiCommand {
  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    JsonNode m = api.get("/v1/agent/members").body();
    if (json()) {
      printJson(out, m);
      return ExitCodes.OK;
    }
    Table t = new Table("Name", "Address", "Port", "Status", "Leader", "Raft Version", "Build", "Datacenter", "Region");
    m.path("Members").forEach(s -> t.row(s.path("Name").asText(), s.path("Addr").asText(), s.path("Port").asInt(),
        s.path("Status").asText(), s.path("Tags").path("leader").asText(), s.path("Tags").path("raft_vsn").asText(),
        s.path("Tags").path("build").asText(), s.path("Tags").path("dc").asText(),
        s.path("Tags").path("region").asText()));
    t.print(out);
    return ExitCodes.OK;
  }
}
