package io.caravan.model.diff;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One primitive field's change (Nomad's {@code FieldDiff}): its Go name (maps flattened as
 * {@code Meta[key]}, task config as {@code args[0]}), the old and new value as strings ({@code ""}
 * when absent) and annotations such as {@code forces create}.
 */
@JsonPropertyOrder({"Type", "Name", "Old", "New", "Annotations"})
public record FieldDiff(
    @JsonProperty("Type") DiffType type,
    @JsonProperty("Name") String name,
    @JsonProperty("Old") String old,
    @JsonProperty("New") String neu,
    @JsonProperty("Annotations") @JsonSerialize(using = NullWhenEmpty.class) List<String> annotations) {

  /** Nomad's order: by name, then old value, then new value. */
  static final Comparator<FieldDiff> ORDER = Comparator.comparing(FieldDiff::name)
      .thenComparing(FieldDiff::old).thenComparing(FieldDiff::neu);

  /** Copies the annotations into an immutable list (null becomes empty). */
  public FieldDiff {
    annotations = annotations == null ? List.of() : List.copyOf(annotations);
  }

  /** This field with {@code annotation} appended. */
  public FieldDiff annotated(String annotation) {
    List<String> more = new ArrayList<>(annotations());
    more.add(annotation);
    return new FieldDiff(type, name, old, neu, more);
  }
}
