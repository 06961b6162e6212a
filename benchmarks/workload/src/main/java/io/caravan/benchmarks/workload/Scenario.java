package io.caravan.benchmarks.workload;

import java.util.Locale;

/**
 * Parses the compact scenario names used as JMH parameters, so every peer's benchmark runs the same
 * workloads: {@code MIX:nodes:tasks} or {@code MIX:nodes:tasks:racks[:spread]}, for example
 * {@code HARD:1000:1500}, {@code NOMAD:10000:1200:75:spread}. The seed is fixed per run.
 */
public final class Scenario {
  /** The seed every benchmark uses unless told otherwise. */
  public static final long DEFAULT_SEED = 20_261_123L;

  private Scenario() {}

  /** The spec a scenario name describes, with {@link #DEFAULT_SEED}. */
  public static WorkloadSpec parse(String scenario) {
    return parse(scenario, DEFAULT_SEED);
  }

  /** The spec a scenario name describes, with {@code seed}. */
  public static WorkloadSpec parse(String scenario, long seed) {
    String[] parts = scenario.split(":");
    if (parts.length < 3 || parts.length > 5) {
      throw new IllegalArgumentException("scenario \"" + scenario
          + "\": expected MIX:nodes:tasks[:racks[:spread]]");
    }
    Mix mix;
    try {
      mix = Mix.valueOf(parts[0].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("scenario \"" + scenario + "\": unknown mix " + parts[0], e);
    }
    int nodes = number(scenario, parts[1]);
    int tasks = number(scenario, parts[2]);
    int racks = parts.length > 3 ? number(scenario, parts[3]) : 50;
    boolean spread = false;
    if (parts.length > 4) {
      if (!parts[4].equals("spread")) {
        throw new IllegalArgumentException("scenario \"" + scenario + "\": last part must be \"spread\"");
      }
      spread = true;
    }
    boolean constrained = mix == Mix.NOMAD;
    return new WorkloadSpec(mix, nodes, tasks, racks, constrained,
        WorkloadSpec.DEFAULT_ALLOWED_RACK_FRACTION, spread, seed);
  }

  private static int number(String scenario, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scenario \"" + scenario + "\": \"" + text
          + "\" is not a whole number", e);
    }
  }
}
