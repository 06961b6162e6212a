package io.caravan.agent.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.jobspec.JobspecParser;
import io.caravan.jobspec.JobspecResult;
import io.caravan.jobspec.ParseOptions;
import io.caravan.model.canonical.Canonicalizer;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Deployment;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.job.Job;
import io.caravan.model.json.ModelJsonException;
import io.caravan.model.json.NomadJson;
import io.caravan.state.server.CaravanServer;
import io.caravan.state.server.JobRejectedException;
import io.caravan.state.server.JobWriteResult;
import io.caravan.state.server.PlanPreview;
import io.caravan.state.store.StateSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code /v1/jobs}, {@code /v1/jobs/parse} and {@code /v1/job/:id/...}. */
public final class JobEndpoints {
  private static final NomadJson JSON = NomadJson.lenient();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** The file name Nomad's parse endpoint gives the submitted HCL in diagnostics. */
  static final String PARSE_FILENAME = "input.hcl";

  private final CaravanServer server;

  public JobEndpoints(CaravanServer server) {
    this.server = server;
  }

  /** {@code GET /v1/jobs}: job stubs; {@code PUT|POST /v1/jobs}: register. */
  public Indexed jobs(ApiRequest req) {
    switch (req.method()) {
      case "GET" -> {
        String ns = req.namespace();
        String prefix = req.param("prefix").orElse("");
        return BlockingQuery.run(server, req, s -> {
          ArrayNode out = F.arrayNode();
          List<Job> jobs = "*".equals(ns) ? s.jobs() : s.jobsByNamespace(ns);
          jobs.stream().filter(j -> j.id() != null && j.id().startsWith(prefix))
              .sorted(Comparator.comparing(Job::id))
              .forEach(j -> out.add(ApiViews.jobStub(s, j)));
          return new Indexed(out, s.tableIndex("jobs"));
        });
      }
      case "PUT", "POST" -> {
        return register(req, null);
      }
      default -> throw Routes.methodNotAllowed(req, "GET, PUT, POST");
    }
  }

  private Indexed register(ApiRequest req, String pathId) {
    Job job = readJob(req.jsonBody(), pathId);
    JobWriteResult r;
    try {
      r = server.registerJob(job);
    } catch (JobRejectedException e) {
      throw new ApiException(400, e.getMessage(), e.problems());
    }
    ObjectNode out = F.objectNode();
    out.put("EvalID", r.evalId() == null ? "" : r.evalId());
    out.put("EvalCreateIndex", r.evalId() == null ? 0 : r.index());
    out.put("JobModifyIndex", r.index());
    out.put("Warnings", "");
    out.put("Index", r.index());
    out.put("LastContact", 0);
    out.put("KnownLeader", true);
    return new Indexed(out, r.index());
  }

  /** The {@code Job} of a register or plan body; its ID must match the path's when there is one. */
  private static Job readJob(JsonNode body, String pathId) {
    JsonNode jobTree = body.get("Job");
    if (jobTree == null || !jobTree.isObject()) {
      throw ApiException.badRequest("Job must be specified: the body must be {\"Job\": {...}}");
    }
    Job job;
    try {
      job = JSON.readJob(jobTree);
    } catch (ModelJsonException e) {
      throw ApiException.badRequest("invalid job JSON at Job" + (e.path().isEmpty() ? "" : "." + e.path())
          + ": " + e.getMessage());
    }
    if (job.id() == null || job.id().isEmpty()) {
      throw ApiException.badRequest("Job ID must be specified");
    }
    if (pathId != null && !pathId.equals(job.id())) {
      throw ApiException.badRequest("Job ID does not match name: path has \"" + pathId + "\", body has \""
          + job.id() + "\"");
    }
    return job;
  }

  /** {@code PUT|POST /v1/jobs/parse}. */
  public Indexed parse(ApiRequest req) {
    if (!req.method().equals("PUT") && !req.method().equals("POST")) {
      throw Routes.methodNotAllowed(req, "PUT, POST");
    }
    JsonNode body = req.jsonBody();
    if (body.path("HCLv1").asBoolean(false)) {
      throw ApiException.badRequest("HCLv1 jobspecs are not supported; submit HCL2");
    }
    JsonNode hcl = body.get("JobHCL");
    if (hcl == null || !hcl.isTextual() || hcl.asText().isBlank()) {
      throw ApiException.badRequest("Job HCL must be specified in JobHCL");
    }
    JsonNode vars = body.get("Variables");
    JobspecResult result = vars != null && vars.isTextual() && !vars.asText().isBlank()
        ? parseWithVariables(hcl.asText(), vars.asText())
        : JobspecParser.parse(hcl.asText(), PARSE_FILENAME, ParseOptions.defaults());
    if (result.hasErrors() || result.job().isEmpty()) {
      List<String> lines = result.errorLines();
      throw new ApiException(400, "invalid jobspec: " + (lines.isEmpty() ? "no job" : lines.get(0)), lines);
    }
    Job job = result.job().get();
    if (body.path("Canonicalize").asBoolean(false)) {
      job = Canonicalizer.canonicalize(job);
    }
    return new Indexed(JSON.toTree(job), 0);
  }

