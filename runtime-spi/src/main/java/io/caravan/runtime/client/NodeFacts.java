package io.caravan.runtime.client;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a task may learn about the node it runs on: identity, placement and fingerprinted
 * attributes and meta, used for {@code ${node.*}}, {@code ${attr.*}} and {@code ${meta.*}}.
 *
 * @param id the node's unique id
 * @param name the node's unique name
 * @param datacenter the node's datacenter
 * @param region the region the node belongs to
 * @param nodeClass the node class, possibly empty
 * @param nodePool the node pool
 * @param attributes fingerprinted attributes (e.g. {@code kernel.name})
 * @param meta operator-supplied node metadata
 */
public record NodeFacts(
    String id,
    String name,
    String datacenter,
    String region,
    String nodeClass,
    String nodePool,
    ImmutableSortedMap<String, String> attributes,
    ImmutableSortedMap<String, String> meta) {

  /** Validates and copies. */
  public NodeFacts {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(datacenter, "datacenter");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(nodeClass, "nodeClass");
    Objects.requireNonNull(nodePool, "nodePool");
    attributes = ImmutableSortedMap.copyOf(attributes);
    meta = ImmutableSortedMap.copyOf(meta);
  }

  /** Creates facts from plain maps. */
  public static NodeFacts of(
      String id,
      String name,
      String datacenter,
      String region,
      String nodeClass,
      String nodePool,
      Map<String, String> attributes,
      Map<String, String> meta) {
    return new NodeFacts(
        id,
        name,
        datacenter,
        region,
        nodeClass,
        nodePool,
        ImmutableSortedMap.copyOf(attributes),
        ImmutableSortedMap.copyOf(meta));
  }

  /**
   * The interpolation variables this node contributes: {@code node.unique.id}, {@code
   * node.unique.name}, {@code node.datacenter}, {@code node.region}, {@code node.class}, {@code
   * node.pool}, {@code attr.<name>} and {@code meta.<key>}.
   */
  public ImmutableSortedMap<String, String> interpolationVariables() {
    java.util.TreeMap<String, String> vars = new java.util.TreeMap<>();
    vars.put("node.unique.id", id);
    vars.put("node.unique.name", name);
    vars.put("node.datacenter", datacenter);
    vars.put("node.region", region);
    vars.put("node.class", nodeClass);
    vars.put("node.pool", nodePool);
    attributes.forEach((k, v) -> vars.put("attr." + k, v));
    meta.forEach((k, v) -> vars.put("meta." + k, v));
    return ImmutableSortedMap.copyOfSorted(vars);
  }
}
