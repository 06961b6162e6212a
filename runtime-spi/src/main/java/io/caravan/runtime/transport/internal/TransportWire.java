package io.caravan.runtime.transport.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.cluster.Allocation;
import io.caravan.model.cluster.TaskState;
import io.caravan.runtime.transport.AllocStatusUpdate;
import io.caravan.runtime.transport.AllocationUpdates;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON bodies of the HTTP transport, in Nomad's API naming style (PascalCase fields, durations
 * in nanoseconds). The paths live in {@link #PREFIX}.
 */
public final class TransportWire {
  /** Where the transport's endpoints live on an agent's HTTP server. */
  public static final String PREFIX = "/v1/caravan/client/";

  private TransportWire() {}

  /** The answer to register and heartbeat: the next heartbeat is due within {@code TTL} nanoseconds. */
  public record Ttl(@JsonProperty("TTL") long ttlNanos) {}

  /** A heartbeat. */
  public record Heartbeat(@JsonProperty("NodeID") String nodeId, @JsonProperty("Status") String status) {}

  /** An error answer; {@code UnknownNode} tells the client to register again. */
  public record Error(@JsonProperty("Error") String message, @JsonProperty("UnknownNode") boolean unknownNode) {}

  /** The allocations of a node as of an index. */
  public record Allocations(
      @JsonProperty("Index") long index, @JsonProperty("Allocations") @Nullable List<Allocation> allocations) {
    /** From the transport's value. */
    public static Allocations of(AllocationUpdates u) {
      return new Allocations(u.index(), u.allocations());
    }

    /** To the transport's value. */
    public AllocationUpdates toUpdates() {
      return new AllocationUpdates(index, allocations == null ? ImmutableList.of() : ImmutableList.copyOf(allocations));
    }
  }

  /** One allocation's client-side status. */
  public record AllocUpdate(
      @JsonProperty("AllocID") String allocId,
      @JsonProperty("ClientStatus") String clientStatus,
      @JsonProperty("ClientDescription") String clientDescription,
      @JsonProperty("TaskStates") @Nullable Map<String, TaskState> taskStates,
      @JsonProperty("DeploymentHealthy") @Nullable Boolean deploymentHealthy) {
    /** From the transport's value. */
    public static AllocUpdate of(AllocStatusUpdate u) {
      return new AllocUpdate(u.allocId(), u.clientStatus(), u.clientDescription(), u.taskStates(),
          u.deploymentHealthy());
    }

    /** To the transport's value. */
    public AllocStatusUpdate toUpdate() {
      return new AllocStatusUpdate(allocId, clientStatus, clientDescription == null ? "" : clientDescription,
          taskStates == null ? ImmutableSortedMap.of() : ImmutableSortedMap.copyOf(taskStates), deploymentHealthy);
    }
  }

  /** A batch of allocation updates from one node. */
  public record AllocUpdates(
      @JsonProperty("NodeID") String nodeId, @JsonProperty("Updates") @Nullable List<AllocUpdate> updates) {}
}
