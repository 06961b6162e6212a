package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A status change of a deployment carried in a plan. */
@JsonPropertyOrder({"DeploymentID", "Status", "StatusDescription"})
public record DeploymentStatusUpdate(
    @JsonProperty("DeploymentID") String deploymentID,
    @JsonProperty("Status") String status,
    @JsonProperty("StatusDescription") String statusDescription) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public DeploymentStatusUpdate {
    deploymentID = deploymentID == null ? "" : deploymentID;
    status = status == null ? "" : status;
    statusDescription = statusDescription == null ? "" : statusDescription;
  }
}
