#!/usr/bin/env bash
# The reliability soak (issue 13): mixed REST traffic, backfills and the Kafka label stream against the
# packaged teacher service for N minutes, with the heap after GC sampled; prints its tables.
# Usage, from anywhere: reliability/soak.sh --minutes 10   (default 10; MVN_ARGS=-o for an offline build)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=10
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    *) echo "usage: reliability/soak.sh [--minutes N]" >&2; exit 2 ;;
  esac
done
# builds the service (quarkus-app) and runs only the soak; the other modules' tests are skipped by the filter
# shellcheck disable=SC2086
mvn -B ${MVN_ARGS:-} -pl reliability -am verify -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcrossdistill.reliability.soak-seconds=$((minutes * 60)) 2>&1 \
  | sed -n '/^Soak:/,/^kept at the end/p;/Tests run:.*SoakTest/p;/^\[ERROR\]/p;/BUILD/p'
