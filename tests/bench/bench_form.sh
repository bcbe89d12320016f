#!/usr/bin/env bash
# Form benchmark: a 500-field JSON Schema request form built (parse, model, widgets, layout,
# first paint), median of IVCAP_BENCH_RUNS (default 7) runs. Target: under 200 ms.
set -euo pipefail
BIN_DIR=${1:?usage: bench_form.sh BIN_DIR}
RUNS=${IVCAP_BENCH_RUNS:-7}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$WORK/config"
RESULT=$("$BIN_DIR/ivcap-ui-bench" form --fields 500 --runs "$RUNS" 2>/dev/null)
echo "$RESULT"
python3 - "$RESULT" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"500-field form: model {r['model_ms_median']:.1f} ms, form with widgets "
      f"{r['form_ms_median']:.1f} ms (median of {r['runs']}, max {r['form_ms_max']:.1f} ms)")
sys.exit(0 if r["form_ms_median"] < 200 else 1)
PY
