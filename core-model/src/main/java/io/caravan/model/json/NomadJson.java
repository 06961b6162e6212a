package io.caravan.model.json;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.caravan.model.job.Job;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads and writes the model in the JSON format of Nomad's HTTP API ({@code /v1/jobs} and friends).
 *
 * <p>Field names are Go's ({@code ID}, {@code TaskGroups}); durations are integer nanoseconds;
 * explicit {@code null}s are accepted everywhere; unset fields are written as {@code null}, exactly
 * as Go's {@code encoding/json} writes nil pointers, slices and maps; map keys are written sorted,
 * as Go does. Like Go, field names match case-insensitively when reading.
 *
 * <p>{@link #strict()} rejects unknown fields with a {@link ModelJsonException} whose
 * {@link ModelJsonException#path() path} names the field; {@link #lenient()} ignores them. Type
 * mismatches (a string where a number belongs, a fraction for an integer) are errors in both modes.
 * Instances are immutable and thread-safe.
 */
public final class NomadJson {
  private static final NomadJson STRICT = new NomadJson(true);
  private static final NomadJson LENIENT = new NomadJson(false);

  private final ObjectMapper mapper;

  private NomadJson(boolean failOnUnknown) {
    this.mapper =
        JsonMapper.builder()
            .addModule(new DurationNanosModule())
            .addModule(new BlackbirdModule())
            .addModule(new Jdk8Module())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknown)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // A null element of a typed list (e.g. "Constraints": [null]) is reported at its index.
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .build();
  }

  /** The codec that rejects unknown fields (the default). */
  public static NomadJson strict() {
    return STRICT;
  }

  /** The codec that ignores unknown fields. */
  public static NomadJson lenient() {
    return LENIENT;
  }

  /** Reads a job from its API JSON text. */
  public Job readJob(String json) {
    return read(json, Job.class);
  }

  /** Reads a job from an already parsed JSON tree. */
  public Job readJob(JsonNode json) {
    return read(json, Job.class);
  }

  /** Writes a job as compact API JSON text. */
  public String writeJob(Job job) {
    return write(job);
  }

  /** Reads any model type (job, node, allocation, evaluation…) from API JSON text. */
  public <T> T read(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw translate(e);
    }
  }

  /** Reads any model type from a stream of API JSON (UTF-8); does not close the stream. */
  public <T> T read(InputStream json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw translate(e);
    } catch (IOException e) {
      throw new ModelJsonException("", "cannot read JSON: " + e.getMessage(), e);
    }
  }

  /** Reads any model type from a parsed JSON tree. */
  public <T> T read(JsonNode json, Class<T> type) {
    try {
      return mapper.treeToValue(json, type);
    } catch (JsonProcessingException e) {
      throw translate(e);
    } catch (IllegalArgumentException e) {
      throw new ModelJsonException("", e.getMessage(), e);
    }
  }

  /** Parses JSON text into a tree (numbers keep their exact value). */
  public JsonNode parseTree(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw translate(e);
    }
  }

  /** Writes any model value as compact API JSON text. */
  public String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw translate(e);
    }
  }

  /** Converts any model value to its API JSON tree. */
  public JsonNode toTree(Object value) {
    try {
      return mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new ModelJsonException("", e.getMessage(), e);
    }
  }

  private static ModelJsonException translate(JsonProcessingException e) {
    String path = e instanceof JsonMappingException m ? pathOf(m.getPath()) : "";
    String reason;
    if (e instanceof UnrecognizedPropertyException u) {
      reason = "unknown field \"" + u.getPropertyName() + "\"";
    } else {
      reason = e.getOriginalMessage();
    }
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      reason = reason + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
    return new ModelJsonException(path, reason, e);
  }

  private static String pathOf(List<JsonMappingException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }
}
