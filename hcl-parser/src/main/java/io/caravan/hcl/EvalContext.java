package io.caravan.hcl;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * Variables and functions for evaluating expressions. Child scopes (used by {@code for}
 * expressions) see their parent's variables; the function table and undefined-variable hook are
 * inherited.
 */
public final class EvalContext {
  private final ImmutableMap<String, Value> variables;
  private final FunctionTable functions;
  private final EvalContext parent;
  private final UndefinedVariableHook undefinedVariable;

  private EvalContext(Map<String, Value> variables, FunctionTable functions, EvalContext parent, UndefinedVariableHook hook) {
    this.variables = ImmutableMap.copyOf(variables);
    this.functions = functions;
    this.parent = parent;
    this.undefinedVariable = hook;
  }

  /** A root context. {@code hook} may be null. */
  public static EvalContext of(Map<String, Value> variables, FunctionTable functions, UndefinedVariableHook hook) {
    return new EvalContext(variables, functions == null ? FunctionTable.EMPTY : functions, null, hook);
  }

  /** An empty root context: no variables, no functions, no hook. */
  public static EvalContext empty() {
    return of(Map.of(), FunctionTable.EMPTY, null);
  }

  /** A child scope with extra variables. */
  public EvalContext child(Map<String, Value> vars) {
    return new EvalContext(vars, functions, this, undefinedVariable);
  }

  /** Looks a variable up through the scope chain, or null. */
  public Value lookup(String name) {
    for (EvalContext c = this; c != null; c = c.parent) {
      Value v = c.variables.get(name);
      if (v != null) return v;
    }
    return null;
  }

  /** This scope's own variables. */
  public ImmutableMap<String, Value> variables() { return variables; }

  /** The enclosing scope, or null. */
  public EvalContext parent() { return parent; }

  /** The functions. */
  public FunctionTable functions() { return functions; }

  /** The undefined-variable hook, or null. */
  public UndefinedVariableHook undefinedVariable() { return undefinedVariable; }

  /** True if no scope in the chain defines any variable (hcl then says "Variables not allowed"). */
  public boolean hasNoVariables() {
    for (EvalContext c = this; c != null; c = c.parent) if (!c.variables.isEmpty()) return false;
    return true;
  }
}
