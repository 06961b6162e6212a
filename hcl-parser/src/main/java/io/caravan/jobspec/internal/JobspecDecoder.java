package io.caravan.jobspec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.caravan.hcl.Attribute;
import io.caravan.hcl.Block;
import io.caravan.hcl.Body;
import io.caravan.hcl.ConversionException;
import io.caravan.hcl.Convert;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.EvalContext;
import io.caravan.hcl.EvalResult;
import io.caravan.hcl.FunctionTable;
import io.caravan.hcl.Hcl;
import io.caravan.hcl.HclJson;
import io.caravan.hcl.JsonFile;
import io.caravan.hcl.NomadUnresolvedTraversals;
import io.caravan.hcl.ParseResult;
import io.caravan.hcl.Severity;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import io.caravan.hcl.functions.GoDurations;
import io.caravan.hcl.functions.NomadFunctions;
import io.caravan.jobspec.ParseOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Decodes a jobspec's HCL into Nomad API JSON, following jobspec2: top-level variables and locals,
 * the evaluation context ({@code var}, {@code local}, Nomad's functions, unresolved traversals kept as
 * {@code ${...}}), then the job block against {@link JobspecSchema} with gohcl's strictness.
 */
public final class JobspecDecoder {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ParseOptions options;
  private final List<Diagnostic> diags = new ArrayList<>();
  private final Map<String, Variable> variables = new LinkedHashMap<>();
  private final Map<String, Value> locals = new TreeMap<>();
  private FunctionTable functions;
  private EvalContext ctx;

  /** A declared input variable: its type constraint and the values assigned to it, last wins. */
  private static final class Variable {
    final String name;
    final SourceRange range;
    Type type;
    final List<Value> values = new ArrayList<>();

    Variable(String name, SourceRange range) {
      this.name = name;
      this.range = range;
    }
  }

  private JobspecDecoder(ParseOptions options) {
    this.options = options;
  }

  /** The API JSON of the job (absent on errors) and all diagnostics. */
  public record Result(Optional<ObjectNode> job, List<Diagnostic> diagnostics) {}

  /** Decodes {@code source} named {@code filename}. */
  public static Result decode(byte[] source, String filename, ParseOptions options) {
    JobspecDecoder d = new JobspecDecoder(options);
    Optional<ObjectNode> job = d.run(source, filename);
    boolean errors = d.diags.stream().anyMatch(Diagnostic::isError);
    return new Result(errors ? Optional.empty() : job, List.copyOf(d.diags));
  }

  /**
   * JSON syntax only: the body-structure diagnostics (unknown properties, wrongly typed blocks).
   * hcl reports them as each body is decoded, so they join the decoder's own errors instead of
   * stopping the decode before it starts.
   */
  private List<Diagnostic> structure = List.of();

  private Optional<ObjectNode> run(byte[] source, String filename) {
    Optional<ObjectNode> job = decodeSource(source, filename);
    if (structure.isEmpty()) {
      return job;
    }
    diags.addAll(structure);
    return hasErrors() ? Optional.empty() : job;
  }

