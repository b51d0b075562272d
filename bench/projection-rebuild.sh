#!/usr/bin/env bash
# Measures rebuilding the dashboard and audit projections from N stored events against a raw keyset scan of the
# event table, in one run on an embedded PostgreSQL. Not a test: it prints figures and asserts nothing.
#
#   bench/projection-rebuild.sh [events] [processor batch size]     (defaults: 100000 250)
#
# BENCH_OPTS adds system properties to the service under test, e.g. BENCH_OPTS=-Daxon.metrics.auto-configuration.enabled=false
#
# The figures land in query-side/target/bench/projection-rebuild.txt; BENCHMARKS.md records measured runs.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p query-side/target/bench
events="${1:-100000}"
batch="${2:-250}"

./mvnw -B -q -pl query-side -am verify \
    -Dit.test=ProjectionRebuildBenchmark -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotless.check.skip=true -Djacoco.skip=true \
    -Dbench.events="$events" \
    -Daxon.eventhandling.processors.dashboard.batch-size="$batch" \
    -Daxon.eventhandling.processors.audit.batch-size="$batch" \
    ${BENCH_OPTS:-} \
    > query-side/target/bench-projection-rebuild.log 2>&1 || {
        echo "The benchmark failed; see query-side/target/bench-projection-rebuild.log" >&2
        exit 1
    }
cat query-side/target/bench/projection-rebuild.txt
