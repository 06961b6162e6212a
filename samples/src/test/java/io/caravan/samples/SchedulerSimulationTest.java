package io.caravan.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SchedulerSimulationTest {
  @TempDir Path dir;

  /** Ten equal nodes (4000 MHz, 8192 MB) and {@code allocs} allocations of 500 MHz / 512 MB in 4 jobs. */
  private SimulationSettings small(String algorithm, long seed, String name, int jobs) {
    return SimulationSettings.load(ConfigFactory.parseString("""
        caravan.simulation {
          algorithm = %s
          seed = %d
          size-jitter = 0
          nodes = [ { name = n, count = 10, cpu = 4000, cores = 4, memory = 8192 } ]
          workload = [ { name = web, type = service, jobs = %d, count = 3, cpu = 500, memory = 512 } ]
          output { directory = "%s", name = %s }
        }
        """.formatted(algorithm, seed, jobs, dir.toString().replace("\\", "/"), name)));
  }

  private static Map<String, String> summary(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("metric,value");
    Map<String, String> m = new LinkedHashMap<>();
    lines.stream().skip(1).map(l -> l.split(",", 2)).forEach(kv -> m.put(kv[0], kv[1]));
    return m;
  }

  private static List<String[]> nodeRows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo(SimulationReport.NODES_HEADER);
    return lines.stream().skip(1).map(l -> l.split(",")).toList();
  }

  @Test
  void writesCsvFilesWhoseFiguresAddUpAndAPngChart() throws IOException {
    SimulationSettings s = small("binpack", 3, "binpack", 4);
    SchedulerSimulation.run(s);

    List<String[]> rows = nodeRows(SchedulerSimulation.nodesCsv(s));
    assertThat(rows).hasSize(10);
    int allocations = 0;
    for (String[] r : rows) {
      assertThat(r).hasSize(9);
      long cpuCap = Long.parseLong(r[2]);
      long memCap = Long.parseLong(r[3]);
      long cpu = Long.parseLong(r[4]);
      long mem = Long.parseLong(r[5]);
      int n = Integer.parseInt(r[6]);
      assertThat(cpu).isEqualTo(500L * n).isLessThanOrEqualTo(cpuCap);
      assertThat(mem).isEqualTo(512L * n).isLessThanOrEqualTo(memCap);
      assertThat(Double.parseDouble(r[7])).isBetween(0.0, 1.0);
      assertThat(Double.parseDouble(r[8])).isBetween(0.0, 1.0);
      allocations += n;
    }

    Map<String, String> m = summary(SchedulerSimulation.summaryCsv(s));
    assertThat(m).containsEntry("algorithm", "binpack").containsEntry("placements_asked", "12")
        .containsEntry("placements_made", "12").containsEntry("placement_failures", "0");
    assertThat(allocations).isEqualTo(12);
    // 12 x 500 MHz over 10 x 4000 MHz
    assertThat(Double.parseDouble(m.get("cpu_utilisation"))).isCloseTo(0.15, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(Double.parseDouble(m.get("cpu_utilisation_used_nodes"))).isBetween(0.15, 1.0);
    assertThat(Double.parseDouble(m.get("placements_per_second"))).isPositive();

    byte[] png = Files.readAllBytes(SchedulerSimulation.chart(s));
    assertThat(png.length).isGreaterThan(1000);
    assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
  }

  @Test
  void binpackUsesFewerNodesThanSpreadOnTheSameSeed() throws IOException {
    for (long seed : new long[] {1, 2, 3}) {
      SimulationReport binpack = SchedulerSimulation.run(small("binpack", seed, "b" + seed, 4));
      SimulationReport spread = SchedulerSimulation.run(small("spread", seed, "s" + seed, 4));
      assertThat(binpack.summary().placementsMade()).as("seed " + seed).isEqualTo(12);
      assertThat(spread.summary().placementsMade()).as("seed " + seed).isEqualTo(12);
      assertThat(binpack.summary().nodesUsed()).as("seed " + seed)
          .isLessThan(spread.summary().nodesUsed());
      assertThat(summary(SchedulerSimulation.summaryCsv(spread.settings())))
          .containsEntry("nodes_used", Integer.toString(spread.summary().nodesUsed()));
    }
  }

  @Test
  void whatDoesNotFitIsCountedAsPlacementFailures() throws IOException {
    // 10 nodes hold 8 allocations of 500 MHz each by CPU: 80; the workload asks for 90
    SimulationReport r = SchedulerSimulation.run(small("binpack", 5, "full", 30));
    assertThat(r.summary().placementsAsked()).isEqualTo(90);
    assertThat(r.summary().placementsMade()).isEqualTo(80);
    assertThat(r.summary().placementFailures()).isEqualTo(10);
    assertThat(r.summary().nodesUsed()).isEqualTo(10);
    assertThat(r.summary().cpuUtilisation()).isEqualTo(1.0);
  }

  @Test
  void sameSettingsSamePlacements() throws IOException {
    SimulationSettings a = SimulationSettings.load(ConfigFactory.parseString(
        "caravan.simulation { seed = 9, workers = 2, output { directory = \"" + dir + "\", name = a } }"));
    SimulationSettings b = SimulationSettings.load(ConfigFactory.parseString(
        "caravan.simulation { seed = 9, workers = 2, output { directory = \"" + dir + "\", name = b } }"));
    SchedulerSimulation.run(a);
    SchedulerSimulation.run(b);
    assertThat(Files.readString(SchedulerSimulation.nodesCsv(a)))
        .isEqualTo(Files.readString(SchedulerSimulation.nodesCsv(b)));
  }

  @Test
  void theExampleOverrideFileKeepsTheDefaultWorkloadAndRuns() throws IOException {
    SimulationSettings s = SimulationSettings.load(ConfigFactory.parseResources("scheduler-simulation-example.conf")
        .withFallback(ConfigFactory.parseString("caravan.simulation.output.directory = \"" + dir + "\"")));
    assertThat(s.algorithm()).isEqualTo("spread");
    assertThat(s.nodes()).extracting(SimulationSettings.NodeShape::count).containsExactly(20, 5);
    assertThat(s.workload()).isEqualTo(SimulationSettings.defaults().workload());
    SimulationReport r = SchedulerSimulation.run(s);
    assertThat(r.summary().placementsMade()).isEqualTo(s.allocationsAsked());
    assertThat(SchedulerSimulation.chart(s)).exists().hasFileName("spread-example.png");
  }

  @Test
  void rejectsAnUnknownAlgorithmNamingTheSetting() {
    assertThatThrownBy(() -> SimulationSettings.load(ConfigFactory.parseString(
        "caravan.simulation.algorithm = roundrobin")))
        .isInstanceOf(ConfigException.BadValue.class)
        .hasMessageContaining("caravan.simulation.algorithm").hasMessageContaining("roundrobin");
  }
}
