package io.caravan.benchmarks.c1m;

import java.time.Duration;

/**
 * Runs C1M once and prints a CSV line (header first) and a summary. Progress goes to stderr.
 *
 * <pre>
 * java -Xmx10g -cp benchmarks/bench-c1m/target/benchmarks.jar io.caravan.benchmarks.c1m.C1mMain full [TIMEOUT_S]
 * java -cp benchmarks/bench-c1m/target/benchmarks.jar io.caravan.benchmarks.c1m.C1mMain short [TIMEOUT_S]
 * java -cp ... io.caravan.benchmarks.c1m.C1mMain NODES JOBS ALLOCS_PER_JOB [TIMEOUT_S [SCHEDULERS [REPORT_BATCH]]]
 * </pre>
 *
 * {@code full} is 1,000 jobs × 1,000 allocations on 5,000 nodes (default timeout 900 s); {@code short}
 * is 100 × 100 on 500 (default timeout 300 s). Exits 1 when the run did not complete in time.
 */
public final class C1mMain {
  private C1mMain() {}

  public static void main(String[] args) throws Exception {
    C1mScale scale;
    try {
      scale = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("c1m: " + e.getMessage());
      System.err.println("usage: C1mMain full|short [TIMEOUT_S] | C1mMain NODES JOBS ALLOCS_PER_JOB [TIMEOUT_S [SCHEDULERS [REPORT_BATCH]]]");
      System.exit(2);
      return;
    }
    C1mResult r = C1mRun.run(scale, System.err);
    System.out.println(C1mResult.csvHeader());
    System.out.println(r.csv());
    System.out.print(r.summary());
    System.exit(r.complete() ? 0 : 1);
  }

  static C1mScale parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("no scale given");
    }
    if (args[0].equals("full") || args[0].equals("short")) {
      if (args.length > 2) {
        throw new IllegalArgumentException("too many arguments after " + args[0]);
      }
      boolean full = args[0].equals("full");
      Duration timeout = Duration.ofSeconds(args.length > 1 ? number(args[1], "TIMEOUT_S") : full ? 900 : 300);
      return full ? C1mScale.full(timeout) : C1mScale.small(timeout);
    }
    if (args.length < 3 || args.length > 6) {
      throw new IllegalArgumentException("expected NODES JOBS ALLOCS_PER_JOB [TIMEOUT_S [SCHEDULERS [REPORT_BATCH]]]");
    }
    Duration timeout = Duration.ofSeconds(args.length > 3 ? number(args[3], "TIMEOUT_S") : 900);
    int schedulers = args.length > 4 ? number(args[4], "SCHEDULERS") : 2;
    return new C1mScale(number(args[0], "NODES"), number(args[1], "JOBS"), number(args[2], "ALLOCS_PER_JOB"),
        timeout, schedulers, args.length > 5 ? number(args[5], "REPORT_BATCH") : 1_000);
  }

  private static int number(String s, String what) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " must be a whole number, got \"" + s + "\"");
    }
  }
}
