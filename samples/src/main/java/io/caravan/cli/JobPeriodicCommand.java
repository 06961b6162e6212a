package io.caravan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code caravan job periodic} command group. */
@Command(name = "periodic", mixinStandardHelpOptions = true, description = "Work with periodic jobs.",
    subcommands = {JobPeriodicForceCommand.class})
final class JobPeriodicCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
