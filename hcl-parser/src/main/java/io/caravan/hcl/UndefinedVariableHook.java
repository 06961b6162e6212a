package io.caravan.hcl;

/**
 * Called when a traversal's root name is not defined in any scope (Nomad's hcl fork
 * EvalContext.UndefinedVariable). Returning a value replaces the whole traversal's result;
 * returning null falls back to hcl's "Unknown variable" error.
 */
@FunctionalInterface
public interface UndefinedVariableHook {
  /** The replacement value for {@code traversal}, or null to report the usual error. */
  Value onUndefined(Traversal traversal);
}
