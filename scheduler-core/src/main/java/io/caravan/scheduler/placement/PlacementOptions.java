package io.caravan.scheduler.placement;

/**
 * Engine settings that are not Nomad's: how many candidate nodes a placement ranks.
 *
 * <p>{@link CandidateLimit#NOMAD} (the default) is Nomad's limit iterator: a placement ranks 2
 * feasible nodes for batch jobs, {@code max(2, ceil(log2 n))} for service jobs and
 * {@code max(count, 100)} with a spread or affinity, skipping up to 3 non-positive scores, then
 * takes the best of those. {@link CandidateLimit#FULL_SCAN} ranks every feasible node instead,
 * so each placement takes the globally best-scoring node (the first one in the shuffled order on
 * ties): better packing for more work per placement. Everything else (feasibility, scores,
 * metrics) is the same in both.
 *
 * @param candidateLimit which nodes a placement ranks
 */
public record PlacementOptions(CandidateLimit candidateLimit) {
  /** How many feasible nodes a placement ranks before choosing. */
  public enum CandidateLimit {
    /** Nomad's limit iterator (the default). */
    NOMAD,
    /** Every feasible node. */
    FULL_SCAN
  }

  /** Rejects a null limit. */
  public PlacementOptions {
    if (candidateLimit == null) {
      throw new IllegalArgumentException("PlacementOptions.candidateLimit must be set (NOMAD or FULL_SCAN)");
    }
  }

  /** Nomad's behaviour. */
  public static PlacementOptions nomad() {
    return new PlacementOptions(CandidateLimit.NOMAD);
  }

  /** Rank every feasible node. */
  public static PlacementOptions fullScan() {
    return new PlacementOptions(CandidateLimit.FULL_SCAN);
  }

  /**
   * The options named {@code name}: {@code nomad} or {@code full-scan} (case-insensitive), as
   * benchmarks and configuration files spell them.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static PlacementOptions parse(String name) {
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "nomad" -> nomad();
      case "full-scan", "fullscan", "full_scan" -> fullScan();
      default -> throw new IllegalArgumentException(
          "unknown candidate limit \"" + name + "\": expected nomad or full-scan");
    };
  }
}
