package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Terminating gateway configuration entry: the linked services. */
@JsonPropertyOrder({"Services"})
public record ConsulTerminatingConfigEntry(
    @JsonProperty("Services") @Nullable List<ConsulLinkedService> services) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulTerminatingConfigEntry {
    services = ModelCollections.copyOfList(services);
  }

  /** Returns {@code Services}, or an empty list when it is absent (Go nil). */
  public List<ConsulLinkedService> servicesOrEmpty() {
    return services == null ? List.of() : services;
  }}
