package io.caravan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code caravan operator} command group. */
@Command(name = "operator", mixinStandardHelpOptions = true, description = "Operate the cluster.",
    subcommands = {OperatorSnapshotCommand.class})
final class OperatorCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
