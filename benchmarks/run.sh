#!/usr/bin/env bash
# Runs the benchmark suites and writes, per suite, a merged CSV and a PNG chart.
#
#   benchmarks/run.sh short     # a few minutes: fewer scenarios, 1 fork, short iterations
#   benchmarks/run.sh full      # for publication: every scenario, 2 forks, long iterations
#   benchmarks/run.sh short --no-build   # reuse the jars already built
#
# Output: benchmarks/results/<mode>/<suite>.csv and <suite>.png, raw JMH CSV and logs under
# benchmarks/results/<mode>/raw/. Run it on a quiet machine: every number depends on it.
set -euo pipefail

MODE="${1:-short}"
BUILD=yes
for arg in "${@:2}"; do
  case "$arg" in
    --no-build) BUILD=no ;;
    *) echo "unknown option: $arg (usage: run.sh [short|full] [--no-build])" >&2; exit 2 ;;
  esac
done
case "$MODE" in
  short|full) ;;
  *) echo "usage: run.sh [short|full] [--no-build]" >&2; exit 2 ;;
esac

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
B="$ROOT/benchmarks"
OUT="$B/results/$MODE"
RAW="$OUT/raw"
mkdir -p "$RAW"
# the parser benchmarks read the jobspec corpus from here at run time (never copied)
export CARAVAN_CONFORMANCE="${CARAVAN_CONFORMANCE:-$ROOT/../shared/conformance}"

if [ "$BUILD" = yes ]; then
  echo "== building the benchmark jars"
  mvn -B -q -DskipTests install -pl benchmarks -amd -am
fi

if [ "$MODE" = short ]; then
  # 5 warm-up iterations: with fewer, C2 is still compiling the placement loops when measuring starts
  JMH_OPTS=(-f 1 -wi 5 -w 1s -i 3 -r 1s)
  PLACEMENT_SCENARIOS="HARD:1000:1500,NOMAD:1000:1200:25,NOMAD:10000:1200:75"
  FENZO_SCENARIOS="$PLACEMENT_SCENARIOS"
  QUALITY_SCENARIOS=(EASY:1000:8000 HARD:300:450 HARD:1000:1500 NOMAD:1000:1200:25)
  TIMEFOLD_BUDGET=10
  TIMEFOLD_SCENARIOS=(HARD:300:450)
  PARSE_INPUTS="corpus,synthetic-65536"
  CARAVAN_PARSE_INPUTS="corpus,synthetic-65536,synthetic-1048576"
else
  JMH_OPTS=(-f 2 -wi 3 -w 3s -i 10 -r 3s)
  PLACEMENT_SCENARIOS="EASY:1000:8000,HARD:1000:1500,NOMAD:1000:1200:25,NOMAD:5000:1200:75,NOMAD:10000:1200:75,NOMAD:1000:1200:25:spread,NOMAD:5000:1200:75:spread,NOMAD:10000:1200:75:spread"
  # Fenzo's rack balancing walks every co-task per evaluation (about 100 s per 1,200-alloc job at
  # 1,000 nodes here), so it runs spread at 1,000 nodes only
  FENZO_SCENARIOS="EASY:1000:8000,HARD:1000:1500,NOMAD:1000:1200:25,NOMAD:5000:1200:75,NOMAD:10000:1200:75,NOMAD:1000:1200:25:spread"
  QUALITY_SCENARIOS=(EASY:1000:8000 HARD:300:450 HARD:1000:1500 NOMAD:1000:1200:25 NOMAD:10000:1200:75)
  TIMEFOLD_BUDGET=60
  TIMEFOLD_SCENARIOS=(HARD:300:450 HARD:1000:1500)
  PARSE_INPUTS="corpus,synthetic-65536,synthetic-262144,synthetic-1048576"
  CARAVAN_PARSE_INPUTS="corpus,synthetic-65536,synthetic-262144,synthetic-1048576,synthetic-10485760"
fi

FENZO="$B/bench-fenzo/target/benchmarks.jar"
TIMEFOLD="$B/bench-timefold/target/benchmarks.jar"
HCL4J="$B/bench-hcl4j/target/benchmarks.jar"
CARAVAN="$B/caravan-jmh/target/benchmarks.jar"
REPORT="$B/report/target/report.jar"
C1M="$B/bench-c1m/target/benchmarks.jar"

