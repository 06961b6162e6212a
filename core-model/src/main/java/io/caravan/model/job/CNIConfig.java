package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Extra arguments passed to CNI plugins for a network. */
@JsonPropertyOrder({"Args"})
public record CNIConfig(
    @JsonProperty("Args") @Nullable Map<String, String> args) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public CNIConfig {
    args = ModelCollections.copyOfMap(args);
  }

  /** Returns {@code Args}, or an empty map when it is absent (Go nil). */
  public Map<String, String> argsOrEmpty() {
    return args == null ? Map.of() : args;
  }}
