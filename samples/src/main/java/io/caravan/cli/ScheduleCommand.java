package io.caravan.cli;

import io.caravan.scheduler.scenario.ScenarioException;
import io.caravan.scheduler.scenario.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caravan schedule SCENARIO.json}: runs one scheduling scenario and prints its placement summary. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
    description = "Runs a scheduling scenario (nodes, existing allocations, a job) and prints one line of JSON.")
final class ScheduleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (JSON).")
  Path scenario;

  @Override
  public Integer call() throws Exception {
    String json = Files.readString(scenario);
    try {
      spec.commandLine().getOut().println(new ScenarioRunner().run(json));
      return ExitCodes.OK;
    } catch (ScenarioException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return ExitCodes.INVALID_INPUT;
    }
  }
}