  private Optional<ObjectNode> decodeSource(byte[] source, String filename) {
    boolean json = switch (options.syntax()) {
      case AUTO -> HclJson.looksLikeJson(source);
      case NATIVE -> false;
      case JSON -> true;
    };
    ParseResult parsed;
    if (json) {
      JsonFile file = HclJson.parse(source, filename);
      ParseResult content = file.content(JobspecShapes.ROOT);
      parsed = new ParseResult(content.body(), file.diagnostics());
      structure = content.diagnostics();
    } else {
      parsed = Hcl.parse(source, filename);
    }
    diags.addAll(parsed.diagnostics());
    List<VarFileReader.Assignment> varFiles = new ArrayList<>();
    for (Path p : options.varFiles()) {
      try {
        varFiles.addAll(VarFileReader.read(Files.readAllBytes(p), p.toString(), diags));
      } catch (IOException e) {
        diags.add(new Diagnostic(Severity.ERROR, "Failed to read file", "failed to read \"" + p + "\": "
            + e.getMessage(), null, null));
      }
    }
    if (hasErrors()) {
      return Optional.empty();
    }
    functions = options.fileSystemBaseDir().isPresent()
        ? NomadFunctions.withFileSystem(options.fileSystemBaseDir().get(), Path.of(System.getProperty("user.home")),
            new SplittableRandom(options.randomSeed()))
        : NomadFunctions.withoutFileSystem(new SplittableRandom(options.randomSeed()));
    Body body = parsed.body();
    List<Block> jobs = new ArrayList<>();
    List<Block> localBlocks = new ArrayList<>();
    for (Object item : body.items()) {
      if (item instanceof Attribute a) {
        unsupportedArgument(a, JobspecSchema.get("empty"));
        continue;
      }
      Block b = (Block) item;
      switch (b.type()) {
        case "variable" -> {
          if (labels(b, 1, "name")) {
            declareVariable(b);
          }
        }
        case "variables" -> {
          if (labels(b, 0, "")) {
            for (Attribute a : b.body().attributes()) {
              EvalResult r = a.expression().evaluate(plainContext());
              diags.addAll(r.diagnostics());
              Variable v = new Variable(a.name(), a.range());
              v.type = r.value().type();
              v.values.add(r.value());
              variables.put(a.name(), v);
            }
          }
        }
        case "locals" -> {
          if (labels(b, 0, "")) {
            localBlocks.add(b);
          }
        }
        case "job" -> {
          if (labels(b, 1, "name")) {
            jobs.add(b);
          }
        }
        default -> diags.add(Diagnostic.error("Unsupported block type", "Blocks of type \"" + b.type()
            + "\" are not expected here.", b.typeRange()));
      }
    }
    if (hasErrors()) {
      return Optional.empty();
    }
    assignValues(varFiles);
    for (Variable v : variables.values()) {
      if (v.values.isEmpty()) {
        diags.add(new Diagnostic(Severity.ERROR, "Unset variable \"" + v.name + "\"",
            "A used variable must be set or have a default value; see "
                + "https://developer.hashicorp.com/nomad/docs/reference/hcl2/variables  for details.", null, v.range));
      }
    }
    evaluateLocals(localBlocks);
    ctx = context();
    if (jobs.isEmpty()) {
      diags.add(new Diagnostic(Severity.ERROR, "Missing job block", "A job block is required", null, null));
      return Optional.empty();
    }
    for (int i = 1; i < jobs.size(); i++) {
      diags.add(Diagnostic.error("Duplicate job block", "Only one block of type \"job\" is allowed. Previous definition was at "
          + rangeText(jobs.get(0).defRange()) + ".", jobs.get(i).defRange()));
    }
    if (hasErrors()) {
      return Optional.empty();
    }
    Block job = jobs.get(0);
    ObjectNode out = decodeBody(job.body(), JobspecSchema.get(JobspecSchema.JOB), ctx, job.openBraceRange());
    return hasErrors() ? Optional.empty() : Optional.of(JobNormalizer.normalize(out, job.labels().get(0)));
  }

  private boolean hasErrors() {
    return diags.stream().anyMatch(Diagnostic::isError);
  }

  private EvalContext plainContext() {
    return EvalContext.of(Map.of(), functions, null);
  }

  private EvalContext context() {
    Map<String, Value> vars = new TreeMap<>();
    for (Variable v : variables.values()) {
      vars.put(v.name, v.values.isEmpty() ? Value.unknown(v.type == null ? Type.DYNAMIC : v.type)
          : v.values.get(v.values.size() - 1));
    }
    return EvalContext.of(Map.of("var", Value.object(vars), "local", Value.object(locals)), functions,
        NomadUnresolvedTraversals.INSTANCE);
  }

