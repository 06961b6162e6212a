package io.caravan.hcl;

import io.caravan.hcl.internal.JsonSyntax;
import java.nio.charset.StandardCharsets;

/** Entry point for HCL's JSON syntax (the {@code .json} form of a config file). Never throws for bad input. */
public final class HclJson {
  private HclJson() {}

  /** Parses {@code source} (named {@code filename} in ranges and diagnostics). */
  public static JsonFile parse(String source, String filename) {
    return parse(source.getBytes(StandardCharsets.UTF_8), filename);
  }

  /** Parses UTF-8 bytes. */
  public static JsonFile parse(byte[] source, String filename) {
    return new JsonFile(JsonSyntax.parse(source, filename));
  }

  /**
   * Nomad's jobspec2 test for JSON input: the first byte that is not a space (only U+0020 is
   * skipped) is an opening brace. Nomad does not look at the file name.
   */
  public static boolean looksLikeJson(byte[] source) {
    return JsonSyntax.looksLikeJson(source);
  }
}
