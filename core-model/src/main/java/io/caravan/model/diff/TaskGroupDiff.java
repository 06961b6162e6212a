package io.caravan.model.diff;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task group's change (Nomad's {@code TaskGroupDiff}): fields, nested objects, tasks, and the
 * scheduler's update counts by kind ({@code create}, {@code destroy}, {@code in-place update},
 * {@code create/destroy update}, {@code migrate}, {@code canary}, {@code ignore}; only non-zero ones).
 */
@JsonPropertyOrder({"Type", "Name", "Fields", "Objects", "Tasks", "Updates"})
public record TaskGroupDiff(
    @JsonProperty("Type") DiffType type,
    @JsonProperty("Name") String name,
    @JsonProperty("Fields") @JsonSerialize(using = NullWhenEmpty.class) List<FieldDiff> fields,
    @JsonProperty("Objects") @JsonSerialize(using = NullWhenEmpty.class) List<ObjectDiff> objects,
    @JsonProperty("Tasks") @JsonSerialize(using = NullWhenEmpty.class) List<TaskDiff> tasks,
    @JsonProperty("Updates") @JsonSerialize(using = NullWhenEmpty.class) Map<String, Long> updates) {

  /** Copies the collections into immutable ones (null becomes empty; updates sorted by kind). */
  public TaskGroupDiff {
    fields = fields == null ? List.of() : List.copyOf(fields);
    objects = objects == null ? List.of() : List.copyOf(objects);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    updates = updates == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(updates));
  }

  /** This group diff with other fields, tasks and update counts (the annotated copy). */
  public TaskGroupDiff with(List<FieldDiff> newFields, List<TaskDiff> newTasks, Map<String, Long> newUpdates) {
    return new TaskGroupDiff(type, name, newFields, objects, newTasks, newUpdates);
  }
}