  private static JobspecResult parseWithVariables(String hcl, String variables) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("caravan-parse-");
      Path varFile = dir.resolve("variables.hcl");
      Files.writeString(varFile, variables, StandardCharsets.UTF_8);
      return JobspecParser.parse(hcl, PARSE_FILENAME, ParseOptions.defaults().withVarFiles(List.of(varFile)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the Variables of a parse request", e);
    } finally {
      if (dir != null) {
        try {
          Files.deleteIfExists(dir.resolve("variables.hcl"));
          Files.deleteIfExists(dir);
        } catch (IOException e) {
          // a leftover temporary file is harmless; the answer does not depend on it
        }
      }
    }
  }

  /** {@code /v1/job/:id[/sub]}. */
  public Indexed job(ApiRequest req, String id, Optional<String> sub) {
    String ns = req.namespace();
    if (sub.isEmpty()) {
      return switch (req.method()) {
        case "GET" -> BlockingQuery.run(server, req, s -> {
          Job job = requireJob(s, ns, id);
          return new Indexed(ApiViews.job(s, job), job.modifyIndex() == null ? 0 : job.modifyIndex());
        });
        case "PUT", "POST" -> register(req, id);
        case "DELETE" -> stop(req, ns, id);
        default -> throw Routes.methodNotAllowed(req, "GET, PUT, POST, DELETE");
      };
    }
    return switch (sub.get()) {
      case "allocations" -> {
        Routes.requireMethod(req, "GET");
        yield BlockingQuery.run(server, req, s -> {
          ArrayNode out = F.arrayNode();
          s.allocsByJob(ns, id).stream().sorted(Comparator.comparing(Allocation::createIndex))
              .forEach(a -> out.add(ApiViews.allocStub(a)));
          return new Indexed(out, s.tableIndex("allocs"));
        });
      }
      case "evaluations" -> {
        Routes.requireMethod(req, "GET");
        yield BlockingQuery.run(server, req, s -> {
          List<Evaluation> evals = s.evalsByJob(ns, id).stream()
              .sorted(Comparator.comparing(Evaluation::createIndex)).toList();
          return new Indexed(JSON.toTree(evals), s.tableIndex("evals"));
        });
      }
      case "deployments" -> {
        Routes.requireMethod(req, "GET");
        yield BlockingQuery.run(server, req, s -> {
          List<Deployment> ds = s.deploymentsByJob(ns, id).stream()
              .sorted(Comparator.comparing(Deployment::createIndex).reversed()).toList();
          return new Indexed(JSON.toTree(ds), s.tableIndex("deployment"));
        });
      }
      case "deployment" -> {
        Routes.requireMethod(req, "GET");
        yield BlockingQuery.run(server, req, s -> {
          Optional<Deployment> latest = s.deploymentsByJob(ns, id).stream()
              .max(Comparator.comparing(Deployment::createIndex));
          return new Indexed(latest.isPresent() ? JSON.toTree(latest.get()) : F.nullNode(),
              s.tableIndex("deployment"));
        });
      }
      case "summary" -> {
        Routes.requireMethod(req, "GET");
        yield BlockingQuery.run(server, req, s -> {
          Job job = requireJob(s, ns, id);
          ObjectNode summary = ApiViews.jobSummary(s, job);
          return new Indexed(summary, summary.path("ModifyIndex").asLong());
        });
      }
      case "plan" -> {
        Routes.requireMethod(req, "PUT", "POST");
        yield plan(req, ns, id);
      }
      case "dispatch" -> {
        Routes.requireMethod(req, "PUT", "POST");
        yield dispatch(req, ns, id);
      }
      default -> throw ApiException.notFound("no such endpoint: /v1/job/" + id + "/" + sub.get());
    };
  }

