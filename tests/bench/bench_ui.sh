#!/usr/bin/env bash
# Desktop UI benchmark, two measurements:
#  1. Launch: `ivcap-desktop --report-startup` prints the milliseconds from main() to the first
#     painted page of services. Run RUNS times against an already running sandbox (--url) and
#     with the embedded sandbox (--sandbox, which includes starting the child server); the
#     reference is a curl process fetching the same first page from the same sandbox.
#  2. Responsiveness: `ivcap-ui-bench paging` scrolls a table to the bottom until every seeded
#     artifact is loaded and reports the longest event-loop block (a 1 ms heartbeat's gaps).
#
# IVCAP_BENCH_ARTIFACTS (default 100000) seeds the paging run; IVCAP_BENCH_RUNS (default 7);
# IVCAP_BENCH_API (0.48, the default, or 0.28) the API dialect of both sandboxes.
set -euo pipefail
BIN_DIR=${1:?usage: bench_ui.sh BIN_DIR}
COUNT=${IVCAP_BENCH_ARTIFACTS:-100000}
RUNS=${IVCAP_BENCH_RUNS:-7}
TOKEN=bench-token-0123456789
WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() {
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"

source "$(dirname "$0")/sandboxlib.sh"
startup_ms() { python3 -c "import json,sys; print(json.loads(sys.stdin.readlines()[-1])['first_page_painted_ms'])"; }
median() { python3 -c "import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))" "$@"; }

start_sandbox "$WORK/launch" 0
CURL=() URL_RUN=() EMBEDDED=() WALL=()
for _ in $(seq 1 "$RUNS"); do
    CURL+=("$(curl -sSf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $TOKEN" \
        "$URL$(services_path)?limit=10" | python3 -c 'import sys; print(float(sys.stdin.read())*1000)')")
    URL_RUN+=("$("$BIN_DIR/ivcap-desktop" --url "$URL" --token "$TOKEN" --view services \
        --report-startup 2>/dev/null | startup_ms)")
    T0=$(date +%s%N)
    EMBEDDED+=("$("$BIN_DIR/ivcap-desktop" --sandbox-api "$API" --view services --report-startup \
        2>/dev/null | startup_ms)")
    # Whole process, exec to exit: adds loading the binary and its libraries, and shutdown.
    WALL+=("$(( ($(date +%s%N) - T0) / 1000000 ))")
done
stop_sandbox
echo "launch to first painted services page, median of $RUNS:"
echo "  curl first page:          $(median "${CURL[@]}") ms   (${CURL[*]})"
echo "  ivcap-desktop --url:      $(median "${URL_RUN[@]}") ms   (${URL_RUN[*]})"
echo "  ivcap-desktop --sandbox:  $(median "${EMBEDDED[@]}") ms   (${EMBEDDED[*]})"
echo "  same, exec to exit:       $(median "${WALL[@]}") ms   (${WALL[*]})"

start_sandbox "$WORK/paging" "$COUNT"
RESULT=$("$BIN_DIR/ivcap-ui-bench" paging --url "$URL" --token "$TOKEN")
stop_sandbox
echo "paging $COUNT artifacts into a visible table: $RESULT"
python3 - "$COUNT" "$RESULT" <<'PY'
import json, sys
count, result = int(sys.argv[1]), json.loads(sys.argv[2])
if result["rows"] != count:
    print(f"MISMATCH: {result['rows']} rows loaded, {count} seeded")
    sys.exit(1)
PY
