package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A script run when a template changes. */
@JsonPropertyOrder({"Command", "Args", "Timeout", "FailOnError"})
public record ChangeScript(
    @JsonProperty("Command") @Nullable String command,
    @JsonProperty("Args") @Nullable List<String> args,
    @JsonProperty("Timeout") @Nullable Duration timeout,
    @JsonProperty("FailOnError") @Nullable Boolean failOnError) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ChangeScript {
    args = ModelCollections.copyOfList(args);
  }

  /** Returns {@code Args}, or an empty list when it is absent (Go nil). */
  public List<String> argsOrEmpty() {
    return args == null ? List.of() : args;
  }}
