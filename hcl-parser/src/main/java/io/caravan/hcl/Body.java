package io.caravan.hcl;

import com.google.common.collect.ImmutableList;

/** A body: attributes and blocks in source order ({@code items}), plus its range. */
public record Body(ImmutableList<Object> items, SourceRange range, SourceRange endRange) {
  /** The attributes, in source order. */
  public ImmutableList<Attribute> attributes() {
    return items.stream().filter(Attribute.class::isInstance).map(Attribute.class::cast).collect(ImmutableList.toImmutableList());
  }

  /** The blocks, in source order. */
  public ImmutableList<Block> blocks() {
    return items.stream().filter(Block.class::isInstance).map(Block.class::cast).collect(ImmutableList.toImmutableList());
  }
}
