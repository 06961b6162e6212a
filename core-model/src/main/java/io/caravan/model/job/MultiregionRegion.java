package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One region of a multi-region job. */
@JsonPropertyOrder({"Name", "Count", "Datacenters", "NodePool", "Meta"})
public record MultiregionRegion(
    @JsonProperty("Name") String name,
    @JsonProperty("Count") @Nullable Integer count,
    @JsonProperty("Datacenters") @Nullable List<String> datacenters,
    @JsonProperty("NodePool") String nodePool,
    @JsonProperty("Meta") @Nullable Map<String, String> meta) {

  /** Copies collections into immutable ones and replaces nulls of Go non-pointer fields by their zero values. */
  public MultiregionRegion {
    name = name == null ? "" : name;
    datacenters = ModelCollections.copyOfList(datacenters);
    nodePool = nodePool == null ? "" : nodePool;
    meta = ModelCollections.copyOfMap(meta);
  }

  /** Returns {@code Datacenters}, or an empty list when it is absent (Go nil). */
  public List<String> datacentersOrEmpty() {
    return datacenters == null ? List.of() : datacenters;
  }

  /** Returns {@code Meta}, or an empty map when it is absent (Go nil). */
  public Map<String, String> metaOrEmpty() {
    return meta == null ? Map.of() : meta;
  }
  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this value's fields. */
  public Builder toBuilder() {
    return new Builder()
        .name(name)
        .count(count)
        .datacenters(datacenters)
        .nodePool(nodePool)
        .meta(meta);
  }

  /** Mutable builder of {@link MultiregionRegion}; {@link #build()} makes an immutable copy. */
  public static final class Builder {
    private String name = "";
    private @Nullable Integer count;
    private @Nullable List<String> datacenters;
    private String nodePool = "";
    private @Nullable Map<String, String> meta;

    private Builder() {}

    /** Sets {@code Name}. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets {@code Count}. */
    public Builder count(@Nullable Integer count) {
      this.count = count;
      return this;
    }

    /** Sets {@code Datacenters}. */
    public Builder datacenters(@Nullable List<String> datacenters) {
      this.datacenters = datacenters;
      return this;
    }

    /** Sets {@code NodePool}. */
    public Builder nodePool(String nodePool) {
      this.nodePool = nodePool;
      return this;
    }

    /** Sets {@code Meta}. */
    public Builder meta(@Nullable Map<String, String> meta) {
      this.meta = meta;
      return this;
    }

    /** Builds the immutable value. */
    public MultiregionRegion build() {
      return new MultiregionRegion(name, count, datacenters, nodePool, meta);
    }
  }
}
