package io.caravan.scheduler.feasibility.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parsed version constraints with the two rule sets Nomad uses: {@code version} (go-version,
 * {@code ~>} allowed, prereleases only match constraints with a prerelease on the same segments)
 * and {@code semver} (no {@code ~>}, plain SemVer 2.0 ordering including prereleases).
 */
public final class VersionConstraints {
  private static final Pattern PART = Pattern.compile("^(~>|>=|<=|!=|=|>|<)?\\s*(\\S+)$");

  private VersionConstraints() {}

  /** Parses a comma-separated constraint (all parts must hold); {@code null} when malformed. */
  public static @Nullable Predicate<GoVersion> parse(String constraint, boolean semver) {
    List<Predicate<GoVersion>> parts = new ArrayList<>();
    List<String> split = GoVersion.splitConstraints(constraint);
    if (split.isEmpty()) {
      return null;
    }
    for (String p : split) {
      Matcher m = PART.matcher(p);
      if (!m.matches()) {
        return null;
      }
      String op = m.group(1) == null ? "=" : m.group(1);
      GoVersion c = GoVersion.parse(m.group(2));
      if (c == null || (semver && op.equals("~>"))) {
        return null;
      }
      parts.add(semver ? semverPart(op, c) : goVersionPart(op, c));
    }
    return v -> parts.stream().allMatch(p -> p.test(v));
  }

  private static Predicate<GoVersion> semverPart(String op, GoVersion c) {
    return switch (op) {
      case "=" -> v -> v.compareTo(c) == 0;
      case "!=" -> v -> v.compareTo(c) != 0;
      case ">" -> v -> v.compareTo(c) > 0;
      case "<" -> v -> v.compareTo(c) < 0;
      case ">=" -> v -> v.compareTo(c) >= 0;
      default -> v -> v.compareTo(c) <= 0;
    };
  }

  private static Predicate<GoVersion> goVersionPart(String op, GoVersion c) {
    return switch (op) {
      case "=" -> v -> v.compareTo(c) == 0;
      case "!=" -> v -> v.compareTo(c) != 0;
      case ">" -> v -> prereleaseOk(v, c) && v.compareTo(c) > 0;
      case "<" -> v -> prereleaseOk(v, c) && v.compareTo(c) < 0;
      case ">=" -> v -> prereleaseOk(v, c) && v.compareTo(c) >= 0;
      case "<=" -> v -> prereleaseOk(v, c) && v.compareTo(c) <= 0;
      default -> v -> pessimistic(v, c);
    };
  }

  private static boolean prereleaseOk(GoVersion v, GoVersion c) {
    if (c.isPrerelease() && v.isPrerelease()) {
      return c.sameSegments(v);
    }
    return !(v.isPrerelease() && !c.isPrerelease());
  }

  private static boolean pessimistic(GoVersion v, GoVersion c) {
    if (!prereleaseOk(v, c) || (c.isPrerelease() && !v.isPrerelease())) {
      return false;
    }
    if (v.compareTo(c) < 0) {
      return false;
    }
    long[] cs = c.segments();
    long[] vs = v.segments();
    for (int i = 0; i < c.specified() - 1; i++) {
      if ((i < vs.length ? vs[i] : 0) != cs[i]) {
        return false;
      }
    }
    int last = c.specified() - 1;
    return cs[last] <= (last < vs.length ? vs[last] : 0);
  }
}
