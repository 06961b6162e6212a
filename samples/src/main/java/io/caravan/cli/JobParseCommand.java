package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.jobspec.JobspecParser;
import io.caravan.jobspec.JobspecResult;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.json.NomadJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code caravan job parse FILE}: prints the job as Nomad API JSON ({@code {"Job": {...}}}). */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = "Parses a jobspec and prints it as Nomad API JSON, like `nomad job run -output`.")
final class JobParseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JobspecOptions jobspec;

  @Option(names = "-canonical", description = "Fill in Nomad's defaults (api.Job.Canonicalize).")
  boolean canonical;

  @Override
  public Integer call() throws Exception {
    byte[] bytes = Files.readAllBytes(jobspec.file);
    JobspecResult result = JobspecParser.parse(bytes, jobspec.file.toString(), jobspec.toParseOptions(System.getenv()));
    if (result.hasErrors() || result.job().isEmpty()) {
      DiagnosticPrinter.print(spec.commandLine().getErr(), result.diagnostics(), new String(bytes, StandardCharsets.UTF_8));
      return ExitCodes.INVALID_INPUT;
    }
    NomadJson codec = NomadJson.strict();
    JsonNode job = canonical ? codec.toTree(Canonicalizer.canonicalize(result.job().get())) : codec.toTree(result.job().get());
    ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
    wrapper.set("Job", job);
    spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValueAsString(wrapper));
    return ExitCodes.OK;
  }
}
