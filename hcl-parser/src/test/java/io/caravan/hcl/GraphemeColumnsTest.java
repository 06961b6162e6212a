package io.caravan.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Columns count extended grapheme clusters (UAX #29), as HCL's positions do. */
class GraphemeColumnsTest {

  /** The column just past {@code b = "<text>" + c}. */
  private static int columnAfter(String text) {
    ParseResult r = Hcl.parse("b = \"" + text + "\" + c\n", "t.hcl");
    assertThat(r.diagnostics()).isEmpty();
    return r.body().attributes().get(0).expression().range().end().column();
  }

  private static Pos endOf(String source) {
    ParseResult r = Hcl.parse(source, "t.hcl");
    assertThat(r.diagnostics()).isEmpty();
    return r.body().attributes().get(0).expression().range().end();
  }

  @Test
  void asciiColumnsAreByteDistances() {
    Pos p = endOf("abc = \"xyz\"\n");
    assertThat(p).isEqualTo(new Pos(1, 12, 11));
  }

  @Test
  void eachClusterIsOneColumn() {
    // text, its cluster count
    List<Object[]> cases = List.of(
        new Object[] {"e\u0301", 1},                           // e + combining acute
        new Object[] {"x\u0308\u0308y", 2},                    // stacked combining marks
        new Object[] {"\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", 1}, // ZWJ family
        new Object[] {"\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", 1}, // rainbow flag: VS16 + ZWJ
        new Object[] {"\uD83D\uDC4D\uD83C\uDFFD", 1},          // thumbs up + skin tone modifier
        new Object[] {"\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDE9\uD83C\uDDEA", 2}, // two flags: RI pairs
        new Object[] {"\uD83C\uDDEB\uD83C\uDDF7\uD83C\uDDE9", 2}, // a flag and a lone regional indicator
        new Object[] {"\u1100\u1161\u11A8", 1},                // Hangul jamo L V T
        new Object[] {"\u0E01\u0E33", 1},                      // Thai consonant + SARA AM (spacing mark)
        new Object[] {"a\u200Db", 2},                          // ZWJ joins only pictographs
        new Object[] {"日本語", 3});
    for (Object[] c : cases) {
      String text = (String) c[0];
      int clusters = (Integer) c[1];
      // b = "<text>" + c : b(1) space = space " text " space + space c -> end column
      int expectedEnd = "b = \"".length() + clusters + "\" + c".length() + 1;
      assertThat(columnAfter(text)).as("clusters of %s", text.codePoints().mapToObj(Integer::toHexString).toList())
          .isEqualTo(expectedEnd);
    }
  }

  @Test
  void diagnosticsAfterClustersPointAtTheRightColumn() {
    ParseResult r = Hcl.parse("a = \"\uD83C\uDDEB\uD83C\uDDF7e\u0301\" ]\n", "t.hcl");
    assertThat(r.diagnostics()).isNotEmpty();
    Diagnostic d = r.diagnostics().get(0);
    // a(1) (2) =(3) (4) "(5) flag(6) é(7) "(8) (9) ](10)
    assertThat(d.subject().start().column()).isEqualTo(10);
    assertThat(d.subject().start().byteOffset()).isEqualTo("a = \"\uD83C\uDDEB\uD83C\uDDF7e\u0301\" ".getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void byteOrderMarkAndCarriageReturnAreNotColumns() {
    assertThat(endOf("\uFEFFa = \"\u00e9\"\r\n")).isEqualTo(new Pos(1, 8, 11));
    ParseResult r = Hcl.parse("a = 1\r\nb = \"\u00e9\u00e9\"\r\n", "t.hcl");
    assertThat(r.body().attributes().get(1).expression().range().end()).isEqualTo(new Pos(2, 9, 17));
  }
}
