package io.caravan.hcl;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.internal.JsonBodies;
import io.caravan.hcl.internal.JsonSyntax;

/**
 * A file in HCL's JSON syntax, parsed ({@link HclJson#parse}): its syntax diagnostics, and its
 * content as a {@link Body} once a {@link BodyShape} says how to read it.
 */
public final class JsonFile {
  private final JsonSyntax.Doc doc;

  JsonFile(JsonSyntax.Doc doc) {
    this.doc = doc;
  }

  /** The JSON syntax diagnostics (hcl stops at the first syntax error). */
  public ImmutableList<Diagnostic> diagnostics() {
    return doc.diagnostics();
  }

  /** True if the JSON could not be parsed. */
  public boolean hasErrors() {
    return doc.diagnostics().stream().anyMatch(Diagnostic::isError);
  }

  /**
   * The root object read as a body of {@code shape}: attributes, and blocks unpacked from nested
   * objects keyed by their labels (arrays of objects for repeated blocks), {@code "//"} properties
   * skipped. The diagnostics are those of the structure only (a property that is neither an
   * attribute nor a block here, a wrongly typed block value, a duplicate argument), as hcl reports
   * them when a decoder asks for a body's content; the syntax ones are {@link #diagnostics()}, and
   * after a syntax error the body is empty. Never throws for bad input.
   */
  public ParseResult content(BodyShape shape) {
    return JsonBodies.content(doc, shape);
  }
}
