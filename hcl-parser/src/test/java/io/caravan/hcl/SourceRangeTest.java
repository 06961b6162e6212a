package io.caravan.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Parser ranges compute their positions on demand; they must behave like ranges made from positions. */
class SourceRangeTest {

  private static String source() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      b.append("a").append(i).append(" = \"").append(i % 3 == 0 ? "h\u00e9\u0301llo \uD83C\uDDEB\uD83C\uDDF7" : "plain")
          .append("\"\r\n");
    }
    return b.toString();
  }

  private static List<SourceRange> ranges(ParseResult r) {
    List<SourceRange> out = new ArrayList<>();
    for (Attribute a : r.body().attributes()) {
      out.add(a.range());
      out.add(a.nameRange());
      out.add(a.expression().range());
    }
    return out;
  }

  @Test
  void lazyRangesEqualRangesMadeFromTheirPositions() {
    ParseResult r = Hcl.parse("a = \"\u00e9\"\nb = x.y[0]\n", "t.hcl");
    for (SourceRange lazy : ranges(r)) {
      SourceRange given = new SourceRange(lazy.filename(), lazy.start(), lazy.end());
      assertThat(lazy).isEqualTo(given).hasSameHashCodeAs(given).hasToString(given.toString());
      assertThat(lazy.compact()).isEqualTo(given.compact());
    }
    Attribute b = r.body().attributes().get(1);
    assertThat(b.range().compact()).isEqualTo("2:1:9-2:11:19");
    assertThat(b.expression().range().compact()).isEqualTo("2:5:13-2:11:19"); // x.y[0] spans root to index
    SourceRange name = b.nameRange(), expr = b.expression().range();
    assertThat(SourceRange.between(expr, name)).isEqualTo(new SourceRange("t.hcl", name.start(), expr.end()));
  }

  @Test
  void positionsAreTheSameWhicheverThreadsAskFirst() throws Exception {
    String src = source();
    List<String> expected = ranges(Hcl.parse(src, "t.hcl")).stream().map(SourceRange::compact).toList();
    for (int round = 0; round < 5; round++) {
      List<SourceRange> fresh = ranges(Hcl.parse(src, "t.hcl")); // nothing computed yet
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          long seed = round * 10L + t;
          results.add(pool.submit(() -> {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < fresh.size(); i++) order.add(i);
            Collections.shuffle(order, new Random(seed));
            String[] got = new String[fresh.size()];
            for (int i : order) got[i] = fresh.get(i).compact();
            return List.of(got);
          }));
        }
        for (Future<List<String>> f : results) {
          assertThat(f.get(20, TimeUnit.SECONDS)).as("round %d", round).isEqualTo(expected);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
