#!/usr/bin/env bash
# Listing benchmark: pages 100,000 seeded artifacts with curl (the reference: HTTP only, no
# parsing, no model) and with `ivcap-bench list artifacts` (the core model), in the same run
# against the same sandbox, and reports the time ratio and the model's memory per row (peak RSS
# minus the peak RSS of listing an empty collection).
#
# The reference is one curl process fetching every page's URL in order over one keep-alive
# connection. The URLs are found beforehand by an untimed walk of `links.next`, because curl
# cannot follow a link inside a body; so curl pays only for the requests, the fastest a
# sequential pager could go, while the model also parses each page and builds its rows.
# Both fetch the same pages: `?limit=L&order-desc=false` first, then `?page=<token>&limit=L`,
# the token taken from the page's `next` link: `links.next` on v0.28, the `links` entry with
# `rel: next` on v0.48 (whose rows are under `items` rather than `artifacts`).
#
# IVCAP_BENCH_ARTIFACTS (default 100000) sets the seed count, IVCAP_BENCH_ROUNDS (default 3)
# the alternating curl/model rounds, whose medians are compared; IVCAP_BENCH_API (0.48, the
# default, or 0.28) the API dialect of the sandbox, which ivcap-bench is told (--api) rather
# than left to detect, as curl does not detect it either.
set -euo pipefail
BIN_DIR=${1:?usage: bench_list.sh BIN_DIR}
COUNT=${IVCAP_BENCH_ARTIFACTS:-100000}
ROUNDS=${IVCAP_BENCH_ROUNDS:-3}
LIMIT=50
TOKEN=bench-token-0123456789
WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() {
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
source "$(dirname "$0")/sandboxlib.sh"
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

# Baseline RSS: the same binary listing an empty collection.
start_sandbox "$WORK/empty" 0
EMPTY=$("$BIN_DIR/ivcap-bench" list artifacts --url "$URL" --token "$TOKEN" --limit $LIMIT \
    --api "$API")
stop_sandbox

T0=$(now)
start_sandbox "$WORK/full" "$COUNT"
SEED_SECONDS=$(echo "$(now) - $T0" | bc -l)

# Untimed discovery of the page URLs, written as a curl config (one `url` per page).
python3 - "$URL" "$TOKEN" "$LIMIT" "$API" >"$WORK/pages.curl" <<'PY'
import http.client, json, sys, urllib.parse
base, token, limit, api = sys.argv[1:]
legacy = api == "0.28"
rows_key = "artifacts" if legacy else "items"


def next_link(body):
    if legacy:
        return body.get("links", {}).get("next")
    return next((link.get("href") for link in body.get("links", []) if link.get("rel") == "next"),
                None)


parts = urllib.parse.urlsplit(base)
conn = http.client.HTTPConnection(parts.hostname, parts.port)
print(f'header = "Authorization: Bearer {token}"')
path = f"/1/artifacts?limit={limit}&order-desc=false"
while path:
    print(f'url = "{base}{path}"')
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    body = json.loads(conn.getresponse().read())
    nxt = next_link(body)
    path = None
    if nxt and body[rows_key]:
        page = urllib.parse.parse_qs(urllib.parse.urlsplit(nxt).query)["page"][0]
        path = f"/1/artifacts?page={page}&limit={limit}"
PY
PAGES=$(grep -c '^url' "$WORK/pages.curl")

CURL_TIMES=()
MODEL_TIMES=()
for round in $(seq 1 "$ROUNDS"); do
    T0=$(now)
    curl -sSf --config "$WORK/pages.curl" >"$WORK/bodies.json"
    CURL_TIMES+=("$(echo "$(now) - $T0" | bc -l)")
    CURL_ITEMS=$(grep -o '"id":"urn:ivcap:artifact:' "$WORK/bodies.json" | wc -l)
    FULL=$("$BIN_DIR/ivcap-bench" list artifacts --url "$URL" --token "$TOKEN" --limit $LIMIT \
        --api "$API")
    MODEL_TIMES+=("$(echo "$FULL" | field seconds)")
    echo "round $round: curl ${CURL_TIMES[-1]} s ($CURL_ITEMS items), model $FULL"
done
stop_sandbox

echo "API $API; seed: $COUNT artifacts, sandbox listening after $SEED_SECONDS s"
echo "empty: $EMPTY"
python3 - "$COUNT" "$PAGES" "$CURL_ITEMS" "$FULL" "$EMPTY" "${CURL_TIMES[*]}" \
    "${MODEL_TIMES[*]}" <<'PY'
import json, statistics, sys
count, pages, curl_items = map(int, sys.argv[1:4])
full, empty = json.loads(sys.argv[4]), json.loads(sys.argv[5])
curl = statistics.median(map(float, sys.argv[6].split()))
model = statistics.median(map(float, sys.argv[7].split()))
per_row = (full["peak_rss_bytes"] - empty["peak_rss_bytes"]) / max(full["items"], 1)
print(f"rows {full['items']}, pages {full['pages']} (curl {pages}), "
      f"median curl {curl:.2f} s, median model {model:.2f} s")
print(f"ratio model/curl time: {model / curl:.3f}")
print(f"bytes per row: {per_row:.0f}")
if not (full["items"] == curl_items == count and full["pages"] == pages):
    print(f"MISMATCH: model {full['items']} rows in {full['pages']} pages, "
          f"curl {curl_items} items in {pages} pages, seeded {count}")
    sys.exit(1)
PY
