#!/usr/bin/env bash
# Upload and download throughput and memory of ivcap-bench (the core's UploadJob and
# DownloadJob) against curl doing the same requests, in the same run, on each path: plain
# loopback to the sandbox, and through the ingress (nginx with TLS, HTTP/2 and gzip for JSON,
# ingresslib.sh; the app is given its CA only through SSL_CERT_FILE, curl with --cacert).
#
# Upload: curl does one POST plus one `curl -X PATCH -T part` process per 10 MB chunk (about 100
# process starts for 1 GiB); the chunks are split off the file before its clock starts, so only
# the POST and the PATCHes are timed. Download: curl reads the artifact's record (one GET, for
# its data URL, as DownloadJob does) and then GETs the data into a file; both are timed. Each
# download is compared with the file byte for byte.
#
# Usage: bench_transfer.sh BIN_DIR
# BENCH_SIZE_MB (default 1024) is the file size in MiB; BENCH_ROUNDS (default 1) the alternating
# curl/app rounds per path, whose medians are compared; BENCH_LARGE=1 adds one app upload and
# download of BENCH_LARGE_MB (default 4096) MiB for peak RSS on each of BENCH_LARGE_PATHS (default:
# the same as BENCH_PATHS); BENCH_PATHS (default "loopback ingress") the paths; BENCH_DIRECTIONS
# (default "upload download") what is compared ("download": the app uploads once, untimed).
# IVCAP_BENCH_API (0.48, the default, or 0.28) is the API dialect of the sandbox; the data URL
# is the artifact's `data-href` on v0.48 and its `data.self` on v0.28.
set -euo pipefail
BIN_DIR=${1:?usage: bench_transfer.sh BIN_DIR}
SIZE_MB=${BENCH_SIZE_MB:-1024}
LARGE_MB=${BENCH_LARGE_MB:-4096}
LARGE_PATHS=${BENCH_LARGE_PATHS:-${BENCH_PATHS:-loopback ingress}}
DIRECTIONS=${BENCH_DIRECTIONS:-upload download}
ROUNDS=${BENCH_ROUNDS:-1}
BENCH_PATHS=${BENCH_PATHS:-loopback ingress}
CHUNK=10000000
TOKEN=bench-token-0123456789
WORK=$(mktemp -d)
SANDBOX_PID=
source "$(dirname "$0")/sandboxlib.sh"
source "$(dirname "$0")/ingresslib.sh"
cleanup() {
    stop_ingress
    [[ -n $SANDBOX_PID ]] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
case "$API" in
0.48) DATA_URL='.["data-href"]' ;;
0.28) DATA_URL='.data.self' ;;
esac
now() { date +%s.%N; }

start_sandbox "$WORK/data" 0
start_ingress "$URL" "$WORK"

make_file() { # path MiB
    head -c "$(($2 * 1024 * 1024))" /dev/urandom >"$1"
}

# curl options per path (set by use_path): the ingress needs its CA and is asked for HTTP/2.
use_path() { # $1 = loopback | ingress
    case $1 in
    loopback) BASE=$URL CURL_OPTS=(-sSf) ;;
    ingress) BASE=$INGRESS_URL CURL_OPTS=(-sSf --http2 --cacert "$INGRESS_CA") ;;
    *) echo "unknown path $1" >&2; exit 2 ;;
    esac
}

curl_upload() { # file -> "seconds" on stdout
    local file=$1 size start end self offset=0 part
    size=$(stat -c %s "$file")
    rm -rf "$WORK/parts"
    mkdir -p "$WORK/parts"
    split -b "$CHUNK" -d -a 5 "$file" "$WORK/parts/p"
    start=$(now)
    self=$(curl "${CURL_OPTS[@]}" -X POST "$BASE/1/artifacts" -H "Authorization: Bearer $TOKEN" \
        -H "X-Name: $(printf bench | base64)" -H "X-Content-Type: application/octet-stream" \
        -H "X-Content-Length: $size" -H "Tus-Resumable: 1.0.0" --data-binary '' | jq -r "$DATA_URL")
    # Re-base the upload URL on our URL, as the client does.
    self="$BASE/${self#*://*/}"
    for part in "$WORK"/parts/p*; do
        # -T streams the part from disk, as UploadJob does. "Expect:" stops curl from waiting
        # a second per chunk for a 100-continue the sandbox never sends.
        curl "${CURL_OPTS[@]}" -X PATCH -T "$part" "$self" -H "Authorization: Bearer $TOKEN" \
            -H "Expect:" -H "Tus-Resumable: 1.0.0" -H "Upload-Offset: $offset" \
            -H "Content-Type: application/offset+octet-stream" -o /dev/null
        offset=$((offset + $(stat -c %s "$part")))
    done
    end=$(now)
    rm -rf "$WORK/parts"
    [[ $offset == "$size" ]] || { echo "curl upload stopped at $offset" >&2; exit 1; }
    python3 -c "print($end - $start)"
}

