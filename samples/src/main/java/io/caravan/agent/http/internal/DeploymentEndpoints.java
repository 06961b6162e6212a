package io.caravan.agent.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.model.cluster.Deployment;
import io.caravan.state.server.CaravanServer;
import io.caravan.state.server.JobWriteResult;
import io.caravan.state.store.UnknownObjectException;
import java.util.ArrayList;
import java.util.List;

/**
 * Nomad's deployment writes: {@code PUT /v1/deployment/promote/:id} (body {@code DeploymentID, All,
 * Groups}), {@code /v1/deployment/fail/:id} and {@code /v1/deployment/pause/:id} (body {@code Pause}),
 * each answering with Nomad's DeploymentUpdateResponse; and {@code GET /v1/deployment/allocations/:id}.
 */
public final class DeploymentEndpoints {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final CaravanServer server;

  public DeploymentEndpoints(CaravanServer server) {
    this.server = server;
  }

  /** {@code /v1/deployment/<action>/:id}. */
  public Indexed action(ApiRequest req, String action, String id) {
    if (action.equals("allocations")) {
      return allocations(req, id);
    }
    Routes.requireMethod(req, "PUT", "POST");
    JsonNode body = req.optionalJsonBody();
    String given = body.path("DeploymentID").asText("");
    if (!given.isEmpty() && !given.equals(id)) {
      throw ApiException.badRequest("DeploymentID \"" + given + "\" in the body does not match \"" + id + "\" in the path");
    }
    if (server.snapshot().deploymentById(id).isEmpty()) {
      throw new UnknownObjectException("deployment", id);
    }
    JobWriteResult r = switch (action) {
      case "promote" -> server.promoteDeployment(id, groups(body));
      case "fail" -> server.failDeployment(id);
      case "pause" -> {
        JsonNode pause = body.get("Pause");
        if (pause == null || !pause.isBoolean()) {
          throw ApiException.badRequest("Pause must be true or false");
        }
        yield server.pauseDeployment(id, pause.asBoolean());
      }
      default -> throw ApiException.notFound("no such endpoint: /v1/deployment/" + action + "/" + id);
    };
    ObjectNode out = F.objectNode();
    out.put("EvalID", r.evalId() == null ? "" : r.evalId());
    out.put("EvalCreateIndex", r.evalId() == null ? 0 : r.index());
    out.put("DeploymentModifyIndex", r.index());
    out.putNull("RevertedJobVersion");
    out.put("Index", r.index());
    return new Indexed(out, r.index());
  }

  /** {@code GET /v1/deployment/allocations/:id}: the deployment's allocations as stubs. */
  private Indexed allocations(ApiRequest req, String id) {
    Routes.requireMethod(req, "GET");
    return BlockingQuery.run(server, req, s -> {
      Deployment d = s.deploymentById(id).orElseThrow(() -> ApiException.notFound("deployment not found: " + id));
      ArrayNode out = F.arrayNode();
      s.allocsByJob(d.namespace(), d.jobID()).stream().filter(a -> id.equals(a.deploymentID()))
          .forEach(a -> out.add(ApiViews.allocStub(a)));
      return new Indexed(out, s.tableIndex("allocs"));
    });
  }

  /** The groups to promote: empty for {@code All}; at least one named otherwise. */
  private static List<String> groups(JsonNode body) {
    JsonNode all = body.get("All");
    if (all != null && !all.isNull() && !all.isBoolean()) {
      throw ApiException.badRequest("All must be true or false");
    }
    if (all != null && all.asBoolean()) {
      return List.of();
    }
    JsonNode groups = body.get("Groups");
    List<String> out = new ArrayList<>();
    if (groups != null && !groups.isNull()) {
      if (!groups.isArray()) {
        throw ApiException.badRequest("Groups must be a list of task group names");
      }
      groups.forEach(g -> {
        if (!g.isTextual() || g.asText().isEmpty()) {
          throw ApiException.badRequest("Groups must be a list of task group names");
        }
        out.add(g.asText());
      });
    }
    if (out.isEmpty()) {
      throw ApiException.badRequest("must specify at least one task group to promote (or All)");
    }
    return out;
  }
}
