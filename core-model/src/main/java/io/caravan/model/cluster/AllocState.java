package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One recorded change of an allocation field (Nomad's {@code AllocState}), e.g. its client status
 * going {@code unknown} when its node disconnects; {@code time} is RFC 3339.
 */
@JsonPropertyOrder({"Field", "Value", "Time"})
public record AllocState(
    @JsonProperty("Field") String field,
    @JsonProperty("Value") String value,
    @JsonProperty("Time") String time) {
  /** The field name client status changes are recorded under. */
  public static final String CLIENT_STATUS = "ClientStatus";

  /** Replaces nulls of Go value fields by their zero values. */
  public AllocState {
    field = field == null ? "" : field;
    value = value == null ? "" : value;
    time = time == null ? "" : time;
  }

  /** A client status change to {@code value} at {@code time} (RFC 3339). */
  public static AllocState clientStatus(String value, String time) {
    return new AllocState(CLIENT_STATUS, value, time);
  }
}
