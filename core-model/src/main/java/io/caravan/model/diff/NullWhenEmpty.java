package io.caravan.model.diff;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/** Writes an empty list or map as {@code null}, as Go writes a nil slice or map in a diff. */
final class NullWhenEmpty extends StdSerializer<Object> {
  private static final long serialVersionUID = 1L;

  NullWhenEmpty() {
    super(Object.class);
  }

  @Override
  public boolean isEmpty(SerializerProvider provider, Object value) {
    return value == null || (value instanceof Collection<?> c && c.isEmpty()) || (value instanceof Map<?, ?> m && m.isEmpty());
  }

  @Override
  public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    if (isEmpty(provider, value)) {
      gen.writeNull();
    } else {
      provider.defaultSerializeValue(value, gen);
    }
  }
}
