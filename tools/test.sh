#!/usr/bin/env bash
# The project's test command (README): build with warnings as errors, check formatting,
# run every test project, the PostgreSQL + PostGIS conformance suite included: a throwaway
# cluster (tools/postgis.sh) is started on loopback for the run and stopped afterwards, even
# on failure. SCORAN_SKIP_POSTGRES=1 leaves the PostgreSQL tests out (said in the summary);
# without it, a cluster that cannot start makes those tests fail. Exit code non-zero on any failure.
#
# Usage: ./tools/test.sh          the full suite (what .ci/run runs)
#        ./tools/test.sh --fast   the fast lane (tests/README.md): Domain, Geo, Import, Storage and the
#                                 in-process server tests, i.e. all but the traits
#                                 Category=Browser|Process|Postgres and the Bench.Tests; needs neither
#                                 PostgreSQL nor chromium and leaves dotnet format to the full suite.
set -euo pipefail
cd "$(dirname "$0")/.."

fast=0
case "${1:-}" in
  "") ;;
  --fast) fast=1 ;;
  *)
    echo "usage : ./tools/test.sh [--fast]" >&2
    exit 2
    ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore ScoranInclusion.sln
# The web build stays in the fast lane too: in-process tests fetch /widget/*.js from web/dist.
dotnet build ScoranInclusion.sln --no-restore -c Release
[ "$fast" = 1 ] || dotnet format ScoranInclusion.sln --verify-no-changes --no-restore

# Provider=Postgres is the Postgres trait's former name: a test still carrying it stays out as well.
no_postgres="Category!=Postgres&Provider!=Postgres"
filter=()
postgres_note="PostgreSQL : tests lancés"
if [ "$fast" = 1 ]; then
  filter=(--filter "Category!=Browser&Category!=Process&${no_postgres}&FullyQualifiedName!~ScoranInclusion.Bench.Tests")
  postgres_note="voie rapide : ni navigateur, ni processus, ni PostgreSQL, ni Bench.Tests, ni dotnet format"
elif [ "${SCORAN_SKIP_POSTGRES:-}" = 1 ]; then
  filter=(--filter "$no_postgres")
  postgres_note="PostgreSQL : tests NON lancés (SCORAN_SKIP_POSTGRES=1)"
else
  # One cluster per run, in its own folder: two runs on one machine do not collide.
  SCORAN_PG_DIR="$(mktemp -d /tmp/scoran-postgis-test.XXXXXX)"
  export SCORAN_PG_DIR
  trap 'tools/postgis.sh stop || true' EXIT
  chmod 755 "$SCORAN_PG_DIR"
  if pg_connection=$(tools/postgis.sh start); then
    export SCORAN_TEST_POSTGRES="$pg_connection"
    postgres_note="PostgreSQL : tests lancés sur un cluster PostGIS jetable"
  else
    # The PostgreSQL tests then fail with the reason (no SCORAN_TEST_POSTGRES): never a silent skip.
    echo "ÉCHEC : le cluster PostGIS n'a pas démarré ; les tests PostgreSQL vont échouer (SCORAN_SKIP_POSTGRES=1 pour ne pas les lancer)." >&2
    unset SCORAN_TEST_POSTGRES
    postgres_note="PostgreSQL : cluster PostGIS impossible à démarrer, tests en échec"
  fi
fi

log=$(mktemp)
set +e
dotnet test ScoranInclusion.sln --no-build -c Release "${filter[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed, ${skipped} skipped — ${postgres_note}"
exit "$status"
