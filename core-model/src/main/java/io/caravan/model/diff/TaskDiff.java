package io.caravan.model.diff;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's change (Nomad's {@code TaskDiff}): its fields, nested objects and annotations such as
 * {@code forces create/destroy update} or {@code forces in-place update}.
 */
@JsonPropertyOrder({"Type", "Name", "Fields", "Objects", "Annotations"})
public record TaskDiff(
    @JsonProperty("Type") DiffType type,
    @JsonProperty("Name") String name,
    @JsonProperty("Fields") @JsonSerialize(using = NullWhenEmpty.class) List<FieldDiff> fields,
    @JsonProperty("Objects") @JsonSerialize(using = NullWhenEmpty.class) List<ObjectDiff> objects,
    @JsonProperty("Annotations") @JsonSerialize(using = NullWhenEmpty.class) List<String> annotations) {

  /** Copies the lists into immutable ones (null becomes empty). */
  public TaskDiff {
    fields = fields == null ? List.of() : List.copyOf(fields);
    objects = objects == null ? List.of() : List.copyOf(objects);
    annotations = annotations == null ? List.of() : List.copyOf(annotations);
  }

  /** This task diff with {@code annotation} appended. */
  public TaskDiff annotated(String annotation) {
    List<String> more = new ArrayList<>(annotations());
    more.add(annotation);
    return new TaskDiff(type, name, fields, objects, more);
  }
}
