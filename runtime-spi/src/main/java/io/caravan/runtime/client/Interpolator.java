package io.caravan.runtime.client;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} references in task env values, args and driver config, looking names
 * up first in the task environment ({@code NOMAD_*} and the task's own env) and then in the node
 * variables ({@code attr.*}, {@code meta.*}, {@code node.*}). Like Nomad, an unknown reference is
 * left in place unchanged.
 */
public final class Interpolator {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-zA-Z0-9_\\-.]+)}");

  private final Map<String, String> env;
  private final Map<String, String> nodeVariables;

  /**
   * Creates an interpolator.
   *
   * @param env the task environment variables
   * @param nodeVariables node variables from {@link NodeFacts#interpolationVariables()}
   */
  public Interpolator(Map<String, String> env, Map<String, String> nodeVariables) {
    this.env = ImmutableMap.copyOf(env);
    this.nodeVariables = ImmutableMap.copyOf(nodeVariables);
  }

  /** Interpolates one string. */
  public String interpolate(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf("${") < 0) {
      return text;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String name = m.group(1);
      String value = env.get(name);
      if (value == null) {
        value = nodeVariables.get(name);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Interpolates every element of a list of arguments. */
  public ImmutableList<String> interpolate(List<String> args) {
    return args.stream().map(this::interpolate).collect(ImmutableList.toImmutableList());
  }

  /**
   * Interpolates a driver config block: every string value at any depth (in nested maps and
   * lists) is interpolated; keys and non-string values are kept. Insertion order is preserved.
   */
  public Map<String, Object> interpolateConfig(Map<String, ?> config) {
    Map<String, Object> out = new LinkedHashMap<>();
    config.forEach((k, v) -> out.put(k, interpolateValue(v)));
    return java.util.Collections.unmodifiableMap(out);
  }

  private Object interpolateValue(Object value) {
    if (value instanceof String s) {
      return interpolate(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), interpolateValue(v)));
      return java.util.Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      return java.util.Collections.unmodifiableList(
          list.stream().map(this::interpolateValue).toList());
    }
    return value;
  }
}
