package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A listener of an ingress gateway. */
@JsonPropertyOrder({"Port", "Protocol", "Services"})
public record ConsulIngressListener(
    @JsonProperty("Port") int port,
    @JsonProperty("Protocol") String protocol,
    @JsonProperty("Services") @Nullable List<ConsulIngressService> services) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulIngressListener {
    protocol = protocol == null ? "" : protocol;
    services = ModelCollections.copyOfList(services);
  }

  /** Returns {@code Services}, or an empty list when it is absent (Go nil). */
  public List<ConsulIngressService> servicesOrEmpty() {
    return services == null ? List.of() : services;
  }}
