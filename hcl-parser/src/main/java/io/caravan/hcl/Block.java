package io.caravan.hcl;

import com.google.common.collect.ImmutableList;
import java.util.Objects;

/**
 * A block {@code type "label" ... { body }}. {@code range} runs from the type to the closing brace.
 * Like {@link Attribute}, a parsed block keeps offsets and makes its ranges when asked; equality is
 * by value.
 */
public final class Block {
  private static final int[] NO_LABELS = new int[0];

  private final String type;
  private final ImmutableList<String> labels;
  private final Body body;
  /**
   * The position table of the compact form (type {@code [typeStart, typeEnd)}, labels from
   * {@link #labelOffsets}, opening brace {@code [openStart, openStart + 1)}, closing brace
   * {@code [closeStart, closeEnd)}), or the ranges as given ({@code SourceRange[]}: typeRange,
   * openBraceRange, closeBraceRange, then the label ranges). One field for both keeps a parsed
   * block at 56 bytes.
   */
  private final Object ranges;
  private final int typeStart;
  private final int typeEnd;
  private final int openStart;
  private final int closeStart;
  private final int closeEnd;
  /** Start and end offset of each label, in the compact form. */
  private final int[] labelOffsets;

  private Block(String type, ImmutableList<String> labels, Body body, Object ranges, int typeStart, int typeEnd,
      int[] labelOffsets, int openStart, int closeStart, int closeEnd) {
    this.type = type;
    this.labels = labels;
    this.body = body;
    this.ranges = Objects.requireNonNull(ranges);
    this.typeStart = typeStart;
    this.typeEnd = typeEnd;
    this.labelOffsets = labelOffsets.length == 0 ? NO_LABELS : labelOffsets;
    this.openStart = openStart;
    this.closeStart = closeStart;
    this.closeEnd = closeEnd;
  }

  /**
   * A block whose ranges are byte offsets into a parser's position {@code table} (as
   * {@link SourceRange#ofBytes}): the type, each label (start and end offset, in order, in
   * {@code labelOffsets}, which the block keeps), the opening and the closing brace.
   */
  public static Block ofBytes(String type, ImmutableList<String> labels, Body body, SourceRange.Positions table,
      int typeStart, int typeEnd, int[] labelOffsets, int openStart, int openEnd, int closeStart, int closeEnd) {
    if (labelOffsets.length != 2 * labels.size()) {
      throw new IllegalArgumentException(labels.size() + " labels but " + labelOffsets.length + " label offsets");
    }
    if (openEnd == openStart + 1) {
      return new Block(type, labels, body, table, typeStart, typeEnd, labelOffsets, openStart, closeStart, closeEnd);
    }
    SourceRange[] all = new SourceRange[3 + labels.size()];
    all[0] = SourceRange.ofBytes(table, typeStart, typeEnd);
    all[1] = SourceRange.ofBytes(table, openStart, openEnd);
    all[2] = SourceRange.ofBytes(table, closeStart, closeEnd);
    for (int i = 0; i < labels.size(); i++) {
      all[3 + i] = SourceRange.ofBytes(table, labelOffsets[2 * i], labelOffsets[2 * i + 1]);
    }
    return new Block(type, labels, body, all, 0, 0, NO_LABELS, 0, 0, 0);
  }

  /** A block with these labels, body and ranges. */
  public Block(String type, ImmutableList<String> labels, Body body, SourceRange typeRange,
      ImmutableList<SourceRange> labelRanges, SourceRange openBraceRange, SourceRange closeBraceRange) {
    this(type, labels, body, compact(typeRange, labelRanges, openBraceRange, closeBraceRange)
            ? typeRange.table() : given(typeRange, labelRanges, openBraceRange, closeBraceRange),
        typeRange.startOffset(), typeRange.endOffset(), offsets(labelRanges), openBraceRange.startOffset(),
        closeBraceRange.startOffset(), closeBraceRange.endOffset());
  }

