package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A network request of a group or task: mode, ports and DNS settings. */
@JsonPropertyOrder({"Mode", "Device", "CIDR", "IP", "DNS", "ReservedPorts", "DynamicPorts", "Hostname", "MBits", "CNI"})
public record NetworkResource(
    @JsonProperty("Mode") String mode,
    @JsonProperty("Device") String device,
    @JsonProperty("CIDR") String cidr,
    @JsonProperty("IP") String ip,
    @JsonProperty("DNS") @Nullable DNSConfig dns,
    @JsonProperty("ReservedPorts") @Nullable List<Port> reservedPorts,
    @JsonProperty("DynamicPorts") @Nullable List<Port> dynamicPorts,
    @JsonProperty("Hostname") String hostname,
    @JsonProperty("MBits") @Nullable Integer mBits,
    @JsonProperty("CNI") @Nullable CNIConfig cni) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public NetworkResource {
    mode = mode == null ? "" : mode;
    device = device == null ? "" : device;
    cidr = cidr == null ? "" : cidr;
    ip = ip == null ? "" : ip;
    reservedPorts = ModelCollections.copyOfList(reservedPorts);
    dynamicPorts = ModelCollections.copyOfList(dynamicPorts);
    hostname = hostname == null ? "" : hostname;
  }

  /** Returns {@code ReservedPorts}, or an empty list when it is absent (Go nil). */
  public List<Port> reservedPortsOrEmpty() {
    return reservedPorts == null ? List.of() : reservedPorts;
  }

  /** Returns {@code DynamicPorts}, or an empty list when it is absent (Go nil). */
  public List<Port> dynamicPortsOrEmpty() {
    return dynamicPorts == null ? List.of() : dynamicPorts;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .mode(mode)
        .device(device)
        .cidr(cidr)
        .ip(ip)
        .dns(dns)
        .reservedPorts(reservedPorts)
        .dynamicPorts(dynamicPorts)
        .hostname(hostname)
        .mBits(mBits)
        .cni(cni);
  }

  /** Mutable builder of {@link NetworkResource}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String mode = "";
    private String device = "";
    private String cidr = "";
    private String ip = "";
    private @Nullable DNSConfig dns;
    private @Nullable List<Port> reservedPorts;
    private @Nullable List<Port> dynamicPorts;
    private String hostname = "";
    private @Nullable Integer mBits;
    private @Nullable CNIConfig cni;

    private Builder() {}

    /** Sets {@code Mode}. */
    public Builder mode(String mode) {
      this.mode = mode;
      return this;
    }

    /** Sets {@code Device}. */
    public Builder device(String device) {
      this.device = device;
      return this;
    }

    /** Sets {@code CIDR}. */
    public Builder cidr(String cidr) {
      this.cidr = cidr;
      return this;
    }

    /** Sets {@code IP}. */
    public Builder ip(String ip) {
      this.ip = ip;
      return this;
    }

    /** Sets {@code DNS}. */
    public Builder dns(@Nullable DNSConfig dns) {
      this.dns = dns;
      return this;
    }

    /** Sets {@code ReservedPorts}. */
    public Builder reservedPorts(@Nullable List<Port> reservedPorts) {
      this.reservedPorts = reservedPorts;
      return this;
    }

    /** Sets {@code DynamicPorts}. */
    public Builder dynamicPorts(@Nullable List<Port> dynamicPorts) {
      this.dynamicPorts = dynamicPorts;
      return this;
    }

    /** Sets {@code Hostname}. */
    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    /** Sets {@code MBits}. */
    public Builder mBits(@Nullable Integer mBits) {
      this.mBits = mBits;
      return this;
    }

    /** Sets {@code CNI}. */
    public Builder cni(@Nullable CNIConfig cni) {
      this.cni = cni;
      return this;
    }

    /** Builds the immutable value. */
    public NetworkResource build() {
      return new NetworkResource(mode, device, cidr, ip, dns, reservedPorts, dynamicPorts, hostname, mBits, cni);
    }
  }
}
