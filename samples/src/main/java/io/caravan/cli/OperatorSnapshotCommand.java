package io.caravan.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code caravan operator snapshot save|restore FILE}: saves the cluster state to a file or restores it. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = "Save the cluster state to a file, or restore it from one.",
    subcommands = {OperatorSnapshotCommand.Save.class, OperatorSnapshotCommand.Restore.class})
final class OperatorSnapshotCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }

  /** {@code caravan operator snapshot save FILE}. */
  @Command(name = "save", mixinStandardHelpOptions = true,
      description = "Writes the agent's server state (Caravan's snapshot format) to FILE.")
  static final class Save extends ApiCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the snapshot.")
    Path file;

    @Override
    int run(ApiClient api, PrintWriter out) throws Exception {
      ApiClient.Bytes snapshot = api.getBytes("/v1/operator/snapshot");
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
      Files.write(tmp, snapshot.body());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (json()) {
        printJson(out, JsonNodeFactory.instance.objectNode().put("File", file.toString())
            .put("Index", snapshot.index()).put("Bytes", snapshot.body().length));
      } else {
        out.println("State file written to " + file + " (index " + snapshot.index() + ", "
            + snapshot.body().length + " bytes)");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code caravan operator snapshot restore FILE}. */
  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = {"Replaces the whole cluster state with the snapshot in FILE (written by `operator snapshot",
          "save`); every server applies it and the leader restarts its scheduling from it."})
  static final class Restore extends ApiCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The snapshot to restore.")
    Path file;

    @Override
    int run(ApiClient api, PrintWriter out) throws Exception {
      byte[] body;
      try {
        body = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        spec.commandLine().getErr().println("Error: no such file: " + file);
        return ExitCodes.USAGE;
      }
      ApiClient.Reply r = api.putBytes("/v1/operator/snapshot", body);
      if (json()) {
        printJson(out, r.body());
      } else {
        out.println("Snapshot restored (index " + r.body().path("Index").asLong() + ")");
      }
      return ExitCodes.OK;
    }
  }
}
