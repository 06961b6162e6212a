package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Type;
import io.caravan.hcl.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** go-cty-funcs CIDR functions: cidrhost, cidrnetmask, cidrsubnet, cidrsubnets (IPv4 and IPv6). */
public final class CidrFunctions {
  private CidrFunctions() {}

  /** A parsed network: address bits (already masked), total width and prefix length. */
  private record Network(BigInteger address, int width, int prefix) {
    BigInteger hostCount() {
      return BigInteger.ONE.shiftLeft(width - prefix);
    }
  }

  /** {@code cidrhost(prefix, hostnum)}: a negative hostnum counts back from the last address. */
  public static Value cidrhost(Value prefix, Value hostnum) throws FunctionException {
    Network n = parse(prefix, 0);
    BigInteger num = whole(hostnum, 1);
    BigInteger hosts = n.hostCount();
    if (num.signum() < 0) {
      num = hosts.add(num);
    }
    if (num.signum() < 0 || num.compareTo(hosts) >= 0) {
      throw new FunctionException("prefix of " + n.prefix() + " bits cannot accommodate a host numbered "
          + hostnum.asNumber().toPlainString());
    }
    return Value.string(format(n.address().or(num), n.width()));
  }

  /** {@code cidrnetmask(prefix)}: the mask in address notation. */
  public static Value cidrnetmask(Value prefix) throws FunctionException {
    Network n = parse(prefix, 0);
    BigInteger all = BigInteger.ONE.shiftLeft(n.width()).subtract(BigInteger.ONE);
    BigInteger hostBits = BigInteger.ONE.shiftLeft(n.width() - n.prefix()).subtract(BigInteger.ONE);
    return Value.string(format(all.xor(hostBits), n.width()));
  }

  /** {@code cidrsubnet(prefix, newbits, netnum)}. */
  public static Value cidrsubnet(Value prefix, Value newbits, Value netnum) throws FunctionException {
    Network n = parse(prefix, 0);
    int bits = whole(newbits, 1).intValueExact();
    return Value.string(subnet(n, bits, whole(netnum, 2)));
  }

  /** {@code cidrsubnets(prefix, newbits...)}: consecutive, aligned subnets of the given sizes. */
  public static Value cidrsubnets(Value prefix, List<Value> newbits) throws FunctionException {
    Network n = parse(prefix, 0);
    List<Value> out = new ArrayList<>();
    BigInteger next = n.address();
    for (int i = 0; i < newbits.size(); i++) {
      int bits = whole(newbits.get(i), i + 1).intValueExact();
      int length = n.prefix() + bits;
      if (bits < 1 || length > n.width()) {
        throw new FunctionException(i + 1, "would extend prefix to " + length
            + " bits, which is too long for an IPv" + (n.width() == 32 ? 4 : 6) + " address");
      }
      BigInteger size = BigInteger.ONE.shiftLeft(n.width() - length);
      BigInteger aligned = next.add(size).subtract(BigInteger.ONE).divide(size).multiply(size);
      if (aligned.add(size).compareTo(n.address().add(n.hostCount())) > 0) {
        throw new FunctionException(i + 1, "not enough remaining address space for a subnet with a prefix of "
            + length + " bits after " + (out.isEmpty() ? "the start" : out.get(out.size() - 1).asString()));
      }
      out.add(Value.string(format(aligned, n.width()) + "/" + length));
      next = aligned.add(size);
    }
    return Value.list(Type.STRING, out);
  }

  private static String subnet(Network n, int newbits, BigInteger netnum) throws FunctionException {
    int length = n.prefix() + newbits;
    if (newbits < 0 || length > n.width()) {
      throw new FunctionException("insufficient address space to extend prefix of " + n.prefix() + " by " + newbits);
    }
    if (netnum.signum() < 0 || netnum.compareTo(BigInteger.ONE.shiftLeft(newbits)) >= 0) {
      throw new FunctionException("prefix extension of " + newbits + " does not accommodate a subnet numbered " + netnum);
    }
    BigInteger address = n.address().or(netnum.shiftLeft(n.width() - length));
    return format(address, n.width()) + "/" + length;
  }

