package io.caravan.scheduler.resources;

import java.util.ArrayList;
import java.util.List;

/** Parses Nomad port specifications such as {@code "22,80,8000-8002"}. */
public final class PortSpec {
  private PortSpec() {}

  /**
   * The listed ports in order.
   *
   * @throws IllegalArgumentException naming the bad part when the spec is malformed
   */
  public static int[] parse(String spec) {
    List<Integer> out = new ArrayList<>();
    if (spec == null || spec.isBlank()) {
      return new int[0];
    }
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      try {
        int dash = p.indexOf('-');
        if (dash > 0) {
          int lo = Integer.parseInt(p.substring(0, dash).trim());
          int hi = Integer.parseInt(p.substring(dash + 1).trim());
          if (hi < lo || hi - lo > 65535) {
            throw new IllegalArgumentException("invalid port range \"" + p + "\"");
          }
          for (int i = lo; i <= hi; i++) {
            out.add(i);
          }
        } else {
          out.add(Integer.parseInt(p));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("invalid port \"" + p + "\"", e);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
