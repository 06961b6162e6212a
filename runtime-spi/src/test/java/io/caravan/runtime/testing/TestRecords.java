package io.caravan.runtime.testing;

import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Test helper: builds a record through its canonical constructor from the components named in a
 * map; other components get empty values (null, 0, false, or "" for strings). Keeps tests short
 * for wide cluster records that have no builder.
 */
public final class TestRecords {
  private TestRecords() {}

  /** Builds {@code type} with the given components set. */
  public static <T extends Record> T of(Class<T> type, Map<String, ?> values) {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      if (values.containsKey(c.getName())) {
        args[i] = values.get(c.getName());
      } else if (c.getType() == String.class) {
        args[i] = "";
      } else if (c.getType() == boolean.class) {
        args[i] = false;
      } else if (c.getType() == int.class) {
        args[i] = 0;
      } else if (c.getType() == long.class) {
        args[i] = 0L;
      } else if (c.getType() == double.class) {
        args[i] = 0.0;
      } else if (c.getType().isPrimitive()) {
        throw new IllegalArgumentException("unsupported primitive " + c.getType());
      }
    }
    for (String key : values.keySet()) {
      boolean known = false;
      for (RecordComponent c : components) {
        known |= c.getName().equals(key);
      }
      if (!known) {
        throw new IllegalArgumentException(type.getSimpleName() + " has no component " + key);
      }
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }
}