  private static BigInteger whole(Value v, int argIndex) throws FunctionException {
    BigDecimal d = v.asNumber();
    try {
      return d.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new FunctionException(argIndex, "value must be a whole number");
    }
  }

  private static Network parse(Value prefixValue, int argIndex) throws FunctionException {
    String text = prefixValue.asString();
    int slash = text.indexOf('/');
    Network n = null;
    if (slash > 0) {
      BigInteger[] address = new BigInteger[1];
      int width = parseAddress(text.substring(0, slash), address);
      String bits = text.substring(slash + 1);
      if (width > 0 && !bits.isEmpty() && bits.chars().allMatch(Character::isDigit) && bits.length() <= 3) {
        int prefix = Integer.parseInt(bits);
        if (prefix <= width) {
          BigInteger hostMask = BigInteger.ONE.shiftLeft(width - prefix).subtract(BigInteger.ONE);
          n = new Network(address[0].andNot(hostMask), width, prefix);
        }
      }
    }
    if (n == null) {
      throw new FunctionException(argIndex, "invalid CIDR expression: invalid CIDR address: " + text);
    }
    return n;
  }

  /** Parses an IPv4 or IPv6 address; returns its width in bits, or 0 when it is not an address. */
  private static int parseAddress(String s, BigInteger[] out) {
    if (s.indexOf(':') < 0) {
      long v = parseIpv4(s);
      if (v < 0) {
        return 0;
      }
      out[0] = BigInteger.valueOf(v);
      return 32;
    }
    String[] halves = s.split("::", -1);
    if (halves.length > 2) {
      return 0;
    }
    List<Integer> head = groups(halves[0]);
    List<Integer> tail = halves.length == 2 ? groups(halves[1]) : List.of();
    if (head == null || tail == null) {
      return 0;
    }
    int missing = 8 - head.size() - tail.size();
    if ((halves.length == 1 && missing != 0) || (halves.length == 2 && missing < 1)) {
      return 0;
    }
    BigInteger value = BigInteger.ZERO;
    List<Integer> all = new ArrayList<>(head);
    for (int i = 0; i < missing && halves.length == 2; i++) {
      all.add(0);
    }
    all.addAll(tail);
    for (int g : all) {
      value = value.shiftLeft(16).or(BigInteger.valueOf(g));
    }
    out[0] = value;
    return 128;
  }

  private static List<Integer> groups(String part) {
    List<Integer> out = new ArrayList<>();
    if (part.isEmpty()) {
      return out;
    }
    String[] pieces = part.split(":", -1);
    for (int i = 0; i < pieces.length; i++) {
      String p = pieces[i];
      if (i == pieces.length - 1 && p.indexOf('.') >= 0) {
        long v4 = parseIpv4(p);
        if (v4 < 0) {
          return null;
        }
        out.add((int) (v4 >> 16));
        out.add((int) (v4 & 0xFFFF));
        continue;
      }
      if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return null;
      }
      out.add(Integer.parseInt(p, 16));
    }
    return out;
  }

  private static long parseIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long v = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || (p.length() > 1 && p.charAt(0) == '0')) {
        return -1;
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) {
        return -1;
      }
      v = (v << 8) | octet;
    }
    return v;
  }

  /** Formats an address as Go's net.IP.String does (dotted IPv4; RFC 5952 IPv6). */
  private static String format(BigInteger address, int width) {
    if (width == 32) {
      long v = address.longValueExact();
      return ((v >> 24) & 0xFF) + "." + ((v >> 16) & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF);
    }
    int[] g = new int[8];
    for (int i = 7; i >= 0; i--) {
      g[i] = address.and(BigInteger.valueOf(0xFFFF)).intValue();
      address = address.shiftRight(16);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }
}
