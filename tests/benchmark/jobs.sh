#!/usr/bin/env bash
# Parallel speed of the batch: `tsharkrst analyze --jobs 1` against `--jobs 2` on a folder of
# captures (the lab fixtures copied COPIES times), timed with wall-clock seconds. Prints figures;
# asserts nothing. Usage: tests/benchmark/jobs.sh [COPIES]
set -euo pipefail
cd "$(dirname "$0")/../.."
copies=${1:-8}
bash .ci/ensure-tshark
dotnet build src/TsharkRst.Cli -c Release -v quiet -nologo >/dev/null
tool=src/TsharkRst.Cli/bin/Release/net10.0/tsharkrst
work=$(mktemp -d /tmp/tsharkrst-jobs.XXXXXX)
trap 'rm -rf "$work"' EXIT
for i in $(seq 1 "$copies"); do
  mkdir -p "$work/in/host$i"
  cp fixtures/captures/*.pcap* "$work/in/host$i/"
done
count=$(find "$work/in" -type f | wc -l)
bytes=$(du -sb "$work/in" | cut -f1)
for jobs in 1 2; do
  start=$(date +%s.%N)
  "$tool" analyze "$work/in" -o "$work/out$jobs" --jobs "$jobs" --quiet >/dev/null
  end=$(date +%s.%N)
  seconds=$(echo "$end $start" | awk '{ printf "%.2f", $1 - $2 }')
  echo "--jobs $jobs: $count captures ($bytes bytes) in $seconds s"
  eval "t$jobs=$seconds"
done
echo "speed-up with --jobs 2: $(echo "$t1 $t2" | awk '{ printf "%.2f", $1 / $2 }')x on $(nproc) cores"
cmp -s "$work/out1/summary.json" "$work/out2/summary.json" && echo "summary.json identical in both runs" || echo "summary.json DIFFERS between runs"
