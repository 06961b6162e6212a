package io.caravan.scheduler.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads JSON test tables from the test classpath. */
public final class TestData {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestData() {}

  /** Parses the resource at {@code path} (relative to the classpath root). */
  public static JsonNode json(String path) {
    try (InputStream in = TestData.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + path);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The resource as text. */
  public static String text(String path) {
    try (InputStream in = TestData.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + path);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
