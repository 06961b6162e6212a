package io.caravan.scheduler.testing;

import io.caravan.model.cluster.DriverInfo;
import io.caravan.model.cluster.NetworkResource;
import io.caravan.model.cluster.Node;
import io.caravan.model.cluster.NodeCpuResources;
import io.caravan.model.cluster.NodeDiskResources;
import io.caravan.model.cluster.NodeMemoryResources;
import io.caravan.model.cluster.NodeReservedCpuResources;
import io.caravan.model.cluster.NodeReservedDiskResources;
import io.caravan.model.cluster.NodeReservedMemoryResources;
import io.caravan.model.cluster.NodeReservedNetworkResources;
import io.caravan.model.cluster.NodeReservedResources;
import io.caravan.model.cluster.NodeResources;
import io.caravan.model.cluster.NodeStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test nodes shaped like Nomad's {@code mock.Node()}, with knobs for the fields tests vary. */
public final class Nodes {
  private Nodes() {}

  /** A mock node: dc1, 14000 MHz, 8192 MB, 100 GB disk, reserved 100 MHz / 256 MB / 4096 MB / port 22. */
  public static Node mock(String id) {
    return node(id, "dc1", 14000, 8192, 100, 256, Map.of(), "ready", "eligible");
  }

  /** A node with the given datacenter, capacity, reservations, meta and status. */
  public static Node node(String id, String dc, long cpu, long mem, long reservedCpu, long reservedMem,
      Map<String, String> meta, String status, String eligibility) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("kernel.name", "linux");
    attrs.put("arch", "x86");
    attrs.put("nomad.version", "0.5.0");
    attrs.put("driver.exec", "1");
    attrs.put("driver.mock_driver", "1");
    attrs.put("consul.version", "1.11.4");
    attrs.put("unique.hostname", id);
    Map<String, String> m = new LinkedHashMap<>(Map.of("pci-dss", "true", "database", "mysql", "version", "5.6"));
    m.putAll(meta);
    NodeResources res = new NodeResources(
        new NodeCpuResources(cpu, 4, List.of(0, 1, 2, 3)),
        new NodeMemoryResources(mem),
        new NodeDiskResources(100 * 1024),
        List.of(new NetworkResource("host", "eth0", "192.168.0.100/32", "192.168.0.100", "", 1000, null, null, null)),
        null, null, 0, 0);
    NodeReservedResources reserved = new NodeReservedResources(
        new NodeReservedCpuResources(reservedCpu, null),
        new NodeReservedMemoryResources(reservedMem),
        new NodeReservedDiskResources(4 * 1024),
        new NodeReservedNetworkResources("22"));
    Map<String, DriverInfo> drivers = Map.of(
        "exec", new DriverInfo(null, true, true, "healthy", ""),
        "mock_driver", new DriverInfo(null, true, true, "healthy", ""));
    return new Node(id, "", dc, "client-" + id, "", false, attrs, res, reserved, null, m,
        "linux-medium-pci", "default", "", false, null, eligibility, status, "", 0, null, drivers,
        null, null, null, null, null, 0, "", 1, 1).withComputedClass();
  }

  /** {@code n} mock nodes with sortable IDs {@code node-000}, {@code node-001}, … */
  public static List<Node> mocks(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> mock(String.format("node-%03d", i))).toList();
  }

  /** The ready/eligible status constants, for readability at call sites. */
  public static final String READY = NodeStatus.READY;
}
