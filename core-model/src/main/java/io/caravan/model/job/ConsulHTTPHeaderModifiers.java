package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** HTTP header changes applied by an ingress gateway. */
@JsonPropertyOrder({"Add", "Set", "Remove"})
public record ConsulHTTPHeaderModifiers(
    @JsonProperty("Add") @Nullable Map<String, String> add,
    @JsonProperty("Set") @Nullable Map<String, String> set,
    @JsonProperty("Remove") @Nullable List<String> remove) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulHTTPHeaderModifiers {
    add = ModelCollections.copyOfMap(add);
    set = ModelCollections.copyOfMap(set);
    remove = ModelCollections.copyOfList(remove);
  }

  /** Returns {@code Add}, or an empty map when it is absent (Go nil). */
  public Map<String, String> addOrEmpty() {
    return add == null ? Map.of() : add;
  }

  /** Returns {@code Set}, or an empty map when it is absent (Go nil). */
  public Map<String, String> setOrEmpty() {
    return set == null ? Map.of() : set;
  }

  /** Returns {@code Remove}, or an empty list when it is absent (Go nil). */
  public List<String> removeOrEmpty() {
    return remove == null ? List.of() : remove;
  }}
