package io.caravan.runtime.driver;

import java.util.List;
import java.util.Map;

/**
 * One field of a driver's config block.
 *
 * @param name the field name as written in the jobspec, e.g. {@code command}
 * @param type the value type
 * @param required whether the field must be present
 * @param description what the field is for (shown in errors)
 */
public record ConfigField(String name, Type type, boolean required, String description) {

  public ConfigField {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("config field name is required");
    }
    if (type == null) {
      throw new IllegalArgumentException("config field " + name + " needs a type");
    }
    description = description == null ? "" : description;
  }

  /** A config value type. */
  public enum Type {
    /** A string. */
    STRING("a string"),
    /** An integer (any integral number). */
    INT("an integer"),
    /** A number. */
    NUMBER("a number"),
    /** A boolean. */
    BOOL("a boolean"),
    /** A duration: a string such as {@code 5s} or {@code 250ms}, or a number of nanoseconds. */
    DURATION("a duration such as \"5s\""),
    /** A list of strings. */
    STRING_LIST("a list of strings"),
    /** A map from strings to strings. */
    STRING_MAP("a map of strings"),
    /** A list of any values. */
    LIST("a list"),
    /** A map of any values. */
    MAP("a map"),
    /** Anything. */
    ANY("any value");

    private final String description;

    Type(String description) {
      this.description = description;
    }

    /** How the type is named in errors. */
    public String description() {
      return description;
    }

    /** Whether a (non-null) value has this type. */
    public boolean accepts(Object v) {
      return switch (this) {
        case STRING -> v instanceof String;
        case INT -> v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
            || v instanceof java.math.BigInteger;
        case NUMBER -> v instanceof Number;
        case BOOL -> v instanceof Boolean;
        case DURATION -> (v instanceof String s && Durations.isValid(s)) || v instanceof Integer || v instanceof Long
            || v instanceof java.time.Duration;
        case STRING_LIST -> v instanceof List<?> l && ConfigSchema.allStrings(l);
        case STRING_MAP -> v instanceof Map<?, ?> m && m.keySet().stream().allMatch(k -> k instanceof String)
            && m.values().stream().allMatch(x -> x instanceof String);
        case LIST -> v instanceof List<?>;
        case MAP -> v instanceof Map<?, ?>;
        case ANY -> true;
      };
    }
  }
}
