package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command against a running agent: {@code -address}/{@code CARAVAN_ADDR}, {@code -json}, and exit
 * codes 0 (done), 1 (the agent answered with an error, the object is unknown, or it is unreachable)
 * and 2 (usage or invalid input, including input the agent rejected with 400).
 */
abstract class ApiCommand implements Callable<Integer> {
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;

  @Mixin AgentAddress agent;

  /** Does the work; returns the exit code. */
  abstract int run(ApiClient api, PrintWriter out) throws Exception;

  @Override
  public final Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try {
      int code = run(agent.client(), out);
      out.flush();
      return code;
    } catch (ApiClient.ApiError e) {
      out.flush();
      spec.commandLine().getErr().println("Error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return errorCode(e);
    }
  }

  /** The exit code of a failed call: 2 when the agent rejected the input (400), else 1. */
  int errorCode(ApiClient.ApiError e) {
    return e.status == 400 ? ExitCodes.USAGE : ExitCodes.ERROR;
  }

  boolean json() {
    return agent.json;
  }

  static void printJson(PrintWriter out, JsonNode value) throws Exception {
    out.println(PRETTY.writeValueAsString(value));
  }

  /** A Nomad timestamp (nanoseconds since the epoch) as an ISO instant, or "-" when unset. */
  static String time(long nanos) {
    return nanos <= 0 ? "-" : Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L)
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /** The first 8 characters of an ID, as Nomad's CLI shows them. */
  static String shortId(String id) {
    return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
  }

  /**
   * Resolves an ID prefix to one object with the list endpoint ({@code /v1/allocations} …): the exact
   * ID when it exists, else the single object whose ID starts with it.
   */
  static String resolvePrefix(ApiClient api, String listPath, String kind, String prefix) {
    JsonNode list = api.get(listPath + "?prefix=" + ApiClient.enc(prefix)).body();
    if (list.size() == 1) {
      return list.get(0).get("ID").asText();
    }
    for (JsonNode n : list) {
      if (n.get("ID").asText().equals(prefix)) {
        return prefix;
      }
    }
    if (list.isEmpty()) {
      throw new ApiClient.ApiError(404, "No " + kind + " with prefix or ID \"" + prefix + "\" found");
    }
    StringBuilder b = new StringBuilder("Prefix \"" + prefix + "\" matched multiple " + kind + "s:");
    list.forEach(n -> b.append("\n  ").append(n.get("ID").asText()));
    throw new ApiClient.ApiError(400, b.toString());
  }
}
