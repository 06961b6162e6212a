package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A named command that operators can run inside a task. */
@JsonPropertyOrder({"Name", "Command", "Args"})
public record Action(
    @JsonProperty("Name") String name,
    @JsonProperty("Command") String command,
    @JsonProperty("Args") @Nullable List<String> args) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Action {
    name = name == null ? "" : name;
    command = command == null ? "" : command;
    args = ModelCollections.copyOfList(args);
  }

  /** Returns {@code Args}, or an empty list when it is absent (Go nil). */
  public List<String> argsOrEmpty() {
    return args == null ? List.of() : args;
  }}