  private void declareVariable(Block b) {
    String name = b.labels().get(0);
    if (variables.containsKey(name)) {
      diags.add(new Diagnostic(Severity.ERROR, "Duplicate variable", "Duplicate " + name + " variable definition found.",
          null, b.defRange()));
      return;
    }
    Variable v = new Variable(name, b.defRange());
    for (Attribute a : b.body().attributes()) {
      switch (a.name()) {
        case "type" -> {
          v.type = TypeExpressions.parse(a.expression().keywordText());
          if (v.type == null) {
            diags.add(Diagnostic.error("Invalid type specification", "The keyword \"" + a.expression().keywordText().trim()
                + "\" is not a valid type specification.", a.expression().range()));
          }
        }
        case "description", "default", "sensitive" -> { }
        default -> diags.add(Diagnostic.error("Unsupported argument", "An argument named \"" + a.name()
            + "\" is not expected here.", a.nameRange()));
      }
    }
    for (Attribute a : b.body().attributes()) {
      if (a.name().equals("default")) {
        EvalResult r = a.expression().evaluate(plainContext());
        diags.addAll(r.diagnostics());
        Value val = r.value();
        if (v.type != null && !r.hasErrors()) {
          try {
            val = Convert.to(val, v.type);
          } catch (ConversionException e) {
            diags.add(Diagnostic.error("Invalid default value for variable",
                "This default value is not compatible with the variable's type constraint: " + e.getMessage() + ".",
                a.expression().range()));
          }
        }
        v.values.add(val);
        if (v.type == null) {
          v.type = val.type();
        }
      }
    }
    variables.put(name, v);
  }

  private void assignValues(List<VarFileReader.Assignment> varFiles) {
    for (var e : options.env().entrySet()) {
      if (e.getKey().startsWith("NOMAD_VAR_")) {
        Variable v = variables.get(e.getKey().substring("NOMAD_VAR_".length()));
        if (v != null) {
          assignText(v, e.getValue(), "<value for var." + v.name + " from env>", "Invalid value for variable");
        }
      }
    }
    for (VarFileReader.Assignment a : varFiles) {
      Variable v = variables.get(a.name());
      if (v == null) {
        diags.add(new Diagnostic(options.strict() ? Severity.ERROR : Severity.WARNING, "Undefined variable",
            "A \"" + a.name() + "\" variable was set but was not found in known variables. To declare variable \""
                + a.name() + "\", place this block in your job files", null, a.nameRange()));
        continue;
      }
      v.values.add(convertAssigned(v, a.value(), a.valueRange(), "Invalid value for variable"));
    }
    for (var e : options.argVars().entrySet()) {
      Variable v = variables.get(e.getKey());
      if (v == null) {
        diags.add(new Diagnostic(options.strict() ? Severity.ERROR : Severity.WARNING, "Undefined -var variable",
            "A \"" + e.getKey() + "\" variable was passed in the command line but was not found in known variables. "
                + "To declare variable \"" + e.getKey() + "\", place this block in your job file", null, null));
        continue;
      }
      assignText(v, e.getValue(), "<value for var." + v.name + " from arguments>", "Invalid argument value for -var variable");
    }
  }

  private void assignText(Variable v, String text, String filename, String summary) {
    Type t = v.type;
    if (t == null || t.equals(Type.STRING) || t.equals(Type.NUMBER)) {
      v.values.add(convertAssigned(v, Value.string(text), null, summary));
      return;
    }
    ParseResult parsed = Hcl.parse("v = " + text, filename);
    if (parsed.hasErrors() || parsed.body().attributes().isEmpty()) {
      diags.addAll(parsed.diagnostics());
      return;
    }
    Attribute a = parsed.body().attributes().get(0);
    EvalResult r = a.expression().evaluate(EvalContext.empty());
    diags.addAll(r.diagnostics());
    v.values.add(convertAssigned(v, r.value(), a.expression().range(), summary));
  }

  private Value convertAssigned(Variable v, Value val, SourceRange where, String summary) {
    if (v.type == null) {
      return val;
    }
    try {
      return Convert.to(val, v.type);
    } catch (ConversionException e) {
      String detail = summary.startsWith("Invalid argument")
          ? "The received arg value for " + v.name + " is not compatible with the variable's type constraint: "
          : "The value for " + v.name + " is not compatible with the variable's type constraint: ";
      diags.add(Diagnostic.error(summary, detail + e.getMessage() + ".", where));
      return Value.NULL_DYNAMIC;
    }
  }

