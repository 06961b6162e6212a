package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One HTTP path exposed by a Connect proxy. */
@JsonPropertyOrder({"Path", "Protocol", "LocalPathPort", "ListenerPort"})
public record ConsulExposePath(
    @JsonProperty("Path") String path,
    @JsonProperty("Protocol") String protocol,
    @JsonProperty("LocalPathPort") int localPathPort,
    @JsonProperty("ListenerPort") String listenerPort) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulExposePath {
    path = path == null ? "" : path;
    protocol = protocol == null ? "" : protocol;
    listenerPort = listenerPort == null ? "" : listenerPort;
  }
}
