package io.caravan.model.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;

/** Jackson module writing {@link Duration} as Go's {@code time.Duration}: integer nanoseconds. */
final class DurationNanosModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  DurationNanosModule() {
    super("caravan-duration-nanos");
    addSerializer(Duration.class, new Serializer());
    addDeserializer(Duration.class, new Deserializer());
  }

  private static final class Serializer extends StdScalarSerializer<Duration> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeNumber(value.toNanos());
    }
  }

  private static final class Deserializer extends StdScalarDeserializer<Duration> {
    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
        return (Duration)
            ctxt.handleUnexpectedToken(
                Duration.class,
                p.currentToken(),
                p,
                "a duration must be an integer number of nanoseconds, got %s",
                p.currentToken());
      }
      BigInteger nanos = p.getBigIntegerValue();
      if (nanos.bitLength() > 63) {
        return (Duration)
            ctxt.handleWeirdNumberValue(
                Duration.class, nanos, "duration out of range of a 64-bit nanosecond count");
      }
      return Duration.ofNanos(nanos.longValueExact());
    }
  }
}
