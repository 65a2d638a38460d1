#!/usr/bin/env bash
# Runs the multi-root extension-host suite N times in a row (default 10), each in a fresh code-server, and counts the
# windows that opened without their folders (test/e2e/harness/workspace-cache.ts says why). With --ab it alternates
# runs with and without the harness's workspace warm-up (E2E_NO_WORKSPACE_WARMUP=1), to see whether it is still needed,
# e.g. after a code-server upgrade. Build first (npm run build). Logs: .e2e/repeat-multi-root/.
#   bash scripts/e2e/repeat-multi-root.sh [N] [--ab]
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${1:-10}"
AB="${2:-}"
LOGS="$ROOT/.e2e/repeat-multi-root"
mkdir -p "$LOGS"
cd "$ROOT"
variants=(warm)
[[ "$AB" == --ab ]] && variants=(warm cold)
declare -A empty=() windows=() failed=()
for i in $(seq 1 "$N"); do
  for variant in "${variants[@]}"; do
    log="$LOGS/$variant-$i.log"
    started=$SECONDS
    E2E_NO_WORKSPACE_WARMUP=$([[ $variant == cold ]] && echo 1 || echo 0) E2E_SUITE=multi-root E2E_FILTER=__no_journey__ \
      node --import tsx test/e2e/run-e2e.ts >"$log" 2>&1
    rc=$?
    e=$(grep -c 'opened without its folders' "$log")
    w=$(grep -c '^e2e: extension-host suite /' "$log")
    empty[$variant]=$((${empty[$variant]:-0} + e))
    windows[$variant]=$((${windows[$variant]:-0} + w))
    ((rc != 0)) && failed[$variant]=$((${failed[$variant]:-0} + 1))
    echo "$variant run $i: exit $rc, $w window(s), $e without folders, $((SECONDS - started)) s, load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
for variant in "${variants[@]}"; do
  echo "$variant: $N runs, ${failed[$variant]:-0} failed, ${windows[$variant]} windows, ${empty[$variant]} without folders"
done
