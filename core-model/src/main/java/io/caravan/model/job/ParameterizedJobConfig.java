package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Settings of a parameterized (dispatchable) job: payload requirement and metadata keys. */
@JsonPropertyOrder({"Payload", "MetaRequired", "MetaOptional"})
public record ParameterizedJobConfig(
    @JsonProperty("Payload") String payload,
    @JsonProperty("MetaRequired") @Nullable List<String> metaRequired,
    @JsonProperty("MetaOptional") @Nullable List<String> metaOptional) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ParameterizedJobConfig {
    payload = payload == null ? "" : payload;
    metaRequired = ModelCollections.copyOfList(metaRequired);
    metaOptional = ModelCollections.copyOfList(metaOptional);
  }

  /** Returns {@code MetaRequired}, or an empty list when it is absent (Go nil). */
  public List<String> metaRequiredOrEmpty() {
    return metaRequired == null ? List.of() : metaRequired;
  }

  /** Returns {@code MetaOptional}, or an empty list when it is absent (Go nil). */
  public List<String> metaOptionalOrEmpty() {
    return metaOptional == null ? List.of() : metaOptional;
  }}
