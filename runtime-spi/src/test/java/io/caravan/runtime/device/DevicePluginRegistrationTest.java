package io.caravan.runtime.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import io.caravan.runtime.driver.DriverContext;
import io.caravan.runtime.plugin.PluginRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DevicePluginRegistrationTest {

  /** Two fake GPUs, one unhealthy; reserving gives the visible-devices variable and device nodes. */
  private static final class FakeGpus implements DevicePlugin {
    @Override
    public String name() {
      return "fake-gpu";
    }

    @Override
    public List<DeviceGroup> fingerprint() {
      return List.of(new DeviceGroup("acme", "gpu", "A1", ImmutableList.of(
          new DeviceInstance("gpu-0", true, "", "0000:01:00.0"),
          new DeviceInstance("gpu-1", false, "overheated", "0000:02:00.0")),
          ImmutableMap.of("memory", DeviceAttribute.of(16, "GiB"))));
    }

    @Override
    public AutoCloseable watchFingerprint(Consumer<List<DeviceGroup>> listener) {
      listener.accept(fingerprint());
      return () -> {};
    }

    @Override
    public DeviceReservation reserve(List<String> ids) {
      for (String id : ids) {
        boolean healthy = fingerprint().get(0).instances().stream().anyMatch(i -> i.id().equals(id) && i.healthy());
        if (!healthy) {
          throw new IllegalArgumentException("device " + id + " is unknown or unhealthy");
        }
      }
      List<DeviceReservation.DeviceNode> nodes = new ArrayList<>();
      for (String id : ids) {
        nodes.add(new DeviceReservation.DeviceNode("/dev/" + id, "/dev/" + id, "rwm"));
      }
      return new DeviceReservation(ImmutableMap.of("ACME_VISIBLE_DEVICES", String.join(",", ids)),
          ImmutableList.of(), ImmutableList.copyOf(nodes));
    }

    @Override
    public List<DeviceStats> stats() {
      return List.of(new DeviceStats("gpu-0", DeviceAttribute.of(3, "GiB"), ImmutableMap.of(), Instant.EPOCH));
    }
  }

  @Test
  void registeredDevicePluginReportsGroupsAndReservesHealthyInstances() {
    PluginRegistry registry = new PluginRegistry(DriverContext.of(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)))
        .register(new FakeGpus());

    DevicePlugin gpus = registry.devicePlugins().get("fake-gpu");
    DeviceGroup group = gpus.fingerprint().get(0);

    assertThat(group.id()).isEqualTo("acme/gpu/A1");
    assertThat(group.attributes().get("memory")).hasToString("16 GiB");
    assertThat(gpus.reserve(List.of("gpu-0")).env()).containsEntry("ACME_VISIBLE_DEVICES", "gpu-0");
    assertThatThrownBy(() -> gpus.reserve(List.of("gpu-1"))).hasMessage("device gpu-1 is unknown or unhealthy");
  }

  @Test
  void attributesAcceptOnlyNomadValueTypes() {
    assertThatThrownBy(() -> new DeviceAttribute(List.of(), "x"))
        .hasMessageStartingWith("device attribute values are Long, Double, Boolean or String");
  }
}