  /**
   * Nomad's plan (dry run): body {@code {"Job": ..., "Diff": bool}}; answers the scheduler's per-group
   * annotations, failed placements, created evaluations, the current JobModifyIndex and, with
   * {@code "Diff": true}, the annotated job diff (else {@code Diff} is null).
   */
  private Indexed plan(ApiRequest req, String ns, String id) {
    JsonNode body = req.jsonBody();
    Job job = readJob(body, id);
    JsonNode wantDiff = body.path("Diff");
    if (!wantDiff.isMissingNode() && !wantDiff.isNull() && !wantDiff.isBoolean()) {
      throw ApiException.badRequest("Diff must be a boolean");
    }
    PlanPreview preview;
    try {
      preview = server.planJob(job, wantDiff.asBoolean(false));
    } catch (JobRejectedException e) {
      throw new ApiException(400, e.getMessage(), e.problems());
    }
    StateSnapshot s = server.snapshot();
    long jobModifyIndex = s.jobById(ns, id).map(j -> j.jobModifyIndex() == null ? 0L : j.jobModifyIndex()).orElse(0L);
    ObjectNode out = F.objectNode();
    out.set("Annotations", preview.plan() == null ? F.nullNode() : JSON.toTree(preview.plan().annotations()));
    out.set("FailedTGAllocs", JSON.toTree(preview.eval().failedTGAllocs()));
    out.put("JobModifyIndex", jobModifyIndex);
    out.set("CreatedEvals", JSON.toTree(preview.createdEvals()));
    out.set("Diff", preview.diff() == null ? F.nullNode() : JSON.toTree(preview.diff()));
    out.put("NextPeriodicLaunch", "0001-01-01T00:00:00Z");
    out.put("Warnings", "");
    out.put("Index", s.latestIndex());
    return new Indexed(out, s.latestIndex());
  }

  /** Nomad's periodic force ({@code PUT /v1/job/:id/periodic/force}): launches the periodic job now; answers its evaluation. */
  public Indexed periodicForce(ApiRequest req, String id) {
    Routes.requireMethod(req, "PUT", "POST");
    String ns = req.namespace();
    if (server.snapshot().jobById(ns, id).isEmpty()) {
      throw ApiException.notFound("job not found: " + id + " (namespace " + ns + ")");
    }
    JobWriteResult r = server.forcePeriodicLaunch(ns, id);
    ObjectNode out = F.objectNode();
    out.put("EvalID", r.evalId() == null ? "" : r.evalId());
    out.put("EvalCreateIndex", r.index());
    out.put("Index", r.index());
    return new Indexed(out, r.index());
  }

  /** Nomad's dispatch: body {@code {"Payload": base64, "Meta": {...}}}; answers the child job's ID and its evaluation. */
  private Indexed dispatch(ApiRequest req, String ns, String id) {
    JsonNode body = req.optionalJsonBody();
    byte[] payload = null;
    JsonNode p = body.get("Payload");
    if (p != null && !p.isNull()) {
      if (!p.isTextual()) {
        throw ApiException.badRequest("Payload must be a base64 string");
      }
      try {
        payload = Base64.getDecoder().decode(p.asText());
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("Payload is not valid base64: " + e.getMessage());
      }
    }
    Map<String, String> meta = new TreeMap<>();
    JsonNode m = body.get("Meta");
    if (m != null && !m.isNull()) {
      if (!m.isObject()) {
        throw ApiException.badRequest("Meta must be an object of strings");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual()) {
          throw ApiException.badRequest("Meta." + e.getKey() + " must be a string");
        }
        meta.put(e.getKey(), e.getValue().asText());
      }
    }
    if (server.snapshot().jobById(ns, id).isEmpty()) {
      throw ApiException.notFound("job not found: " + id + " (namespace " + ns + ")");
    }
    JobWriteResult r = server.dispatchJob(ns, id, payload, meta);
    String child = r.evalId() == null ? "" : server.snapshot().evalById(r.evalId()).map(Evaluation::jobID).orElse("");
    ObjectNode out = F.objectNode();
    out.put("DispatchedJobID", child);
    out.put("EvalID", r.evalId() == null ? "" : r.evalId());
    out.put("EvalCreateIndex", r.index());
    out.put("JobCreateIndex", r.index());
    out.put("Index", r.index());
    return new Indexed(out, r.index());
  }

  private Indexed stop(ApiRequest req, String ns, String id) {
    boolean purge = req.flag("purge");
    if (server.snapshot().jobById(ns, id).isEmpty()) {
      throw ApiException.notFound("job not found: " + id + " (namespace " + ns + ")");
    }
    JobWriteResult r = server.deregisterJob(ns, id, purge);
    ObjectNode out = F.objectNode();
    out.put("EvalID", r.evalId() == null ? "" : r.evalId());
    out.put("EvalCreateIndex", r.evalId() == null ? 0 : r.index());
    out.put("JobModifyIndex", r.index());
    out.put("Index", r.index());
    return new Indexed(out, r.index());
  }

  private static Job requireJob(StateSnapshot s, String ns, String id) {
    return s.jobById(ns, id).orElseThrow(() -> ApiException.notFound("job not found: " + id
        + " (namespace " + ns + ")"));
  }
}
