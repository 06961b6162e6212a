package io.caravan.jobspec.internal;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.Optional;

/**
 * The arguments and nested blocks that one kind of jobspec block accepts. A name that is in neither
 * map is "Unsupported argument" / "Unsupported block type". {@code freeForm} bodies (driver
 * {@code config}, {@code meta}) accept any attribute.
 */
public record BodySchema(
    String name, Map<String, AttributeSpec> attributes, Map<String, BlockSpec> blocks, boolean freeForm) {
  /** Copies the maps into immutable, insertion-ordered maps. */
  public BodySchema {
    attributes = ImmutableMap.copyOf(attributes);
    blocks = ImmutableMap.copyOf(blocks);
  }

  /** The argument with this HCL name, if the block accepts one. */
  public Optional<AttributeSpec> attribute(String hclName) {
    return Optional.ofNullable(attributes.get(hclName));
  }

  /** The nested block type with this HCL name, if the block accepts one. */
  public Optional<BlockSpec> block(String hclType) {
    return Optional.ofNullable(blocks.get(hclType));
  }
}
