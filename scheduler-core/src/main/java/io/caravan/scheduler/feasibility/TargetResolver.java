package io.caravan.scheduler.feasibility;

import io.caravan.model.cluster.Node;
import org.jspecify.annotations.Nullable;

/** Resolves a constraint target ({@code ${node.*}}, {@code ${attr.*}}, {@code ${meta.*}} or a literal) against a node. */
public final class TargetResolver {
  private TargetResolver() {}

  /** The resolved value, or {@code null} when the target names something the node does not have. */
  public static @Nullable String resolve(String target, Node node) {
    if (!target.startsWith("${")) {
      return target;
    }
    switch (target) {
      case "${node.unique.id}":
        return node.id();
      case "${node.datacenter}":
        return node.datacenter();
      case "${node.unique.name}":
        return node.name();
      case "${node.class}":
        return node.nodeClass();
      case "${node.pool}":
        return node.nodePool();
      default:
        break;
    }
    if (!target.endsWith("}")) {
      return null;
    }
    if (target.startsWith("${attr.")) {
      return node.attributesOrEmpty().get(target.substring(7, target.length() - 1));
    }
    if (target.startsWith("${meta.")) {
      return node.metaOrEmpty().get(target.substring(7, target.length() - 1));
    }
    return null;
  }

  /** True when the target names a node-unique value, so results cannot be memoised by node class. */
  public static boolean escapes(String target) {
    return target.startsWith("${unique.")
        || target.startsWith("${node.unique.")
        || target.startsWith("${attr.unique.")
        || target.startsWith("${meta.unique.");
  }
}
