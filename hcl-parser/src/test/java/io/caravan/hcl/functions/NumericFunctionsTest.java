package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.number;
import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumericFunctionsTest {

  @Test
  void roundsAndTakesSigns() throws Exception {
    assertThat(NumericFunctions.abs(number(new BigDecimal("-4.5")))).isEqualTo(number(new BigDecimal("4.5")));
    assertThat(NumericFunctions.ceil(number(new BigDecimal("1.2")))).isEqualTo(number(2));
    assertThat(NumericFunctions.floor(number(new BigDecimal("-1.2")))).isEqualTo(number(-2));
    assertThat(NumericFunctions.signum(number(-3))).isEqualTo(number(-1));
    assertThat(NumericFunctions.signum(number(0))).isEqualTo(number(0));
  }

  @Test
  void logAndPowAreFloat64ExactlyLikeCty() throws Exception {
    assertThat(NumericFunctions.log(number(8), number(2))).isEqualTo(number(3));
    assertThat(NumericFunctions.pow(number(2), number(10))).isEqualTo(number(1024));
    assertThat(NumericFunctions.pow(number(new BigDecimal("0.1")), number(1)).asNumber())
        .isEqualTo(new BigDecimal("0.1"));
  }

  @Test
  void maxAndMinNeedAtLeastOneNumber() throws Exception {
    assertThat(NumericFunctions.max(List.of(number(3), number(1), number(2)))).isEqualTo(number(3));
    assertThat(NumericFunctions.min(List.of(number(3), number(1), number(2)))).isEqualTo(number(1));
    assertThatThrownBy(() -> NumericFunctions.max(List.of())).hasMessage("must pass at least one number");
  }

  @Test
  void parseintAcceptsBases2To62() throws Exception {
    assertThat(NumericFunctions.parseint(string("ff"), number(16))).isEqualTo(number(255));
    assertThat(NumericFunctions.parseint(string("-101"), number(2))).isEqualTo(number(-5));
    assertThat(NumericFunctions.parseint(string("Z"), number(62))).isEqualTo(number(61));
    assertThatThrownBy(() -> NumericFunctions.parseint(string("12"), number(2)))
        .hasMessage("cannot parse \"12\" as a base 2 integer");
    assertThatThrownBy(() -> NumericFunctions.parseint(string("1"), number(1)))
        .hasMessage("base must be a whole number between 2 and 62 inclusive");
  }
}