# jmh NAME JAR BENCHMARK [extra JMH args...]: one JMH run into raw/NAME.csv (log in raw/NAME.txt)
jmh() {
  local name="$1" jar="$2" bench="$3"
  shift 3
  if [ ! -f "$jar" ]; then
    echo "-- skipping $name: $jar not built"
    return
  fi
  echo "== $name"
  java -jar "$jar" "$bench" "${JMH_OPTS[@]}" "$@" -rf csv -rff "$RAW/$name.csv" > "$RAW/$name.txt" 2>&1 \
    || { echo "!! $name failed, see $RAW/$name.txt" >&2; return 1; }
  grep -E "^(Benchmark|[A-Za-z0-9]+Benchmark\.)" "$RAW/$name.txt" || true
}

# --- placement throughput (placements/s) ---
# Caravan's placement benchmark only knows the scenarios it supports; a scenario it lacks is skipped.
jmh placement-fenzo "$FENZO" FenzoPlacementBenchmark -p scenario="$FENZO_SCENARIOS"
jmh placement-caravan "$CARAVAN" CaravanPlacementBenchmark -p scenario="$PLACEMENT_SCENARIOS"
java -jar "$REPORT" placement "$OUT" placements "placements per second (log scale)" --log \
  "$RAW/placement-fenzo.csv" "$RAW/placement-caravan.csv"

# --- packing quality (nodes used / lower bound) ---
echo "== quality"
: > "$RAW/quality.csv"
java -cp "$FENZO" io.caravan.benchmarks.fenzo.FenzoQuality "${QUALITY_SCENARIOS[@]}" 2>/dev/null >> "$RAW/quality.csv"
java -cp "$TIMEFOLD" io.caravan.benchmarks.timefold.TimefoldQuality "$TIMEFOLD_BUDGET" "${TIMEFOLD_SCENARIOS[@]}" 2>/dev/null >> "$RAW/quality.csv"
if [ -f "$CARAVAN" ]; then
  java -cp "$CARAVAN" io.caravan.benchmarks.caravan.CaravanQuality "${QUALITY_SCENARIOS[@]}" 2>/dev/null >> "$RAW/quality.csv" || true
fi
cat "$RAW/quality.csv"
java -jar "$REPORT" quality "$OUT" ratio "nodes used / lower bound" "$RAW/quality.csv"

# --- Timefold's construction heuristic (ms per whole workload) ---
jmh construction-timefold "$TIMEFOLD" TimefoldConstructionBenchmark -p scenario="$(IFS=,; echo "${TIMEFOLD_SCENARIOS[*]}")"
java -jar "$REPORT" construction "$OUT" - "ms per workload" "$RAW/construction-timefold.csv"

# --- parse throughput (MB/s) ---
jmh parse-hcl4j "$HCL4J" Hcl4jParseBenchmark -p input="$PARSE_INPUTS"
jmh parse-caravan "$CARAVAN" CaravanParseBenchmark -p input="$CARAVAN_PARSE_INPUTS"
java -jar "$REPORT" parse "$OUT" mb "MB/s (log scale)" --log "$RAW/parse-hcl4j.csv" "$RAW/parse-caravan.csv"

# --- C1M: jobs x allocations through a 3-server in-process Raft cluster (a plain main, not JMH) ---
# short: 100 jobs x 100 allocations on 500 nodes; full: 1,000 x 1,000 on 5,000 nodes (needs a big heap)
if [ -f "$C1M" ]; then
  echo "== c1m ($MODE)"
  if [ "$MODE" = short ]; then C1M_ARGS=(short 300); C1M_HEAP=-Xmx2g; else C1M_ARGS=(full 1800); C1M_HEAP=-Xmx10g; fi
  java "$C1M_HEAP" -XX:+ExitOnOutOfMemoryError -cp "$C1M" io.caravan.benchmarks.c1m.C1mMain "${C1M_ARGS[@]}" \
    > "$RAW/c1m.txt" 2> "$RAW/c1m.log" || echo "!! c1m did not complete, see $RAW/c1m.txt and $RAW/c1m.log" >&2
  head -n 2 "$RAW/c1m.txt" > "$OUT/c1m.csv"
  tail -n +3 "$RAW/c1m.txt"
else
  echo "-- skipping c1m: $C1M not built"
fi

{
  echo "mode: $MODE"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "nproc: $(nproc)"
  echo "loadavg: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  java -version 2>&1 | sed 's/^/java: /'
} > "$OUT/machine.txt"
echo "== done: $OUT"
