package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code caravan job dispatch ID [INPUT]}: starts an instance of a parameterized job with a payload and metadata. */
@Command(name = "dispatch", mixinStandardHelpOptions = true, description = "Dispatches a parameterized job.")
final class JobDispatchCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "The parameterized job's ID.")
  String id;

  @Parameters(index = "1", arity = "0..1", paramLabel = "INPUT", description = "A file whose bytes are the payload.")
  Path input;

  @Option(names = "-meta", paramLabel = "KEY=VALUE", description = "Dispatch metadata (repeatable).")
  List<String> meta = new ArrayList<>();

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    ObjectNode body = new ObjectMapper().createObjectNode();
    ObjectNode m = body.putObject("Meta");
    for (String kv : meta) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        spec.commandLine().getErr().println("Error: -meta must be KEY=VALUE, got \"" + kv + "\"");
        return ExitCodes.USAGE;
      }
      m.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    if (input != null) {
      body.put("Payload", Base64.getEncoder().encodeToString(Files.readAllBytes(input)));
    }
    JsonNode r = api.put("/v1/job/" + ApiClient.enc(id) + "/dispatch", body).body();
    if (json()) {
      printJson(out, r);
    } else {
      out.println("Dispatched Job ID = " + r.path("DispatchedJobID").asText());
      out.println("Evaluation ID     = " + r.path("EvalID").asText());
    }
    return ExitCodes.OK;
  }
}
