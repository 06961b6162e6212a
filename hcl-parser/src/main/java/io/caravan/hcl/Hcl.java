package io.caravan.hcl;

import io.caravan.hcl.internal.Parser;
import java.nio.charset.StandardCharsets;

/** Entry point: parses HCL2 native-syntax config files. Never throws for bad input. */
public final class Hcl {
  private Hcl() {}

  /** Parses {@code source} (named {@code filename} in ranges and diagnostics). */
  public static ParseResult parse(String source, String filename) {
    return parse(source.getBytes(StandardCharsets.UTF_8), filename);
  }

  /** Parses UTF-8 bytes. */
  public static ParseResult parse(byte[] source, String filename) {
    return Parser.parse(source, filename);
  }
}
