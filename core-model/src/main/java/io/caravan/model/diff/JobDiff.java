package io.caravan.model.diff;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;

/**
 * The change between a registered job and a proposed one (Nomad's {@code JobDiff}, the
 * {@code Diff} of a plan response): job fields, nested objects and task groups, sorted by name.
 */
@JsonPropertyOrder({"Type", "ID", "Fields", "Objects", "TaskGroups"})
public record JobDiff(
    @JsonProperty("Type") DiffType type,
    @JsonProperty("ID") String id,
    @JsonProperty("Fields") @JsonSerialize(using = NullWhenEmpty.class) List<FieldDiff> fields,
    @JsonProperty("Objects") @JsonSerialize(using = NullWhenEmpty.class) List<ObjectDiff> objects,
    @JsonProperty("TaskGroups") @JsonSerialize(using = NullWhenEmpty.class) List<TaskGroupDiff> taskGroups) {

  /** Copies the lists into immutable ones (null becomes empty). */
  public JobDiff {
    fields = fields == null ? List.of() : List.copyOf(fields);
    objects = objects == null ? List.of() : List.copyOf(objects);
    taskGroups = taskGroups == null ? List.of() : List.copyOf(taskGroups);
  }

  /** This diff with other task groups (the annotated copy). */
  public JobDiff withTaskGroups(List<TaskGroupDiff> groups) {
    return new JobDiff(type, id, fields, objects, groups);
  }

  /** The diff of the named group, if it has one. */
  public java.util.Optional<TaskGroupDiff> taskGroup(String name) {
    return taskGroups().stream().filter(g -> g.name().equals(name)).findFirst();
  }
}
