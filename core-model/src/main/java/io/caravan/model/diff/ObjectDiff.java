package io.caravan.model.diff;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Comparator;
import java.util.List;

/**
 * A nested block's change (Nomad's {@code ObjectDiff}), e.g. {@code Constraint}, {@code Resources},
 * {@code Config}, {@code Network}: its fields and nested objects.
 */
@JsonPropertyOrder({"Type", "Name", "Fields", "Objects"})
public record ObjectDiff(
    @JsonProperty("Type") DiffType type,
    @JsonProperty("Name") String name,
    @JsonProperty("Fields") @JsonSerialize(using = NullWhenEmpty.class) List<FieldDiff> fields,
    @JsonProperty("Objects") @JsonSerialize(using = NullWhenEmpty.class) List<ObjectDiff> objects) {

  /**
   * Nomad's order: by name, then type (Edited, Added, Deleted, None), then the number of fields and
   * objects, then the fields and objects themselves.
   */
  static final Comparator<ObjectDiff> ORDER = Comparator.comparing(ObjectDiff::name)
      .thenComparing(ObjectDiff::type)
      .thenComparingInt(o -> o.fields().size())
      .thenComparingInt(o -> o.objects().size())
      .thenComparing(ObjectDiff::fields, Lists.lexicographic(FieldDiff.ORDER))
      .thenComparing(ObjectDiff::objects, (a, b) -> Lists.lexicographic(ObjectDiff.ORDER).compare(a, b));

  /** Copies the lists into immutable ones (null becomes empty). */
  public ObjectDiff {
    fields = fields == null ? List.of() : List.copyOf(fields);
    objects = objects == null ? List.of() : List.copyOf(objects);
  }
}
