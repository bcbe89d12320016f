#!/usr/bin/env bash
# Listing through a deployment-like path: nginx with TLS (a throwaway CA), HTTP/2 and gzip in
# front of the sandbox (ingresslib.sh), and optionally a slow-link relay in front of nginx.
# Pages the seeded artifacts with `curl --http2 --compressed --cacert CA` (the reference: one
# process, one connection, every page's URL in order, found beforehand by an untimed walk of the
# `next` links as in bench_list.sh) and with `ivcap-bench list artifacts` (the app's core model
# on its own HTTP stack, both transports: the default and IVCAP_DIRECT_HTTP=0), in the same run,
# on each path: plain loopback (no ingress, curl over HTTP/1.1), the ingress, and with a relay
# the slow link both straight to the sandbox (relay-plain: HTTP/1.1, no TLS, no gzip) and in
# front of the ingress (relay).
#
# The app is given the CA only through SSL_CERT_FILE, which curl and OpenSSL honour. Where the
# app does not connect, its figure is "cannot connect" with the reason, and no ratio.
#
# IVCAP_BENCH_ARTIFACTS (default 100000) sets the seed count, IVCAP_BENCH_ROUNDS (default 3) the
# alternating curl/app rounds, whose medians are compared, IVCAP_BENCH_API (0.48, the default, or
# 0.28) the API dialect, IVCAP_BENCH_RELAY ("DELAY_MS:MBIT", e.g. "20:20"; empty, the default,
# for no relay) the slow link: DELAY_MS added each way, MBIT Mbit/s each way.
set -euo pipefail
BIN_DIR=${1:?usage: bench_ingress.sh BIN_DIR}
COUNT=${IVCAP_BENCH_ARTIFACTS:-100000}
ROUNDS=${IVCAP_BENCH_ROUNDS:-3}
RELAY=${IVCAP_BENCH_RELAY:-}
LIMIT=50
TOKEN=bench-token-0123456789
WORK=$(mktemp -d)
SANDBOX_PID=
PLAIN_RELAY_PID=
source "$(dirname "$0")/sandboxlib.sh"
source "$(dirname "$0")/ingresslib.sh"
cleanup() {
    stop_relay
    RELAY_PID=$PLAIN_RELAY_PID stop_relay
    stop_ingress
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
now() { date +%s.%N; }

start_sandbox "$WORK/full" "$COUNT"
start_ingress "$URL" "$WORK"
PATHS=("loopback $URL" "ingress $INGRESS_URL")
if [ -n "$RELAY" ]; then
    # The same slow link straight to the sandbox (plain HTTP/1.1, no gzip) as well, where the
    # app connects today.
    start_relay "${URL#http://}" "${RELAY%%:*}" "${RELAY##*:}"
    PLAIN_RELAY_PID=$RELAY_PID
    PATHS+=("relay-plain http://127.0.0.1:$RELAY_PORT")
    start_relay "127.0.0.1:${INGRESS_URL##*:}" "${RELAY%%:*}" "${RELAY##*:}"
    PATHS+=("relay https://127.0.0.1:$RELAY_PORT")
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

# One path: ROUNDS alternating rounds of curl and both app transports; medians to $WORK/$name.
run_path() { # $1 = name, $2 = base URL
    local name=$1 base=$2 round t0 out rc items direct transport
    {
        echo "header = \"Authorization: Bearer $TOKEN\""
        sed "s|^|url = \"$base|; s|\$|\"|" "$WORK/pages.txt"
    } >"$WORK/$name.curl"
    local curl_opts=(-sSf --config "$WORK/$name.curl")
    [[ $base == https:* ]] && curl_opts+=(--http2 --compressed --cacert "$INGRESS_CA")
    : >"$WORK/$name.curl.times"
    : >"$WORK/$name.app.times"
    : >"$WORK/$name.qnam.times"
    for round in $(seq 1 "$ROUNDS"); do
        t0=$(now)
        curl "${curl_opts[@]}" >"$WORK/bodies.json"
        echo "$(now) - $t0" | bc -l >>"$WORK/$name.curl.times"
        items=$(grep -o '"id":"urn:ivcap:artifact:' "$WORK/bodies.json" | wc -l)
        echo "$name round $round: curl $(tail -1 "$WORK/$name.curl.times") s ($items items)"
        [ "$items" -eq "$COUNT" ] || { echo "MISMATCH: curl $items items, seeded $COUNT" >&2; exit 1; }
        for transport in app qnam; do
            rc=0
            direct=1
            [ $transport = qnam ] && direct=0
            out=$(IVCAP_DIRECT_HTTP=$direct \
                SSL_CERT_FILE="$INGRESS_CA" "$BIN_DIR/ivcap-bench" list artifacts --url "$base" \
                --token "$TOKEN" --limit $LIMIT --api "$API" 2>"$WORK/app.err") || rc=$?
            if [ $rc -ne 0 ]; then
                echo "cannot connect: $(tail -1 "$WORK/app.err")" >"$WORK/$name.$transport.times"
                echo "$name round $round: $transport cannot connect: $(tail -1 "$WORK/app.err")"
            elif ! grep -q '^cannot' "$WORK/$name.$transport.times"; then
                echo "$out" | python3 -c "import json,sys; print(json.load(sys.stdin)['seconds'])" \
                    >>"$WORK/$name.$transport.times"
                echo "$name round $round: $transport $out"
            fi
        done
    done
}
for entry in "${PATHS[@]}"; do
    run_path "${entry% *}" "${entry#* }"
done
stop_relay
RELAY_PID=$PLAIN_RELAY_PID stop_relay
PLAIN_RELAY_PID=
stop_ingress
stop_sandbox

echo "API $API; $COUNT artifacts in $PAGES pages of $LIMIT; relay: ${RELAY:-none}" \
    "(DELAY_MS:MBIT each way)"
python3 - "$WORK" "${PATHS[@]%% *}" <<'PY'
import statistics, sys
work, names = sys.argv[1], sys.argv[2:]
labels = {"app": "app (default transport)", "qnam": "app (IVCAP_DIRECT_HTTP=0, QNAM)"}
for name in names:
    curl = statistics.median(float(x) for x in open(f"{work}/{name}.curl.times").read().split())
    print(f"{name}: median curl {curl:.2f} s")
    for transport, label in labels.items():
        text = open(f"{work}/{name}.{transport}.times").read().strip()
        if text.startswith("cannot connect"):
            print(f"  {label}: {text.splitlines()[0]} (CA given in SSL_CERT_FILE not trusted)"
                  if not name.endswith(("loopback", "plain")) else f"  {label}: {text.splitlines()[0]}")
            continue
        median = statistics.median(float(x) for x in text.split())
        print(f"  {label}: median {median:.2f} s, ratio app/curl time: {median / curl:.3f}")
PY