  private void evaluateLocals(List<Block> blocks) {
    List<Attribute> pending = new ArrayList<>();
    for (Block b : blocks) {
      for (Attribute a : b.body().attributes()) {
        if (pending.stream().anyMatch(p -> p.name().equals(a.name()))) {
          diags.add(Diagnostic.error("Duplicate value in locals", "Duplicate " + a.name() + " definition found.",
              a.nameRange(), b.defRange()));
          return;
        }
        pending.add(a);
      }
    }
    int retry = 0;
    int previous = 0;
    while (!pending.isEmpty()) {
      Attribute local = pending.remove(0);
      EvalResult r = local.expression().evaluate(context());
      if (r.hasErrors()) {
        if (pending.isEmpty()) {
          diags.addAll(r.diagnostics());
          return;
        }
        if (previous == pending.size() + 1) {
          if (retry == 100) {
            diags.addAll(r.diagnostics());
            return;
          }
          retry++;
        }
        previous = pending.size() + 1;
        pending.add(local);
      } else {
        retry = 0;
        diags.addAll(r.diagnostics());
        locals.put(local.name(), r.value());
      }
    }
  }

  private boolean labels(Block b, int want, String labelName) {
    if (b.labels().size() < want) {
      diags.add(Diagnostic.error("Missing name for " + b.type(), "All " + b.type() + " blocks must have " + want
          + " labels (" + labelName + ").", b.labelRanges().isEmpty() ? b.openBraceRange() : b.labelRanges().get(0)));
      return false;
    }
    if (b.labels().size() > want) {
      String detail = want == 0 ? "No labels are expected for " + b.type() + " blocks."
          : "Only " + want + " labels (" + labelName + ") are expected for " + b.type() + " blocks.";
      diags.add(Diagnostic.error("Extraneous label for " + b.type(), detail, b.labelRanges().get(want)));
      return false;
    }
    return true;
  }

  // ---- body decoding ----------------------------------------------------------------------------

  private ObjectNode decodeBody(Body body, BodySchema schema, EvalContext scope, SourceRange openBrace) {
    ObjectNode out = JSON.objectNode();
    Map<String, Block> seenSingle = new LinkedHashMap<>();
    List<Scoped> blocks = new ArrayList<>();
    for (Block b : body.blocks()) {
      if (b.type().equals("dynamic")) {
        blocks.addAll(expandDynamic(b, scope));
      } else {
        blocks.add(new Scoped(b, scope));
      }
    }
    Map<String, Attribute> attrs = new LinkedHashMap<>();
    for (Attribute a : body.attributes()) {
      if (schema.attribute(a.name()).isEmpty()) {
        unsupportedArgument(a, schema);
        continue;
      }
      attrs.put(a.name(), a);
    }
    for (var spec : schema.attributes().values()) {
      if (spec.required() && !attrs.containsKey(spec.name())) {
        diags.add(Diagnostic.error("Missing required argument", "The argument \"" + spec.name()
            + "\" is required, but no definition was found.", new SourceRange(openBrace.filename(), openBrace.start(), openBrace.start())));
      }
    }
    for (Attribute a : attrs.values()) {
      AttributeSpec spec = schema.attribute(a.name()).orElseThrow();
      Optional<Block> dupBlock = blocks.stream().map(Scoped::block).filter(b -> b.type().equals(a.name())).findFirst();
      if (dupBlock.isPresent() && spec.kind() == ValueKind.STRING_MAP) {
        Block dup = dupBlock.get();
        diags.add(Diagnostic.error("Duplicate " + a.name() + " block", a.name()
            + " may not be defined more than once. Another definition is defined at " + rangeText(a.range()) + ".",
            dup.defRange()));
        continue;
      }
      EvalResult r = a.expression().evaluate(scope);
      diags.addAll(r.diagnostics());
      if (r.hasErrors()) {
        if (r.value() == null || r.value().isUnknown()) {
          diags.add(Diagnostic.error("Unsuitable value type", "Unsuitable value: value must be known",
              StartRanges.of(a.expression()), a.expression().range()));
        }
        continue;
      }
      JsonNode node = ValueConversions.toJson(r.value(), spec.kind(), a, diags);
      if (node != null) {
        ShorthandRules.put(schema.name(), out, spec, node);
      }
    }
    for (Scoped scoped : blocks) {
      Block b = scoped.block();
      EvalContext blockScope = scoped.scope();
      Optional<BlockSpec> found = schema.block(b.type());
      if (found.isEmpty()) {
        diags.add(Diagnostic.error("Unsupported block type", "Blocks of type \"" + b.type()
            + "\" are not expected here.", b.typeRange()));
        continue;
      }
      BlockSpec spec = found.get();
      if (!labels(b, spec.labelNames().size(), String.join(", ", spec.labelNames()))) {
        if (spec.bodySchema().equals("task_scaling")) {
          // jobspec2 reads task scaling blocks twice (PartialContent, then the decoder): two reports.
          labels(b, spec.labelNames().size(), String.join(", ", spec.labelNames()));
        }
        continue;
      }
      if (spec.cardinality() == BlockCardinality.SINGLE) {
        Block previous = seenSingle.putIfAbsent(b.type(), b);
        if (previous != null) {
          diags.add(Diagnostic.error("Duplicate " + b.type() + " block", "Only one " + b.type()
              + " block is allowed. Another was defined at " + rangeText(previous.defRange()) + ".", b.defRange()));
          continue;
        }
      }
      BodySchema inner = JobspecSchema.get(spec.bodySchema());
      JsonNode decoded = inner.freeForm() ? FreeFormBodies.decode(b.body(), spec.bodySchema(), blockScope, diags)
          : decodeBody(b.body(), inner, blockScope, b.openBraceRange());
      if (!b.labels().isEmpty() && decoded instanceof ObjectNode o) {
        String labelField = labelField(spec);
        if (labelField != null) {
          o.put(labelField, b.labels().get(0));
        }
      }
      if (decoded instanceof ObjectNode o && !afterBlock(spec, b, o)) {
        continue;
      }
      switch (spec.cardinality()) {
        case SINGLE -> out.set(spec.goField(), decoded);
        case LIST -> {
          JsonNode existing = out.get(spec.goField());
          ArrayNode list = existing instanceof ArrayNode a ? a : out.putArray(spec.goField());
          list.add(decoded);
        }
        case MAP_BY_LABEL -> {
          JsonNode existing = out.get(spec.goField());
          ObjectNode map = existing instanceof ObjectNode o ? o : out.putObject(spec.goField());
          map.set(b.labels().get(0), decoded);
        }
      }
    }
    if (schema.name().equals("constraint") || schema.name().equals("affinity")) {
      ShorthandRules.finish(schema.name(), out);
    }
    return out;
  }

