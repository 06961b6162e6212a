package io.caravan.hcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.caravan.model.testing.Conformance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests: arbitrary bytes and mutated corpus files never make parsing or evaluation
 * throw, never hang, and every diagnostic's ranges lie inside the input.
 */
class ParserRobustnessPropertyTest {
  private static final long SEED = Long.getLong("hcl.fuzz.seed", 0x5EEDCAFEL);
  private static final byte[] ALPHABET = "{}[]()\"'$%~<>-=!?:.,*/#\\\n\r\t abcxyz019eEOT_@`&|+".getBytes(StandardCharsets.US_ASCII);
  private static final EvalContext CTX = EvalContext.of(
      Map.of("v", Value.object(Map.of("a", Value.number(1)))), FunctionTable.EMPTY, NomadUnresolvedTraversals.INSTANCE);

  @Test
  void randomBytesNeverThrowAndDiagnosticsStayInsideInput() {
    SplittableRandom rnd = new SplittableRandom(SEED);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 3000; i++) {
        int len = rnd.nextInt(200);
        byte[] src = new byte[len];
        for (int k = 0; k < len; k++) {
          src[k] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : ALPHABET[rnd.nextInt(ALPHABET.length)];
        }
        check(src, "random #" + i);
      }
    }, () -> "timed out; seed " + SEED);
  }

  @Test
  void mutatedCorpusFilesNeverThrowAndDiagnosticsStayInsideInput() throws IOException {
    List<byte[]> corpus = corpus();
    SplittableRandom rnd = new SplittableRandom(SEED ^ 0x9E3779B97F4A7C15L);
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      for (int i = 0; i < 1500; i++) {
        byte[] base = corpus.get(rnd.nextInt(corpus.size()));
        byte[] src = mutate(base, rnd);
        check(src, "mutation #" + i);
      }
    }, () -> "timed out; seed " + SEED);
  }

  @Test
  void deeplyNestedInputGivesDiagnosticNotStackOverflow() {
    String deep = "a = " + "[".repeat(100_000) + "\n";
    ParseResult r = Hcl.parse(deep, "deep.hcl");
    assertThat(r.hasErrors()).isTrue();
  }

  private static byte[] mutate(byte[] base, SplittableRandom rnd) {
    List<Byte> out = new ArrayList<>(base.length + 16);
    for (byte x : base) out.add(x);
    int edits = 1 + rnd.nextInt(8);
    for (int e = 0; e < edits; e++) {
      int at = out.isEmpty() ? 0 : rnd.nextInt(out.size());
      byte ch = ALPHABET[rnd.nextInt(ALPHABET.length)];
      switch (rnd.nextInt(3)) {
        case 0 -> out.add(at, ch);
        case 1 -> { if (!out.isEmpty()) out.remove(at); }
        default -> { if (!out.isEmpty()) out.set(at, ch); }
      }
    }
    byte[] r = new byte[out.size()];
    for (int i = 0; i < r.length; i++) r[i] = out.get(i);
    return r;
  }

  private static void check(byte[] src, String what) {
    ParseResult r;
    try {
      r = Hcl.parse(src, "fuzz.hcl");
      List<Diagnostic> all = new ArrayList<>(r.diagnostics());
      evaluateAll(r.body(), all);
      for (Diagnostic d : all) {
        assertInside(d.subject(), src.length, what, d);
        assertInside(d.context(), src.length, what, d);
      }
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError(what + " (seed " + SEED + ") threw on input: " + new String(src, StandardCharsets.UTF_8), e);
    }
  }

  private static void evaluateAll(Body body, List<Diagnostic> out) {
    for (Attribute a : body.attributes()) out.addAll(a.expression().evaluate(CTX).diagnostics());
    for (Block b : body.blocks()) evaluateAll(b.body(), out);
  }

  private static void assertInside(SourceRange r, int len, String what, Diagnostic d) {
    if (r == null) return;
    assertThat(r.start().byteOffset()).as("%s (seed %s): %s start", what, SEED, d).isBetween(0, len);
    assertThat(r.end().byteOffset()).as("%s (seed %s): %s end", what, SEED, d).isBetween(r.start().byteOffset(), len);
  }

  private static List<byte[]> corpus() throws IOException {
    List<byte[]> out = new ArrayList<>();
    var dir = Conformance.directory();
    if (dir.isPresent()) {
      for (String sub : List.of("hcl2/cases", "jobspecs/cases")) {
        try (Stream<Path> s = Files.list(dir.get().resolve(sub))) {
          for (Path p : s.filter(x -> x.toString().endsWith(".hcl")).sorted().toList()) out.add(Files.readAllBytes(p));
        }
      }
    }
    if (out.isEmpty()) {
      out.add("job \"x\" {\n  a = [for k, v in {a = 1} : \"${k}-%{ if v > 0 }pos%{ endif }\"]\n  b = <<-EOT\n    hi ${x.y[*].z}\n  EOT\n}\n".getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}
