package io.caravan.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.caravan.hcl.functions.NomadFunctions;
import java.math.BigDecimal;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Behaviour of individual expressions: numbers, templates, Nomad's unresolved traversals, try/can/convert. */
class ExpressionEvaluationTest {
  private static final EvalContext NOMAD = EvalContext.of(
      Map.of("obj", Value.object(Map.of("a", Value.number(1)))),
      NomadFunctions.withoutFileSystem(new SplittableRandom(7)), NomadUnresolvedTraversals.INSTANCE);

  private static EvalResult eval(String expr) {
    ParseResult pr = Hcl.parse("x = " + expr + "\n", "t.hcl");
    assertThat(pr.diagnostics()).as("parse of %s", expr).isEmpty();
    return pr.body().attributes().get(0).expression().evaluate(NOMAD);
  }

  @Test
  void divisionRoundsToA512BitFloatAndPrintsShortestDecimal() {
    BigDecimal third = eval("1 / 3").value().asNumber();
    assertThat(third.toPlainString()).startsWith("0.3333").hasSize(157);
    assertThat(eval("10 / 4").value().asNumber()).isEqualByComparingTo("2.5");
  }

  @Test
  void unresolvedTraversalKeepsOriginalSpacingInsideInterpolation() {
    assertThat(eval("\"with ${   attr.  kernel[  \"x\"].5  }\"").value().asString()).isEqualTo("with ${   attr.  kernel[  \"x\"].5  }");
    assertThat(eval("attr.x").value().asString()).isEqualTo("${attr.x}");
    assertThat(eval("upper(node.class)").value().asString()).isEqualTo("${NODE.CLASS}");
  }

  @Test
  void definedRootWithMissingAttributeIsStillAnError() {
    EvalResult r = eval("obj.nope");
    assertThat(r.hasErrors()).isTrue();
    assertThat(r.diagnostics().get(0).summary()).isEqualTo("Unsupported attribute");
  }

  @Test
  void tryReturnsFirstSuccessfulArgumentAndCanReportsFailure() {
    assertThat(eval("try(obj.nope, \"fb\")").value().asString()).isEqualTo("fb");
    assertThat(eval("can(obj.nope)").value().asBool()).isFalse();
    assertThat(eval("can(obj.a)").value().asBool()).isTrue();
  }

  @Test
  void convertAppliesATypeExpression() {
    Value v = eval("convert([\"a\", \"b\"], list(string))").value();
    assertThat(v.type()).isEqualTo(new Type.ListType(Type.STRING));
    assertThat(v.elements()).containsExactly(Value.string("a"), Value.string("b"));
  }

  @Test
  void heredocWithDashStripsCommonIndentation() {
    ParseResult pr = Hcl.parse("x = <<-EOT\n    a\n      b\n    EOT\n", "t.hcl");
    assertThat(pr.body().attributes().get(0).expression().evaluate(NOMAD).value().asString()).isEqualTo("a\n  b\n");
  }

  @Test
  void twoAttributesOnOneLineReportMissingNewlineAtTheSecond() {
    ParseResult pr = Hcl.parse("a = 1 b = 2\n", "t.hcl");
    assertThat(pr.diagnostics()).extracting(Diagnostic::summary).containsExactly("Missing newline after argument");
    assertThat(pr.diagnostics().get(0).subject().start().column()).isEqualTo(7);
  }
}
