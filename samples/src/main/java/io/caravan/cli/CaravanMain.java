package io.caravan.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of the {@code caravan} program: a picocli command with one subcommand per feature. */
@Command(
    name = "caravan",
    mixinStandardHelpOptions = true,
    versionProvider = CaravanVersion.class,
    description = "Caravan: an embeddable cluster scheduler compatible with Nomad jobspecs.",
    subcommands = {RunCommand.class, AgentCommand.class, JobCommand.class, NodeCommand.class, AllocCommand.class,
        EvalCommand.class, DeploymentCommand.class, ServerCommand.class, OperatorCommand.class, ScheduleCommand.class,
        CommandLine.HelpCommand.class})
public final class CaravanMain implements Runnable {

  @Spec CommandSpec spec;

  /** Runs the program and exits the JVM with the command's exit code. */
  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs the program with the given output streams and returns its exit code: 0 on success,
   * 1 on invalid input, 2 on usage errors.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Builds the command tree with Caravan's exit-code conventions. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CaravanMain());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return cli;
  }

  @Override
  public void run() {
    // Without a subcommand the program shows its usage and fails as a usage error.
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
