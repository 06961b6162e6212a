package io.caravan.model.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Base64;

/** An immutable byte string (Go {@code []byte}), written in JSON as standard base64 like Go does. */
public final class Blob {
  private final byte[] bytes;

  private Blob(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}. */
  @JsonCreator
  public static Blob of(byte[] bytes) {
    return new Blob(bytes.clone());
  }

  /** Returns a copy of the bytes. */
  @JsonValue
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Number of bytes. */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Blob other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Blob[" + Base64.getEncoder().encodeToString(bytes) + "]";
  }
}
