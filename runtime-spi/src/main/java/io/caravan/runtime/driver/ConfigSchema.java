package io.caravan.runtime.driver;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema of a task's driver {@code config} block: its fields, their types and which are required.
 *
 * <p>{@link #validate(Map)} rejects unknown fields, missing required fields and values of the wrong type, naming the
 * field as {@code config.<field>}.
 */
public final class ConfigSchema {

  private final ImmutableMap<String, ConfigField> fields;
  private final boolean allowUnknown;

  private ConfigSchema(ImmutableMap<String, ConfigField> fields, boolean allowUnknown) {
    this.fields = fields;
    this.allowUnknown = allowUnknown;
  }

  /** A new schema builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The fields, in declaration order. */
  public ImmutableList<ConfigField> fields() {
    return fields.values().asList();
  }

  /** The field of that name, if declared. */
  public Optional<ConfigField> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /**
   * Checks a config block against this schema.
   *
   * @throws DriverConfigException for the first problem, naming the field
   */
  public void validate(Map<String, Object> config) {
    Map<String, Object> cfg = config == null ? Map.of() : config;
    for (ConfigField f : fields.values()) {
      Object v = cfg.get(f.name());
      if (v == null) {
        if (f.required()) {
          throw new DriverConfigException(f.name(), "is required (" + f.description() + ")");
        }
        continue;
      }
      if (!f.type().accepts(v)) {
        throw new DriverConfigException(
            f.name(), "must be " + f.type().description() + " but was " + describe(v));
      }
    }
    if (!allowUnknown) {
      for (String key : cfg.keySet()) {
        if (!fields.containsKey(key)) {
          throw new DriverConfigException(key, "is not a known field; known fields: " + fields.keySet());
        }
      }
    }
  }

  private static String describe(Object v) {
    String s = String.valueOf(v);
    if (s.length() > 40) {
      s = s.substring(0, 40) + "...";
    }
    String kind = v instanceof String ? "a string" : v instanceof Number ? "a number"
        : v instanceof Boolean ? "a boolean" : v instanceof List<?> ? "a list" : v instanceof Map<?, ?> ? "a map"
        : "a value";
    return kind + ": " + s;
  }

  /** Builds a {@link ConfigSchema}. */
  public static final class Builder {
    private final Map<String, ConfigField> fields = new LinkedHashMap<>();
    private boolean allowUnknown;

    private Builder() {}

    /** Declares a required field. */
    public Builder required(String name, ConfigField.Type type, String description) {
      return add(new ConfigField(name, type, true, description));
    }

    /** Declares an optional field. */
    public Builder optional(String name, ConfigField.Type type, String description) {
      return add(new ConfigField(name, type, false, description));
    }

    /** Declares a field. */
    public Builder add(ConfigField field) {
      if (fields.putIfAbsent(field.name(), field) != null) {
        throw new IllegalArgumentException("duplicate config field " + field.name());
      }
      return this;
    }

    /** Accepts fields that are not declared (for drivers with free-form config). */
    public Builder allowUnknownFields() {
      this.allowUnknown = true;
      return this;
    }

    /** The schema. */
    public ConfigSchema build() {
      return new ConfigSchema(ImmutableMap.copyOf(fields), allowUnknown);
    }
  }

  /** Checks that every element of a list value is a string. */
  static boolean allStrings(List<?> list) {
    for (Object o : list) {
      if (!(o instanceof String)) {
        return false;
      }
    }
    return true;
  }
}
