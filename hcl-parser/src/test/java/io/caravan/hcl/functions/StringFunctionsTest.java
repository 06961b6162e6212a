package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.number;
import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringFunctionsTest {

  @Test
  void changesCase() throws Exception {
    assertThat(StringFunctions.upper(string("abc"))).isEqualTo(string("ABC"));
    assertThat(StringFunctions.lower(string("ABC"))).isEqualTo(string("abc"));
    assertThat(StringFunctions.title(string("hello world"))).isEqualTo(string("Hello World"));
    assertThat(StringFunctions.title(string("o'neil is-here"))).isEqualTo(string("O'Neil Is-Here"));
  }

  @Test
  void countsAndReversesGraphemeClusters() throws Exception {
    assertThat(StringFunctions.strlen(string("héllo"))).isEqualTo(number(5));
    assertThat(StringFunctions.strlen(string("e\u0301"))).isEqualTo(number(1));
    assertThat(StringFunctions.reverse(string("abc"))).isEqualTo(string("cba"));
    assertThat(StringFunctions.reverse(string("ae\u0301"))).isEqualTo(string("\u00e9a"));
  }

  @Test
  void substrHandlesNegativeOffsetAndLength() throws Exception {
    assertThat(StringFunctions.substr(string("hello world"), number(6), number(5))).isEqualTo(string("world"));
    assertThat(StringFunctions.substr(string("hello"), number(-3), number(-1))).isEqualTo(string("llo"));
    assertThat(StringFunctions.substr(string("hello"), number(1), number(100))).isEqualTo(string("ello"));
    assertThatThrownBy(() -> StringFunctions.substr(string("hi"), number(5), number(1)))
        .isInstanceOf(io.caravan.hcl.FunctionException.class)
        .hasMessage("offset is greater than the length of the string");
  }

  @Test
  void trimsLikeGo() throws Exception {
    assertThat(StringFunctions.chomp(string("line\n\n"))).isEqualTo(string("line"));
    assertThat(StringFunctions.chomp(string("a\r\n"))).isEqualTo(string("a"));
    assertThat(StringFunctions.trimspace(string("  pad \t"))).isEqualTo(string("pad"));
    assertThat(StringFunctions.trim(string("--x--"), string("-"))).isEqualTo(string("x"));
    assertThat(StringFunctions.trimprefix(string("prefix-body"), string("prefix-"))).isEqualTo(string("body"));
    assertThat(StringFunctions.trimsuffix(string("body.txt"), string(".txt"))).isEqualTo(string("body"));
    assertThat(StringFunctions.trimsuffix(string("body"), string(".txt"))).isEqualTo(string("body"));
  }

  @Test
  void indentsEveryLineButTheFirst() throws Exception {
    assertThat(StringFunctions.indent(number(2), string("a\nb"))).isEqualTo(string("a\n  b"));
  }

  @Test
  void splitsAndJoins() throws Exception {
    assertThat(StringFunctions.split(string(","), string("a,b,,c")))
        .isEqualTo(Value.list(Type.STRING, List.of(string("a"), string("b"), string(""), string("c"))));
    Value abc = Value.list(Type.STRING, List.of(string("a"), string("b"), string("c")));
    assertThat(StringFunctions.join(string(", "), List.of(abc))).isEqualTo(string("a, b, c"));
    Value withNull = Value.list(Type.STRING, List.of(string("a"), Value.nullOf(Type.STRING)));
    assertThatThrownBy(() -> StringFunctions.join(string(","), List.of(withNull)))
        .isInstanceOf(io.caravan.hcl.FunctionException.class)
        .hasMessage("element 1 is null");
  }

  @Test
  void replaceIsPlainTextButRegexReplaceIsNot() throws Exception {
    assertThat(StringFunctions.replace(string("a-b-c"), string("-"), string("+"))).isEqualTo(string("a+b+c"));
    assertThat(StringFunctions.replace(string("a1b22c"), string("/[0-9]+/"), string("#"))).isEqualTo(string("a1b22c"));
    assertThat(StringFunctions.regexReplace(string("a1b22c"), string("[0-9]+"), string("#"))).isEqualTo(string("a#b#c"));
    assertThat(StringFunctions.regexReplace(string("key=val"), string("(\\w+)=(\\w+)"), string("$2=${1}")))
        .isEqualTo(string("val=key"));
  }
}
