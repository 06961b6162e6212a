package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code caravan job run FILE}: parses the jobspec here, registers it with the agent and (unless
 * {@code -detach}) follows its evaluation until the scheduler finished it, listing the placements.
 * Exit 2 when the jobspec is invalid or some allocations could not be placed (as Nomad's CLI).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Registers a job with a running agent and follows its evaluation.")
final class JobRunCommand extends ApiCommand {
  @Mixin JobspecOptions jobspec;

  @Option(names = "-detach", description = "Return after registering, with the evaluation ID.")
  boolean detach;

  @Override
  int run(ApiClient api, PrintWriter out) throws Exception {
    Optional<JsonNode> job = LocalJobspec.parse(jobspec, spec.commandLine().getErr());
    if (job.isEmpty()) {
      return ExitCodes.USAGE;
    }
    ApiClient.Reply reply = api.put("/v1/jobs", LocalJobspec.request(job.get()));
    String evalId = reply.body().path("EvalID").asText("");
    if (json()) {
      printJson(out, reply.body());
    } else {
      out.println("==> Job \"" + job.get().path("ID").asText() + "\" registered (index "
          + reply.body().path("JobModifyIndex").asLong() + ")");
      out.println(evalId.isEmpty() ? "    Periodic or parameterized job: no evaluation was created"
          : "    Evaluation ID: " + evalId);
    }
    out.flush();
    if (detach || evalId.isEmpty()) {
      return ExitCodes.OK;
    }
    return EvalMonitor.follow(api, evalId, out, json());
  }
}
