package io.caravan.hcl.internal;

import com.google.common.collect.ImmutableList;
import io.caravan.hcl.Attribute;
import io.caravan.hcl.Block;
import io.caravan.hcl.Body;
import io.caravan.hcl.BodyShape;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.ParseResult;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.internal.JsonSyntax.JArr;
import io.caravan.hcl.internal.JsonSyntax.JNode;
import io.caravan.hcl.internal.JsonSyntax.JNull;
import io.caravan.hcl.internal.JsonSyntax.JObj;
import io.caravan.hcl.internal.JsonSyntax.JProp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a parsed JSON file as HCL bodies, following HCL's JSON-syntax rules: with a body's shape, a
 * property is an attribute (its value an expression-mode {@link JsonExpression}) or a block, whose
 * labels are the keys of nested objects and whose value is one object (one block) or an array of
 * objects (one block each); {@code "//"} properties are comments; an object's properties may also
 * be split over an array of objects.
 */
public final class JsonBodies {
  private final JsonSyntax.Doc doc;
  private final List<Diagnostic> diags;

  private JsonBodies(JsonSyntax.Doc doc, List<Diagnostic> diags) {
    this.doc = doc;
    this.diags = diags;
  }

  /** The file's root value read as a body of {@code shape}, with the structure diagnostics (not the syntax ones). */
  public static ParseResult content(JsonSyntax.Doc doc, BodyShape shape) {
    List<Diagnostic> diags = new ArrayList<>();
    if (doc.root == null) {
      Body empty = new Body(ImmutableList.of(), doc.range(0, doc.src.length), doc.range(doc.src.length, doc.src.length));
      return new ParseResult(empty, ImmutableList.copyOf(diags));
    }
    Body body = new JsonBodies(doc, diags).body(doc.root, shape);
    return new ParseResult(body, ImmutableList.copyOf(diags));
  }

  private SourceRange range(JNode n) {
    return doc.range(n.start(), n.end());
  }

  private SourceRange startRange(JNode n) {
    return doc.range(n.start(), n.start() + 1);
  }

  private Body body(JNode v, BodyShape shape) {
    List<Object> items = new ArrayList<>();
    List<JProp> props;
    if (shape.attributesOnly() && !(v instanceof JObj)) {
      diags.add(Diagnostic.error("Incorrect JSON value type",
          "A JSON object is required here, setting the arguments for this block.", startRange(v)));
      props = List.of();
    } else {
      props = deepProps(v, false);
    }
    Map<String, Attribute> seen = new HashMap<>();
    for (JProp prop : props) {
      String name = prop.name().value();
      if (name.equals("//")) {
        continue; // a comment
      }
      SourceRange nameRange = range(prop.name());
      if (shape.attributesOnly() || shape.isAttribute(name)) {
        Attribute attr = new Attribute(name, new JsonExpression(doc, prop.value()), doc.range(prop.name().start(),
            prop.value().end()), nameRange, doc.range(prop.colon(), prop.colon() + 1));
        Attribute previous = seen.putIfAbsent(name, attr);
        if (previous != null) {
          String detail = "The argument \"" + name + "\" was already set at " + previous.range() + ".";
          diags.add(shape.attributesOnly() ? Diagnostic.error("Duplicate attribute definition", detail, nameRange)
              : Diagnostic.error("Duplicate argument", detail, nameRange, attr.range()));
          continue;
        }
        items.add(attr);
        continue;
      }
      int labels = shape.blockLabels(name);
      if (labels >= 0) {
        unpackBlock(prop.value(), name, nameRange, labels, new ArrayList<>(), new ArrayList<>(), shape, items);
        continue;
      }
      diags.add(Diagnostic.error("Extraneous JSON object property", "No argument or block type is named \"" + name + "\".",
          nameRange, doc.range(prop.name().start(), prop.value().end())));
    }
    int close = v instanceof JObj ? v.end() - 1 : v.end();
    return new Body(ImmutableList.copyOf(items), range(v), doc.range(close, close));
  }

  private void unpackBlock(JNode v, String type, SourceRange typeRange, int labelsLeft, List<String> labels,
      List<SourceRange> labelRanges, BodyShape parent, List<Object> out) {
    if (labelsLeft > 0) {
      List<JProp> props = deepProps(v, true);
      if (props.isEmpty() && diagsQuietAbout(v)) {
        diags.add(Diagnostic.error("Missing block label", "At least one object property is required, whose name"
            + " represents the " + type + " block's label.", startRange(v)));
        return;
      }
      for (JProp prop : props) {
        labels.add(prop.name().value());
        labelRanges.add(range(prop.name()));
        unpackBlock(prop.value(), type, typeRange, labelsLeft - 1, labels, labelRanges, parent, out);
        labels.remove(labels.size() - 1);
        labelRanges.remove(labelRanges.size() - 1);
      }
      return;
    }
    ImmutableList<String> blockLabels = ImmutableList.copyOf(labels);
    ImmutableList<SourceRange> blockLabelRanges = ImmutableList.copyOf(labelRanges);
    if (v instanceof JNull) {
      return; // no block
    }
    List<JNode> instances;
    if (v instanceof JObj) {
      instances = List.of(v);
    } else if (v instanceof JArr arr) {
      instances = arr.values();
    } else {
      diags.add(Diagnostic.error("Incorrect JSON value type", "Either a JSON object or a JSON array is required,"
          + " representing the contents of one or more \"" + type + "\" blocks.", startRange(v)));
      return;
    }
    BodyShape shape = parent.blockBody(type, blockLabels);
    for (JNode instance : instances) {
      Body body = body(instance, shape);
      SourceRange open = startRange(instance);
      SourceRange close = instance instanceof JObj ? doc.range(instance.end() - 1, instance.end()) : range(instance);
      out.add(new Block(type, blockLabels, body, typeRange, blockLabelRanges, open, close));
    }
  }

  /** True when {@code v} is an empty object or array (not a wrongly typed value, already reported). */
  private static boolean diagsQuietAbout(JNode v) {
    return v instanceof JObj || v instanceof JArr || v instanceof JNull;
  }

  /** The properties of an object, or of every object in an array of objects, in order. */
  private List<JProp> deepProps(JNode v, boolean forLabels) {
    if (v instanceof JNull) {
      return List.of();
    }
    if (v instanceof JObj obj) {
      return obj.props();
    }
    if (v instanceof JArr arr) {
      List<JProp> out = new ArrayList<>();
      for (JNode e : arr.values()) {
        if (e instanceof JObj obj) {
          out.addAll(obj.props());
        } else {
          diags.add(Diagnostic.error("Incorrect JSON value type", forLabels
              ? "A JSON object is required here, to specify block labels for this block."
              : "A JSON object is required here, to define arguments and child blocks.", startRange(e)));
        }
      }
      return out;
    }
    diags.add(Diagnostic.error("Incorrect JSON value type", forLabels
        ? "Either a JSON object or JSON array of objects is required here, to specify block labels for this block."
        : "Either a JSON object or JSON array of objects is required here, to define arguments and child blocks.",
        startRange(v)));
    return List.of();
  }
}
