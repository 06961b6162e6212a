package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.number;
import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatAndJsonFunctionsTest {

  @Test
  void formatsGoVerbsLikeCty() throws Exception {
    assertThat(FormatFunctions.format(string("%s is %d years and %.2f%%"),
        List.of(string("x"), number(42), number(new BigDecimal("3.14159")))))
        .isEqualTo(string("x is 42 years and 3.14%"));
    assertThat(FormatFunctions.format(string("%v %q %5s|%-5s|"),
        List.of(Value.TRUE, string("q"), string("r"), string("l"))))
        .isEqualTo(string("true \"q\"     r|l    |"));
    assertThat(FormatFunctions.format(string("%03d|%x|%X|%b|%+d"),
        List.of(number(7), number(255), number(255), number(5), number(3))))
        .isEqualTo(string("007|ff|FF|101|+3"));
    assertThat(FormatFunctions.format(string("%#v"), List.of(Value.tuple(List.of(number(1), string("a"))))))
        .isEqualTo(string("[1,\"a\"]"));
  }

  @Test
  void formatCountsArguments() {
    assertThatThrownBy(() -> FormatFunctions.format(string("%s %s"), List.of(string("a"))))
        .hasMessage("not enough arguments for \"%s\" at 3: need index 2 but have 1 total");
    assertThatThrownBy(() -> FormatFunctions.format(string("%s"), List.of(string("a"), string("b"))))
        .hasMessage("too many arguments; only 1 used by format string");
    assertThatThrownBy(() -> FormatFunctions.format(string("%d"), List.of(number(new BigDecimal("1.5")))))
        .hasMessage("unsupported value for \"%d\" at 0: value must be a whole number");
  }

  @Test
  void formatlistIteratesSequencesInStep() throws Exception {
    Value names = Value.tuple(List.of(string("a"), string("b")));
    Value nums = Value.tuple(List.of(number(1), number(2)));
    assertThat(FormatFunctions.formatlist(string("%s=%d"), List.of(names, nums)))
        .isEqualTo(Value.list(Type.STRING, List.of(string("a=1"), string("b=2"))));
    assertThatThrownBy(() -> FormatFunctions.formatlist(string("%s%s"),
        List.of(names, Value.tuple(List.of(string("x"))))))
        .hasMessage("argument 2 has length 1, which is inconsistent with argument 1 of length 2");
  }

  @Test
  void jsonencodeSortsKeysAndEscapesHtml() throws Exception {
    Value v = Value.object(Map.of(
        "b", Value.tuple(Arrays.asList(number(1), string("two"), Value.TRUE, Value.NULL_DYNAMIC)),
        "a", Value.object(Map.of("nested", number(new BigDecimal("1.5"))))));
    assertThat(JsonFunctions.jsonencode(v)).isEqualTo(string("{\"a\":{\"nested\":1.5},\"b\":[1,\"two\",true,null]}"));
    assertThat(JsonFunctions.jsonencode(string("<a&b>"))).isEqualTo(string("\"\\u003ca\\u0026b\\u003e\""));
  }

  @Test
  void jsondecodeKeepsNumbersExactAndUsesTuples() throws Exception {
    Value v = JsonFunctions.jsondecode(string("{\"x\": [1, 2, {\"y\": null}], \"n\": 1e3}"));
    assertThat(v.attributes().get("n")).isEqualTo(number(1000));
    assertThat(v.attributes().get("x").type()).isInstanceOf(Type.TupleType.class);
    assertThat(v.attributes().get("x").elements().get(2).attributes().get("y").isNull()).isTrue();
    assertThatThrownBy(() -> JsonFunctions.jsondecode(string("{"))).hasMessage("EOF");
    assertThatThrownBy(() -> JsonFunctions.jsondecode(string("[1 2]")))
        .hasMessage("invalid character '2' after array element");
  }
}
