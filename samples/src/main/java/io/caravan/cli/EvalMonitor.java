package io.caravan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/** Follows an evaluation with blocking queries until it is no longer pending, then shows what it placed. */
final class EvalMonitor {
  private EvalMonitor() {}

  /** Returns 0 when every allocation was placed, 2 when some could not be (Nomad's exit code). */
  static int follow(ApiClient api, String evalId, PrintWriter out, boolean json) throws Exception {
    long index = 0;
    JsonNode eval;
    if (!json) {
      out.println("==> Monitoring evaluation \"" + ApiCommand.shortId(evalId) + "\"");
      out.flush();
    }
    while (true) {
      ApiClient.Reply r = api.get("/v1/evaluation/" + ApiClient.enc(evalId) + "?index=" + index + "&wait=30s");
      eval = r.body();
      index = r.index();
      String status = eval.path("Status").asText();
      if (!status.equals("pending")) {
        break;
      }
    }
    JsonNode allocs = api.get("/v1/evaluation/" + ApiClient.enc(evalId) + "/allocations").body();
    if (json) {
      ApiCommand.printJson(out, eval);
    } else {
      for (JsonNode a : allocs) {
        out.println("    Allocation \"" + ApiCommand.shortId(a.path("ID").asText()) + "\" created: node \""
            + ApiCommand.shortId(a.path("NodeID").asText()) + "\", group \"" + a.path("TaskGroup").asText() + "\"");
      }
    }
    JsonNode failed = eval.path("FailedTGAllocs");
    boolean placementFailed = failed.isObject() && failed.size() > 0;
    if (!json) {
      if (placementFailed) {
        out.println("==> Placement failures:");
        for (Iterator<Map.Entry<String, JsonNode>> it = failed.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode m = e.getValue();
          out.println("    Task group \"" + e.getKey() + "\": " + m.path("NodesEvaluated").asInt() + " nodes evaluated, "
              + m.path("NodesFiltered").asInt() + " filtered, " + m.path("NodesExhausted").asInt() + " exhausted");
          m.path("DimensionExhausted").fields().forEachRemaining(d ->
              out.println("      Dimension \"" + d.getKey() + "\" exhausted on " + d.getValue().asInt() + " nodes"));
          m.path("ConstraintFiltered").fields().forEachRemaining(d ->
              out.println("      Constraint \"" + d.getKey() + "\" filtered " + d.getValue().asInt() + " nodes"));
        }
      }
      out.println("==> Evaluation \"" + ApiCommand.shortId(evalId) + "\" finished with status \""
          + eval.path("Status").asText() + "\"");
    }
    return placementFailed || eval.path("Status").asText().equals("failed") ? ExitCodes.PLACEMENT_FAILED : ExitCodes.OK;
  }
}