  /** jobspec2's checks on scaling blocks; false drops the block. */
  private boolean afterBlock(BlockSpec spec, Block b, ObjectNode decoded) {
    if (spec.bodySchema().equals("task_scaling")) {
      String label = b.labels().get(0).toLowerCase(java.util.Locale.ROOT);
      String policyType = switch (label) {
        case "cpu" -> "vertical_cpu";
        case "mem" -> "vertical_mem";
        default -> null;
      };
      if (policyType == null) {
        diags.add(Diagnostic.error("Invalid scaling policy name", "scaling policy name must be \"cpu\" or \"mem\"",
            b.labelRanges().get(0)));
        return false;
      }
      Block previous = taskScaling.putIfAbsent(label, b);
      if (previous != null) {
        diags.add(Diagnostic.error("Duplicate scaling \"" + label + "\" block", "Only one scaling " + label
            + " block is allowed. Another was defined at " + rangeText(previous.defRange()) + ".", b.defRange()));
        return false;
      }
      String given = decoded.path("Type").asText("");
      if (given.isEmpty()) {
        decoded.put("Type", policyType);
      } else if (!given.equals(policyType)) {
        diags.add(Diagnostic.error("Invalid scaling policy type", "Invalid policy type, expected \"" + given
            + "\" but found \"" + policyType + "\"", b.defRange()));
        return false;
      }
    }
    if (spec.bodySchema().equals("group_scaling")) {
      String type = decoded.path("Type").asText("");
      if (!type.isEmpty() && !type.equals("horizontal")) {
        for (Attribute a : b.body().attributes()) {
          if (a.name().equals("type")) {
            diags.add(Diagnostic.error("Invalid group scaling type", "task group scaling policy had invalid type: \""
                + type + "\"", a.expression().range()));
          }
        }
      }
    }
    if (spec.bodySchema().equals("task")) {
      taskScaling.clear();
    }
    return true;
  }

  private final Map<String, Block> taskScaling = new LinkedHashMap<>();

  private static String labelField(BlockSpec spec) {
    return switch (spec.bodySchema()) {
      case "port" -> "Label";
      case "spread_target" -> "Value";
      case "task_scaling" -> null;
      default -> "Name";
    };
  }

