package io.caravan.agent.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.DrainSpec;
import io.caravan.model.cluster.DrainStrategy;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.model.json.ModelJsonException;
import io.caravan.model.json.NomadJson;
import io.caravan.state.server.CaravanServer;
import io.caravan.state.store.StateSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** {@code /v1/allocations}, {@code /v1/allocation/:id}, evaluations, deployments and nodes. */
public final class ClusterEndpoints {
  private static final NomadJson JSON = NomadJson.lenient();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** Go's zero time, what Nomad writes for "no deadline". */
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final CaravanServer server;
  private final Clock clock;

  public ClusterEndpoints(CaravanServer server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  private static <T> Predicate<T> inNamespace(ApiRequest req, java.util.function.Function<T, String> ns) {
    String want = req.namespace();
    return t -> "*".equals(want) || want.equals(ns.apply(t) == null || ns.apply(t).isEmpty() ? "default" : ns.apply(t));
  }

  /** {@code GET /v1/allocations}. */
  public Indexed allocations(ApiRequest req) {
    Routes.requireMethod(req, "GET");
    String prefix = req.param("prefix").orElse("");
    Predicate<Allocation> ns = inNamespace(req, Allocation::namespace);
    return BlockingQuery.run(server, req, s -> {
      ArrayNode out = F.arrayNode();
      s.allocs().stream().filter(ns).filter(a -> a.id().startsWith(prefix))
          .forEach(a -> out.add(ApiViews.allocStub(a)));
      return new Indexed(out, s.tableIndex("allocs"));
    });
  }

  /** {@code GET /v1/allocation/:id}. */
  public Indexed allocation(ApiRequest req, String id) {
    Routes.requireMethod(req, "GET");
    return BlockingQuery.run(server, req, s -> {
      Allocation a = s.allocById(id).orElseThrow(() -> ApiException.notFound("alloc not found: " + id));
      return new Indexed(JSON.toTree(a), a.modifyIndex());
    });
  }

  /** {@code GET /v1/evaluations}. */
  public Indexed evaluations(ApiRequest req) {
    Routes.requireMethod(req, "GET");
    String prefix = req.param("prefix").orElse("");
    Predicate<Evaluation> ns = inNamespace(req, Evaluation::namespace);
    return BlockingQuery.run(server, req, s -> {
      List<Evaluation> evals = s.evals().stream().filter(ns).filter(e -> e.id().startsWith(prefix))
          .sorted(Comparator.comparing(Evaluation::createIndex)).toList();
      return new Indexed(JSON.toTree(evals), s.tableIndex("evals"));
    });
  }

  /** {@code GET /v1/evaluation/:id}. */
  public Indexed evaluation(ApiRequest req, String id) {
    Routes.requireMethod(req, "GET");
    return BlockingQuery.run(server, req, s -> {
      Evaluation e = s.evalById(id).orElseThrow(() -> ApiException.notFound("eval not found: " + id));
      return new Indexed(JSON.toTree(e), e.modifyIndex());
    });
  }

  /** {@code GET /v1/evaluation/:id/allocations}. */
  public Indexed evaluationAllocations(ApiRequest req, String id) {
    Routes.requireMethod(req, "GET");
    return BlockingQuery.run(server, req, s -> {
      ArrayNode out = F.arrayNode();
      s.allocsByEval(id).forEach(a -> out.add(ApiViews.allocStub(a)));
      return new Indexed(out, s.tableIndex("allocs"));
    });
  }

  /** {@code GET /v1/deployments}. */
  public Indexed deployments(ApiRequest req) {
    Routes.requireMethod(req, "GET");
    String prefix = req.param("prefix").orElse("");
    Predicate<Deployment> ns = inNamespace(req, Deployment::namespace);
    return BlockingQuery.run(server, req, s -> {
      List<Deployment> ds = s.deployments().stream().filter(ns).filter(d -> d.id().startsWith(prefix))
          .sorted(Comparator.comparing(Deployment::createIndex)).toList();
      return new Indexed(JSON.toTree(ds), s.tableIndex("deployment"));
    });
  }

  /** {@code GET /v1/deployment/:id}. */
  public Indexed deployment(ApiRequest req, String id) {
    Routes.requireMethod(req, "GET");
    return BlockingQuery.run(server, req, s -> {
      Deployment d = s.deploymentById(id).orElseThrow(() -> ApiException.notFound("deployment not found: " + id));
      return new Indexed(JSON.toTree(d), d.modifyIndex());
    });
  }

  /** {@code GET /v1/nodes}. */
  public Indexed nodes(ApiRequest req) {
    Routes.requireMethod(req, "GET");
    String prefix = req.param("prefix").orElse("");
    boolean resources = req.flag("resources");
    return BlockingQuery.run(server, req, s -> {
      ArrayNode out = F.arrayNode();
      s.nodes().stream().filter(n -> n.id().startsWith(prefix)).sorted(Comparator.comparing(Node::id))
          .forEach(n -> out.add(ApiViews.nodeStub(n, resources)));
      return new Indexed(out, s.tableIndex("nodes"));
    });
  }

  /** {@code /v1/node/:id[/allocations|drain|eligibility]}. */
  public Indexed node(ApiRequest req, String id, java.util.Optional<String> sub) {
    if (sub.isEmpty()) {
      Routes.requireMethod(req, "GET");
      return BlockingQuery.run(server, req, s -> {
        Node n = requireNode(s, id);
        ObjectNode tree = (ObjectNode) JSON.toTree(n);
        tree.put("SecretID", "");
        return new Indexed(tree, n.modifyIndex());
      });
    }
    return switch (sub.get()) {
      case "allocations" -> {
        Routes.requireMethod(req, "GET");
        yield BlockingQuery.run(server, req, s -> {
          requireNode(s, id);
          return new Indexed(JSON.toTree(s.allocsByNode(id)), s.tableIndex("allocs"));
        });
      }
      case "drain" -> drain(req, id);
      case "eligibility" -> eligibility(req, id);
      default -> throw ApiException.notFound("no such endpoint: /v1/node/" + id + "/" + sub.get());
    };
  }

  private static Node requireNode(StateSnapshot s, String id) {
    return s.nodeById(id).orElseThrow(() -> ApiException.notFound("node not found: " + id));
  }

  private Indexed drain(ApiRequest req, String id) {
    Routes.requireMethod(req, "PUT", "POST");
    JsonNode body = req.jsonBody();
    requireNode(server.snapshot(), id);
    JsonNode specTree = body.get("DrainSpec");
    DrainStrategy strategy = null;
    if (specTree != null && !specTree.isNull()) {
      DrainSpec spec;
      try {
        spec = JSON.read(specTree, DrainSpec.class);
      } catch (ModelJsonException e) {
        throw ApiException.badRequest("invalid DrainSpec" + (e.path().isEmpty() ? "" : "." + e.path()) + ": "
            + e.getMessage());
      }
      Instant now = clock.instant();
      Duration deadline = spec.deadline() == null ? Duration.ZERO : spec.deadline();
      String force = deadline.isNegative() ? now.toString() : deadline.isZero() ? ZERO_TIME : now.plus(deadline).toString();
      strategy = new DrainStrategy(spec, force, now.toString());
    }
    boolean markEligible = body.path("MarkEligible").asBoolean(false);
    long index = server.updateNodeDrain(id, strategy, markEligible);
    return nodeUpdateAnswer(id, index);
  }

  private Indexed eligibility(ApiRequest req, String id) {
    Routes.requireMethod(req, "PUT", "POST");
    JsonNode body = req.jsonBody();
    Node node = requireNode(server.snapshot(), id);
    String elig = body.path("Eligibility").asText("");
    if (!NodeStatus.ELIGIBLE.equals(elig) && !NodeStatus.INELIGIBLE.equals(elig)) {
      throw ApiException.badRequest("Eligibility must be \"eligible\" or \"ineligible\", got \"" + elig + "\"");
    }
    if (NodeStatus.ELIGIBLE.equals(elig) && node.drainStrategy() != null) {
      throw ApiException.badRequest("can not set node's scheduling eligibility to eligible while it is draining");
    }
    long index = server.updateNodeEligibility(id, elig);
    return nodeUpdateAnswer(id, index);
  }

  private Indexed nodeUpdateAnswer(String nodeId, long index) {
    StateSnapshot s = server.snapshot();
    ArrayNode evalIds = F.arrayNode();
    s.evals().stream().filter(e -> e.createIndex() == index && nodeId.equals(e.nodeID()))
        .forEach(e -> evalIds.add(e.id()));
    ObjectNode out = F.objectNode();
    out.set("EvalIDs", evalIds);
    out.put("EvalCreateIndex", evalIds.isEmpty() ? 0 : index);
    out.put("NodeModifyIndex", index);
    out.put("Index", index);
    return new Indexed(out, index);
  }
}