  private static boolean compact(SourceRange typeRange, ImmutableList<SourceRange> labelRanges,
      SourceRange openBraceRange, SourceRange closeBraceRange) {
    SourceRange.Positions t = typeRange.table();
    boolean compact = SourceRange.madeFrom(openBraceRange, t) && SourceRange.madeFrom(closeBraceRange, t)
        && openBraceRange.endOffset() == openBraceRange.startOffset() + 1;
    for (SourceRange r : labelRanges) {
      compact &= SourceRange.madeFrom(r, t);
    }
    return compact;
  }

  private static SourceRange[] given(SourceRange typeRange, ImmutableList<SourceRange> labelRanges,
      SourceRange openBraceRange, SourceRange closeBraceRange) {
    SourceRange[] all = new SourceRange[3 + labelRanges.size()];
    all[0] = typeRange;
    all[1] = openBraceRange;
    all[2] = closeBraceRange;
    for (int i = 0; i < labelRanges.size(); i++) {
      all[3 + i] = labelRanges.get(i);
    }
    return all;
  }

  private static int[] offsets(ImmutableList<SourceRange> labelRanges) {
    int[] offsets = labelRanges.isEmpty() ? NO_LABELS : new int[labelRanges.size() * 2];
    for (int i = 0; i < labelRanges.size(); i++) {
      offsets[2 * i] = labelRanges.get(i).startOffset();
      offsets[2 * i + 1] = labelRanges.get(i).endOffset();
    }
    return offsets;
  }

  /** The block type. */
  public String type() {
    return type;
  }

  /** The labels. */
  public ImmutableList<String> labels() {
    return labels;
  }

  /** The body. */
  public Body body() {
    return body;
  }

  /** The type name's range. */
  public SourceRange typeRange() {
    return ranges instanceof SourceRange[] given ? given[0] : SourceRange.ofBytes((SourceRange.Positions) ranges, typeStart, typeEnd);
  }

  /** The labels' ranges. */
  public ImmutableList<SourceRange> labelRanges() {
    if (ranges instanceof SourceRange[] given) {
      return ImmutableList.copyOf(java.util.Arrays.asList(given).subList(3, given.length));
    }
    SourceRange.Positions table = (SourceRange.Positions) ranges;
    ImmutableList.Builder<SourceRange> out = ImmutableList.builderWithExpectedSize(labelOffsets.length / 2);
    for (int i = 0; i < labelOffsets.length; i += 2) {
      out.add(SourceRange.ofBytes(table, labelOffsets[i], labelOffsets[i + 1]));
    }
    return out.build();
  }

  /** The opening brace's range. */
  public SourceRange openBraceRange() {
    return ranges instanceof SourceRange[] given ? given[1] : SourceRange.ofBytes((SourceRange.Positions) ranges, openStart, openStart + 1);
  }

  /** The closing brace's range. */
  public SourceRange closeBraceRange() {
    return ranges instanceof SourceRange[] given ? given[2] : SourceRange.ofBytes((SourceRange.Positions) ranges, closeStart, closeEnd);
  }

  /** The whole block's range. */
  public SourceRange range() {
    return typeRange().to(closeBraceRange());
  }

  /** hcl's DefRange: from the type through the last label (or the type alone). */
  public SourceRange defRange() {
    ImmutableList<SourceRange> labelRanges = labelRanges();
    SourceRange last = labelRanges.isEmpty() ? typeRange() : labelRanges.get(labelRanges.size() - 1);
    return typeRange().to(last);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Block b && type.equals(b.type) && labels.equals(b.labels) && body.equals(b.body)
        && typeRange().equals(b.typeRange()) && labelRanges().equals(b.labelRanges())
        && openBraceRange().equals(b.openBraceRange()) && closeBraceRange().equals(b.closeBraceRange()));
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, labels, body, typeRange());
  }

  @Override
  public String toString() {
    return "Block[type=" + type + ", labels=" + labels + ", range=" + range() + "]";
  }
}
