#!/usr/bin/env bash
# Load test of the consumer trace page: builds Shian.Web in Release, starts it on 127.0.0.1 with the demo district on a
# fresh SQLite database, and runs wrk for 30 s against the demo lot's Digital Link address (and its short code).
# Usage: bench/consumer/run.sh [connections=32] [duration=30s] [threads=2]
# Needs wrk (apt-get install -y wrk). Writes the raw wrk output to $OUT (default /tmp/shian-bench-consumer/result.txt).
set -euo pipefail
CONNECTIONS=${1:-32}
DURATION=${2:-30s}
THREADS=${3:-2}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${WORK:-/tmp/shian-bench-consumer}
PORT=${PORT:-5097}
OUT=${OUT:-$WORK/result.txt}
# The demo's cucumber (GTIN 06901234000016, lot HG20261101; short code hgdemv26, see src/Shian/Demo/DemoTrace.cs).
URL="http://127.0.0.1:$PORT/01/06901234000016/10/HG20261101"
SHORT="http://127.0.0.1:$PORT/t/hgdemv26"

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK/run"
dotnet publish "$ROOT/src/Shian.Web" -c Release -o "$WORK/app" --nologo -v quiet
cd "$WORK/run"
ASPNETCORE_URLS="http://127.0.0.1:$PORT" ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
  dotnet "$WORK/app/Shian.Web.dll" --demo > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
# The first start migrates and loads the demo (a few thousand businesses): wait until the page answers.
for _ in $(seq 1 600); do
  if curl -fs -o /dev/null "$URL"; then break; fi
  sleep 1
done
curl -fs -o /dev/null "$URL" || { echo "the trace page never answered; see $WORK/app.log" >&2; exit 1; }
curl -fs -o /dev/null "$SHORT"
# Warm up (JIT, caches), then measure.
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$URL" > /dev/null
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "## $URL"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$URL"
  echo "## $SHORT"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d10s --latency "$SHORT"
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
