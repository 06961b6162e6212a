package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A labelled port: static (reserved) when Value is set, otherwise dynamic; To maps it inside the task. */
@JsonPropertyOrder({"Label", "Value", "To", "HostNetwork", "IgnoreCollision"})
public record Port(
    @JsonProperty("Label") String label,
    @JsonProperty("Value") int value,
    @JsonProperty("To") int to,
    @JsonProperty("HostNetwork") String hostNetwork,
    @JsonProperty("IgnoreCollision") boolean ignoreCollision) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Port {
    label = label == null ? "" : label;
    hostNetwork = hostNetwork == null ? "" : hostNetwork;
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .label(label)
        .value(value)
        .to(to)
        .hostNetwork(hostNetwork)
        .ignoreCollision(ignoreCollision);
  }

  /** Mutable builder of {@link Port}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String label = "";
    private int value;
    private int to;
    private String hostNetwork = "";
    private boolean ignoreCollision;

    private Builder() {}

    /** Sets {@code Label}. */
    public Builder label(String label) {
      this.label = label;
      return this;
    }

    /** Sets {@code Value}. */
    public Builder value(int value) {
      this.value = value;
      return this;
    }

    /** Sets {@code To}. */
    public Builder to(int to) {
      this.to = to;
      return this;
    }

    /** Sets {@code HostNetwork}. */
    public Builder hostNetwork(String hostNetwork) {
      this.hostNetwork = hostNetwork;
      return this;
    }

    /** Sets {@code IgnoreCollision}. */
    public Builder ignoreCollision(boolean ignoreCollision) {
      this.ignoreCollision = ignoreCollision;
      return this;
    }

    /** Builds the immutable value. */
    public Port build() {
      return new Port(label, value, to, hostNetwork, ignoreCollision);
    }
  }
}
