package io.caravan.hcl;

/** An attribute {@code name = expr}; {@code range} runs from the name to the end of the expression. */
public record Attribute(String name, Expression expression, SourceRange range, SourceRange nameRange, SourceRange equalsRange) {}