  /** A block with the scope its body is evaluated in (dynamic blocks add their iterator). */
  private record Scoped(Block block, EvalContext scope) {}

  private List<Scoped> expandDynamic(Block dyn, EvalContext scope) {
    List<Scoped> out = new ArrayList<>();
    if (!labels(dyn, 1, "type")) {
      return out;
    }
    String type = dyn.labels().get(0);
    Attribute forEach = null;
    Attribute iterator = null;
    Attribute labelsAttr = null;
    Block content = null;
    for (Attribute a : dyn.body().attributes()) {
      switch (a.name()) {
        case "for_each" -> forEach = a;
        case "iterator" -> iterator = a;
        case "labels" -> labelsAttr = a;
        default -> diags.add(Diagnostic.error("Unsupported argument", "An argument named \"" + a.name()
            + "\" is not expected here.", a.nameRange()));
      }
    }
    for (Block b : dyn.body().blocks()) {
      if (b.type().equals("content")) {
        content = b;
      }
    }
    if (forEach == null || content == null) {
      diags.add(Diagnostic.error("Missing required argument", "The argument \"for_each\" is required, but no definition was found.",
          dyn.openBraceRange()));
      return out;
    }
    EvalResult r = forEach.expression().evaluate(scope);
    diags.addAll(r.diagnostics());
    if (r.hasErrors()) {
      return out;
    }
    String name = iterator == null ? type : iterator.expression().keywordText().trim();
    Value coll = r.value();
    List<Map.Entry<Value, Value>> entries = new ArrayList<>();
    if (coll.type() instanceof Type.MapType || coll.type() instanceof Type.ObjectType) {
      coll.attributes().forEach((k, v) -> entries.add(Map.entry(Value.string(k), v)));
    } else if (!coll.isNull() && (coll.type().isCollection() || coll.type() instanceof Type.TupleType)) {
      int i = 0;
      for (Value v : coll.elements()) {
        entries.add(Map.entry(coll.type() instanceof Type.SetType ? v : Value.number(i), v));
        i++;
      }
    } else {
      diags.add(Diagnostic.error("Invalid dynamic for_each value", "Cannot use a " + coll.type().friendlyName()
          + " value in for_each. An iterable collection is required.", forEach.expression().range()));
      return out;
    }
    for (var e : entries) {
      EvalContext child = scope.child(Map.of(name, Value.object(Map.of("key", e.getKey(), "value", e.getValue()))));
      List<String> blockLabels = new ArrayList<>();
      if (labelsAttr != null) {
        EvalResult lr = labelsAttr.expression().evaluate(child);
        diags.addAll(lr.diagnostics());
        if (!lr.hasErrors()) {
          for (Value l : lr.value().elements()) {
            blockLabels.add(l.asString());
          }
        }
      }
      out.add(new Scoped(new Block(type, com.google.common.collect.ImmutableList.copyOf(blockLabels), content.body(),
          dyn.labelRanges().get(0), com.google.common.collect.ImmutableList.copyOf(
              java.util.Collections.nCopies(blockLabels.size(), dyn.labelRanges().get(0))),
          content.openBraceRange(), content.closeBraceRange()), child));
    }
    return out;
  }

  private void unsupportedArgument(Attribute a, BodySchema schema) {
    String detail = "An argument named \"" + a.name() + "\" is not expected here.";
    if (schema.block(a.name()).isPresent()) {
      detail += " Did you mean to define a block of type \"" + a.name() + "\"?";
    } else {
      String suggestion = Suggestions.closest(a.name(), schema.attributes().keySet());
      if (suggestion != null) {
        detail += " Did you mean \"" + suggestion + "\"?";
      }
    }
    diags.add(Diagnostic.error("Unsupported argument", detail, a.nameRange()));
  }

  /** hcl's Range.String(): {@code file:line,col-col} on one line, else {@code file:l,c-l,c}. */
  static String rangeText(SourceRange r) {
    return r.filename() + ":" + r.start().line() + "," + r.start().column() + "-"
        + (r.end().line() == r.start().line() ? "" : r.end().line() + ",") + r.end().column();
  }

  static BigDecimal durationNanos(String text) {
    return BigDecimal.valueOf(GoDurations.parse(text));
  }
}
