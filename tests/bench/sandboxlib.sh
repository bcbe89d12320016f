# Shared by the bench_*.sh scripts (sourced, not run): a sandbox on a free loopback port.
# Expects BIN_DIR and TOKEN; sets URL and SANDBOX_PID.
# IVCAP_BENCH_API (0.48, the default, or 0.28) is the API dialect the sandbox speaks; the
# scripts pass it on to ivcap-bench and ivcap-desktop and read the answers in its shapes.
API=${IVCAP_BENCH_API:-0.48}
case "$API" in
0.48 | 0.28) ;;
*)
    echo "IVCAP_BENCH_API must be 0.48 or 0.28, not '$API'" >&2
    exit 2
    ;;
esac
# The services list the app reads first: /1/services2 where there are jobs (v0.44 and later).
services_path() { if [ "$API" = 0.28 ]; then echo /1/services; else echo /1/services2; fi; }
start_sandbox() { # $1 = data dir, $2 = artifacts to seed
    mkdir -p "$1"
    "$BIN_DIR/ivcap-sandbox" --api "$API" --port 0 --token "$TOKEN" --data "$1" --seed-artifacts "$2" \
        >"$1.log" 2>&1 &
    SANDBOX_PID=$!
    for _ in $(seq 1 6000); do
        URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$1.log" | head -1 || true)
        [ -n "$URL" ] && return 0
        kill -0 "$SANDBOX_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "sandbox did not start" >&2
    cat "$1.log" >&2
    exit 1
}
stop_sandbox() {
    kill "$SANDBOX_PID" && wait "$SANDBOX_PID" 2>/dev/null || true
    SANDBOX_PID=
}
