package io.caravan.hcl.functions;

import static io.caravan.hcl.Value.number;
import static io.caravan.hcl.Value.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrFunctionsTest {

  @Test
  void computesIpv4HostsMasksAndSubnets() throws Exception {
    assertThat(CidrFunctions.cidrhost(string("10.0.0.0/8"), number(5))).isEqualTo(string("10.0.0.5"));
    assertThat(CidrFunctions.cidrhost(string("10.0.0.0/24"), number(-1))).isEqualTo(string("10.0.0.255"));
    assertThat(CidrFunctions.cidrnetmask(string("10.0.0.0/8"))).isEqualTo(string("255.0.0.0"));
    assertThat(CidrFunctions.cidrsubnet(string("10.0.0.0/8"), number(8), number(2))).isEqualTo(string("10.2.0.0/16"));
  }

  @Test
  void computesIpv6InGoNotation() throws Exception {
    assertThat(CidrFunctions.cidrsubnet(string("fd00:fd12:3456:7890::/56"), number(16), number(162)))
        .isEqualTo(string("fd00:fd12:3456:7800:a200::/72"));
    assertThat(CidrFunctions.cidrhost(string("2001:db8::/32"), number(1))).isEqualTo(string("2001:db8::1"));
  }

  @Test
  void allocatesConsecutiveSubnets() throws Exception {
    assertThat(CidrFunctions.cidrsubnets(string("10.1.0.0/16"), List.of(number(4), number(4), number(8), number(4))))
        .isEqualTo(Value.list(Type.STRING, List.of(string("10.1.0.0/20"), string("10.1.16.0/20"),
            string("10.1.32.0/24"), string("10.1.48.0/20"))));
  }

  @Test
  void rejectsBadPrefixesAndOverflows() throws Exception {
    assertThatThrownBy(() -> CidrFunctions.cidrnetmask(string("10.0.0.0")))
        .hasMessage("invalid CIDR expression: invalid CIDR address: 10.0.0.0");
    assertThatThrownBy(() -> CidrFunctions.cidrsubnet(string("10.0.0.0/30"), number(4), number(0)))
        .hasMessage("insufficient address space to extend prefix of 30 by 4");
    assertThatThrownBy(() -> CidrFunctions.cidrhost(string("10.0.0.0/30"), number(4)))
        .hasMessage("prefix of 30 bits cannot accommodate a host numbered 4");
  }
}
