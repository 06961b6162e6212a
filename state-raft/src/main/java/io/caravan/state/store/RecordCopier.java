package io.caravan.state.store;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies a record with some components replaced (the store stamps Raft indexes into model records,
 * which have no withers). Accessors and the canonical constructor are looked up once per record type.
 */
final class RecordCopier {
  private record Shape(String[] names, MethodHandle[] accessors, MethodHandle constructor) {}

  private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

  private RecordCopier() {}

  private static Shape shape(Class<?> type) {
    return SHAPES.computeIfAbsent(type, t -> {
      try {
        RecordComponent[] comps = t.getRecordComponents();
        if (comps == null) {
          throw new IllegalArgumentException(t + " is not a record");
        }
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        String[] names = new String[comps.length];
        MethodHandle[] accessors = new MethodHandle[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
          names[i] = comps[i].getName();
          accessors[i] = lookup.unreflect(comps[i].getAccessor());
          types[i] = comps[i].getType();
        }
        MethodHandle ctor = lookup.findConstructor(t, MethodType.methodType(void.class, types));
        return new Shape(names, accessors, ctor.asSpreader(Object[].class, comps.length));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot copy record " + t.getName(), e);
      }
    });
  }

  /** A copy of {@code record} with the named components set to the given values. */
  @SuppressWarnings("unchecked")
  static <R extends Record> R with(R record, Map<String, Object> changes) {
    Shape s = shape(record.getClass());
    Object[] args = new Object[s.names.length];
    int applied = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        if (changes.containsKey(s.names[i])) {
          Object v = changes.get(s.names[i]);
          args[i] = Txn.isNullMarker(v) ? null : v;
          applied++;
        } else {
          args[i] = s.accessors[i].invoke(record);
        }
      }
      if (applied != changes.size()) {
        throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no component among "
            + changes.keySet() + " (components: " + Arrays.toString(s.names) + ")");
      }
      return (R) s.constructor.invoke(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("copying " + record.getClass().getSimpleName(), e);
    }
  }
}
