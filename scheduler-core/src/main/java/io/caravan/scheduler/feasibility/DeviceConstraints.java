package io.caravan.scheduler.feasibility;

import io.caravan.model.cluster.DeviceAttribute;
import io.caravan.model.cluster.NodeDeviceResource;
import io.caravan.model.job.Affinity;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.RequestedDevice;
import io.caravan.scheduler.feasibility.internal.DeviceValue;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Device requests against a node's device groups, as Nomad's device checks: the request name
 * ({@code type}, {@code vendor/type} or {@code vendor/type/model}), the request's constraints on
 * {@code ${device.vendor}}, {@code ${device.type}}, {@code ${device.model}} and
 * {@code ${device.attr.X}} compared as typed values with units ({@code "2 GiB"} against a
 * {@code 4096 MiB} attribute), {@code ${device.ids}} constraints applied per instance, and the
 * affinity weight a group earns. Stateless apart from the evaluator's caches.
 */
public final class DeviceConstraints {
  /** The target naming a device instance's ID, checked per instance rather than per group. */
  public static final String DEVICE_IDS = "${device.ids}";

  private final ConstraintEvaluator evaluator;

  /** Uses {@code evaluator} for the string operators (regexp, version, semver, sets). */
  public DeviceConstraints(ConstraintEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  /** True when the request name matches the group: {@code type}, {@code vendor/type} or {@code vendor/type/model}. */
  public static boolean nameMatches(String name, NodeDeviceResource g) {
    String[] parts = name.split("/", -1);
    return switch (parts.length) {
      case 1 -> parts[0].equals(g.type());
      case 2 -> parts[0].equals(g.vendor()) && parts[1].equals(g.type());
      case 3 -> parts[0].equals(g.vendor()) && parts[1].equals(g.type()) && parts[2].equals(g.name());
      default -> false;
    };
  }

  /** True when the group matches the request's name and every group-level constraint. */
  public boolean matches(RequestedDevice request, NodeDeviceResource g) {
    if (!nameMatches(request.name(), g)) {
      return false;
    }
    for (Constraint c : request.constraintsOrEmpty()) {
      if (isIdsConstraint(c.lTarget(), c.rTarget())) {
        continue;
      }
      if (!holds(c.operand(), c.lTarget(), c.rTarget(), g)) {
        return false;
      }
    }
    return true;
  }

  /** True when instance {@code id} of the group passes the request's {@code ${device.ids}} constraints. */
  public boolean instanceAllowed(RequestedDevice request, NodeDeviceResource g, String id) {
    for (Constraint c : request.constraintsOrEmpty()) {
      if (c.lTarget().equals(DEVICE_IDS)) {
        if (!holdsValues(c.operand(), DeviceValue.string(id), resolve(c.rTarget(), g))) {
          return false;
        }
      } else if (c.rTarget().equals(DEVICE_IDS)) {
        if (!holdsValues(c.operand(), resolve(c.lTarget(), g), DeviceValue.string(id))) {
          return false;
        }
      }
    }
    return true;
  }

  /** The summed weight of the request's affinities that the group satisfies (Nomad's matched weight, not normalised). */
  public double matchedAffinityWeight(RequestedDevice request, NodeDeviceResource g) {
    double sum = 0;
    for (Affinity a : request.affinitiesOrEmpty()) {
      if (holds(a.operand(), a.lTarget(), a.rTarget(), g)) {
        sum += a.weight() == null ? 50 : a.weight();
      }
    }
    return sum;
  }

  /** The sum of the absolute affinity weights of the request (0 when it has none). */
  public static double totalAffinityWeight(RequestedDevice request) {
    double sum = 0;
    for (Affinity a : request.affinitiesOrEmpty()) {
      sum += Math.abs(a.weight() == null ? 50 : a.weight());
    }
    return sum;
  }

  private static boolean isIdsConstraint(String l, String r) {
    return l.equals(DEVICE_IDS) || r.equals(DEVICE_IDS);
  }

  private boolean holds(String op, String lTarget, String rTarget, NodeDeviceResource g) {
    return holdsValues(op, resolve(lTarget, g), resolve(rTarget, g));
  }

  /** Resolves a device target: a literal parses as a typed value; unknown targets resolve to {@code null}. */
  static @Nullable DeviceValue resolve(String target, NodeDeviceResource g) {
    if (!target.startsWith("${")) {
      return DeviceValue.parse(target);
    }
    switch (target) {
      case "${device.model}":
        return DeviceValue.string(g.name());
      case "${device.vendor}":
        return DeviceValue.string(g.vendor());
      case "${device.type}":
        return DeviceValue.string(g.type());
      default:
        break;
    }
    if (target.startsWith("${device.attr.") && target.endsWith("}")) {
      DeviceAttribute a = g.attributesOrEmpty().get(target.substring("${device.attr.".length(), target.length() - 1));
      return a == null ? null : DeviceValue.of(a);
    }
    return null;
  }

  /** Nomad's attribute-constraint rules over typed values ({@code null} = not found). */
  private boolean holdsValues(String op, @Nullable DeviceValue l, @Nullable DeviceValue r) {
    boolean lFound = l != null;
    boolean rFound = r != null;
    switch (op) {
      case "distinct_hosts":
      case "distinct_property":
        return true;
      case "!=":
      case "not": {
        if (!lFound && !rFound) {
          return false;
        }
        if (!lFound || !rFound) {
          return true;
        }
        OptionalInt c = l.compareTo(r);
        return c.isPresent() && c.getAsInt() != 0;
      }
      case "=":
      case "==":
      case "is":
      case "<":
      case "<=":
      case ">":
      case ">=": {
        if (!lFound || !rFound) {
          return false;
        }
        OptionalInt c = l.compareTo(r);
        if (c.isEmpty()) {
          return false;
        }
        int v = c.getAsInt();
        if (l.isBool() && !(op.equals("=") || op.equals("==") || op.equals("is"))) {
          return false;
        }
        return switch (op) {
          case "<" -> v < 0;
          case "<=" -> v <= 0;
          case ">" -> v > 0;
          case ">=" -> v >= 0;
          default -> v == 0;
        };
      }
      case "is_set":
        return lFound;
      case "is_not_set":
        return !lFound;
      case "version":
      case "semver":
      case "regexp":
      case "set_contains":
      case "set_contains_all":
      case "set_contains_any": {
        if (!lFound || !rFound || l.asString() == null || r.asString() == null) {
          return false;
        }
        return evaluator.check(op, l.asString(), r.asString(), true, true);
      }
      default:
        return false;
    }
  }
}
