package io.caravan.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code caravan alloc} command group. */
@Command(name = "alloc", mixinStandardHelpOptions = true, description = "Work with allocations.",
    subcommands = {AllocStatusCommand.class, AllocLogsCommand.class})
final class AllocCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
