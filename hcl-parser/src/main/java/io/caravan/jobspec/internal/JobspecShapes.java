package io.caravan.jobspec.internal;

import io.caravan.hcl.BodyShape;
import java.util.List;
import java.util.Set;

/**
 * The jobspec schema as {@link BodyShape}s, for reading jobspecs written in HCL's JSON syntax: the
 * top level ({@code variable}, {@code variables}, {@code locals}, {@code job}), every body of
 * {@link JobspecSchema}, free-form bodies as attributes only, and {@code dynamic} blocks, whose
 * {@code content} block has the shape of the block type they generate.
 */
final class JobspecShapes {
  private JobspecShapes() {}

  /** The shape of a jobspec file. */
  static final BodyShape ROOT = new Fixed(Set.of()) {
    @Override
    public int blockLabels(String type) {
      return switch (type) {
        case "variable", "job" -> 1;
        case "variables", "locals" -> 0;
        default -> -1;
      };
    }

    @Override
    public BodyShape blockBody(String type, List<String> labels) {
      return switch (type) {
        case "variable" -> VARIABLE;
        case "job" -> of(JobspecSchema.get(JobspecSchema.JOB));
        default -> BodyShape.justAttributes();
      };
    }
  };

  private static final BodyShape VARIABLE = new Fixed(Set.of("type", "default", "description", "sensitive")) {
    @Override
    public int blockLabels(String type) {
      return type.equals("validation") ? 0 : -1;
    }

    @Override
    public BodyShape blockBody(String type, List<String> labels) {
      return BodyShape.justAttributes();
    }
  };

  /** The shape of a body of {@code schema}. */
  static BodyShape of(BodySchema schema) {
    return schema.freeForm() ? BodyShape.justAttributes() : new OfSchema(schema);
  }

  /** A shape with fixed attribute names. */
  private abstract static class Fixed implements BodyShape {
    private final Set<String> attributes;

    Fixed(Set<String> attributes) {
      this.attributes = attributes;
    }

    @Override
    public boolean attributesOnly() {
      return false;
    }

    @Override
    public boolean isAttribute(String name) {
      return attributes.contains(name);
    }
  }

  private record OfSchema(BodySchema schema) implements BodyShape {
    @Override
    public boolean attributesOnly() {
      return false;
    }

    @Override
    public boolean isAttribute(String name) {
      return schema.attribute(name).isPresent();
    }

    @Override
    public int blockLabels(String type) {
      if (type.equals("dynamic")) {
        return 1;
      }
      return schema.block(type).map(b -> b.labelNames().size()).orElse(-1);
    }

    @Override
    public BodyShape blockBody(String type, List<String> labels) {
      if (type.equals("dynamic")) {
        return new Dynamic(this, labels.isEmpty() ? "" : labels.get(0));
      }
      return of(JobspecSchema.get(schema.block(type).orElseThrow().bodySchema()));
    }
  }

  /** A {@code dynamic "TYPE"} block: {@code for_each}, {@code iterator}, {@code labels} and a {@code content} block shaped as TYPE. */
  private record Dynamic(OfSchema parent, String generated) implements BodyShape {
    @Override
    public boolean attributesOnly() {
      return false;
    }

    @Override
    public boolean isAttribute(String name) {
      return name.equals("for_each") || name.equals("iterator") || name.equals("labels");
    }

    @Override
    public int blockLabels(String type) {
      return type.equals("content") ? 0 : -1;
    }

    @Override
    public BodyShape blockBody(String type, List<String> labels) {
      return parent.blockLabels(generated) >= 0 && !generated.equals("dynamic")
          ? parent.blockBody(generated, List.of()) : BodyShape.justAttributes();
    }
  }
}
