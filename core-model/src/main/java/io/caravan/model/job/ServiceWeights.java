package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** DNS SRV weights of a service instance by health status. */
@JsonPropertyOrder({"Passing", "Warning"})
public record ServiceWeights(
    @JsonProperty("Passing") int passing,
    @JsonProperty("Warning") int warning) {
}
