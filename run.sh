#!/usr/bin/env bash
# Runs the VersionForge Token Service: both services on one PostgreSQL (embedded unless SPRING_DATASOURCE_URL is set).
#   ./run.sh                            start both, wait until healthy, print the URLs; Ctrl-C stops both
#   ./run.sh bootstrap --tenant=<id>    print a new admin token of that tenant as the last line of standard output
set -euo pipefail
cd "$(dirname "$0")"

export VF_DATA_DIR="${VF_DATA_DIR:-$PWD/data}"
command_port="${VF_COMMAND_PORT:-8080}"
query_port="${VF_QUERY_PORT:-8081}"
command_jar="command-side/target/command-side-0.1.0-SNAPSHOT.jar"
query_jar="query-side/target/query-side-0.1.0-SNAPSHOT.jar"

build_if_needed() {
    local newest_source
    newest_source=$(find pom.xml shared-api web-support command-side query-side -path '*/target' -prune -o -type f -newer "$command_jar" -print -quit 2>/dev/null || true)
    if [[ ! -f "$command_jar" || ! -f "$query_jar" || -n "$newest_source" ]]; then
        echo "Building (first run or sources changed)…" >&2
        ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package -pl command-side,query-side -am >&2
        touch "$command_jar" "$query_jar"
    fi
}

if [[ "${1:-}" == "bootstrap" ]]; then
    shift
    build_if_needed
    exec java -jar "$command_jar" bootstrap "$@"
fi

wait_healthy() { # name port pid
    local name=$1 port=$2 pid=$3
    for _ in $(seq 1 180); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "$name stopped during start-up; the end of $VF_DATA_DIR/logs/$name.log:" >&2
            tail -n 25 "$VF_DATA_DIR/logs/$name.log" >&2
            return 1
        fi
        if curl -fsS "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
            return 0
        fi
        sleep 1
    done
    echo "$name did not become healthy within 180 s; the end of $VF_DATA_DIR/logs/$name.log:" >&2
    tail -n 25 "$VF_DATA_DIR/logs/$name.log" >&2
    return 1
}

pids=()
stop_all() {
    trap - INT TERM EXIT
    if ((${#pids[@]})); then
        echo "Stopping…"
        # The query side first: the command side owns the embedded PostgreSQL that the query side still uses while it
        # stops (its processors finish their batch, the node withdraws from the segment balancing).
        local pid i
        for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
            pid=${pids[i]}
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        done
    fi
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

build_if_needed
mkdir -p "$VF_DATA_DIR/logs"

# The token page on the query side calls create and revoke across origins: let that origin in.
VF_CORS_ALLOWED_ORIGINS="${VF_CORS_ALLOWED_ORIGINS:-http://localhost:$query_port}" \
    java -jar "$command_jar" >"$VF_DATA_DIR/logs/command-side.log" 2>&1 &
pids+=($!)
wait_healthy command-side "$command_port" "${pids[0]}"

VF_COMMAND_SIDE_URL="${VF_COMMAND_SIDE_URL:-http://localhost:$command_port}" \
    java -jar "$query_jar" >"$VF_DATA_DIR/logs/query-side.log" 2>&1 &
pids+=($!)
wait_healthy query-side "$query_port" "${pids[1]}"

cat <<INFO
VersionForge Token Service is up.
  token page    http://localhost:$query_port/settings/api-tokens   (sign in with an admin token, see below)
  command side  http://localhost:$command_port   (create, rotate, revoke, auth check)   docs: http://localhost:$command_port/swagger-ui.html
  query side    http://localhost:$query_port   (dashboard, audit, compliance) docs: http://localhost:$query_port/swagger-ui.html
  data          $VF_DATA_DIR        logs: $VF_DATA_DIR/logs
First admin token:  ./run.sh bootstrap --tenant=acme
Press Ctrl-C to stop both.
INFO
wait -n "${pids[@]}" || true
echo "A service stopped; see $VF_DATA_DIR/logs." >&2
