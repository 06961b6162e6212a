package io.caravan.hcl;

import java.nio.charset.StandardCharsets;

/**
 * Nomad's undefined-variable behaviour (jobspec2): an unresolved traversal evaluates to the string
 * {@code "${" + its source text + "}"}, keeping the original spacing when it sits directly inside
 * a {@code ${ ... }} interpolation.
 */
public final class NomadUnresolvedTraversals implements UndefinedVariableHook {
  /** The shared instance. */
  public static final NomadUnresolvedTraversals INSTANCE = new NomadUnresolvedTraversals();

  private NomadUnresolvedTraversals() {}

  @Override
  public Value onUndefined(Traversal t) {
    byte[] src = t.source();
    int s = t.range().startByteOffset();
    int e = t.range().endByteOffset();
    int i = s - 1;
    while (i >= 0 && src[i] == ' ') i--;
    if (i >= 1 && src[i] == '{' && src[i - 1] == '$') {
      int j = e;
      while (j < src.length && src[j] == ' ') j++;
      if (j < src.length && src[j] == '}') {
        return Value.string(new String(src, i - 1, j + 1 - (i - 1), StandardCharsets.UTF_8));
      }
    }
    return Value.string("${" + t.sourceText() + "}");
  }
}
