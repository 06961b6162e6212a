package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A hard placement rule comparing a node attribute (LTarget) with a value (RTarget) by an operand. */
@JsonPropertyOrder({"LTarget", "RTarget", "Operand"})
public record Constraint(
    @JsonProperty("LTarget") String lTarget,
    @JsonProperty("RTarget") String rTarget,
    @JsonProperty("Operand") String operand) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Constraint {
    lTarget = lTarget == null ? "" : lTarget;
    rTarget = rTarget == null ? "" : rTarget;
    operand = operand == null ? "" : operand;
  }
}
