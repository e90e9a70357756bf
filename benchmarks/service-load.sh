#!/usr/bin/env bash
# End-to-end load benchmark of the teacher service (issue 8): trains the reference teacher (small
# simulator world), starts the service on a free loopback port, registers the Example schema, a mapping
# and an alignment over REST, then drives POST /api/v1/labels with 16 clients at batch 1 and 64, teacher
# output cache on and off (closed loop), and at 1,000 requests/s open loop; prints one table per run.
# Usage, from the project root: benchmarks/service-load.sh   (SECONDS_PER_RUN=15, WORK=<dir> to keep files)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${WORK:-$(mktemp -d)}"; seconds="${SECONDS_PER_RUN:-15}"
mkdir -p "$work"
echo "work dir: $work; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

./crossdistill teacher train --small --out "$work/teachers/reference" >"$work/train.log" 2>&1
key="bench-$RANDOM$RANDOM"; hash=$(printf %s "$key" | sha256sum | cut -d' ' -f1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -XX:+UseParallelGC \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -Dcrossdistill.data-dir="$work/data" \
  -Dcrossdistill.teacher.root="$work/teachers" -Dcrossdistill.teacher.path=reference \
  -Dcrossdistill.teams.bench.api-key-sha256="$hash" \
  -jar source-teacher/target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 1 240); do
  curl -sf "$url/q/health/ready" >/dev/null 2>&1 && break
  kill -0 $service 2>/dev/null || { echo "service stopped; see $work/service.log"; exit 1; }
  sleep 0.5
done
curl -sf "$url/q/health/ready" >/dev/null || { echo "service not ready; see $work/service.log"; exit 1; }

api() { curl -sf -H "X-Api-Key: $key" -H 'Content-Type: application/json' "$url/api/v1/$1" -d @"$2" >/dev/null; }
python3 benchmarks/reference-fixtures.py "$work"
api schemas schemas/src/main/avro/Example.avsc
api mappings "$work/mapping.json"
api alignments "$work/alignment.json"

run() {
  echo "== batch $1, cache $2${3:+, open loop $3 requests/s}"
  java -cp source-teacher/target/classes io.crossdistill.teacher.bench.LabelLoadGenerator --url "$url" --key "$key" \
    --records "$work/records.jsonl" --mapping bench --alignment bench --batch "$1" --cache "$2" --clients 16 \
    --warmup 5 --seconds "$seconds" ${3:+--rate $3}
}
# the service's JIT warms up on a throwaway closed-loop run first (a cold JVM's p99 says nothing)
run 1 on >/dev/null; run 64 on >/dev/null
run 1 on 1000; run 1 off 1000
for b in 1 64; do for c in on off; do run $b $c; done; done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
