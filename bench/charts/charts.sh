#!/usr/bin/env bash
# Redraws the charts of docs/benchmarks.md (docs/images/bench-*.svg) from its tables and checks each one renders.
#   bench/charts/charts.sh            # after adding or changing a table; then review `git diff docs/`
set -euo pipefail
cd "$(dirname "$0")/../.."
timeout 10m dotnet run bench/charts/charts.cs -- docs/benchmarks.md docs/images
if command -v rsvg-convert >/dev/null; then
    png=$(mktemp --suffix .png)
    trap 'rm -f "$png"' EXIT
    for svg in docs/images/bench-*.svg; do
        rsvg-convert --format png --output "$png" "$svg" || { echo "rsvg-convert cannot render $svg"; exit 1; }
    done
    echo "All charts render with rsvg-convert."
fi
