package io.caravan.hcl;

import com.google.common.collect.ImmutableList;

/** A block {@code type "label" ... { body }}. {@code range} runs from the type to the closing brace. */
public record Block(String type, ImmutableList<String> labels, Body body, SourceRange typeRange,
    ImmutableList<SourceRange> labelRanges, SourceRange openBraceRange, SourceRange closeBraceRange) {
  /** The whole block's range. */
  public SourceRange range() {
    return typeRange.to(closeBraceRange);
  }

  /** hcl's DefRange: from the type through the last label (or the type alone). */
  public SourceRange defRange() {
    SourceRange last = labelRanges.isEmpty() ? typeRange : labelRanges.get(labelRanges.size() - 1);
    return typeRange.to(last);
  }
}
