#!/usr/bin/env bash
# Upload throughput and memory of ivcap-bench (the core's UploadJob) against curl doing the
# same POST + 10 MB TUS PATCHes, both against a fresh sandbox on loopback.
# The curl reference pays one process start per chunk (about 100 for 1 GiB); the chunks are
# split off the file before its clock starts, so only the POST and the PATCHes are timed.
# Usage: bench_transfer.sh BIN_DIR      (BENCH_LARGE=1 adds a 4 GiB peak-RSS run)
# IVCAP_BENCH_API (0.48, the default, or 0.28) is the API dialect of the sandbox; the upload URL
# is the created artifact's `data-href` on v0.48 and its `data.self` on v0.28.
set -euo pipefail
BIN=${1:?usage: bench_transfer.sh BIN_DIR}
SIZE_MB=${BENCH_SIZE_MB:-1024}
CHUNK=10000000
TOKEN=bench-token-0123456789
WORK=$(mktemp -d)
SANDBOX_PID=
cleanup() {
    [[ -n $SANDBOX_PID ]] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

API=${IVCAP_BENCH_API:-0.48}
case "$API" in
0.48) DATA_URL='.["data-href"]' ;;
0.28) DATA_URL='.data.self' ;;
*) echo "IVCAP_BENCH_API must be 0.48 or 0.28, not '$API'" >&2; exit 2 ;;
esac
mkdir -p "$WORK/data"
"$BIN/ivcap-sandbox" --api "$API" --port 0 --token "$TOKEN" --data "$WORK/data" >"$WORK/sandbox.log" 2>&1 &
SANDBOX_PID=$!
URL=
for _ in $(seq 1 600); do
    URL=$(grep -o 'IVCAP sandbox listening on http://127\.0\.0\.1:[0-9]*' "$WORK/sandbox.log" |
          sed 's/.* on //' || true)
    [[ -n $URL ]] && break
    sleep 0.1
done
[[ -n $URL ]] || { echo "sandbox did not start"; cat "$WORK/sandbox.log"; exit 1; }

make_file() { # path MiB
    head -c "$(($2 * 1024 * 1024))" /dev/urandom >"$1"
}

curl_upload() { # path -> seconds
    local file=$1 size start end self offset=0 part
    size=$(stat -c %s "$file")
    mkdir -p "$WORK/parts"
    split -b "$CHUNK" -d -a 5 "$file" "$WORK/parts/p"
    start=$(date +%s.%N)
    self=$(curl -sf -X POST "$URL/1/artifacts" -H "Authorization: Bearer $TOKEN" \
        -H "X-Name: $(printf bench | base64)" -H "X-Content-Type: application/octet-stream" \
        -H "X-Content-Length: $size" -H "Tus-Resumable: 1.0.0" --data-binary '' | jq -r "$DATA_URL")
    # Re-base the upload URL on our URL, as the client does.
    self="$URL/${self#*://*/}"
    for part in "$WORK"/parts/p*; do
        # -T streams the part from disk, as UploadJob does. "Expect:" stops curl from waiting
        # a second per chunk for a 100-continue the sandbox never sends.
        curl -sf -X PATCH -T "$part" "$self" -H "Authorization: Bearer $TOKEN" -H "Expect:" \
            -H "Tus-Resumable: 1.0.0" -H "Upload-Offset: $offset" \
            -H "Content-Type: application/offset+octet-stream" -o /dev/null
        offset=$((offset + $(stat -c %s "$part")))
    done
    end=$(date +%s.%N)
    rm -rf "$WORK/parts"
    [[ $offset == "$size" ]] || { echo "curl upload stopped at $offset" >&2; exit 1; }
    python3 -c "print($end - $start)"
}

FILE="$WORK/file.bin"
make_file "$FILE" "$SIZE_MB"
BYTES=$(stat -c %s "$FILE")
CURL_S=$(curl_upload "$FILE")
BENCH_JSON=$("$BIN/ivcap-bench" upload "$FILE" --url "$URL" --token "$TOKEN" --chunk "$CHUNK")
echo "curl upload: $BYTES bytes in $CURL_S s"
echo "ivcap-bench upload: $BENCH_JSON"
ARTIFACT=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["artifact"])' "$BENCH_JSON")
DOWN_JSON=$("$BIN/ivcap-bench" download "$ARTIFACT" "$WORK/copy.bin" --url "$URL" --token "$TOKEN")
echo "ivcap-bench download: $DOWN_JSON"
cmp "$FILE" "$WORK/copy.bin" && echo "download identical"
python3 - "$BYTES" "$CURL_S" "$BENCH_JSON" <<'PY'
import json, sys
size, curl_s, bench = int(sys.argv[1]), float(sys.argv[2]), json.loads(sys.argv[3])
mb = 1024 * 1024
print(f"curl {size / mb / curl_s:.1f} MiB/s, ivcap-bench {size / mb / bench['seconds']:.1f} MiB/s, "
      f"ratio (bench/curl) {curl_s / bench['seconds']:.2f}, "
      f"peak RSS {bench['peak_rss_bytes'] / mb:.1f} MiB")
PY
rm -f "$WORK/copy.bin"

if [[ ${BENCH_LARGE:-0} == 1 ]]; then
    rm -f "$FILE"
    make_file "$FILE" 4096
    LARGE_JSON=$("$BIN/ivcap-bench" upload "$FILE" --url "$URL" --token "$TOKEN" --chunk "$CHUNK")
    echo "ivcap-bench upload 4 GiB: $LARGE_JSON"
    ARTIFACT=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["artifact"])' "$LARGE_JSON")
    LARGE_DOWN=$("$BIN/ivcap-bench" download "$ARTIFACT" "$WORK/copy.bin" --url "$URL" --token "$TOKEN")
    echo "ivcap-bench download 4 GiB: $LARGE_DOWN"
    cmp "$FILE" "$WORK/copy.bin" && echo "download identical"
    rm -f "$WORK/copy.bin"
fi
