package io.caravan.jobspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.caravan.hcl.Attribute;
import io.caravan.hcl.Block;
import io.caravan.hcl.Body;
import io.caravan.hcl.BodyShape;
import io.caravan.hcl.Diagnostic;
import io.caravan.hcl.EvalContext;
import io.caravan.hcl.FunctionTable;
import io.caravan.hcl.HclJson;
import io.caravan.hcl.JsonFile;
import io.caravan.hcl.NomadUnresolvedTraversals;
import io.caravan.hcl.ParseResult;
import io.caravan.hcl.SourceRange;
import io.caravan.hcl.Value;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests for HCL's JSON syntax, as ParserRobustnessPropertyTest for the native one:
 * random bytes and mutated JSON jobspecs never make the JSON parser, the body reader, evaluation or
 * the jobspec decoder throw, never hang, and every diagnostic's ranges lie inside the input.
 */
class JsonSyntaxRobustnessPropertyTest {
  private static final long SEED = Long.getLong("hcl.fuzz.seed", 0x5EEDCAFEL);
  private static final byte[] ALPHABET = "{}[]\"\"\"::,,$%{}~\\/ntu0019.-+eE \n\tabjobgrouptask_nul".getBytes(StandardCharsets.US_ASCII);
  private static final EvalContext CTX = EvalContext.of(
      Map.of("v", Value.object(Map.of("a", Value.number(1)))), FunctionTable.EMPTY, NomadUnresolvedTraversals.INSTANCE);
  /** A body with blocks of 0, 1 and 2 labels, so label unpacking and repeated blocks are exercised. */
  private static final BodyShape SHAPE = new BodyShape() {
    @Override
    public boolean attributesOnly() {
      return false;
    }

    @Override
    public boolean isAttribute(String name) {
      return name.length() <= 2;
    }

    @Override
    public int blockLabels(String type) {
      return switch (type) {
        case "job", "group", "task" -> 1;
        case "two" -> 2;
        case "config", "env" -> 0;
        default -> -1;
      };
    }

    @Override
    public BodyShape blockBody(String type, List<String> labels) {
      return type.equals("env") ? BodyShape.justAttributes() : this;
    }
  };

  @Test
  void randomBytesNeverThrowAndDiagnosticsStayInsideInput() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 3000; i++) {
        int len = rnd.nextInt(200);
        byte[] src = new byte[len];
        for (int k = 0; k < len; k++) {
          src[k] = rnd.nextInt(5) == 0 ? (byte) rnd.nextInt(256) : ALPHABET[rnd.nextInt(ALPHABET.length)];
        }
        if (len > 0 && rnd.nextBoolean()) {
          src[0] = '{';
        }
        check(src, "random #" + i);
      }
    }, () -> "timed out; seed " + SEED);
  }

  @Test
  void mutatedJsonJobspecsNeverThrowAndDiagnosticsStayInsideInput() throws IOException {
    List<byte[]> corpus = new ArrayList<>();
    for (String name : List.of("command__testdata__example-basic.nomad.json", "e2e__affinities__input__multiple_affinities.nomad.json",
        "jobspec2__parse_test.go__L0303.json", "demo__csi__kadalu-csi__app.nomad.json")) {
      try (InputStream in = getClass().getResourceAsStream("/json-jobspecs/" + name)) {
        corpus.add(in.readAllBytes());
      }
    }
    SplittableRandom rnd = new SplittableRandom(SEED ^ 0x9E3779B97F4A7C15L);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 1500; i++) {
        byte[] src = mutate(corpus.get(rnd.nextInt(corpus.size())), rnd);
        check(src, "mutation #" + i);
      }
    }, () -> "timed out; seed " + SEED);
  }

  @Test
  void deeplyNestedJsonGivesDiagnosticNotStackOverflow() {
    JsonFile f = HclJson.parse("{\"a\": " + "[".repeat(100_000) + "}", "deep.json");
    assertThat(f.hasErrors()).isTrue();
    assertThat(f.diagnostics().get(0).summary()).isEqualTo("Nesting too deep");
  }

  private static byte[] mutate(byte[] base, SplittableRandom rnd) {
    StringBuilder out = new StringBuilder(new String(base, StandardCharsets.ISO_8859_1));
    int edits = 1 + rnd.nextInt(8);
    for (int e = 0; e < edits; e++) {
      int at = out.length() == 0 ? 0 : rnd.nextInt(out.length());
      char ch = (char) ALPHABET[rnd.nextInt(ALPHABET.length)];
      switch (rnd.nextInt(3)) {
        case 0 -> out.insert(at, ch);
        case 1 -> { if (out.length() > 0) out.deleteCharAt(at); }
        default -> { if (out.length() > 0) out.setCharAt(at, ch); }
      }
    }
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void check(byte[] src, String what) {
    try {
      JsonFile file = HclJson.parse(src, "fuzz.json");
      List<Diagnostic> all = new ArrayList<>(file.diagnostics());
      for (BodyShape shape : List.of(SHAPE, BodyShape.justAttributes())) {
        ParseResult content = file.content(shape);
        all.addAll(content.diagnostics());
        evaluateAll(content.body(), all);
      }
      all.addAll(JobspecParser.parse(src, "fuzz.json", ParseOptions.defaults().withSyntax(JobspecSyntax.JSON)).diagnostics());
      for (Diagnostic d : all) {
        assertInside(d.subject(), src.length, what, d);
        assertInside(d.context(), src.length, what, d);
      }
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(what + " (seed " + SEED + ") threw on input: " + new String(src, StandardCharsets.UTF_8), e);
    }
  }

  private static void evaluateAll(Body body, List<Diagnostic> out) {
    for (Attribute a : body.attributes()) {
      out.addAll(a.expression().evaluate(CTX).diagnostics());
      a.expression().variables();
    }
    for (Block b : body.blocks()) {
      evaluateAll(b.body(), out);
    }
  }

  private static void assertInside(SourceRange r, int len, String what, Diagnostic d) {
    if (r == null || r.filename() == null || !r.filename().equals("fuzz.json")) {
      return;
    }
    assertThat(r.start().byteOffset()).as("%s (seed %s): %s start", what, SEED, d).isBetween(0, len);
    assertThat(r.end().byteOffset()).as("%s (seed %s): %s end", what, SEED, d).isBetween(r.start().byteOffset(), len);
  }
}
