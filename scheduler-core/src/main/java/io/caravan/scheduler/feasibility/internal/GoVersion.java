package io.caravan.scheduler.feasibility.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A parsed version in the grammar of hashicorp/go-version: numeric segments (padded to three),
 * an optional prerelease and optional metadata, compared by segments and then SemVer 2.0
 * prerelease precedence.
 */
public final class GoVersion {
  private static final Pattern VERSION =
      Pattern.compile(
          "v?([0-9]+(\\.[0-9]+)*?)"
              + "(-([0-9]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)|(-?([A-Za-z\\-~]+[0-9A-Za-z\\-~]*(\\.[0-9A-Za-z\\-~]+)*)))?"
              + "(\\+([0-9A-Za-z\\-~]+(\\.[0-9A-Za-z\\-~]+)*))?");

  private final long[] segments;
  private final int specified;
  private final String prerelease;

  private GoVersion(long[] segments, int specified, String prerelease) {
    this.segments = segments;
    this.specified = specified;
    this.prerelease = prerelease;
  }

  /** A copy of the numeric segments, padded to at least three. */
  public long[] segments() {
    return segments.clone();
  }

  /** How many segments the text actually had (before padding). */
  public int specified() {
    return specified;
  }

  /** The prerelease part without its dash, or empty. */
  public String prerelease() {
    return prerelease;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < specified; i++) {
      b.append(i == 0 ? "" : ".").append(segments[i]);
    }
    return prerelease.isEmpty() ? b.toString() : b + "-" + prerelease;
  }

  /** Parses {@code text}, or returns {@code null} when it is not a version. */
  public static @Nullable GoVersion parse(String text) {
    Matcher m = VERSION.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    String[] parts = m.group(1).split("\\.");
    int n = Math.max(parts.length, 3);
    long[] segs = new long[n];
    try {
      for (int i = 0; i < parts.length; i++) {
        segs[i] = Long.parseLong(parts[i]);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    String pre = m.group(4) != null ? m.group(4) : (m.group(7) != null ? m.group(7) : "");
    return new GoVersion(segs, parts.length, pre);
  }

  /** True when the version has a prerelease part. */
  public boolean isPrerelease() {
    return !prerelease.isEmpty();
  }

  /** Compares by segments, then prerelease (a release sorts after its prereleases). */
  public int compareTo(GoVersion o) {
    int n = Math.max(segments.length, o.segments.length);
    for (int i = 0; i < n; i++) {
      long a = i < segments.length ? segments[i] : 0;
      long b = i < o.segments.length ? o.segments[i] : 0;
      if (a != b) {
        return a < b ? -1 : 1;
      }
    }
    return comparePrerelease(prerelease, o.prerelease);
  }

  /** True when both have the same numeric segments (ignoring padding). */
  public boolean sameSegments(GoVersion o) {
    int n = Math.max(segments.length, o.segments.length);
    for (int i = 0; i < n; i++) {
      long a = i < segments.length ? segments[i] : 0;
      long b = i < o.segments.length ? o.segments[i] : 0;
      if (a != b) {
        return false;
      }
    }
    return true;
  }

  static int comparePrerelease(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    if (a.isEmpty()) {
      return 1;
    }
    if (b.isEmpty()) {
      return -1;
    }
    List<String> pa = List.of(a.split("\\."));
    List<String> pb = List.of(b.split("\\."));
    for (int i = 0; i < Math.max(pa.size(), pb.size()); i++) {
      if (i >= pa.size()) {
        return -1;
      }
      if (i >= pb.size()) {
        return 1;
      }
      String x = pa.get(i);
      String y = pb.get(i);
      boolean xn = x.chars().allMatch(Character::isDigit);
      boolean yn = y.chars().allMatch(Character::isDigit);
      int c;
      if (xn && yn) {
        c = Long.compare(Long.parseLong(x), Long.parseLong(y));
      } else if (xn) {
        c = -1;
      } else if (yn) {
        c = 1;
      } else {
        c = Integer.signum(x.compareTo(y));
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Splits a comma-separated constraint list into trimmed, non-empty parts. */
  public static List<String> splitConstraints(String s) {
    List<String> out = new ArrayList<>();
    for (String p : s.split(",")) {
      if (!p.isBlank()) {
        out.add(p.trim());
      }
    }
    return out;
  }
}
