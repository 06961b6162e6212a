package io.caravan.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import io.caravan.model.cluster.ComputedNodeClass;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.fingerprint.HostFingerprint;
import io.caravan.runtime.fingerprint.HostResources;
import io.caravan.runtime.fingerprint.NetworkInterfaceInfo;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeAssemblerTest {
  private static final long MIB = 1024L * 1024L;
  private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

  private static HostFingerprint host(int cores, long mhz, ImmutableList<NetworkInterfaceInfo> ifaces) {
    return new HostFingerprint(
        ImmutableSortedMap.of("kernel.name", "linux", "cpu.numcores", String.valueOf(cores)),
        new HostResources(cores, mhz, cores * mhz, 8192 * MIB, 100_000 * MIB, 40_000 * MIB),
        ifaces);
  }

  private static final Map<String, DriverFingerprint> DRIVERS = Map.of(
      "raw_exec", DriverFingerprint.healthy(Map.of(), "healthy"),
      "docker", DriverFingerprint.unhealthy(Map.of("driver.docker.version", "4.3.1"), "engine not responding"),
      "java", DriverFingerprint.undetected("no java on PATH"));

  @Test
  void detectedDriversBecomeAttributesAndUndetectedOnesDoNot() {
    Node node = NodeAssembler.assemble(ClientIdentity.of("n-1", "box"), host(2, 2000, ImmutableList.of()), DRIVERS,
        Optional.empty(), AT);

    assertThat(node.attributesOrEmpty())
        .containsEntry("kernel.name", "linux")
        .containsEntry("driver.raw_exec", "1")
        .containsEntry("driver.docker", "1")
        .containsEntry("driver.docker.version", "4.3.1")
        .doesNotContainKey("driver.java");
    assertThat(node.drivers().get("raw_exec").healthy()).isTrue();
    assertThat(node.drivers().get("docker").detected()).isTrue();
    assertThat(node.drivers().get("docker").healthy()).isFalse();
    assertThat(node.drivers().get("docker").healthDescription()).isEqualTo("engine not responding");
    assertThat(node.drivers().get("java").detected()).isFalse();
    assertThat(node.drivers().get("java").updateTime()).isEqualTo("2026-11-25T10:00:00Z");
  }

  @Test
  void capacityComesFromTheHostAndReservationsFromTheOperator() {
    ClientIdentity id = ClientIdentity.of("n-1", "box").withReserved(500, 256, 1024, "22");
    Node node = NodeAssembler.assemble(id, host(4, 2500, ImmutableList.of()), DRIVERS, Optional.empty(), AT);

    assertThat(node.nodeResources().cpu().cpuShares()).isEqualTo(10_000);
    assertThat(node.nodeResources().cpu().totalCpuCores()).isEqualTo(4);
    assertThat(node.nodeResources().cpu().reservableCpuCores()).containsExactly(0, 1, 2, 3);
    assertThat(node.nodeResources().memory().memoryMB()).isEqualTo(8192);
    assertThat(node.nodeResources().disk().diskMB()).isEqualTo(40_000);
    assertThat(node.reservedResources().cpu().cpuShares()).isEqualTo(500);
    assertThat(node.reservedResources().memory().memoryMB()).isEqualTo(256);
    assertThat(node.reservedResources().disk().diskMB()).isEqualTo(1024);
    assertThat(node.reservedResources().networks().reservedHostPorts()).isEqualTo("22");
  }

  @Test
  void hostWithoutCpuSpeedIsCountedAtTheFallbackSpeed() {
    Node node = NodeAssembler.assemble(ClientIdentity.of("n-1", "box"), host(2, 0, ImmutableList.of()), DRIVERS,
        Optional.empty(), AT);
    assertThat(node.nodeResources().cpu().cpuShares()).isEqualTo(2 * NodeAssembler.FALLBACK_MHZ);
  }

  @Test
  void advertisesTheFirstIpv4InterfaceOrLoopback() {
    var ifaces = ImmutableList.of(
        new NetworkInterfaceInfo("eth0", ImmutableList.of("fe80::1"), 1500),
        new NetworkInterfaceInfo("eth1", ImmutableList.of("fe80::2", "10.1.2.3"), 1500));
    Node withIfaces = NodeAssembler.assemble(ClientIdentity.of("n-1", "box"), host(2, 2000, ifaces), DRIVERS,
        Optional.empty(), AT);
    assertThat(withIfaces.nodeResources().networks()).singleElement().satisfies(n -> {
      assertThat(n.device()).isEqualTo("eth1");
      assertThat(n.ip()).isEqualTo("10.1.2.3");
    });
    assertThat(withIfaces.attributesOrEmpty()).containsEntry("unique.network.ip-address", "10.1.2.3");

    Node bare = NodeAssembler.assemble(ClientIdentity.of("n-1", "box"), host(2, 2000, ImmutableList.of()), DRIVERS,
        Optional.empty(), AT);
    assertThat(bare.nodeResources().networks().get(0).ip()).isEqualTo("127.0.0.1");

    Node forced = NodeAssembler.assemble(ClientIdentity.of("n-1", "box"), host(2, 2000, ifaces), DRIVERS,
        Optional.of(NodeAssembler.HostAddress.LOOPBACK), AT);
    assertThat(forced.nodeResources().nodeNetworks().get(0).addresses().get(0).address()).isEqualTo("127.0.0.1");
  }

  @Test
  void registersInitializingEligibleWithTheIdentityAndAComputedClass() {
    ClientIdentity id = new ClientIdentity("n-9", "box-9", "", "", "gpu", ImmutableSortedMap.of("rack", "r1"), 0, 0,
        0, null);
    Node node = NodeAssembler.assemble(id, host(2, 2000, ImmutableList.of()), DRIVERS, Optional.empty(), AT);

    assertThat(node.id()).isEqualTo("n-9");
    assertThat(node.name()).isEqualTo("box-9");
    assertThat(node.datacenter()).isEqualTo("dc1");
    assertThat(node.nodePool()).isEqualTo("default");
    assertThat(node.nodeClass()).isEqualTo("gpu");
    assertThat(node.meta()).containsEntry("rack", "r1");
    assertThat(node.status()).isEqualTo(NodeStatus.INITIALIZING);
    assertThat(node.schedulingEligibility()).isEqualTo(NodeStatus.ELIGIBLE);
    assertThat(node.computedClass()).isEqualTo(ComputedNodeClass.of(node)).isNotEmpty();
  }
}
