package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.number;
import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class YamlFunctionsTest {

  private static Value decode(String yaml) throws FunctionException {
    return YamlFunctions.yamldecode(string(yaml));
  }

  private static String encode(Value v) throws FunctionException {
    return YamlFunctions.yamlencode(v).asString();
  }

  private static Value obj(Object... kv) {
    Map<String, Value> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
    return Value.object(m);
  }

  private static Value tup(Value... vs) {
    return Value.tuple(List.of(vs));
  }

  @Test
  void decodesMappingsToObjectsAndSequencesToTuplesWithYaml11Booleans() throws Exception {
    assertThat(decode("a: 1\nb: [x, y]\n")).isEqualTo(obj("a", number(1), "b", tup(string("x"), Value.TRUE)));
    assertThat(decode("- on\n- Off\n- n\n- YES\n- ~\n- null\n-\n"))
        .isEqualTo(tup(Value.TRUE, Value.FALSE, Value.FALSE, Value.TRUE, Value.NULL_DYNAMIC, Value.NULL_DYNAMIC,
            Value.NULL_DYNAMIC));
  }

  @Test
  void quotedScalarsStayStringsButBlockScalarsAreResolved() throws Exception {
    assertThat(decode("['123', \"yes\", '~']")).isEqualTo(tup(string("123"), string("yes"), string("~")));
    assertThat(decode("a: |-\n  123\nb: |\n  two\n  lines\n"))
        .isEqualTo(obj("a", number(123), "b", string("two\nlines\n")));
  }

  @Test
  void numbersAreExactDecimalsAndGoIntegerLiterals() throws Exception {
    assertThat(decode("[0x1F, 0o17, 1_000, 1e3, .5, +.5, -7, 0.1, 017]"))
        .isEqualTo(tup(number(31), number(15), number(1000), number(1000), Value.number(new BigDecimal("0.5")),
            Value.number(new BigDecimal("0.5")), number(-7), Value.number(new BigDecimal("0.1")), number(17)));
    Value pi = decode("3.14159265358979323846264338327950288419716939937510");
    assertThat(pi.asNumber()).isEqualByComparingTo("3.14159265358979323846264338327950288419716939937510");
    assertThat(decode("[1.2.3, 1:30, .]")).isEqualTo(tup(string("1.2.3"), string("1:30"), string(".")));
    assertThatThrownBy(() -> decode(".nan")).hasMessage("on line 0, column 0: floating point NaN is not supported");
  }

  @Test
  void unquotedDatesBecomeRfc3339Strings() throws Exception {
    assertThat(decode("[2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10, 2002-1-2T3:4:5+00:00]"))
        .isEqualTo(tup(string("2001-12-14T00:00:00Z"), string("2001-12-14T21:59:43-05:00"),
            string("2001-12-14T21:59:43Z"), string("2002-01-02T03:04:05Z")));
    assertThat(decode("[2001-02-30, '2001-12-14']")).isEqualTo(tup(string("2001-02-30"), string("2001-12-14")));
  }

  @Test
  void anchorsAliasesAndMergeKeys() throws Exception {
    assertThat(decode("a: &foo\n  beep: boop\nb:\n  <<: *foo\n  bleep: bloop\nc: *foo\n"))
        .isEqualTo(obj("a", obj("beep", string("boop")), "b", obj("beep", string("boop"), "bleep", string("bloop")),
            "c", obj("beep", string("boop"))));
    assertThat(decode("a: aa\n<<:\n  a: aaa\n<<:\n  b: bbb\nb: bb\n"))
        .isEqualTo(obj("a", string("aaa"), "b", string("bb")));
    assertThat(decode("a: aa\n<<:\n  - b: bb\n  - c: cc\n"))
        .isEqualTo(obj("a", string("aa"), "b", string("bb"), "c", string("cc")));
    assertThat(decode("a: aa\n!!merge whatever:\n  b: bb\n")).isEqualTo(obj("a", string("aa"), "b", string("bb")));
    assertThatThrownBy(() -> decode("a: &x [1, *x]"))
        .hasMessage("on line 0, column 10: cannot refer to anchor \"x\" from inside its own definition");
    assertThatThrownBy(() -> decode("a: *nope")).hasMessage("on line 0, column 3: reference to undefined anchor \"nope\"");
    assertThatThrownBy(() -> decode("<<: 1")).hasMessage("on line 0, column 0: cannot merge number into mapping");
  }

  @Test
  void tagsSelectOrRejectTypes() throws Exception {
    assertThat(decode("[!!str 12, !!int \"12\", !!float 1, !!bool yes, !!null x, !!binary aGVsbG8=]"))
        .isEqualTo(tup(string("12"), string("12"), number(1), Value.TRUE, Value.NULL_DYNAMIC, string("aGVsbG8=")));
    assertThatThrownBy(() -> decode("!foo x")).hasMessage("on line 0, column 0: unsupported tag \"!foo\"");
    assertThatThrownBy(() -> decode("!!int abc"))
        .hasMessage("on line 0, column 0: cannot parse \"abc\" as tag:yaml.org,2002:int");
    assertThatThrownBy(() -> decode("!!map [1]"))
        .hasMessage("on line 0, column 0: can't interpret sequence as tag:yaml.org,2002:map");
  }

  @Test
  void mappingKeysMustBeStringLike() throws Exception {
    assertThat(decode("1: one\ntrue: t\n")).isEqualTo(obj("1", string("one"), "true", string("t")));
    assertThatThrownBy(() -> decode("? [a]\n: 1\n")).hasMessage("on line 0, column 2: only strings are allowed as mapping keys");
    assertThatThrownBy(() -> decode("~: x")).hasMessage("on line 0, column 0: mapping key cannot be null");
  }

  @Test
  void exactlyOneDocumentAndEmptyStreamsAreNull() throws Exception {
    assertThat(decode("")).isEqualTo(Value.NULL_DYNAMIC);
    assertThat(decode("# only a comment\n")).isEqualTo(Value.NULL_DYNAMIC);
    assertThat(decode("---")).isEqualTo(Value.NULL_DYNAMIC);
    assertThat(decode("~")).isEqualTo(Value.NULL_DYNAMIC);
    assertThatThrownBy(() -> decode("a: 1\n---\nb: 2\n"))
        .hasMessage("on line 1, column 0: unexpected extra content after value");
    assertThatThrownBy(() -> decode("a: [1,\nb: 2")).isInstanceOf(FunctionException.class).hasMessageStartingWith("on line");
  }

  @Test
  void hostileNestingIsAnErrorNotAStackOverflow() throws Exception {
    String ok = "[".repeat(YamlDecoder.MAX_DEPTH) + "]".repeat(YamlDecoder.MAX_DEPTH);
    String deep = "[".repeat(20_000) + "]".repeat(20_000);
    Thread t = new Thread(() -> { // a default-sized thread stack, as a server's worker would have
      try {
        assertThat(decode(ok).type()).isInstanceOf(io.caravan.hcl.Type.TupleType.class);
        assertThatThrownBy(() -> decode(deep)).isInstanceOf(FunctionException.class)
            .hasMessage("on line 0, column 1000: exceeded max depth of 1000");
      } catch (FunctionException e) {
        throw new AssertionError(e);
      }
    });
    Throwable[] failure = new Throwable[1];
    t.setUncaughtExceptionHandler((th, e) -> failure[0] = e);
    t.start();
    t.join();
    assertThat(failure[0]).isNull();
  }

  @Test
  void encodesLikeGoCtyYaml() throws Exception {
    assertThat(encode(obj("a", number(1), "b", tup(string("x"))))).isEqualTo("\"a\": 1\n\"b\":\n- \"x\"\n");
    assertThat(encode(Value.TRUE)).isEqualTo("true\n...\n");
    assertThat(encode(number(0))).isEqualTo("0\n...\n");
    assertThat(encode(Value.NULL_DYNAMIC)).isEqualTo("null\n...\n");
    assertThat(encode(string(""))).isEqualTo("\"\"\n");
    assertThat(encode(string("true"))).isEqualTo("\"true\"\n");
    assertThat(encode(Value.EMPTY_OBJECT)).isEqualTo("{}\n");
    assertThat(encode(Value.EMPTY_TUPLE)).isEqualTo("[]\n");
    assertThat(encode(obj("e", Value.EMPTY_TUPLE, "m", Value.EMPTY_OBJECT))).isEqualTo("\"e\": []\n\"m\": {}\n");
    assertThat(encode(tup(tup(number(1), number(2)), obj("a", string("b"), "c", string("d")))))
        .isEqualTo("- - 1\n  - 2\n- \"a\": \"b\"\n  \"c\": \"d\"\n");
    assertThat(encode(obj("o", obj("p", obj("q", number(1))))))
        .isEqualTo("\"o\":\n  \"p\":\n    \"q\": 1\n");
  }

  @Test
  void encodesMultiLineStringsAsLiteralBlocksWhenPossible() throws Exception {
    assertThat(encode(obj("s", string("x\ny\n")))).isEqualTo("\"s\": |\n  x\n  y\n");
    assertThat(encode(obj("s", string("x\ny")))).isEqualTo("\"s\": |-\n  x\n  y\n");
    assertThat(encode(obj("s", string("x\n\n")))).isEqualTo("\"s\": |+\n  x\n\n");
    assertThat(encode(obj("s", string(" x\ny")))).isEqualTo("\"s\": |2-\n   x\n  y\n");
    assertThat(encode(string("a\nb"))).isEqualTo("|-\n  a\n  b\n");
    // a trailing space, a space before a break, or a tab rule the block out
    assertThat(encode(obj("s", string("x \ny")))).isEqualTo("\"s\": \"x \\ny\"\n");
    assertThat(encode(obj("s", string("a\tb\nc")))).isEqualTo("\"s\": \"a\\tb\\nc\"\n");
  }

  @Test
  void escapesUnprintablesAndFoldsLongDoubleQuotedLines() throws Exception {
    assertThat(encode(string("é \u0001 \"q\" \\ 😀"))).isEqualTo("\"é \\x01 \\\"q\\\" \\\\ \\U0001F600\"\n");
    String words = "lorem ipsum dolor sit amet ".repeat(5).trim();
    String out = encode(obj("k", string(words)));
    assertThat(out).contains("\n  ");
    assertThat(out.lines().findFirst().orElseThrow().length()).isGreaterThan(80).isLessThan(90);
    assertThat(decode(out)).isEqualTo(obj("k", string(words)));
  }

  @Test
  void longAndMultiLineKeysUseComplexKeySyntax() throws Exception {
    String longKey = "k".repeat(129);
    assertThat(encode(obj(longKey, number(1)))).isEqualTo("? \"" + longKey + "\"\n: 1\n");
    assertThat(encode(obj("a\nb", number(1)))).isEqualTo("? |-\n  a\n  b\n: 1\n");
    assertThat(decode(encode(obj("a\nb", number(1))))).isEqualTo(obj("a\nb", number(1)));
  }

  /** Property: what yamlencode writes, yamldecode (an independent YAML parser underneath) reads back. */
  @Test
  void encodeThenDecodeRoundTrips() throws Exception {
    for (int seed = 0; seed < 300; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      Value v = randomValue(r, 0);
      String yaml = encode(v);
      Value back;
      try {
        back = decode(yaml);
      } catch (FunctionException e) {
        throw new AssertionError("seed " + seed + ": " + e.getMessage() + "\n" + yaml, e);
      }
      assertThat(back).as("seed %d, yaml:\n%s", seed, yaml).isEqualTo(v);
    }
  }

  private static final String[] PIECES = {"a", "Z", " ", "  ", "\n", "\t", "\"", "'", "\\", "#", ":", "- ", "é", "日本",
      "😀", "\r", "\u0085", "~", "yes", "0x10", "2001-01-01", "{", "]", "&a", "*b", "!", "%", "@", "`", "|", ">",
      "lorem ipsum dolor sit amet consectetur "};

  private static Value randomValue(SplittableRandom r, int depth) {
    int kind = r.nextInt(depth > 3 ? 4 : 6);
    switch (kind) {
      case 0:
        return randomString(r);
      case 1:
        return Value.number(BigDecimal.valueOf(r.nextLong(-1_000_000, 1_000_000), r.nextInt(0, 6)));
      case 2:
        return r.nextBoolean() ? Value.TRUE : Value.NULL_DYNAMIC;
      case 3:
        return r.nextBoolean() ? Value.FALSE : randomString(r);
      case 4: {
        List<Value> items = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) items.add(randomValue(r, depth + 1));
        return Value.tuple(items);
      }
      default: {
        Map<String, Value> m = new LinkedHashMap<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) m.put(randomString(r).asString(), randomValue(r, depth + 1));
        return Value.object(m);
      }
    }
  }

  private static Value randomString(SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) b.append(PIECES[r.nextInt(PIECES.length)]);
    return string(b.toString());
  }
}
