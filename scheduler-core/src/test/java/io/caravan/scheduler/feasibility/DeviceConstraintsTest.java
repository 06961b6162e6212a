package io.caravan.scheduler.feasibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.caravan.model.cluster.DeviceAttribute;
import io.caravan.model.cluster.NodeDevice;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.job.Affinity;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.RequestedDevice;
import io.caravan.scheduler.testing.TestData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The device constraint table (src/test/resources/feasibility/device-constraints.json) and request matching. */
class DeviceConstraintsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final DeviceConstraints constraints = new DeviceConstraints(new ConstraintEvaluator());

  static NodeDeviceResource group(JsonNode g) throws Exception {
    Map<String, DeviceAttribute> attrs = new LinkedHashMap<>();
    var it = g.get("Attributes").fields();
    while (it.hasNext()) {
      var e = it.next();
      attrs.put(e.getKey(), MAPPER.treeToValue(e.getValue(), DeviceAttribute.class));
    }
    return new NodeDeviceResource(g.get("Vendor").asText(), g.get("Type").asText(), g.get("Name").asText(),
        List.of(new NodeDevice("GPU-0", true, "", null)), attrs);
  }

  @TestFactory
  List<DynamicTest> constraintTable() throws Exception {
    JsonNode data = TestData.json("feasibility/device-constraints.json");
    NodeDeviceResource g = group(data.get("group"));
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode row : data.get("cases")) {
      String name = row.get("l").asText() + " " + row.get("op").asText() + " " + row.get("r").asText();
      RequestedDevice req = new RequestedDevice("nvidia/gpu", 1L,
          List.of(new Constraint(row.get("l").asText(), row.get("r").asText(), row.get("op").asText())), null);
      tests.add(DynamicTest.dynamicTest(name, () ->
          assertThat(constraints.matches(req, g)).as(name + (row.has("why") ? " (" + row.get("why").asText() + ")" : ""))
              .isEqualTo(row.get("expected").asBoolean())));
    }
    return tests;
  }

  @Test
  void requestNamesMatchTypeVendorTypeOrTheFullId() {
    NodeDeviceResource g = new NodeDeviceResource("nvidia", "gpu", "1080ti", List.of(), Map.of());
    assertThat(DeviceConstraints.nameMatches("gpu", g)).isTrue();
    assertThat(DeviceConstraints.nameMatches("nvidia/gpu", g)).isTrue();
    assertThat(DeviceConstraints.nameMatches("nvidia/gpu/1080ti", g)).isTrue();
    assertThat(DeviceConstraints.nameMatches("amd/gpu", g)).isFalse();
    assertThat(DeviceConstraints.nameMatches("fpga", g)).isFalse();
    assertThat(DeviceConstraints.nameMatches("nvidia/gpu/2080ti", g)).isFalse();
    assertThat(DeviceConstraints.nameMatches("a/b/c/d", g)).isFalse();
  }

  @Test
  void deviceIdsConstraintsFilterInstancesNotGroups() {
    NodeDeviceResource g = new NodeDeviceResource("nvidia", "gpu", "1080ti", List.of(), Map.of());
    RequestedDevice req = new RequestedDevice("gpu", 1L,
        List.of(new Constraint(DeviceConstraints.DEVICE_IDS, "GPU-1,GPU-3", "set_contains_any")), null);
    assertThat(constraints.matches(req, g)).isTrue();
    assertThat(constraints.instanceAllowed(req, g, "GPU-1")).isTrue();
    assertThat(constraints.instanceAllowed(req, g, "GPU-2")).isFalse();
  }

  @Test
  void affinityWeightsSumOverMatchesAndAbsoluteTotals() throws Exception {
    NodeDeviceResource g = group(TestData.json("feasibility/device-constraints.json").get("group"));
    RequestedDevice req = new RequestedDevice("gpu", 1L, null, List.of(
        new Affinity("${device.attr.memory}", "8 GiB", ">=", 75),
        new Affinity("${device.model}", "2080ti", "=", 25),
        new Affinity("${device.vendor}", "nvidia", "=", -50)));
    assertThat(constraints.matchedAffinityWeight(req, g)).isEqualTo(25.0);
    assertThat(DeviceConstraints.totalAffinityWeight(req)).isEqualTo(150.0);
  }
}
