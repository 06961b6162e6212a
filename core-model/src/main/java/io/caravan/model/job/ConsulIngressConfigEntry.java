package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Ingress gateway configuration entry: TLS and listeners. */
@JsonPropertyOrder({"TLS", "Listeners"})
public record ConsulIngressConfigEntry(
    @JsonProperty("TLS") @Nullable ConsulGatewayTLSConfig tls,
    @JsonProperty("Listeners") @Nullable List<ConsulIngressListener> listeners) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulIngressConfigEntry {
    listeners = ModelCollections.copyOfList(listeners);
  }

  /** Returns {@code Listeners}, or an empty list when it is absent (Go nil). */
  public List<ConsulIngressListener> listenersOrEmpty() {
    return listeners == null ? List.of() : listeners;
  }}
