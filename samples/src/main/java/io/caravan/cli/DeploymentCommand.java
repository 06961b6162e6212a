package io.caravan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code caravan deployment} command group. */
@Command(name = "deployment", mixinStandardHelpOptions = true, description = "Work with deployments.",
    subcommands = {DeploymentStatusCommand.class, DeploymentPromoteCommand.class, DeploymentFailCommand.class})
final class DeploymentCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
