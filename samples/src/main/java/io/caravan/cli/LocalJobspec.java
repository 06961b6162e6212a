package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.jobspec.JobspecParser;
import io.caravan.jobspec.JobspecResult;
import io.caravan.model.json.NomadJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;

/** Parses a jobspec file on the command's side (as Nomad's CLI does) into the {@code {"Job": ...}} request body. */
final class LocalJobspec {
  private static final ObjectMapper M = new ObjectMapper();

  private LocalJobspec() {}

  /** The job's API JSON, or empty after printing the diagnostics to {@code err}. */
  static Optional<JsonNode> parse(JobspecOptions jobspec, PrintWriter err) throws Exception {
    byte[] bytes = Files.readAllBytes(jobspec.file);
    JobspecResult result = JobspecParser.parse(bytes, jobspec.file.toString(), jobspec.toParseOptions(System.getenv()));
    if (result.hasErrors() || result.job().isEmpty()) {
      DiagnosticPrinter.print(err, result.diagnostics(), new String(bytes, StandardCharsets.UTF_8));
      err.flush();
      return Optional.empty();
    }
    return Optional.of(NomadJson.strict().toTree(result.job().get()));
  }

  /** {@code {"Job": job}}. */
  static ObjectNode request(JsonNode job) {
    ObjectNode body = M.createObjectNode();
    body.set("Job", job);
    return body;
  }
}
