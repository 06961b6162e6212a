package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** SDS certificate source of an ingress gateway. */
@JsonPropertyOrder({"ClusterName", "CertResource"})
public record ConsulGatewayTLSSDSConfig(
    @JsonProperty("ClusterName") String clusterName,
    @JsonProperty("CertResource") String certResource) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public ConsulGatewayTLSSDSConfig {
    clusterName = clusterName == null ? "" : clusterName;
    certResource = certResource == null ? "" : certResource;
  }
}
