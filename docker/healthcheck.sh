#!/usr/bin/env bash
# HEALTHCHECK of the service images: healthy while GET /actuator/health answers 200, which it does while the service
# and its database are up. The JRE image has no curl or wget, so this speaks HTTP/1.0 over bash's /dev/tcp.
set -uo pipefail

case "${VF_SERVICE:-}" in
    command-side) port="${VF_COMMAND_PORT:-8080}" ;;
    query-side) port="${VF_QUERY_PORT:-8081}" ;;
    *) port="${1:-8080}" ;;
esac

exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
printf 'GET /actuator/health HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 4 _ status _ <&3 || exit 1
exec 3<&-
[[ "$status" == 200 ]]
