#!/usr/bin/env bash
# The publication runs of 2026-12-06 (benchmarks/README.md, "Current results"); the JMH jars must be built first.
set -uo pipefail
cd "$(dirname "$0")/../../.."   # the repository root
B=benchmarks
OUT=$B/results/publication
RAW=$OUT/raw
export CARAVAN_CONFORMANCE="${CARAVAN_CONFORMANCE:-$PWD/../shared/conformance}"
log() { echo "== $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg) $*"; }
log placement-fenzo
java -jar $B/bench-fenzo/target/benchmarks.jar FenzoPlacementBenchmark -f 1 -wi 5 -w 2s -i 5 -r 2s \
  -p scenario=HARD:1000:1500,NOMAD:1000:1200:25,NOMAD:10000:1200:75 -rf csv -rff $RAW/placement-fenzo.csv > $RAW/placement-fenzo.txt 2>&1
log placement-caravan
java -jar $B/caravan-jmh/target/benchmarks.jar CaravanPlacementBenchmark -f 1 -wi 8 -w 2s -i 8 -r 2s -p candidates=nomad \
  -p scenario=HARD:1000:1500,NOMAD:1000:1200:25,NOMAD:5000:1200:75,NOMAD:10000:1200:75,NOMAD:1000:1200:25:spread,NOMAD:5000:1200:75:spread,NOMAD:10000:1200:75:spread \
  -rf csv -rff $RAW/placement-caravan.csv > $RAW/placement-caravan.txt 2>&1
log placement-caravan-full-scan
java -jar $B/caravan-jmh/target/benchmarks.jar CaravanPlacementBenchmark -f 1 -wi 5 -w 2s -i 5 -r 2s -p candidates=full-scan \
  -p scenario=HARD:1000:1500,NOMAD:1000:1200:25,NOMAD:10000:1200:75 -rf csv -rff $RAW/placement-caravan-full-scan.csv > $RAW/placement-caravan-full-scan.txt 2>&1
log parse-caravan
java -jar $B/caravan-jmh/target/benchmarks.jar CaravanParseBenchmark -f 1 -wi 5 -w 4s -i 8 -r 4s \
  -p input=corpus,synthetic-65536,synthetic-1048576,synthetic-10485760 -rf csv -rff $RAW/parse-caravan.csv > $RAW/parse-caravan.txt 2>&1
log parse-hcl4j
java -jar $B/bench-hcl4j/target/benchmarks.jar Hcl4jParseBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s \
  -p input=corpus,synthetic-65536 -rf csv -rff $RAW/parse-hcl4j.csv > $RAW/parse-hcl4j.txt 2>&1
log c1m-full
java -Xmx10g -XX:+ExitOnOutOfMemoryError -cp $B/bench-c1m/target/benchmarks.jar io.caravan.benchmarks.c1m.C1mMain full 1800 > $RAW/c1m.txt 2> $RAW/c1m.log
log c1m-full-1worker
# the same scale with one scheduler worker instead of the preset's two (no concurrent plans to conflict)
java -Xmx10g -XX:+ExitOnOutOfMemoryError -cp $B/bench-c1m/target/benchmarks.jar io.caravan.benchmarks.c1m.C1mMain 5000 1000 1000 1800 1 > $RAW/c1m-1worker.txt 2> $RAW/c1m-1worker.log
log done
