package io.caravan.benchmarks.parse;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A named set of HCL sources to parse, each as (file name, text). */
public record ParseInput(String name, List<Source> sources) {

  /** One file to parse. */
  public record Source(String fileName, String text) {}

  public ParseInput {
    sources = List.copyOf(sources);
  }

  /** Total size of the sources in UTF-8 bytes: the numerator of MB/s. */
  public long utf8Bytes() {
    long sum = 0;
    for (Source s : sources) {
      sum += s.text().getBytes(StandardCharsets.UTF_8).length;
    }
    return sum;
  }
}
