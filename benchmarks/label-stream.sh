#!/usr/bin/env bash
# Stream throughput benchmark (issue 12, item 9): one exactly-once LabelStream (read_committed consumer,
# transactions carrying the consumed offsets) on one local in-process KRaft broker, with the demo's
# reference teacher (trained on the small simulator world, embedding 16, trunk [256, 128]) and the music
# mapping; the input topic holds --records target examples (Avro binary). Prints labels/s, transactions and
# records per transaction for each batch size (records per poll), after the same label path without Kafka.
# Usage, from anywhere: benchmarks/label-stream.sh [--records N] [--partitions P] [--batches 2000,5000,10000] (defaults: 500,000 records, 4 partitions)
#   WORK=<dir> keeps the files (default: a temp dir, removed at the end); MVN_FLAGS=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -n "${WORK:-}" ]]; then work="$WORK"; else work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work"

echo "building benchmarks (and the modules it needs) ..." >&2
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl benchmarks -am install -DskipTests >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log" >&2; echo "build failed (log: $work/build.log)" >&2; exit 1; }

# the launcher's JVM settings (one PyTorch thread per pass); broker and stream share this JVM; the JUL
# config from /dev/null keeps the stream's partition log lines out of the table
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
  -Xms2g -Xmx2g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Djava.util.logging.config.file=/dev/null \
  -cp benchmarks/target/benchmarks.jar io.crossdistill.benchmarks.LabelStreamBenchmark --work "$work/run" "$@"
