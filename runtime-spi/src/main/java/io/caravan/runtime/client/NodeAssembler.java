package io.caravan.runtime.client;

import io.caravan.model.cluster.DriverInfo;
import io.caravan.model.cluster.NetworkResource;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeCpuResources;
import io.caravan.model.cluster.NodeDiskResources;
import io.caravan.model.cluster.NodeMemoryResources;
import io.caravan.model.cluster.NodeNetworkAddress;
import io.caravan.model.cluster.NodeNetworkResource;
import io.caravan.model.cluster.NodeReservedCpuResources;
import io.caravan.model.cluster.NodeReservedDiskResources;
import io.caravan.model.cluster.NodeReservedMemoryResources;
import io.caravan.model.cluster.NodeReservedNetworkResources;
import io.caravan.model.cluster.NodeReservedResources;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.cluster.NodeStatus;
import io.caravan.runtime.driver.DriverFingerprint;
import io.caravan.runtime.fingerprint.HostFingerprint;
import io.caravan.runtime.fingerprint.NetworkInterfaceInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Turns what a client fingerprinted (the host and each driver) and what its operator configured
 * ({@link ClientIdentity}) into the {@link Node} it registers with the servers, as Nomad's client
 * does: host attributes plus {@code driver.<name>} for every detected driver, capacity from the
 * host (CPU in MHz × cores, memory and free disk in MB, one host network), the operator's
 * reservations, and the computed node class.
 */
public final class NodeAssembler {
  private static final long MIB = 1024L * 1024L;
  /** The CPU speed assumed when the host does not report one (containers often hide it). */
  static final long FALLBACK_MHZ = 1000;

  private NodeAssembler() {}

  /**
   * The node to register.
   *
   * @param identity the operator's settings
   * @param host the host fingerprint
   * @param drivers each driver's fingerprint by driver name
   * @param address the host network to advertise: an interface name and IPv4 address; when empty,
   *     the first fingerprinted interface with an IPv4 address, else loopback
   * @param fingerprintedAt when the driver fingerprints were taken (Nomad's {@code UpdateTime})
   */
  public static Node assemble(
      ClientIdentity identity,
      HostFingerprint host,
      Map<String, DriverFingerprint> drivers,
      Optional<HostAddress> address,
      Instant fingerprintedAt) {
    Map<String, String> attributes = new TreeMap<>(host.attributes());
    Map<String, DriverInfo> driverInfos = new TreeMap<>();
    drivers.forEach((name, fp) -> {
      boolean detected = fp.health() != DriverFingerprint.Health.UNDETECTED;
      if (detected) {
        attributes.putAll(fp.attributes());
        attributes.put("driver." + name, "1");
      }
      driverInfos.put(name, new DriverInfo(fp.attributes(), detected,
          fp.health() == DriverFingerprint.Health.HEALTHY, fp.healthDescription(), fingerprintedAt.toString()));
    });
    HostAddress advertised = address.orElseGet(() -> firstIpv4(host.interfaces()));
    attributes.put("unique.network.ip-address", advertised.ip());

    int cores = Math.max(1, host.resources().cpuCores());
    long mhz = host.resources().cpuMhz() > 0 ? host.resources().cpuMhz() : FALLBACK_MHZ;
    NodeResources resources = new NodeResources(
        new NodeCpuResources(mhz * cores, cores, IntStream.range(0, cores).boxed().toList()),
        new NodeMemoryResources(host.resources().memoryBytes() / MIB),
        new NodeDiskResources(host.resources().diskFreeBytes() / MIB),
        List.of(new NetworkResource("host", advertised.device(), advertised.ip() + "/32", advertised.ip(), "", 1000,
            null, null, null)),
        List.of(new NodeNetworkResource("host", advertised.device(), "", 1000,
            List.of(new NodeNetworkAddress("ipv4", "default", advertised.ip(), "", "")))),
        null, 0, 0);
    NodeReservedResources reserved = new NodeReservedResources(
        new NodeReservedCpuResources(identity.reservedCpuMhz(), null),
        new NodeReservedMemoryResources(identity.reservedMemoryMb()),
        new NodeReservedDiskResources(identity.reservedDiskMb()),
        new NodeReservedNetworkResources(identity.reservedPorts()));
    return Node.builder()
        .id(identity.id())
        .name(identity.name())
        .datacenter(identity.datacenter())
        .nodePool(identity.nodePool())
        .nodeClass(identity.nodeClass())
        .meta(identity.meta())
        .attributes(attributes)
        .nodeResources(resources)
        .reservedResources(reserved)
        .drivers(driverInfos)
        .status(NodeStatus.INITIALIZING)
        .schedulingEligibility(NodeStatus.ELIGIBLE)
        .build()
        .withComputedClass();
  }

  private static HostAddress firstIpv4(List<NetworkInterfaceInfo> interfaces) {
    for (NetworkInterfaceInfo ni : interfaces) {
      for (String a : ni.addresses()) {
        if (!a.contains(":")) {
          return new HostAddress(ni.name(), a);
        }
      }
    }
    return HostAddress.LOOPBACK;
  }

  /**
   * A host network to advertise.
   *
   * @param device the interface name, e.g. {@code eth0}
   * @param ip its IPv4 address
   */
  public record HostAddress(String device, String ip) {
    /** The loopback interface, what a dev agent advertises. */
    public static final HostAddress LOOPBACK = new HostAddress("lo", "127.0.0.1");
  }
}
