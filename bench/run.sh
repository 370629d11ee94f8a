#!/usr/bin/env bash
# The benchmarks (issue 9): bench/run.sh quick|full [--out FILE]
#
# Builds the bench program (and the server) in Release once, writes a header (date, commit,
# machine, load average, .NET, this command) and then runs each section below in order: a verb
# of the bench program, `ScoranInclusion.Bench.dll <verb> --mode quick|full`, which prints one
# Markdown section on stdout (appended to the output) and its progress on stderr.
#   quick  under 3 minutes on a 2-core machine (CI may run it: it reports, it never fails on a timing)
#   full   by hand, on an idle machine: minutes
# Output: bench/RESULTS.md, or --out FILE. PostgreSQL + PostGIS: SCORAN_TEST_POSTGRES when set,
# otherwise a throwaway cluster (tools/postgis.sh) started here and stopped on exit; without
# PostGIS installed the PostGIS columns say so and the rest still runs.
# Exit code: non-zero when a section failed (crash, or answers that disagree), never for a time.
set -euo pipefail
cd "$(dirname "$0")/.."

# The sections, in order. Each name is a verb of bench/ScoranInclusion.Bench taking --mode quick|full.
# To add a section: add its verb here (one line), and describe it in bench/README.md.
SECTIONS=(
  search-latency
  micro
  import-throughput
  sync-throughput
  server-memory
  graphql-throughput
  widget-throughput
  coverage-throughput
  load-test
  address-search
)

usage() {
  echo "usage: bench/run.sh quick|full [--out FILE]" >&2
  exit 2
}

mode=""
out="bench/RESULTS.md"
while [ $# -gt 0 ]; do
  case "$1" in
    quick | full) mode="$1" ;;
    --out)
      [ $# -ge 2 ] || usage
      out="$2"
      shift
      ;;
    *) usage ;;
  esac
  shift
done
[ -n "$mode" ] || usage
command_line="bench/run.sh $mode$([ "$out" = bench/RESULTS.md ] || echo " --out $out")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

echo "run.sh: build (Release)" >&2
dotnet build bench/ScoranInclusion.Bench -c Release -nologo -v quiet >&2
dotnet build src/ScoranInclusion.Server -c Release -nologo -v quiet >&2
dll=bench/ScoranInclusion.Bench/bin/Release/net10.0/ScoranInclusion.Bench.dll
built=$(date +%s)

# PostgreSQL + PostGIS for the sections that compare with it.
postgis_note=""
if [ -n "${SCORAN_TEST_POSTGRES:-}" ]; then
  postgis_note="given by SCORAN_TEST_POSTGRES"
else
  SCORAN_PG_DIR="$(mktemp -d /tmp/scoran-postgis-bench.XXXXXX)"
  export SCORAN_PG_DIR
  chmod 755 "$SCORAN_PG_DIR"
  trap 'tools/postgis.sh stop >/dev/null 2>&1 || true' EXIT
  if pg_error=$(tools/postgis.sh start 2>&1 >"$SCORAN_PG_DIR.conn"); then
    SCORAN_TEST_POSTGRES="$(cat "$SCORAN_PG_DIR.conn")"
    export SCORAN_TEST_POSTGRES
    postgis_note="a throwaway cluster (tools/postgis.sh, fsync off), stopped at the end"
  else
    postgis_note="not available: $(echo "$pg_error" | tail -n 1)"
  fi
  rm -f "$SCORAN_PG_DIR.conn"
fi

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$([ -z "$(git status --porcelain 2>/dev/null)" ] && echo clean || echo "dirty: uncommitted changes")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
memory=$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -sr)
runtime=$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')

mkdir -p "$(dirname "$out")"
{
  echo "# Benchmark results"
  echo
  echo "Written by \`$command_line\`: do not edit by hand (earlier hand-run results: \`bench/RESULTS-earlier.md\`; what each section answers: \`bench/README.md\`)."
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'). Commit: \`$commit\` ($dirty). Mode: **$mode**."
  echo "- Machine: $(nproc) cores, $cpu, $memory of memory, $os, kernel $(uname -r); .NET runtime $runtime (SDK $(dotnet --version))."
  echo "- Load average (1, 5, 15 min) before the build: $load_before; after the build: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "- PostgreSQL + PostGIS: $postgis_note."
  echo "- Absolute times depend on the machine and its load; the ratios, measured in the same run, are the result."
} >"$out"

failed=()
for section in "${SECTIONS[@]}"; do
  echo "run.sh: $section --mode $mode" >&2
  section_start=$(date +%s)
  echo >>"$out"
  status=0
  dotnet "$dll" "$section" --mode "$mode" >>"$out" || status=$?
  if [ "$status" -ne 0 ]; then
    failed+=("$section")
    echo >>"$out"
    echo "**Section \`$section\` failed (exit code $status)**: see its output above and its log on stderr." >>"$out"
  fi
  echo >>"$out"
  echo "_Section \`$section\`: $(($(date +%s) - section_start)) s; load average after it: $(cut -d' ' -f1-3 /proc/loadavg)._" >>"$out"
done

{
  echo
  echo "---"
  echo
  echo "Total: $(($(date +%s) - started)) s (build $((built - started)) s). Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  if [ ${#failed[@]} -gt 0 ]; then
    echo
    echo "**Failed sections: ${failed[*]}.**"
  fi
} >>"$out"

echo "run.sh: written to $out" >&2
[ ${#failed[@]} -eq 0 ]
