package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The compute resources a task asks for: CPU, memory, disk, networks and devices. */
@JsonPropertyOrder({"CPU", "Cores", "MemoryMB", "MemoryMaxMB", "DiskMB", "Networks", "Devices", "NUMA", "SecretsMB", "IOPS"})
public record Resources(
    @JsonProperty("CPU") @Nullable Integer cpu,
    @JsonProperty("Cores") @Nullable Integer cores,
    @JsonProperty("MemoryMB") @Nullable Integer memoryMB,
    @JsonProperty("MemoryMaxMB") @Nullable Integer memoryMaxMB,
    @JsonProperty("DiskMB") @Nullable Integer diskMB,
    @JsonProperty("Networks") @Nullable List<NetworkResource> networks,
    @JsonProperty("Devices") @Nullable List<RequestedDevice> devices,
    @JsonProperty("NUMA") @Nullable NUMAResource numa,
    @JsonProperty("SecretsMB") @Nullable Integer secretsMB,
    @JsonProperty("IOPS") @Nullable Integer iops) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public Resources {
    networks = ModelCollections.copyOfList(networks);
    devices = ModelCollections.copyOfList(devices);
  }

  /** Returns {@code Networks}, or an empty list when it is absent (Go nil). */
  public List<NetworkResource> networksOrEmpty() {
    return networks == null ? List.of() : networks;
  }

  /** Returns {@code Devices}, or an empty list when it is absent (Go nil). */
  public List<RequestedDevice> devicesOrEmpty() {
    return devices == null ? List.of() : devices;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .cpu(cpu)
        .cores(cores)
        .memoryMB(memoryMB)
        .memoryMaxMB(memoryMaxMB)
        .diskMB(diskMB)
        .networks(networks)
        .devices(devices)
        .numa(numa)
        .secretsMB(secretsMB)
        .iops(iops);
  }

  /** Mutable builder of {@link Resources}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private @Nullable Integer cpu;
    private @Nullable Integer cores;
    private @Nullable Integer memoryMB;
    private @Nullable Integer memoryMaxMB;
    private @Nullable Integer diskMB;
    private @Nullable List<NetworkResource> networks;
    private @Nullable List<RequestedDevice> devices;
    private @Nullable NUMAResource numa;
    private @Nullable Integer secretsMB;
    private @Nullable Integer iops;

    private Builder() {}

    /** Sets {@code CPU}. */
    public Builder cpu(@Nullable Integer cpu) {
      this.cpu = cpu;
      return this;
    }

    /** Sets {@code Cores}. */
    public Builder cores(@Nullable Integer cores) {
      this.cores = cores;
      return this;
    }

    /** Sets {@code MemoryMB}. */
    public Builder memoryMB(@Nullable Integer memoryMB) {
      this.memoryMB = memoryMB;
      return this;
    }

    /** Sets {@code MemoryMaxMB}. */
    public Builder memoryMaxMB(@Nullable Integer memoryMaxMB) {
      this.memoryMaxMB = memoryMaxMB;
      return this;
    }

    /** Sets {@code DiskMB}. */
    public Builder diskMB(@Nullable Integer diskMB) {
      this.diskMB = diskMB;
      return this;
    }

    /** Sets {@code Networks}. */
    public Builder networks(@Nullable List<NetworkResource> networks) {
      this.networks = networks;
      return this;
    }

    /** Sets {@code Devices}. */
    public Builder devices(@Nullable List<RequestedDevice> devices) {
      this.devices = devices;
      return this;
    }

    /** Sets {@code NUMA}. */
    public Builder numa(@Nullable NUMAResource numa) {
      this.numa = numa;
      return this;
    }

    /** Sets {@code SecretsMB}. */
    public Builder secretsMB(@Nullable Integer secretsMB) {
      this.secretsMB = secretsMB;
      return this;
    }

    /** Sets {@code IOPS}. */
    public Builder iops(@Nullable Integer iops) {
      this.iops = iops;
      return this;
    }

    /** Appends one element to {@code Networks}. */
    public Builder network(NetworkResource value) {
      List<NetworkResource> list = networks == null ? new ArrayList<>() : new ArrayList<>(networks);
      list.add(value);
      this.networks = list;
      return this;
    }

    /** Appends one element to {@code Devices}. */
    public Builder device(RequestedDevice value) {
      List<RequestedDevice> list = devices == null ? new ArrayList<>() : new ArrayList<>(devices);
      list.add(value);
      this.devices = list;
      return this;
    }

    /** Builds the immutable value. */
    public Resources build() {
      return new Resources(cpu, cores, memoryMB, memoryMaxMB, diskMB, networks, devices, numa, secretsMB, iops);
    }
  }
}
