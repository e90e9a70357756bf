#!/usr/bin/env bash
# Benchmark of the one label path (issue 12, item 9): teacher-forward-only throughput against backfill
# throughput (Avro file -> label store) on the same data and teacher (embeddings 64, trunk 512-256-128), and
# their ratio; bytes allocated per record; peak heap of backfills over 1M and 5M records (100k and 500k with
# --quick). Prints one table per part.
# Usage, from anywhere: benchmarks/label-path.sh [--quick] [--records N] [--rounds R]
#   WORK=<dir> keeps the files (default: a temp dir, removed at the end); MVN_FLAGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -n "${WORK:-}" ]]; then work="$WORK"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work"

echo "building benchmarks (and the modules it needs) ..." >&2
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl benchmarks -am install -DskipTests >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; echo "build failed (log: $work/build.log)" >&2; exit 1; }

# the launcher's JVM settings (one PyTorch thread per pass); a fixed 1 GB heap so that every size runs
# with the same generations
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Xms1g -Xmx1g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp benchmarks/target/benchmarks.jar io.crossdistill.benchmarks.LabelPathBenchmark --work "$work/run" "$@"
