#!/usr/bin/env bash
# Listing through a deployment-like path: nginx with TLS (a throwaway CA), HTTP/2 and gzip in
# front of the sandbox (ingresslib.sh), and optionally a slow-link relay in front of nginx.
# Pages the seeded artifacts with `curl --http2 --compressed` (the reference: one process, one
# connection, every page's URL in order, found beforehand by an untimed walk of the `next` links
# as in bench_list.sh) and with `ivcap-bench list artifacts` (the app's core model on its one
# HTTP stack, libcurl), in the same run, on each path: plain loopback to the sandbox (HTTP/1.1:
# the sandbox offers neither h2c nor gzip), the ingress, and with a relay the slow link in front
# of the ingress. Prints each path's medians, the ratio app/curl time, and the CPU time (user +
# system) each side spent per pass, which on a loaded machine tells whether the client's own
# work sets the pace.
#
# The app is given the CA only through SSL_CERT_FILE, which libcurl, curl and OpenSSL honour;
# curl gets it with --cacert. CURL_CA_BUNDLE, which takes precedence over SSL_CERT_FILE for the
# app as for curl, is removed from the app's environment. Where the app does not connect, its figure is "cannot connect"
# with the reason, and no ratio; verification is never turned off.
#
# IVCAP_BENCH_ARTIFACTS (default 100000) sets the seed count, IVCAP_BENCH_ROUNDS (default 3) the
# alternating curl/app rounds, whose medians are compared, IVCAP_BENCH_API (0.48, the default, or
# 0.28) the API dialect, IVCAP_BENCH_RELAY ("DELAY_MS:MBIT", e.g. "20:20"; empty, the default,
# for no relay) the slow link: DELAY_MS added each way, MBIT Mbit/s each way.
# IVCAP_BENCH_RELAY_ARTIFACTS (default: the seed count) pages only the first pages covering that
# many artifacts on the relay path, where 100,000 take minutes per round.
set -euo pipefail
BIN_DIR=${1:?usage: bench_ingress.sh BIN_DIR}
COUNT=${IVCAP_BENCH_ARTIFACTS:-100000}
ROUNDS=${IVCAP_BENCH_ROUNDS:-3}
RELAY=${IVCAP_BENCH_RELAY:-}
LIMIT=50
RELAY_COUNT=${IVCAP_BENCH_RELAY_ARTIFACTS:-$COUNT}
TOKEN=bench-token-0123456789
WORK=$(mktemp -d)
SANDBOX_PID=
source "$(dirname "$0")/sandboxlib.sh"
source "$(dirname "$0")/ingresslib.sh"
cleanup() {
    stop_relay
    stop_ingress
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
now() { date +%s.%N; }

start_sandbox "$WORK/full" "$COUNT"
start_ingress "$URL" "$WORK"
# name, base URL, pages to fetch (0: all)
PATHS=("loopback $URL 0" "ingress $INGRESS_URL 0")
if [ -n "$RELAY" ]; then
    start_relay "127.0.0.1:${INGRESS_URL##*:}" "${RELAY%%:*}" "${RELAY##*:}"
    RELAY_PAGES=$(((RELAY_COUNT + LIMIT - 1) / LIMIT))
    [ "$RELAY_COUNT" -ge "$COUNT" ] && RELAY_PAGES=0
    PATHS+=("relay https://127.0.0.1:$RELAY_PORT $RELAY_PAGES")
fi

# Untimed discovery of the page paths on the sandbox itself (one path a line).
python3 - "$URL" "$TOKEN" "$LIMIT" "$API" >"$WORK/pages.txt" <<'PY'
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
path = f"/1/artifacts?limit={limit}&order-desc=false"
while path:
    print(path)
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    body = json.loads(conn.getresponse().read())
    nxt = next_link(body)
    path = None
    if nxt and body[rows_key]:
        page = urllib.parse.parse_qs(urllib.parse.urlsplit(nxt).query)["page"][0]
        path = f"/1/artifacts?page={page}&limit={limit}"
PY
PAGES=$(wc -l <"$WORK/pages.txt")
FIRST=$(head -1 "$WORK/pages.txt")

# The protocol and compression actually in use, from one page fetched both ways.
CURL_TLS=(--http2 --cacert "$INGRESS_CA" -H "Authorization: Bearer $TOKEN")
PLAIN=$(curl -sSf "${CURL_TLS[@]}" -o /dev/null -w '%{http_version} %{size_download}' \
    "$INGRESS_URL$FIRST")
GZIP=$(curl -sSf "${CURL_TLS[@]}" --compressed -o "$WORK/page.json" -D "$WORK/page.headers" \
    -w '%{http_version} %{size_download}' "$INGRESS_URL$FIRST")
ENCODING=$(grep -i '^content-encoding:' "$WORK/page.headers" | tr -d '\r' || true)
echo "ingress, one page: HTTP/${PLAIN%% *}, ${PLAIN##* } bytes without --compressed," \
    "${GZIP##* } bytes with (${ENCODING:-no content-encoding}), decoded $(wc -c <"$WORK/page.json") bytes"
if [ "${GZIP%% *}" != 2 ] || [ -z "$ENCODING" ]; then
    echo "FAILED: the ingress did not answer over HTTP/2 with gzip" >&2
    exit 1
fi

# One path: ROUNDS alternating rounds of curl and the app; times to $WORK/$name.{curl,app}.times.
run_path() { # $1 = name, $2 = base URL, $3 = pages (0: all)
    local name=$1 base=$2 pages=$3 round t0 out rc items expected=$COUNT max=()
    if [ "$pages" -gt 0 ]; then
        expected=$((pages * LIMIT < COUNT ? pages * LIMIT : COUNT))
        max=(--max-pages "$pages")
    else
        pages=$PAGES
    fi
    {
        echo "header = \"Authorization: Bearer $TOKEN\""
        head -n "$pages" "$WORK/pages.txt" | sed "s|^|url = \"$base|; s|\$|\"|"
    } >"$WORK/$name.curl"
    echo "$pages $expected" >"$WORK/$name.size"
    # The same options on every path: on plain http:// curl asks for h2c, which the sandbox
    # does not offer, so loopback is HTTP/1.1 for both, as for the app (libcurl offers HTTP/2
    # over TLS only).
    local curl_opts=(-sSf --http2 --compressed --cacert "$INGRESS_CA" --config "$WORK/$name.curl")
    : >"$WORK/$name.curl.times"
    : >"$WORK/$name.app.times"
    : >"$WORK/$name.curl.cpu"
    : >"$WORK/$name.app.cpu"
    for round in $(seq 1 "$ROUNDS"); do
        t0=$(now)
        /usr/bin/time -f '%U %S' -o "$WORK/curl.cpu" curl "${curl_opts[@]}" >"$WORK/bodies.json"
        echo "$(now) - $t0" | bc -l >>"$WORK/$name.curl.times"
        awk '{ print $1 + $2 }' "$WORK/curl.cpu" >>"$WORK/$name.curl.cpu"
        items=$(grep -o '"id":"urn:ivcap:artifact:' "$WORK/bodies.json" | wc -l)
        echo "$name round $round: curl $(tail -1 "$WORK/$name.curl.times") s ($items items)"
        [ "$items" -eq "$expected" ] || {
            echo "MISMATCH: curl $items items, expected $expected" >&2
            exit 1
        }
        rc=0
        out=$(env -u CURL_CA_BUNDLE SSL_CERT_FILE="$INGRESS_CA" "$BIN_DIR/ivcap-bench" list artifacts --url "$base" \
            --token "$TOKEN" --limit $LIMIT --api "$API" "${max[@]}" 2>"$WORK/app.err") || rc=$?
        if [ $rc -ne 0 ]; then
            echo "cannot connect: $(tail -1 "$WORK/app.err")" >"$WORK/$name.app.times"
            echo "$name round $round: app cannot connect: $(tail -1 "$WORK/app.err")"
        elif ! grep -q '^cannot' "$WORK/$name.app.times"; then
            echo "$out" | python3 -c "
import json, sys
r = json.load(sys.stdin)
if r['items'] != $expected:
    sys.exit(f\"MISMATCH: app {r['items']} items, expected $expected\")
print(r['seconds'])" >>"$WORK/$name.app.times"
            echo "$out" | python3 -c "import json,sys; print(json.load(sys.stdin)['cpu_seconds'])" \
                >>"$WORK/$name.app.cpu"
            echo "$name round $round: app $out"
        fi
    done
}
for entry in "${PATHS[@]}"; do
    read -r name base pages <<<"$entry"
    run_path "$name" "$base" "$pages"
done
stop_relay
stop_ingress
stop_sandbox

echo "API $API; $COUNT artifacts in $PAGES pages of $LIMIT; relay: ${RELAY:-none}" \
    "(DELAY_MS:MBIT each way); $ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
NAMES=()
for entry in "${PATHS[@]}"; do NAMES+=("${entry%% *}"); done
python3 - "$WORK" "${NAMES[@]}" <<'PY'
import statistics, sys
work, names = sys.argv[1], sys.argv[2:]
failed = False
for name in names:
    pages, items = open(f"{work}/{name}.size").read().split()
    curls = [float(x) for x in open(f"{work}/{name}.curl.times").read().split()]
    curl = statistics.median(curls)
    text = open(f"{work}/{name}.app.times").read().strip()
    head = f"{name} ({items} artifacts, {pages} pages): curl {' '.join(f'{x:.2f}' for x in curls)} s"
    if text.startswith("cannot connect"):
        print(f"{head}; app {text.splitlines()[0]}")
        failed = True
        continue
    apps = [float(x) for x in text.split()]
    app = statistics.median(apps)
    print(f"{head}; app {' '.join(f'{x:.2f}' for x in apps)} s; "
          f"medians curl {curl:.2f} s, app {app:.2f} s; ratio app/curl time: {app / curl:.3f}")
    cpu = {who: statistics.median(float(x) for x in open(f"{work}/{name}.{who}.cpu").read().split())
           for who in ("curl", "app")}
    print(f"  CPU (user + system) per pass, medians: curl {cpu['curl']:.2f} s, app {cpu['app']:.2f} s")
sys.exit(1 if failed else 0)  # the ratios are reported, not judged; a failure to connect fails
PY
