package io.caravan.hcl.functions;

import io.caravan.hcl.FunctionException;
import io.caravan.hcl.Value;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** go-cty-funcs UUID functions: uuidv4 (from an injected random source) and uuidv5 (SHA-1 name based). */
public final class UuidFunctions {
  private static final UUID DNS = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
  private static final UUID URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");
  private static final UUID OID = UUID.fromString("6ba7b812-9dad-11d1-80b4-00c04fd430c8");
  private static final UUID X500 = UUID.fromString("6ba7b814-9dad-11d1-80b4-00c04fd430c8");

  private UuidFunctions() {}

  /** {@code uuidv4()}: a random (version 4) UUID drawn from {@code random}. */
  public static Value uuidv4(RandomGenerator random) {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return Value.string(new UUID(high, low).toString());
  }

  /** {@code uuidv5(namespace, name)}: namespace is dns, url, oid, x500 or a UUID. */
  public static Value uuidv5(Value namespace, Value name) throws FunctionException {
    UUID ns = switch (namespace.asString()) {
      case "dns" -> DNS;
      case "url" -> URL;
      case "oid" -> OID;
      case "x500" -> X500;
      default -> parseNamespace(namespace.asString());
    };
    byte[] hash;
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(ByteBuffer.allocate(16).putLong(ns.getMostSignificantBits()).putLong(ns.getLeastSignificantBits()).array());
      hash = sha1.digest(name.asString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-1", e);
    }
    hash[6] = (byte) ((hash[6] & 0x0F) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3F) | 0x80);
    ByteBuffer bb = ByteBuffer.wrap(hash, 0, 16);
    return Value.string(new UUID(bb.getLong(), bb.getLong()).toString());
  }

  private static UUID parseNamespace(String text) throws FunctionException {
    try {
      if (text.length() == 36) {
        return UUID.fromString(text);
      }
    } catch (IllegalArgumentException e) {
      // fall through to cty's error below
    }
    throw new FunctionException("uuidv5() doesn't support namespace " + text + " (invalid UUID length: "
        + text.length() + ")");
  }
}
