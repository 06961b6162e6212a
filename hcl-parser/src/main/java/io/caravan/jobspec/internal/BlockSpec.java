package io.caravan.jobspec.internal;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * One nested block type of a jobspec block: its HCL type name, the Go field it fills, its label
 * names (Nomad's "Missing name for X" / "Extraneous label for X" come from their count), how many
 * may appear, and the name of the body schema of its contents.
 */
public record BlockSpec(
    String type, String goField, List<String> labelNames, BlockCardinality cardinality, String bodySchema) {
  /** Copies the label names into an immutable list. */
  public BlockSpec {
    requireNonNull(type, "type");
    requireNonNull(goField, "goField");
    labelNames = ImmutableList.copyOf(labelNames);
    requireNonNull(cardinality, "cardinality");
    requireNonNull(bodySchema, "bodySchema");
  }
}
