package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/** A soft placement preference with a weight between -100 and 100. */
@JsonPropertyOrder({"LTarget", "RTarget", "Operand", "Weight"})
public record Affinity(
    @JsonProperty("LTarget") String lTarget,
    @JsonProperty("RTarget") String rTarget,
    @JsonProperty("Operand") String operand,
    @JsonProperty("Weight") @Nullable Integer weight) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Affinity {
    lTarget = lTarget == null ? "" : lTarget;
    rTarget = rTarget == null ? "" : rTarget;
    operand = operand == null ? "" : operand;
  }
}
