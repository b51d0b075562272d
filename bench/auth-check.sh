#!/usr/bin/env bash
# Benchmark, not a test: GET /api/v1/auth/check with a valid token against GET /bench/ping, a bare endpoint of the same
# application that returns 200, measured with wrk in one run on one service instance; then the database writes that
# one hot token causes in a minute. Figures go to standard output; BENCHMARKS.md keeps the last measured ones.
#
#   bench/auth-check.sh          defaults: wrk -t2 -c32, 15 s warm-up, 3 alternating rounds of 20 s per endpoint
#   WRK_CONNECTIONS=64 ROUNDS=5 MEASURE=30s WARMUP=30s bench/auth-check.sh
#
# Besides wrk's figures, each row shows the service's own CPU time per request (from /proc), which a busy machine
# disturbs far less than throughput. The service runs on a temporary data directory with its rate limits raised to 1,000,000,000 requests per minute for
# every scope, so that the check is measured, not the 429 path. Nothing is left behind.
set -euo pipefail
cd "$(dirname "$0")/.."

threads="${WRK_THREADS:-2}"
connections="${WRK_CONNECTIONS:-32}"
warmup="${WARMUP:-15s}"
measure="${MEASURE:-20s}"
rounds="${ROUNDS:-3}"
port="${VF_BENCH_PORT:-18080}"
db_port="${VF_BENCH_DB_PORT:-15432}"
jar="command-side/target/command-side-0.1.0-SNAPSHOT.jar"

if ! command -v wrk >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing wrk (Debian package)…" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
    else
        echo "wrk is missing: install it (Debian/Ubuntu: sudo apt-get install wrk) and run again." >&2
        exit 1
    fi
fi

newest_source=$(find pom.xml shared-api web-support command-side -path '*/target' -prune -o -type f -newer "$jar" -print -quit \
    2>/dev/null || true)
if [[ ! -f "$jar" || -n "$newest_source" ]]; then
    echo "Building the command side…" >&2
    ./mvnw -B -q -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true package -pl command-side -am >&2
    touch "$jar"
fi

taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port_from() { # the first port from $1 on that nothing listens on
    local candidate=$1
    while taken "$candidate"; do candidate=$((candidate + 1)); done
    echo "$candidate"
}
port=$(free_port_from "$port")
db_port=$(free_port_from "$db_port")

work=$(mktemp -d)
service_pid=""
cleanup() {
    if [[ -n "$service_pid" ]]; then
        kill -TERM "$service_pid" 2>/dev/null || true
        wait "$service_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

export VF_DATA_DIR="$work/data" VF_COMMAND_PORT="$port" VF_DB_PORT="$db_port" VF_BENCH_ENABLED=true
limits=()
for scope in read-only sync-trigger admin; do
    limits+=("--vf.rate-limit.requests-per-minute.$scope=1000000000")
done
java ${BENCH_JAVA_OPTS:-} -jar "$jar" "${limits[@]}" >"$work/service.log" 2>&1 &
service_pid=$!
for _ in $(seq 1 120); do
    curl -fsS "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"UP"' && break
    kill -0 "$service_pid" 2>/dev/null || { cat "$work/service.log" >&2; exit 1; }
    sleep 1
done

# The token stays in this shell variable and in wrk's arguments; it is never printed.
bootstrap_output=$(java -jar "$jar" bootstrap --tenant=bench 2>/dev/null)
token=$(tail -n 1 <<<"$bootstrap_output")
auth="Authorization: Bearer $token"
check="http://localhost:$port/api/v1/auth/check"
ping="http://localhost:$port/bench/ping"
[[ $(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$check") == 200 ]] || { echo "check refused" >&2; exit 1; }

pg_jar_entry=$(jar tf "$jar" | grep -m1 '^BOOT-INF/lib/postgresql-.*\.jar$')
(cd "$work" && jar xf "$OLDPWD/$jar" "$pg_jar_entry")
count_uses() {
    java -cp "$work/$pg_jar_entry" bench/CountUses.java "jdbc:postgresql://localhost:$db_port/postgres"
}

cpu_ticks() { # user + system CPU time of the service so far, in clock ticks
    awk '{print $14 + $15}' "/proc/$service_pid/stat"
}
tick=$(getconf CLK_TCK)

run_wrk() { # duration url [header]
    local duration=$1 url=$2
    shift 2
    wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url"
}
summary() { # wrk output → "requests/s p50 p99 non-2xx requests"
    awk '/Requests\/sec:/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} /Non-2xx/ {bad=$NF}
         / requests in / {total=$1}
         END {printf "%s %s %s %s %s\n", rps, p50, p99, (bad==""?0:bad), total}'
}

echo "Warming up ($warmup each)…" >&2
run_wrk "$warmup" "$ping" >/dev/null
run_wrk "$warmup" "$check" -H "$auth" >/dev/null

# Alternating rounds, so that a load spike from elsewhere on the machine hits both endpoints alike.
rows=()
ping_sum=0
check_sum=0
ping_cpu=0
ping_requests=0
check_cpu=0
check_requests=0
measure_endpoint() { # label url [header] → one row; adds to the totals of the label
    local label=$1 url=$2 before after rps p50 p99 bad total micros
    shift 2
    before=$(cpu_ticks)
    read -r rps p50 p99 bad total < <(run_wrk "$measure" "$url" "$@" | summary)
    after=$(cpu_ticks)
    micros=$(awk -v t=$((after - before)) -v n="$total" -v hz="$tick" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}')
    rows+=("$(printf '%-5s %-24s %-12s %-10s %-10s %-12s %s' "$round" "$label" "$rps" "$p50" "$p99" "$micros" "$bad")")
    if [[ $label == *ping* ]]; then
        ping_sum=$(awk -v a="$ping_sum" -v b="$rps" 'BEGIN {print a + b}')
        ping_cpu=$((ping_cpu + after - before)) ping_requests=$((ping_requests + total))
    else
        check_sum=$(awk -v a="$check_sum" -v b="$rps" 'BEGIN {print a + b}')
        check_cpu=$((check_cpu + after - before)) check_requests=$((check_requests + total))
    fi
}
for round in $(seq 1 "$rounds"); do
    echo "Round $round of $rounds ($measure per endpoint)…" >&2
    measure_endpoint "GET /bench/ping" "$ping"
    measure_endpoint "GET /api/v1/auth/check" "$check" -H "$auth"
done

echo "One hot token for 60 s…" >&2
read -r events_before _ < <(count_uses)
read -r _ _ _ hot_bad hot_total < <(run_wrk 60s "$check" -H "$auth" | summary)
read -r events_after _ < <(count_uses)

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
cat <<REPORT

machine   $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)
load      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end
wrk       -t$threads -c$connections, warm-up $warmup per endpoint, $rounds rounds of $measure per endpoint

round endpoint                 requests/s   p50        p99        CPU µs/req   non-2xx
$(printf '%s\n' "${rows[@]}")
check / bare throughput, all rounds:          $(awk -v c="$check_sum" -v p="$ping_sum" 'BEGIN {printf "%.3f", c / p}')
bare / check service CPU per request, all rounds: $(awk -v cc="$check_cpu" -v cn="$check_requests" \
    -v pc="$ping_cpu" -v pn="$ping_requests" 'BEGIN {printf "%.3f", (pc / pn) / (cc / cn)}')

one hot token for 60 s    $((hot_total - hot_bad)) checks passed, $((events_after - events_before)) TokenUsedEvent writes \
(usage window 60 s)
REPORT
