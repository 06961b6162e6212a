package io.caravan.model.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.caravan.model.internal.ModelCollections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Device instances granted to a task, from one vendor/type/name group. */
@JsonPropertyOrder({"Vendor", "Type", "Name", "DeviceIDs"})
public record AllocatedDeviceResource(
    @JsonProperty("Vendor") String vendor,
    @JsonProperty("Type") String type,
    @JsonProperty("Name") String name,
    @JsonProperty("DeviceIDs") @Nullable List<String> deviceIDs) {

  /** Copies collections into immutable ones and replaces nulls of Go value fields by their zero values. */
  public AllocatedDeviceResource {
    vendor = vendor == null ? "" : vendor;
    type = type == null ? "" : type;
    name = name == null ? "" : name;
    deviceIDs = ModelCollections.copyOfList(deviceIDs);
  }
}