# DownloadJob saves through QSaveFile, whose commit flushes the file to disk (fdatasync) before
# it renames it into place; curl does not. So curl's download is timed twice: to its exit, and to
# the end of a `sync --data FILE` (fdatasync of that file) after it, the app's durability.
curl_download() { # artifact-urn out-file -> "seconds seconds-with-fsync" on stdout
    local urn=$1 out=$2 start mid end self
    start=$(now)
    self=$(curl "${CURL_OPTS[@]}" -H "Authorization: Bearer $TOKEN" \
        "$BASE/1/artifacts/$(jq -rn --arg u "$urn" '$u|@uri')" | jq -r "$DATA_URL")
    self="$BASE/${self#*://*/}"
    curl "${CURL_OPTS[@]}" -H "Authorization: Bearer $TOKEN" -o "$out" "$self"
    mid=$(now)
    sync --data "$out"
    end=$(now)
    python3 -c "print($mid - $start, $end - $start)"
}

# ivcap-bench with the CA in SSL_CERT_FILE only (CURL_CA_BUNDLE would take precedence, for the
# app as for curl). Prints its JSON line, or "failed: reason" and returns 1.
app() { # upload|download args...
    local out rc=0
    out=$(env -u CURL_CA_BUNDLE SSL_CERT_FILE="$INGRESS_CA" "$BIN_DIR/ivcap-bench" "$@" \
        --url "$BASE" --token "$TOKEN" 2>"$WORK/app.err") || rc=$?
    if [[ $rc -ne 0 ]]; then
        echo "failed: $(tail -1 "$WORK/app.err")"
        return 1
    fi
    echo "$out"
}

json() { python3 -c "import json,sys; print(json.loads(sys.argv[1])['$2'])" "$1"; }

FILE="$WORK/file.bin"
make_file "$FILE" "$SIZE_MB"
BYTES=$(stat -c %s "$FILE")
RESULTS="$WORK/results.txt"
: >"$RESULTS"
# One result a line: path direction who seconds peak_rss_bytes ("-" where not measured).
if [[ " $DIRECTIONS " != *" upload "* ]]; then
    # Downloads only: the app uploads the file once, untimed, straight to the sandbox.
    use_path loopback
    up=$(app upload "$FILE" --chunk "$CHUNK") || { echo "upload $up" >&2; exit 1; }
    UPLOADED=$(json "$up" artifact)
fi
for path in $BENCH_PATHS; do
    use_path "$path"
    for round in $(seq 1 "$ROUNDS"); do
        if [[ -n ${UPLOADED:-} ]]; then
            urn=$UPLOADED
        else
            s=$(curl_upload "$FILE")
            echo "$path upload curl $s -" >>"$RESULTS"
            echo "$path round $round: curl upload $BYTES bytes in $s s"
            if up=$(app upload "$FILE" --chunk "$CHUNK"); then
                echo "$path upload app $(json "$up" seconds) $(json "$up" peak_rss_bytes)" \
                    >>"$RESULTS"
                urn=$(json "$up" artifact)
            else
                echo "$path upload app $up" >>"$RESULTS"
                # The app could not upload: download what curl uploaded (the latest artifact).
                urn=$(curl "${CURL_OPTS[@]}" -H "Authorization: Bearer $TOKEN" \
                    "$BASE/1/artifacts?limit=1" | jq -r '(.items // .artifacts)[0].id')
            fi
            echo "$path round $round: ivcap-bench upload: $up"
        fi
        [[ " $DIRECTIONS " == *" download "* ]] || continue
        rm -f "$WORK/copy.bin"
        read -r s sf <<<"$(curl_download "$urn" "$WORK/copy.bin")"
        cmp -s "$FILE" "$WORK/copy.bin" || { echo "curl download differs" >&2; exit 1; }
        echo "$path download curl $s -" >>"$RESULTS"
        echo "$path download curl+fsync $sf -" >>"$RESULTS"
        echo "$path round $round: curl download $BYTES bytes in $s s ($sf s with fsync)"
        rm -f "$WORK/copy.bin"
        if down=$(app download "$urn" "$WORK/copy.bin"); then
            cmp -s "$FILE" "$WORK/copy.bin" || { echo "ivcap-bench download differs" >&2; exit 1; }
            echo "$path download app $(json "$down" seconds) $(json "$down" peak_rss_bytes)" \
                >>"$RESULTS"
        else
            echo "$path download app $down" >>"$RESULTS"
        fi
        echo "$path round $round: ivcap-bench download: $down"
        rm -f "$WORK/copy.bin"
    done
