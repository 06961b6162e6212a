package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** DNS settings for a network namespace. */
@JsonPropertyOrder({"Servers", "Searches", "Options"})
public record DNSConfig(
    @JsonProperty("Servers") @Nullable List<String> servers,
    @JsonProperty("Searches") @Nullable List<String> searches,
    @JsonProperty("Options") @Nullable List<String> options) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public DNSConfig {
    servers = ModelCollections.copyOfList(servers);
    searches = ModelCollections.copyOfList(searches);
    options = ModelCollections.copyOfList(options);
  }

  /** Returns {@code Servers}, or an empty list when it is absent (Go nil). */
  public List<String> serversOrEmpty() {
    return servers == null ? List.of() : servers;
  }

  /** Returns {@code Searches}, or an empty list when it is absent (Go nil). */
  public List<String> searchesOrEmpty() {
    return searches == null ? List.of() : searches;
  }

  /** Returns {@code Options}, or an empty list when it is absent (Go nil). */
  public List<String> optionsOrEmpty() {
    return options == null ? List.of() : options;
  }}
