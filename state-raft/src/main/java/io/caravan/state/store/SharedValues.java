package io.caravan.state.store;

import io.caravan.model.cluster.AllocatedResources;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.Evaluation;
import io.caravan.model.cluster.Node;
import io.caravan.model.job.Job;
import io.caravan.model.job.TaskGroup;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Makes a stored allocation point at string and resource instances the store already holds
 * instead of the copies that decoding a command produced: its job's ID and task group name, its
 * node's ID and name, its evaluation's ID, the status words, and the allocated resources, task
 * states and descriptions of the allocation it replaces when they are equal. A million allocations decoded from Raft entries
 * otherwise each carry their own copy of every one of them. Equal allocated resources, task
 * states and descriptions are also shared among the allocations written by one transaction (a plan
 * places many alike; a client update batch reports many alike). One
 * instance per transaction.
 */
final class SharedValues {
  private final java.util.Map<AllocatedResources, AllocatedResources> resources = new java.util.HashMap<>();
  /** Task-state maps and descriptions already stored by this transaction, each once. */
  private final java.util.Map<Object, Object> values = new java.util.HashMap<>();

  private static final Set<String> STATUS_WORDS = Set.of(
      "run", "stop", "evict", "pending", "running", "complete", "failed", "lost", "unknown", "");
  private static final java.util.Map<String, String> STATUSES =
      STATUS_WORDS.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), Function.identity()));

  /**
   * Sets the repeated fields of {@code b} (a builder of {@code a}) to shared instances of equal value.
   *
   * @param job the stored job the allocation will refer to, if any
   * @param existing the stored allocation this one replaces, if any
   * @param node the stored node the allocation is on, if known (else {@code existing}'s node ID and name are shared)
   * @param eval the stored evaluation that created it, if known (else {@code existing}'s evaluation ID is)
   */
  Allocation.Builder shareRepeatedFields(Allocation.Builder b, Allocation a, @Nullable Job job,
      @Nullable Allocation existing, @Nullable Node node, @Nullable Evaluation eval) {
    if (job != null && job.id().equals(a.jobID())) {
      b.jobID(job.id());
      for (TaskGroup tg : job.taskGroupsOrEmpty()) {
        if (tg.name() != null && tg.name().equals(a.taskGroup())) {
          b.taskGroup(tg.name());
          break;
        }
      }
    }
    if (node != null) {
      b.nodeID(node.id());
      if (node.name().equals(a.nodeName())) {
        b.nodeName(node.name());
      }
    } else if (existing != null && existing.nodeID().equals(a.nodeID())) {
      b.nodeID(existing.nodeID());
      if (existing.nodeName().equals(a.nodeName())) {
        b.nodeName(existing.nodeName());
      }
    } else if (a.nodeName().equals(a.nodeID())) {
      b.nodeName(a.nodeID());
    }
    if (eval != null) {
      b.evalID(eval.id());
    } else if (existing != null && existing.evalID().equals(a.evalID())) {
      b.evalID(existing.evalID());
    }
    b.desiredStatus(status(a.desiredStatus()));
    b.clientStatus(status(a.clientStatus()));
    b.desiredDescription(shared(a.desiredDescription(), existing == null ? null : existing.desiredDescription()));
    b.clientDescription(shared(a.clientDescription(), existing == null ? null : existing.clientDescription()));
    b.taskStates(shared(a.taskStates(), existing == null ? null : existing.taskStates()));
    AllocatedResources mine = a.allocatedResources();
    if (mine != null) {
      if (existing != null && Objects.equals(mine, existing.allocatedResources())) {
        b.allocatedResources(existing.allocatedResources());
      } else {
        b.allocatedResources(resources.computeIfAbsent(mine, Function.identity()));
      }
    }
    if (existing != null) {
      if (existing.name().equals(a.name())) {
        b.name(existing.name());
      }
      if (existing.id().equals(a.id())) {
        b.id(existing.id());
      }
    }
    return b;
  }

  /**
   * {@code mine} or an equal instance already stored: the replaced allocation's, else the first
   * equal one this transaction stored (client updates of a batch report the same states).
   */
  @SuppressWarnings("unchecked")
  private <T> T shared(@Nullable T mine, @Nullable T existing) {
    if (mine == null) {
      return null;
    }
    if (mine.equals(existing)) {
      return existing;
    }
    return (T) values.computeIfAbsent(mine, Function.identity());
  }

  private static String status(String s) {
    String shared = s == null ? null : STATUSES.get(s);
    return shared == null ? s : shared;
  }
}