done

if [[ ${BENCH_LARGE:-0} == 1 ]]; then
    LARGE="$WORK/large.bin"
    make_file "$LARGE" "$LARGE_MB"
    for path in $LARGE_PATHS; do
        use_path "$path"
        up=$(app upload "$LARGE" --chunk "$CHUNK") || true
        echo "$path $LARGE_MB MiB: ivcap-bench upload: $up"
        if [[ $up == failed* ]]; then
            echo "$path large upload $up" >>"$RESULTS"
            continue
        fi
        echo "$path large upload $(json "$up" seconds) $(json "$up" peak_rss_bytes)" >>"$RESULTS"
        rm -f "$WORK/copy.bin"
        down=$(app download "$(json "$up" artifact)" "$WORK/copy.bin") || true
        echo "$path $LARGE_MB MiB: ivcap-bench download: $down"
        if [[ $down == failed* ]]; then
            echo "$path large download $down" >>"$RESULTS"
        else
            cmp -s "$LARGE" "$WORK/copy.bin" || { echo "$LARGE_MB MiB download differs" >&2; exit 1; }
            echo "$path large download $(json "$down" seconds) $(json "$down" peak_rss_bytes)" \
                >>"$RESULTS"
        fi
        rm -f "$WORK/copy.bin"
    done
fi

echo "API $API; $BYTES bytes, $CHUNK-byte PATCHes; $ROUNDS rounds;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" "$BYTES" "$LARGE_MB" <<'PY'
import collections, statistics, sys
results, size, large_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
mib = 1024 * 1024
runs = collections.defaultdict(list)
failed = {}
large = []
for line in open(results):
    path, direction, who, rest = line.split(maxsplit=3)
    if direction == "large":
        direction, rest = who, rest.strip()
        if rest.startswith("failed"):
            failed[(path, "large " + direction)] = rest
            large.append(f"{path} {direction} {large_mb} MiB: app {rest}")
            continue
        seconds, rss = rest.split()
        large.append(f"{path} {direction} {large_mb} MiB: {large_mb / float(seconds):.1f} MiB/s, "
                     f"peak RSS {int(rss) / mib:.1f} MiB")
    elif rest.startswith("failed"):
        failed[(path, direction)] = rest.strip()
    else:
        seconds, rss = rest.split()
        runs[(path, direction, who)].append((float(seconds), rss))
for path, direction in dict.fromkeys((p, d) for p, d, w in runs if w == "curl"):
    curl = runs[(path, direction, "curl")]
    curl_s = statistics.median(s for s, _ in curl)
    line = (f"{path} {direction}: curl {' '.join(f'{s:.2f}' for s, _ in curl)} s "
            f"({size / mib / curl_s:.1f} MiB/s median)")
    app = runs.get((path, direction, "app"))
    if not app:
        print(f"{line}; app {failed.get((path, direction), 'not run')}")
        continue
    app_s = statistics.median(s for s, _ in app)
    rss = max(int(r) for _, r in app)
    print(f"{line}; app {' '.join(f'{s:.2f}' for s, _ in app)} s "
          f"({size / mib / app_s:.1f} MiB/s median), peak RSS {rss / mib:.1f} MiB; "
          f"throughput ratio app/curl: {curl_s / app_s:.3f}")
    synced = runs.get((path, direction, "curl+fsync"))
    if synced:
        synced_s = statistics.median(s for s, _ in synced)
        print(f"  curl + fsync {' '.join(f'{s:.2f}' for s, _ in synced)} s "
              f"({size / mib / synced_s:.1f} MiB/s median); "
              f"throughput ratio app/(curl + fsync): {synced_s / app_s:.3f}")
for line in large:
    print(line)
sys.exit(1 if failed else 0)  # the ratios are reported, not judged; a failed transfer fails
PY
