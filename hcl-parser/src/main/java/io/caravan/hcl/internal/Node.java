package io.caravan.hcl.internal;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.EvalContext;
import io.caravan.hcl.EvalResult;
import io.caravan.hcl.Expression;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Traversal;
import io.caravan.hcl.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Base of all parsed expression nodes: range, source text, and diagnostic-collecting evaluation. */
abstract class Node implements Expression {
  /**
   * The node's byte offsets in its source's position table: a large tree has a node per literal,
   * and a {@link SourceRange} object each was a fifth of its retained memory, so ranges are made
   * when asked for.
   */
  private final int start;
  private final int end;
  final Source src;

  Node(SourceRange range, Source src) {
    this(range.startOffset(), range.endOffset(), src);
  }

  /** A node over bytes {@code [start, end)} of {@code src} (no range object made). */
  Node(int start, int end, Source src) {
    this.start = start;
    this.end = end;
    this.src = src;
  }

  /** The start byte offset in {@code src}. */
  final int startByte() {
    return start;
  }

  /** The end byte offset in {@code src}. */
  final int endByte() {
    return end;
  }

  /** Evaluates, appending diagnostics; returns DYNAMIC unknown on errors (as hcl's DynamicVal). */
  abstract Value eval(EvalContext ctx, List<Diagnostic> diags);

  /** Adds traversals of this node and its children, in source order. */
  abstract void collectTraversals(List<Traversal> out);

  @Override
  public final EvalResult evaluate(EvalContext ctx) {
    List<Diagnostic> d = new ArrayList<>();
    Value v = eval(ctx, d);
    return new EvalResult(v, d.isEmpty() ? ImmutableList.of() : ImmutableList.copyOf(d));
  }

  /** hcl's StartRange: the part of the expression used as subject for argument errors. */
  SourceRange startRange() {
    return range();
  }

  @Override
  public SourceRange range() {
    return SourceRange.ofBytes(src.table(), start, end);
  }

  @Override
  public ImmutableList<Traversal> variables() {
    List<Traversal> out = new ArrayList<>();
    collectTraversals(out);
    return ImmutableList.copyOf(out);
  }

  @Override
  public String sourceText() {
    return src.text(start, end);
  }

  /** Shared source bytes and their position table (offsets are indexes into {@code bytes}). */
  record Source(byte[] bytes, SourceRange.Positions table) {
    String text(int from, int to) {
      return new String(bytes, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    }
  }
}
