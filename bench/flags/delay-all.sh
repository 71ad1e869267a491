#!/usr/bin/env bash
# Whole-process time of the book's DELAY run (issue 18): `flags -s DELAY -a -m 30` (194 flags, each response held
# 500 ms by the embedded server: 7 waves, a floor of 3.5 s), native and JIT, interleaved REPS times. Beside the
# wall time: the program's own elapsed time (its --json elapsedSeconds, first request to last outcome) and the rest
# (start-up, embedded server start and stop, exit), which is where the builds differ. With BASELINE=/path/to/flags
# another native binary is interleaved too (e.g. one built before a change). Loopback only.
#
#   bench/flags/delay-all.sh                      REPS=7 BASELINE= FLAGS_NATIVE= FLAGS_JIT_DLL= by default
#
# Without FLAGS_NATIVE / FLAGS_JIT_DLL the Native AOT binary and the JIT build are published from this checkout.
# Needs: dotnet, python3, /usr/bin/time. Prints Markdown: medians.
set -euo pipefail

REPS=${REPS:-7}
FLOOR=3.5
REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d /dev/shm/flags-delay.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

NATIVE=${FLAGS_NATIVE:-}
if [ -z "$NATIVE" ]; then
  echo "Publishing the Native AOT binary..." >&2
  dotnet publish "$REPO/src/Flags" -c Release -r linux-x64 -o "$WORK/native" -v quiet -nologo >&2
  NATIVE="$WORK/native/flags"
fi
JIT_DLL=${FLAGS_JIT_DLL:-}
if [ -z "$JIT_DLL" ]; then
  echo "Publishing the JIT build..." >&2
  dotnet publish "$REPO/src/Flags" -c Release -o "$WORK/jit" -v quiet -nologo >&2
  JIT_DLL="$WORK/jit/flags.dll"
fi

CLIENTS=("native:$NATIVE" "jit:dotnet $JIT_DLL")
[ -n "${BASELINE:-}" ] && CLIENTS+=("baseline:$BASELINE")

# run NAME CMD: one run; appends "wall elapsed" to $WORK/NAME.runs.
run() {
  local name=$1 cmd=$2
  rm -rf "$WORK/out"
  /usr/bin/time -f '%e' -o "$WORK/time.txt" $cmd -s DELAY -a -m 30 --json -o "$WORK/out" > "$WORK/run.json" 2> "$WORK/err.txt"
  local elapsed; elapsed=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["downloaded"] == 194, d["downloaded"]; print(d["elapsedSeconds"])' "$WORK/run.json")
  echo "$(cat "$WORK/time.txt") $elapsed" >> "$WORK/$name.runs"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$REPS"); do
  for c in "${CLIENTS[@]}"; do run "${c%%:*}" "${c#*:}"; done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { python3 -c 'import sys,statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.3f}")' "$@"; }
echo "Machine: $(nproc) cores, load average before $load_before, after $load_after; REPS=$REPS interleaved; $(date -u +%FT%TZ)"
echo
echo "| build | whole process (s, median) | runs (s) | ratio to the 3.5 s floor | program's elapsed (s, median) | outside the downloads (s, median) |"
echo "|---|---|---|---|---|---|"
for c in "${CLIENTS[@]}"; do
  f="$WORK/${c%%:*}.runs"
  walls=$(awk '{print $1}' "$f" | tr '\n' ' ')
  wall=$(median $walls)
  echo "| ${c%%:*} | $wall | ${walls% } | $(python3 -c "print(f'{$wall/$FLOOR:.3f}')") | $(median $(awk '{print $2}' "$f")) | $(median $(awk '{print $1 - $2}' "$f")) |"
done
