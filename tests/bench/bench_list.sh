#!/usr/bin/env bash
# Listing benchmark: pages 100,000 seeded artifacts with curl (the reference: no parsing, no
# model) and with `ivcap-bench list artifacts` (the core model), in the same run, and reports
# the time ratio and the model's memory per row (peak RSS minus the RSS of an empty listing).
set -euo pipefail
BIN_DIR=${1:?usage: bench_list.sh BIN_DIR}
COUNT=${IVCAP_BENCH_ARTIFACTS:-100000}
TOKEN=bench-token-0123456789
WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() {
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

start_sandbox() { # $1 = data dir, $2 = artifacts to seed
    mkdir -p "$1"
    "$BIN_DIR/ivcap-sandbox" --port 0 --token "$TOKEN" --data "$1" --seed-artifacts "$2" \
        >"$1.log" 2>&1 &
    SANDBOX_PID=$!
    for _ in $(seq 1 600); do
        URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$1.log" | head -1 || true)
        [ -n "$URL" ] && return 0
        kill -0 "$SANDBOX_PID" 2>/dev/null || break
        sleep 0.5
    done
    echo "sandbox did not start" >&2
    cat "$1.log" >&2
    exit 1
}
stop_sandbox() {
    kill "$SANDBOX_PID" && wait "$SANDBOX_PID" 2>/dev/null || true
    SANDBOX_PID=
}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

# Baseline RSS: the same binary listing an empty collection.
start_sandbox "$WORK/empty" 0
EMPTY=$("$BIN_DIR/ivcap-bench" list artifacts --url "$URL" --token "$TOKEN" --limit 50)
stop_sandbox

start_sandbox "$WORK/full" "$COUNT"
# Reference: curl following `next` sequentially, same page size.
T0=$(date +%s.%N)
NEXT="$URL/1/artifacts?limit=50&order-desc=false"
CURL_PAGES=0
CURL_ITEMS=0
while [ -n "$NEXT" ]; do
    BODY=$(curl -sf -H "Authorization: Bearer $TOKEN" "$NEXT")
    CURL_PAGES=$((CURL_PAGES + 1))
    N=$(jq '.artifacts | length' <<<"$BODY")
    TOK=-
    # The sandbox's cursor is unreserved characters only, so it can be reused as it stands.
    if [[ $BODY =~ \"next\":\"[^\"]*[?\&]page=([^\"\&]*) ]]; then TOK=${BASH_REMATCH[1]}; fi
    CURL_ITEMS=$((CURL_ITEMS + N))
    if [ "$TOK" = "-" ] || [ "$N" = 0 ]; then NEXT=; else NEXT="$URL/1/artifacts?page=$TOK&limit=50"; fi
done
T1=$(date +%s.%N)
CURL_SECONDS=$(echo "$T1 - $T0" | bc -l)

FULL=$("$BIN_DIR/ivcap-bench" list artifacts --url "$URL" --token "$TOKEN" --limit 50)
stop_sandbox

ITEMS=$(echo "$FULL" | json items)
SECONDS_MODEL=$(echo "$FULL" | json seconds)
RSS_FULL=$(echo "$FULL" | json peak_rss_bytes)
RSS_EMPTY=$(echo "$EMPTY" | json peak_rss_bytes)
echo "curl:  {\"items\":$CURL_ITEMS,\"pages\":$CURL_PAGES,\"seconds\":$CURL_SECONDS}"
echo "model: $FULL"
echo "empty: $EMPTY"
python3 - "$CURL_SECONDS" "$SECONDS_MODEL" "$RSS_FULL" "$RSS_EMPTY" "$ITEMS" "$CURL_ITEMS" <<'PY'
import sys
c, m, full, empty, items, citems = map(float, sys.argv[1:])
print(f"ratio model/curl time: {m / c:.3f}")
print(f"bytes per row: {(full - empty) / max(items, 1):.0f}")
if items != citems:
    print(f"MISMATCH: model {items:.0f} rows, curl {citems:.0f} items"); sys.exit(1)
PY
