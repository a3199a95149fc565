#!/usr/bin/env bash
# Runs every test of Shian: unit tests, the integration suite against SQLite and again against a throwaway PostgreSQL
# cluster, and the browser tests in headless Chromium. Installs PostgreSQL and Chromium with apt when they are missing
# and this runs as root. Without them it says so loudly and skips those runs; with CI=true a skip is a failure.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
artifacts="$root/artifacts"
mkdir -p "$artifacts/test-results" "$artifacts/screenshots"
export SHIAN_ARTIFACTS="$artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ci="${CI:-false}"

declare -a steps=() results=()
record() { steps+=("$1"); results+=("$2"); }
banner() { printf '\n!!! %s\n!!! %s\n\n' "$1" "${2:-}" >&2; }

as_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  as_root || return 1
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1; }
}

# --- build once -------------------------------------------------------------------------------------------------------
echo "== restore and build"
if dotnet restore Shian.slnx && dotnet build Shian.slnx -c Release --no-restore; then
  record build passed
else
  record build failed
  banner "The build failed; no tests were run."
  printf '%-28s %s\n' build failed
  exit 1
fi

# --- formatting: the code is as `dotnet format` leaves it (.editorconfig) -------------------------------------------------
echo "== format"
if dotnet format Shian.slnx --verify-no-changes --no-restore; then
  record format passed
else
  record format failed
  banner "dotnet format would change files: run 'dotnet format Shian.slnx' and commit the result."
fi

run_tests() { # name project [env assignments...]
  local name="$1" project="$2"; shift 2
  echo "== $name"
  if env "$@" dotnet test "$project" -c Release --no-build \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
      --results-directory "$artifacts/test-results"; then
    record "$name" passed
  else
    record "$name" failed
  fi
}

# --- unit tests and the integration suite on SQLite -------------------------------------------------------------------
run_tests unit tests/Shian.Tests/Shian.Tests.csproj
run_tests web-sqlite tests/Shian.Web.Tests/Shian.Web.Tests.csproj SHIAN_TEST_DB=sqlite

# --- PostgreSQL: a throwaway cluster on 127.0.0.1 ---------------------------------------------------------------------
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "PostgreSQL server not found; installing it with apt"
  apt_install postgresql || true
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi

pg_dir=""
stop_pg() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_pg EXIT
# initdb refuses to run as root: run the cluster as the postgres user then.
pg_run() { if as_root; then su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $(( 40000 + RANDOM % 20000 )); }

pg_ready=false
if [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_dir="$(mktemp -d /tmp/shian-pg.XXXXXX)"
  as_root && chown postgres "$pg_dir"
  pg_port="$(free_port)"
  if pg_run "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
     && pg_run "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
          -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null; then
    pg_ready=true
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$pg_port"
  else
    cat "$pg_dir"/*.log >&2 2>/dev/null || true
  fi
fi

if $pg_ready; then
  run_tests web-postgres tests/Shian.Web.Tests/Shian.Web.Tests.csproj \
    SHIAN_TEST_DB=postgres "SHIAN_TEST_PG=Host=127.0.0.1;Port=$pg_port;Username=postgres;Pooling=true"
else
  banner "PostgreSQL unavailable (no server binaries, or the cluster did not start)" "The PostgreSQL integration run is SKIPPED."
  record web-postgres skipped
fi
stop_pg

# --- browser tests in headless Chromium -------------------------------------------------------------------------------
chromium_bin="${SHIAN_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ]; then
  echo "Chromium not found; installing it with apt"
  apt_install chromium || true
fi
# Chinese pages need CJK fonts to render (and to be screenshotted) legibly.
if ! fc-list 2>/dev/null | grep -qi "cjk\|wqy\|droid sans fallback"; then
  apt_install fonts-noto-cjk || echo "note: no CJK font installed; screenshots will show boxes for Chinese text" >&2
fi
if [ -x "$chromium_bin" ]; then
  run_tests browser tests/Shian.Browser.Tests/Shian.Browser.Tests.csproj "SHIAN_CHROMIUM=$chromium_bin"
else
  banner "Chromium unavailable at $chromium_bin" "The browser tests are SKIPPED."
  record browser skipped
fi

# --- summary ----------------------------------------------------------------------------------------------------------
status=0
echo
echo "== summary"
for i in "${!steps[@]}"; do
  printf '%-28s %s\n' "${steps[$i]}" "${results[$i]}"
  case "${results[$i]}" in
    failed) status=1 ;;
    skipped) [ "$ci" = true ] && status=1 ;;
  esac
done
[ "$ci" = true ] && grep -q skipped <<<"${results[*]}" && echo "CI=true: a skipped run counts as a failure." >&2
echo "results: $artifacts/test-results, screenshots: $artifacts/screenshots"
exit $status
