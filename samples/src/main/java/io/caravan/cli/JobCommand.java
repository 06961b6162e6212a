package io.caravan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code caravan job} command group: parse, validate and (later) run jobs. */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = "Work with jobs: parse and validate jobspecs.",
    subcommands = {JobParseCommand.class, JobValidateCommand.class, JobRunCommand.class, JobStatusCommand.class,
        JobStopCommand.class, JobPlanCommand.class, JobDispatchCommand.class, JobPeriodicCommand.class})
final class JobCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
