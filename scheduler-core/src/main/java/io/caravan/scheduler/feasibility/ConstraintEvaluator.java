package io.caravan.scheduler.feasibility;

import io.caravan.model.cluster.Node;
import io.caravan.model.job.Constraint;
import io.caravan.scheduler.feasibility.internal.GoVersion;
import io.caravan.scheduler.feasibility.internal.VersionConstraints;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Evaluates Nomad constraint operators against resolved values, with per-evaluation caches of
 * parsed regular expressions and version constraints. Not thread-safe: use one per evaluation.
 */
public final class ConstraintEvaluator {
  private final Map<String, Optional<Pattern>> regexps = new HashMap<>();
  private final Map<String, Optional<Predicate<GoVersion>>> versions = new HashMap<>();
  private final Map<String, Optional<Predicate<GoVersion>>> semvers = new HashMap<>();

  /** True when {@code node} satisfies {@code c}; distinct_* operands are always true here. */
  public boolean satisfies(Constraint c, Node node) {
    String l = TargetResolver.resolve(c.lTarget(), node);
    String r = TargetResolver.resolve(c.rTarget(), node);
    return check(c.operand(), l == null ? "" : l, r == null ? "" : r, l != null, r != null);
  }

  /** Applies operator {@code op} to resolved values; the found flags say whether each side resolved. */
  public boolean check(String op, String l, String r, boolean lFound, boolean rFound) {
    switch (op) {
      case "distinct_hosts":
      case "distinct_property":
        return true;
      case "=":
      case "==":
      case "is":
        return lFound && rFound && l.equals(r);
      case "!=":
      case "not":
        return !l.equals(r);
      case "<":
      case "<=":
      case ">":
      case ">=":
        return lFound && rFound && checkOrder(op, l, r);
      case "is_set":
        return lFound;
      case "is_not_set":
        return !lFound;
      case "version":
        return lFound && rFound && checkVersion(l, r, versions, false);
      case "semver":
        return lFound && rFound && checkVersion(l, r, semvers, true);
      case "regexp":
        return lFound && rFound && checkRegexp(l, r);
      case "set_contains":
      case "set_contains_all":
        return lFound && rFound && setContainsAll(l, r);
      case "set_contains_any":
        return lFound && rFound && setContainsAny(l, r);
      default:
        return false;
    }
  }

  /** Orders as integers if both parse, else as floats if both parse, else lexically. */
  public static boolean checkOrder(String op, String l, String r) {
    int cmp;
    Long li = parseLong(l);
    Long ri = parseLong(r);
    if (li != null && ri != null) {
      cmp = Long.compare(li, ri);
    } else {
      Double lf = parseDouble(l);
      Double rf = parseDouble(r);
      cmp = lf != null && rf != null ? Double.compare(lf, rf) : Integer.signum(l.compareTo(r));
    }
    return switch (op) {
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      case ">" -> cmp > 0;
      default -> cmp >= 0;
    };
  }

  private boolean checkVersion(String l, String r, Map<String, Optional<Predicate<GoVersion>>> cache, boolean semver) {
    GoVersion v = GoVersion.parse(l);
    if (v == null) {
      return false;
    }
    Optional<Predicate<GoVersion>> p =
        cache.computeIfAbsent(r, k -> Optional.ofNullable(VersionConstraints.parse(k, semver)));
    return p.isPresent() && p.get().test(v);
  }

  private boolean checkRegexp(String l, String r) {
    Optional<Pattern> p = regexps.computeIfAbsent(r, k -> {
      try {
        return Optional.of(Pattern.compile(k));
      } catch (PatternSyntaxException e) {
        return Optional.empty();
      }
    });
    return p.isPresent() && p.get().matcher(l).find();
  }

  private static boolean setContainsAll(String l, String r) {
    Set<String> have = splitSet(l);
    for (String item : r.split(",")) {
      if (!have.contains(item.trim())) {
        return false;
      }
    }
    return true;
  }

  private static boolean setContainsAny(String l, String r) {
    Set<String> have = splitSet(l);
    for (String item : r.split(",")) {
      if (have.contains(item.trim())) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> splitSet(String s) {
    Set<String> out = new HashSet<>();
    for (String item : List.of(s.split(","))) {
      out.add(item.trim());
    }
    return out;
  }

  private static Long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double parseDouble(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
