package io.caravan.hcl;

import com.google.common.collect.ImmutableList;

/**
 * An absolute traversal such as {@code attr.kernel.name} or {@code a["b"][0]}: a root name and
 * steps, with the source text and range of the whole traversal and the raw file bytes, so hooks can
 * recover the original spelling.
 */
public record Traversal(String rootName, ImmutableList<Step> steps, SourceRange range, String sourceText, byte[] source) {
  /** One step after the root. */
  public sealed interface Step {
    /** The step's source range. */
    SourceRange range();
  }

  /** {@code .name} (also legacy {@code .0}, held as a numeric index). */
  public record GetAttr(String name, SourceRange range) implements Step {}

  /** {@code [key]} with a constant key. */
  public record Index(Value key, SourceRange range) implements Step {}
}
