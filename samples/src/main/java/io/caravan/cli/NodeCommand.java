package io.caravan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code caravan node} command group. */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Work with client nodes.",
    subcommands = {NodeStatusCommand.class, NodeDrainCommand.class, NodeEligibilityCommand.class})
final class NodeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
