package io.caravan.benchmarks.caravan;

import com.sun.management.ThreadMXBean;
import io.caravan.benchmarks.parse.ParseInputs;
import io.caravan.hcl.Hcl;
import io.caravan.hcl.ParseResult;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Load-tolerant scaling check for the parser. Part 1, one parse at a time after a full GC: per
 * input byte, the bytes allocated by the parsing thread, the heap the result retains, and the
 * parsing thread's CPU time (what the parser itself costs, not time spent waiting for a core on a
 * busy machine). Part 2, back to back like a JMH iteration (each result dropped before the next
 * parse): for about 100 MB of input per size, the process CPU time per MB (parser plus the garbage
 * collector's threads) and the collections. Allocation and retained bytes do not depend on machine
 * load; CPU time depends on it far less than wall time.
 *
 * <pre>java -Xms1g -Xmx1g -cp benchmarks/caravan-jmh/target/benchmarks.jar \
 *   io.caravan.benchmarks.caravan.ParseScalingMain 1048576,10485760 3</pre>
 */
public final class ParseScalingMain {
  private ParseScalingMain() {}

  /** Arguments: comma-separated sizes in bytes, then the number of rounds (default 3). */
  public static void main(String[] args) {
    List<byte[]> inputs = new ArrayList<>();
    for (String s : (args.length > 0 ? args[0] : "1048576,10485760").split(",")) {
      inputs.add(ParseInputs.syntheticJobspec(Integer.parseInt(s.trim()), ParseInputs.SYNTHETIC_SEED)
          .getBytes(StandardCharsets.UTF_8));
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int i = 0; i < 15; i++) Hcl.parse(inputs.get(0), "warmup.hcl"); // let the JIT compile the parser
    System.out.println("round,bytes,alloc_per_byte,retained_per_byte,thread_cpu_ms,thread_cpu_mb_per_s,gc_count,gc_ms");
    for (int round = 1; round <= rounds; round++) {
      for (byte[] src : inputs) {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        long gcCount0 = gcCount(), gcMs0 = gcMillis();
        long alloc0 = threads.getThreadAllocatedBytes(tid);
        long cpu0 = threads.getCurrentThreadCpuTime();
        ParseResult result = Hcl.parse(src, "synthetic.nomad.hcl");
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long alloc = threads.getThreadAllocatedBytes(tid) - alloc0;
        long gcs = gcCount() - gcCount0, gcMs = gcMillis() - gcMs0;
        System.gc();
        long retained = rt.totalMemory() - rt.freeMemory() - heap0;
        if (result.hasErrors()) throw new IllegalStateException("synthetic input did not parse: " + result.diagnostics());
        System.out.printf("%d,%d,%.1f,%.1f,%.0f,%.1f,%d,%d%n", round, src.length, (double) alloc / src.length,
            (double) retained / src.length, cpu / 1e6, src.length / 1e6 / (cpu / 1e9), gcs, gcMs);
      }
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.println("back_to_back_bytes,parses,process_cpu_s,process_cpu_mb_per_s,thread_cpu_mb_per_s,gc_count,gc_ms");
    for (byte[] src : inputs) {
      int parses = (int) Math.max(3, 100_000_000L / src.length);
      System.gc();
      long gcCount0 = gcCount(), gcMs0 = gcMillis();
      long proc0 = os.getProcessCpuTime(), cpu0 = threads.getCurrentThreadCpuTime();
      int errors = 0;
      for (int i = 0; i < parses; i++) {
        if (Hcl.parse(src, "synthetic.nomad.hcl").hasErrors()) errors++;
      }
      double proc = (os.getProcessCpuTime() - proc0) / 1e9, cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      double mb = (double) src.length * parses / 1e6;
      if (errors > 0) throw new IllegalStateException("synthetic input did not parse");
      System.out.printf("%d,%d,%.2f,%.1f,%.1f,%d,%d%n", src.length, parses, proc, mb / proc, mb / cpu,
          gcCount() - gcCount0, gcMillis() - gcMs0);
    }
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) n += g.getCollectionCount();
    return n;
  }

  private static long gcMillis() {
    long n = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) n += g.getCollectionTime();
    return n;
  }
}
