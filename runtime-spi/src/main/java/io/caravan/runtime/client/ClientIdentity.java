package io.caravan.runtime.client;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who a client node says it is when it registers, and what it holds back from the scheduler: the
 * operator's part of a node (Nomad's client {@code name}, {@code datacenter}, {@code node_pool},
 * {@code node_class}, {@code meta} and {@code reserved} settings).
 *
 * @param id the node ID (a UUID, kept in the client's state directory so restarts keep it)
 * @param name the node name (Nomad defaults it to the host name)
 * @param datacenter the datacenter, {@code dc1} by default
 * @param nodePool the node pool, {@code default} by default
 * @param nodeClass the node class, empty by default
 * @param meta operator metadata, visible to constraints as {@code ${meta.*}}
 * @param reservedCpuMhz CPU withheld from scheduling, in MHz
 * @param reservedMemoryMb memory withheld from scheduling, in MB
 * @param reservedDiskMb disk withheld from scheduling, in MB
 * @param reservedPorts host ports withheld from scheduling, in Nomad's range syntax ({@code "22,8000-8010"})
 */
public record ClientIdentity(
    String id,
    String name,
    String datacenter,
    String nodePool,
    String nodeClass,
    ImmutableSortedMap<String, String> meta,
    long reservedCpuMhz,
    long reservedMemoryMb,
    long reservedDiskMb,
    String reservedPorts) {

  /** Checks the required fields and copies the metadata. */
  public ClientIdentity {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    datacenter = datacenter == null || datacenter.isEmpty() ? "dc1" : datacenter;
    nodePool = nodePool == null || nodePool.isEmpty() ? "default" : nodePool;
    nodeClass = nodeClass == null ? "" : nodeClass;
    meta = meta == null ? ImmutableSortedMap.of() : meta;
    reservedPorts = reservedPorts == null ? "" : reservedPorts;
    if (reservedCpuMhz < 0 || reservedMemoryMb < 0 || reservedDiskMb < 0) {
      throw new IllegalArgumentException("reserved resources must not be negative");
    }
  }

  /** A node in {@code dc1}, pool {@code default}, with nothing reserved. */
  public static ClientIdentity of(String id, String name) {
    return new ClientIdentity(id, name, "dc1", "default", "", ImmutableSortedMap.of(), 0, 0, 0, "");
  }

  /** This identity in another datacenter. */
  public ClientIdentity withDatacenter(String dc) {
    return new ClientIdentity(id, name, dc, nodePool, nodeClass, meta, reservedCpuMhz, reservedMemoryMb,
        reservedDiskMb, reservedPorts);
  }

  /** This identity with the given metadata. */
  public ClientIdentity withMeta(Map<String, String> newMeta) {
    return new ClientIdentity(id, name, datacenter, nodePool, nodeClass, ImmutableSortedMap.copyOf(newMeta),
        reservedCpuMhz, reservedMemoryMb, reservedDiskMb, reservedPorts);
  }

  /** This identity with resources withheld from scheduling. */
  public ClientIdentity withReserved(long cpuMhz, long memoryMb, long diskMb, String ports) {
    return new ClientIdentity(id, name, datacenter, nodePool, nodeClass, meta, cpuMhz, memoryMb, diskMb, ports);
  }
}
