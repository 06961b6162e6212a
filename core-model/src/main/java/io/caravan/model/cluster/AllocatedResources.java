package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.FreeForm;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Resources granted to an allocation: per task, plus shared disk, networks and ports. */
@JsonPropertyOrder({"Tasks", "TaskLifecycles", "Shared"})
public record AllocatedResources(
    @JsonProperty("Tasks") @Nullable Map<String, AllocatedTaskResources> tasks,
    @JsonProperty("TaskLifecycles") @Nullable Map<String, Object> taskLifecycles,
    @JsonProperty("Shared") @Nullable AllocatedSharedResources shared) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public AllocatedResources {
    tasks = ModelCollections.copyOfMap(tasks);
    taskLifecycles = FreeForm.copyOf(taskLifecycles);
  }
}
