package io.caravan.cli;

import io.caravan.jobspec.JobspecParser;
import io.caravan.jobspec.JobspecResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code caravan job validate FILE}: checks a jobspec and prints its diagnostics with the source line. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Checks a jobspec; prints each problem with its source line and a caret under the column.")
final class JobValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JobspecOptions jobspec;

  @Override
  public Integer call() throws Exception {
    byte[] bytes = Files.readAllBytes(jobspec.file);
    JobspecResult result = JobspecParser.parse(bytes, jobspec.file.toString(), jobspec.toParseOptions(System.getenv()));
    if (result.hasErrors()) {
      DiagnosticPrinter.print(spec.commandLine().getErr(), result.diagnostics(), new String(bytes, StandardCharsets.UTF_8));
      return ExitCodes.INVALID_INPUT;
    }
    DiagnosticPrinter.print(spec.commandLine().getErr(), result.diagnostics(), new String(bytes, StandardCharsets.UTF_8));
    spec.commandLine().getOut().println("Job validation successful");
    return ExitCodes.OK;
  }
}
