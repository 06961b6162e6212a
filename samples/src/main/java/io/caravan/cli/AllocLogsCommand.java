package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code caravan alloc logs [-f] [-stderr] ALLOC [TASK]}: a task's output, read by the agent running it. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Prints (and follows) a task's stdout or stderr.")
final class AllocLogsCommand extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ALLOC", description = "The allocation's ID or a unique prefix of it.")
  String alloc;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "The task (optional with one task).")
  String task;

  @Option(names = "-f", description = "Follow the output until the allocation stops.")
  boolean follow;

  @Option(names = "-stderr", description = "Show stderr instead of stdout.")
  boolean stderr;

  @Option(names = "-tail", description = "Start at the end (with -n bytes).")
  boolean tail;

  @Option(names = "-n", paramLabel = "BYTES", defaultValue = "0", description = "With -tail: bytes before the end.")
  long bytes;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    String full = resolvePrefix(api, "/v1/allocations", "allocation", alloc);
    String name = task;
    if (name == null) {
      JsonNode a = api.get("/v1/allocation/" + ApiClient.enc(full)).body();
      List<String> tasks = new ArrayList<>();
      for (JsonNode g : a.path("Job").path("TaskGroups")) {
        if (g.path("Name").asText().equals(a.path("TaskGroup").asText())) {
          g.path("Tasks").forEach(t -> tasks.add(t.path("Name").asText()));
        }
      }
      if (tasks.size() != 1) {
        spec.commandLine().getErr().println("Error: allocation " + shortId(full) + " has tasks " + tasks
            + "; name one: caravan alloc logs " + alloc + " TASK");
        return ExitCodes.USAGE;
      }
      name = tasks.get(0);
    }
    String path = "/v1/client/fs/logs/" + ApiClient.enc(full) + "?task=" + ApiClient.enc(name)
        + "&type=" + (stderr ? "stderr" : "stdout") + "&plain=true&follow=" + follow
        + (tail ? "&origin=end&offset=" + bytes : "");
    out.flush();
    try (Reader in = new InputStreamReader(api.stream(path), StandardCharsets.UTF_8)) {
      char[] buf = new char[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    }
    return ExitCodes.OK;
  }
}
