package io.caravan.model.testing;

import io.caravan.model.job.Blob;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills any model record with seeded random values, component by component: every field of every
 * nested type gets exercised, including free-form config trees, {@code null} versus empty
 * collections, durations and byte payloads. Values are arbitrary (not necessarily a valid job);
 * use {@link JobGenerator} for realistic jobs.
 */
public final class RecordGenerator {
  private static final String ALPHABET = "abcXYZ019_-./ ${}\"\\é日\u0001";

  private final SplittableRandom random;
  private final int maxDepth;

  /** A generator drawing from {@code random}; nesting stops (nulls) below {@code maxDepth}. */
  public RecordGenerator(SplittableRandom random, int maxDepth) {
    this.random = random;
    this.maxDepth = maxDepth;
  }

  /** A random instance of record type {@code type}. */
  public <T extends Record> T next(Class<T> type) {
    return record(type, 0);
  }

  private <T extends Record> T record(Class<T> type, int depth) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = value(components[i].getGenericType(), depth + 1, components[i].getType().isPrimitive());
    }
    try {
      Constructor<T> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  private Object value(Type type, int depth, boolean primitive) {
    if (!primitive && (depth > maxDepth || random.nextInt(4) == 0)) {
      return null;
    }
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      int size = random.nextInt(4);
      if (raw == List.class) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          out.add(nonNull(args[0], depth));
        }
        return out;
      }
      if (raw == Map.class) {
        if (args[1] == Object.class) {
          return freeForm(depth);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
          out.put(string(), nonNull(args[1], depth));
        }
        return out;
      }
      throw new IllegalArgumentException("unsupported generic type " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return string();
    }
    if (c == int.class || c == Integer.class) {
      return random.nextInt(-5, 100_000);
    }
    if (c == long.class || c == Long.class) {
      return random.nextLong(-5, Long.MAX_VALUE);
    }
    if (c == boolean.class || c == Boolean.class) {
      return random.nextBoolean();
    }
    if (c == double.class || c == Double.class) {
      return random.nextInt(-1000, 1000) / 8.0; // exact in binary, so JSON round trips stay equal
    }
    if (c == Duration.class) {
      return Duration.ofNanos(random.nextLong(0, 10_000_000_000_000L));
    }
    if (c == Blob.class) {
      byte[] bytes = new byte[random.nextInt(6)];
      random.nextBytes(bytes);
      return Blob.of(bytes);
    }
    if (c.isRecord()) {
      @SuppressWarnings("unchecked")
      Class<? extends Record> recordType = (Class<? extends Record>) c;
      return record(recordType, depth);
    }
    throw new IllegalArgumentException("unsupported type " + type);
  }

  private Object nonNull(Type type, int depth) {
    Object v = null;
    while (v == null) {
      v = value(type, Math.min(depth, maxDepth), true);
    }
    return v;
  }

  /** A free-form tree like driver config, with every JSON value kind the codec keeps exactly. */
  private Map<String, Object> freeForm(int depth) {
    Map<String, Object> out = new LinkedHashMap<>();
    int size = random.nextInt(4);
    for (int i = 0; i < size; i++) {
      out.put(string(), freeValue(depth + 1));
    }
    return out;
  }

  private Object freeValue(int depth) {
    int kind = random.nextInt(depth > maxDepth ? 6 : 8);
    return switch (kind) {
      case 0 -> string();
      case 1 -> random.nextBoolean();
      case 2 -> random.nextInt();
      case 3 -> random.nextLong(1L << 32, Long.MAX_VALUE);
      case 4 -> BigDecimal.valueOf(random.nextLong(-100_000, 100_000), random.nextInt(1, 4));
      case 5 -> random.nextBoolean() ? null : new BigInteger("123456789012345678901234567890");
      case 6 -> {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(3);
        for (int i = 0; i < size; i++) {
          list.add(freeValue(depth + 1));
        }
        yield list;
      }
      default -> freeForm(depth + 1);
    };
  }

  private String string() {
    int length = random.nextInt(6);
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
