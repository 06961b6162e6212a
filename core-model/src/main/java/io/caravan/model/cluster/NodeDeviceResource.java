package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A group of identical devices on a node (vendor/type/name) with typed attributes and instances. */
@JsonPropertyOrder({"Vendor", "Type", "Name", "Instances", "Attributes"})
public record NodeDeviceResource(
    @JsonProperty("Vendor") String vendor,
    @JsonProperty("Type") String type,
    @JsonProperty("Name") String name,
    @JsonProperty("Instances") @Nullable List<NodeDevice> instances,
    @JsonProperty("Attributes") @Nullable Map<String, DeviceAttribute> attributes) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public NodeDeviceResource {
    vendor = vendor == null ? "" : vendor;
    type = type == null ? "" : type;
    name = name == null ? "" : name;
    instances = ModelCollections.copyOfList(instances);
    attributes = ModelCollections.copyOfMap(attributes);
  }

  /** The group ID {@code vendor/type/name}. */
  public String id() {
    return vendor + "/" + type + "/" + name;
  }

  /** Returns {@code Instances}, or an empty list when absent. */
  public List<NodeDevice> instancesOrEmpty() {
    return instances == null ? List.of() : instances;
  }

  /** Returns {@code Attributes}, or an empty map when absent. */
  public Map<String, DeviceAttribute> attributesOrEmpty() {
    return attributes == null ? Map.of() : attributes;
  }
}
