package io.caravan.jobspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * jobspec2's post-decode normalisation: Name/ID from the label, periodic SpecType, job-level tasks
 * as their own groups (first), vault defaults and inheritance, static ports moved to ReservedPorts,
 * template and change_script defaults, the default identity moved to Task.Identity.
 */
final class JobNormalizer {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private JobNormalizer() {}

  static ObjectNode normalize(ObjectNode job, String label) {
    if (!job.hasNonNull("Name")) {
      job.put("Name", label);
    }
    if (!job.hasNonNull("ID")) {
      job.put("ID", label);
    }
    JsonNode periodic = job.get("Periodic");
    if (periodic instanceof ObjectNode p && (p.hasNonNull("Spec") || p.hasNonNull("Specs"))) {
      p.put("SpecType", "cron");
    }
    JsonNode jobVault = job.remove("Vault");
    normalizeVault(jobVault);
    JsonNode bareTasks = job.remove("Tasks");
    ArrayNode groups = JSON.arrayNode();
    if (bareTasks instanceof ArrayNode tasks) {
      for (JsonNode t : tasks) {
        ObjectNode g = groups.addObject();
        g.put("Name", t.path("Name").asText());
        g.putArray("Tasks").add(t);
      }
    }
    if (job.get("TaskGroups") instanceof ArrayNode declared) {
      groups.addAll(declared);
    }
    if (!groups.isEmpty()) {
      job.set("TaskGroups", groups);
    }
    for (JsonNode g : groups) {
      ObjectNode group = (ObjectNode) g;
      JsonNode groupVault = group.remove("Vault");
      normalizePorts(group.get("Networks"));
      if (group.get("Scaling") instanceof ObjectNode s && !s.hasNonNull("Type")) {
        s.put("Type", "horizontal");
      }
      if (!(group.get("Tasks") instanceof ArrayNode tasks)) {
        continue;
      }
      for (JsonNode t : tasks) {
        ObjectNode task = (ObjectNode) t;
        if (groupVault != null && !task.hasNonNull("Vault")) {
          task.set("Vault", groupVault.deepCopy());
        }
        if (task.get("Resources") instanceof ObjectNode r) {
          normalizePorts(r.get("Networks"));
        }
        if (task.get("Templates") instanceof ArrayNode templates) {
          templates.forEach(JobNormalizer::normalizeTemplate);
        }
        normalizeVault(task.get("Vault"));
        if (!task.hasNonNull("Vault") && jobVault != null) {
          task.set("Vault", jobVault.deepCopy());
        }
        moveDefaultIdentity(task);
      }
    }
    return job;
  }

  private static void normalizeVault(JsonNode v) {
    if (v instanceof ObjectNode vault) {
      if (!vault.hasNonNull("Env")) {
        vault.put("Env", true);
      }
      if (!vault.hasNonNull("DisableFile")) {
        vault.put("DisableFile", false);
      }
      if (!vault.hasNonNull("ChangeMode")) {
        vault.put("ChangeMode", "restart");
      }
    }
  }

  private static void normalizePorts(JsonNode networks) {
    if (!(networks instanceof ArrayNode list)) {
      return;
    }
    for (JsonNode n : list) {
      ObjectNode net = (ObjectNode) n;
      if (!(net.get("DynamicPorts") instanceof ArrayNode ports) || ports.isEmpty()) {
        continue;
      }
      ArrayNode dynamic = JSON.arrayNode();
      ArrayNode reserved = JSON.arrayNode();
      for (JsonNode p : ports) {
        (p.path("Value").asLong() > 0 ? reserved : dynamic).add(p);
      }
      if (dynamic.isEmpty()) {
        net.putNull("DynamicPorts");
      } else {
        net.set("DynamicPorts", dynamic);
      }
      if (reserved.isEmpty()) {
        net.putNull("ReservedPorts");
      } else {
        net.set("ReservedPorts", reserved);
      }
    }
  }

  private static void normalizeTemplate(JsonNode t) {
    ObjectNode template = (ObjectNode) t;
    if (!template.hasNonNull("ChangeMode")) {
      template.put("ChangeMode", "restart");
    }
    if (!template.hasNonNull("Perms")) {
      template.put("Perms", "0644");
    }
    if (!template.hasNonNull("Splay")) {
      template.put("Splay", 5_000_000_000L);
    }
    if (!template.hasNonNull("ErrMissingKey")) {
      template.put("ErrMissingKey", false);
    }
    if (template.get("ChangeScript") instanceof ObjectNode script) {
      if (!script.hasNonNull("Args")) {
        script.putArray("Args");
      }
      if (!script.hasNonNull("Timeout")) {
        script.put("Timeout", 5_000_000_000L);
      }
      if (!script.hasNonNull("FailOnError")) {
        script.put("FailOnError", false);
      }
    }
  }

  private static void moveDefaultIdentity(ObjectNode task) {
    if (!(task.get("Identities") instanceof ArrayNode identities)) {
      return;
    }
    ArrayNode remaining = JSON.arrayNode();
    for (JsonNode id : identities) {
      String name = id.path("Name").asText("");
      if ((name.isEmpty() || name.equals("default")) && !task.hasNonNull("Identity")) {
        task.set("Identity", id);
      } else {
        remaining.add(id);
      }
    }
    task.set("Identities", remaining);
  }
}
