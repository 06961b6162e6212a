package io.caravan.runtime.transport;

import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.cluster.TaskState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The client's view of one allocation, pushed to the servers.
 *
 * @param allocId the allocation's id
 * @param clientStatus {@code pending}, {@code running}, {@code complete} or {@code failed}
 * @param clientDescription a human readable detail
 * @param taskStates per-task state, by task name
 * @param deploymentHealthy the allocation's health for its deployment, or null while undecided
 */
public record AllocStatusUpdate(
    String allocId,
    String clientStatus,
    String clientDescription,
    ImmutableSortedMap<String, TaskState> taskStates,
    @Nullable Boolean deploymentHealthy) {

  /** Validates and copies. */
  public AllocStatusUpdate {
    Objects.requireNonNull(allocId, "allocId");
    Objects.requireNonNull(clientStatus, "clientStatus");
    Objects.requireNonNull(clientDescription, "clientDescription");
    taskStates = ImmutableSortedMap.copyOf(taskStates);
  }
}
