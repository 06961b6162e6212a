package io.caravan.model.validation;

import io.caravan.model.job.Affinity;
import io.caravan.model.job.Constraint;
import io.caravan.model.job.Spread;
import io.caravan.model.job.SpreadTarget;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks of constraints, affinities and spreads, after Nomad's {@code structs} Validate methods. */
final class PlacementRules {
  private PlacementRules() {}

  /** Operators Nomad accepts in constraints. */
  static final Set<String> CONSTRAINT_OPERATORS =
      Set.of(
          "=", "==", "is", "!=", "not", "<", "<=", ">", ">=", "distinct_hosts", "distinct_property",
          "regexp", "version", "semver", "set_contains", "set_contains_all", "set_contains_any",
          "is_set", "is_not_set");

  /** Operators Nomad accepts in affinities. */
  static final Set<String> AFFINITY_OPERATORS =
      Set.of(
          "=", "==", "is", "!=", "not", "<", "<=", ">", ">=", "regexp", "version", "semver",
          "set_contains_all", "set_contains_any");

  private static final Set<String> NO_RTARGET = Set.of("distinct_hosts", "distinct_property", "is_set", "is_not_set");

  static void constraints(List<Constraint> constraints, Problems where) {
    for (int i = 0; i < constraints.size(); i++) {
      constraint(constraints.get(i), where.block("constraint[" + i + "]"));
    }
  }

  static void constraint(Constraint c, Problems where) {
    String op = c.operand();
    if (!CONSTRAINT_OPERATORS.contains(op)) {
      where.add("operator", "unknown operator \"" + op + "\"");
      return;
    }
    if (!op.equals("distinct_hosts") && c.lTarget().isEmpty()) {
      where.add("attribute", "operator \"" + op + "\" needs an attribute");
    }
    if (!NO_RTARGET.contains(op) && c.rTarget().isEmpty()) {
      where.add("value", "operator \"" + op + "\" needs a value");
    }
    switch (op) {
      case "distinct_hosts" -> {
        String v = c.rTarget();
        if (!v.isEmpty() && !v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          where.add("value", "distinct_hosts takes true or false, got \"" + v + "\"");
        }
      }
      case "distinct_property" -> {
        String v = c.rTarget();
        if (!v.isEmpty() && !isInterpolated(v)) {
          try {
            if (Long.parseLong(v) < 1) {
              where.add("value", "distinct_property limit must be at least 1, got " + v);
            }
          } catch (NumberFormatException e) {
            where.add("value", "distinct_property limit must be a number, got \"" + v + "\"");
          }
        }
      }
      case "regexp" -> regexp(c.rTarget(), where);
      default -> {}
    }
  }

  static void affinities(List<Affinity> affinities, Problems where) {
    for (int i = 0; i < affinities.size(); i++) {
      Affinity a = affinities.get(i);
      Problems at = where.block("affinity[" + i + "]");
      if (!AFFINITY_OPERATORS.contains(a.operand())) {
        at.add("operator", "unknown operator \"" + a.operand() + "\"");
      } else if (a.operand().equals("regexp")) {
        regexp(a.rTarget(), at);
      }
      if (a.lTarget().isEmpty()) {
        at.add("attribute", "must be set");
      }
      if (a.rTarget().isEmpty()) {
        at.add("value", "must be set");
      }
      Integer weight = a.weight();
      if (weight != null && (weight < -100 || weight > 100)) {
        at.add("weight", "must be between -100 and 100 (got " + weight + ")");
      } else if (weight != null && weight == 0) {
        at.add("weight", "must not be zero");
      }
    }
  }

  static void spreads(List<Spread> spreads, Problems where) {
    Set<String> attributes = new HashSet<>();
    for (int i = 0; i < spreads.size(); i++) {
      Spread s = spreads.get(i);
      Problems at = where.block("spread[" + i + "]");
      if (s.attribute().isEmpty()) {
        at.add("attribute", "must be set");
      } else if (!attributes.add(s.attribute())) {
        at.add("attribute", "duplicate spread on \"" + s.attribute() + "\"");
      }
      Integer weight = s.weight();
      if (weight != null && (weight <= 0 || weight > 100)) {
        at.add("weight", "must be between 1 and 100 (got " + weight + ")");
      }
      int sum = 0;
      Set<String> values = new HashSet<>();
      List<SpreadTarget> targets = s.spreadTargetOrEmpty();
      for (int t = 0; t < targets.size(); t++) {
        SpreadTarget target = targets.get(t);
        Problems tat = at.block("target \"" + target.value() + "\"");
        if (!values.add(target.value())) {
          tat.add("", "duplicate spread target");
        }
        if (target.percent() < 0 || target.percent() > 100) {
          tat.add("percent", "must be between 0 and 100 (got " + target.percent() + ")");
        }
        sum += target.percent();
      }
      if (sum > 100) {
        at.add("target", "percentages sum to " + sum + ", must be at most 100");
      }
    }
  }

  private static void regexp(String expression, Problems where) {
    if (expression.isEmpty() || isInterpolated(expression)) {
      return;
    }
    try {
      Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      where.add("value", "invalid regular expression: " + e.getDescription());
    }
  }

  /** Values holding {@code ${...}} are resolved per node at placement time, so only then checkable. */
  static boolean isInterpolated(String value) {
    return value.contains("${");
  }
}
