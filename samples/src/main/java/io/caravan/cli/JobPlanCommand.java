package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code caravan job plan FILE}: asks the scheduler what registering the job would do, without doing
 * it, and prints it as Nomad's {@code job plan} does: the job diff against the registered version
 * with its annotations ({@code +} added, {@code -} deleted, {@code +/-} edited; per group the
 * update counts such as {@code 1 create/destroy update}, per task {@code forces create/destroy
 * update} or {@code forces in-place update}), then the scheduler dry run (per group the counts and,
 * for groups that would not be placed, why: nodes filtered by which constraint, which resource
 * dimension was exhausted). Exit codes as Nomad's: 0 no allocation would be created or destroyed,
 * 1 some would, 255 an error (2 for an invalid jobspec).
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Dry-runs a job: the diff against the registered job (+ added, - deleted, +/- edited, with "
        + "'forces create/destroy update' or 'forces in-place update' per task and the update counts per group) "
        + "and what the scheduler would place, with the reasons for placements that would fail.",
        "Exit 0: no allocations created or destroyed, 1: some would be, 255: error."})
final class JobPlanCommand extends ApiCommand {
  /** Nomad's exit code of a failed {@code job plan}. */
  static final int PLAN_ERROR = 255;

  @Mixin JobspecOptions jobspec;

  @Option(names = "-diff", arity = "0..1", defaultValue = "true", fallbackValue = "true",
      description = "Show the diff between the registered job and this one (default true; -diff=false hides it).")
  boolean diff = true;

  @Option(names = "-verbose", description = "Expand added and deleted task groups and tasks in the diff.")
  boolean verbose;

  @Override
  int errorCode(ApiClient.ApiError e) {
    return e.status == 400 ? ExitCodes.USAGE : PLAN_ERROR;
  }

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    Optional<JsonNode> job = LocalJobspec.parse(jobspec, spec.commandLine().getErr());
    if (job.isEmpty()) {
      return ExitCodes.USAGE;
    }
    ObjectNode body = LocalJobspec.request(job.get());
    body.put("Diff", true);
    JsonNode r = api.put("/v1/job/" + ApiClient.enc(job.get().path("ID").asText()) + "/plan", body).body();
    int code = exitCode(r);
    if (json()) {
      printJson(out, r);
      return code;
    }
    JsonNode jobDiff = r.path("Diff");
    if (diff && jobDiff.isObject()) {
      out.println(PlanDiffFormatter.format(jobDiff, verbose));
      out.println();
    }
    out.println("Scheduler dry-run:");
    printDryRun(out, r, job.get().path("Type").asText("service"));
    out.println();
    out.println("Job Modify Index: " + r.path("JobModifyIndex").asLong());
    return code;
  }

  /** Nomad's rule: 0 when the job is unchanged or nothing would be placed, stopped, migrated or replaced. */
  static int exitCode(JsonNode plan) {
    if (plan.path("Diff").path("Type").asText("").equals("None")) {
      return ExitCodes.OK;
    }
    for (JsonNode u : plan.path("Annotations").path("DesiredTGUpdates")) {
      if (u.path("Place").asLong() + u.path("Stop").asLong() + u.path("DestructiveUpdate").asLong()
          + u.path("Migrate").asLong() + u.path("Canary").asLong() > 0) {
        return 1;
      }
    }
    return ExitCodes.OK;
  }

  private static void printDryRun(PrintWriter out, JsonNode r, String jobType) {
    JsonNode failed = r.path("FailedTGAllocs");
    if (!failed.isObject() || failed.isEmpty()) {
      out.println("- All tasks successfully allocated.");
    } else {
      out.println(jobType.equals("system") ? "- WARNING: Failed to place allocations on all nodes."
          : "- WARNING: Failed to place all allocations.");
      Map<String, JsonNode> groups = new TreeMap<>();
      failed.fields().forEachRemaining(e -> groups.put(e.getKey(), e.getValue()));
      groups.forEach((group, metrics) -> {
        long n = metrics.path("CoalescedFailures").asLong() + 1;
        out.println("  Task Group \"" + group + "\" (failed to place " + n + " allocation" + (n > 1 ? "s" : "") + "):");
        PlacementExplanation.print(out, metrics, "    ");
        out.println();
      });
    }
    JsonNode updates = r.path("Annotations").path("DesiredTGUpdates");
    if (updates.isObject() && !updates.isEmpty()) {
      Table t = new Table("Task Group", "Place", "Stop", "In-place update", "Destructive update", "Migrate",
          "Canary", "Ignore");
      updates.fields().forEachRemaining(e -> t.row(e.getKey(), e.getValue().path("Place").asLong(),
          e.getValue().path("Stop").asLong(), e.getValue().path("InPlaceUpdate").asLong(),
          e.getValue().path("DestructiveUpdate").asLong(), e.getValue().path("Migrate").asLong(),
          e.getValue().path("Canary").asLong(), e.getValue().path("Ignore").asLong()));
      t.print(out);
    }
    for (JsonNode e : r.path("CreatedEvals")) {
      if (e.path("TriggeredBy").asText().equals("rolling-update")) {
        out.println("- Rolling update, next evaluation will be in " + java.math.BigDecimal.valueOf(e.path("Wait").asLong())
            .movePointLeft(9).stripTrailingZeros().toPlainString() + "s.");
      }
    }
  }
}
