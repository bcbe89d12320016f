# Shared by the bench_*.sh scripts (sourced, not run): a sandbox on a free loopback port.
# Expects BIN_DIR and TOKEN; sets URL and SANDBOX_PID.
start_sandbox() { # $1 = data dir, $2 = artifacts to seed
    mkdir -p "$1"
    "$BIN_DIR/ivcap-sandbox" --api 0.28 --port 0 --token "$TOKEN" --data "$1" --seed-artifacts "$2" \
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
