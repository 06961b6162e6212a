package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UuidAndDateTimeFunctionsTest {

  @Test
  void uuidv5MatchesTheKnownDnsExample() throws Exception {
    assertThat(UuidFunctions.uuidv5(string("dns"), string("example.com")))
        .isEqualTo(string("cfbff0d1-9375-5685-968c-48ce8b15ae17"));
    assertThat(UuidFunctions.uuidv5(string("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), string("example.com")))
        .isEqualTo(string("cfbff0d1-9375-5685-968c-48ce8b15ae17"));
  }

  @Test
  void uuidv4IsVersion4AndDeterministicForASeed() throws Exception {
    String a = UuidFunctions.uuidv4(new SplittableRandom(42)).asString();
    String b = UuidFunctions.uuidv4(new SplittableRandom(42)).asString();
    assertThat(a).isEqualTo(b).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }

  @Test
  void formatdateUsesCtySpecLanguage() throws Exception {
    assertThat(DateTimeFunctions.formatdate(string("YYYY-MM-DD hh:mm"), string("2020-01-02T03:04:05Z")))
        .isEqualTo(string("2020-01-02 03:04"));
    assertThat(DateTimeFunctions.formatdate(string("EEE, DD MMM YYYY hh:mm:ss ZZZ"), string("2018-01-02T23:12:01Z")))
        .isEqualTo(string("Tue, 02 Jan 2018 23:12:01 UTC"));
    assertThat(DateTimeFunctions.formatdate(string("h:mm AA 'o''clock'"), string("2018-01-02T15:04:00-08:00")))
        .isEqualTo(string("15:04 PM o'clock"));
  }

  @Test
  void timeaddAddsGoDurations() throws Exception {
    assertThat(DateTimeFunctions.timeadd(string("2020-01-02T03:04:05Z"), string("1h30m")))
        .isEqualTo(string("2020-01-02T04:34:05Z"));
    assertThat(DateTimeFunctions.timeadd(string("2020-01-02T03:04:05Z"), string("-10m")))
        .isEqualTo(string("2020-01-02T02:54:05Z"));
    assertThatThrownBy(() -> DateTimeFunctions.timeadd(string("2020-01-02T03:04:05Z"), string("5x")))
        .hasMessage("time: unknown unit \"x\" in duration \"5x\"");
  }

  @Test
  void goDurationsParseLikeTimeParseDuration() throws Exception {
    assertThat(GoDurations.parse("1h5m")).isEqualTo(3_900_000_000_000L);
    assertThat(GoDurations.parse("1.5s")).isEqualTo(1_500_000_000L);
    assertThat(GoDurations.parse("300ms")).isEqualTo(300_000_000L);
    assertThat(GoDurations.parse("0")).isZero();
    assertThatThrownBy(() -> GoDurations.parse("10")).hasMessage("time: missing unit in duration \"10\"");
    assertThatThrownBy(() -> GoDurations.parse("")).hasMessage("time: invalid duration \"\"");
  }
}
