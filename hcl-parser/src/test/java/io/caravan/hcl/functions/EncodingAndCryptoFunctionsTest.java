package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EncodingAndCryptoFunctionsTest {

  @Test
  void base64RoundTripsUtf8() throws Exception {
    assertThat(EncodingFunctions.base64encode(string("hello"))).isEqualTo(string("aGVsbG8="));
    assertThat(EncodingFunctions.base64decode(string("aGVsbG8="))).isEqualTo(string("hello"));
    assertThatThrownBy(() -> EncodingFunctions.base64decode(string("//8=")))
        .hasMessage("the result of decoding the provided string is not valid UTF-8");
    assertThatThrownBy(() -> EncodingFunctions.base64decode(string("@@")))
        .hasMessage("failed to decode base64 data '@@'");
  }

  @Test
  void urlencodeIsGoQueryEscape() throws Exception {
    assertThat(EncodingFunctions.urlencode(string("a b&c"))).isEqualTo(string("a+b%26c"));
    assertThat(EncodingFunctions.urlencode(string("é~_.-"))).isEqualTo(string("%C3%A9~_.-"));
  }

  @Test
  void hashesAreLowercaseHex() throws Exception {
    assertThat(CryptoFunctions.md5(string("x"))).isEqualTo(string("9dd4e461268c8034f5c8564e155c67a6"));
    assertThat(CryptoFunctions.sha1(string("x"))).isEqualTo(string("11f6ad8ec52a2984abaafd7c3b516503785c2072"));
    assertThat(CryptoFunctions.sha256(string("x")))
        .isEqualTo(string("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"));
    assertThat(CryptoFunctions.sha512(string("")).asString()).startsWith("cf83e1357eefb8bd").hasSize(128);
  }
}
