#!/usr/bin/env bash
# End-to-end training benchmark of the ratings protocol: examples/s per epoch of the protocol's teacher
# recipe (source rows) and of one control student of its StudentRecipe (N target rows), on
# ../shared/data/amazon-movie-music when present, else on a default RatingsWorld written to the work dir;
# with --compare also the wall time of `student compare` with control, distilled and direct over 5 seeds
# and fractions 0.1,1.0 (minutes). Prints one table.
# Usage, from anywhere: benchmarks/student-training.sh [--rows N] [--epochs E] [--data DIR] [--compare]
#   WORK=<dir> keeps the files (default: a temp dir); MVN_FLAGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${WORK:-$(mktemp -d)}"
mkdir -p "$work"

echo "building benchmarks (and the modules it needs) ..." >&2
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl benchmarks -am install -DskipTests >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; echo "build failed (log: $work/build.log)" >&2; exit 1; }

# the launcher's JVM settings: one PyTorch thread per operation, as `./crossdistill student` runs
exec java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp benchmarks/target/benchmarks.jar io.crossdistill.benchmarks.StudentTrainingBenchmark --work "$work" "$@"
