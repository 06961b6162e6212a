package io.caravan.hcl;

import java.util.List;

/**
 * What a body may hold, as far as HCL's JSON syntax needs to know to read it (hcl's BodySchema): a
 * JSON object is only a body once the reader says which of its properties are attributes and
 * which are blocks, and how many labels each block type has.
 */
public interface BodyShape {
  /** True when every property is an attribute (hcl's JustAttributes). */
  boolean attributesOnly();

  /** True when {@code name} is an attribute here (checked before {@link #blockLabels}). */
  boolean isAttribute(String name);

  /** The number of labels of block type {@code type}, or -1 when it is not a block type here. */
  int blockLabels(String type);

  /** The shape of the body of a block of type {@code type} with these labels. */
  BodyShape blockBody(String type, List<String> labels);

  /** A body in which every property is an attribute. */
  static BodyShape justAttributes() {
    return JustAttributes.INSTANCE;
  }

  /** The shape {@link #justAttributes()} returns. */
  enum JustAttributes implements BodyShape {
    /** The only instance. */
    INSTANCE;

    @Override
    public boolean attributesOnly() {
      return true;
    }

    @Override
    public boolean isAttribute(String name) {
      return true;
    }

    @Override
    public int blockLabels(String type) {
      return -1;
    }

    @Override
    public BodyShape blockBody(String type, List<String> labels) {
      return this;
    }
  }
}
