#!/usr/bin/env bash
# The table of issue 18: each kind of work timed the way a user would do it with tshark, then with
# tsharkrst, in turns (tshark's way first), and the medians compared. It prints figures and asserts nothing.
#
#   tests/benchmark/table.sh                      publishes the tool as README says, then measures
#   TOOL=/opt/tsharkrst/tsharkrst tests/benchmark/table.sh   measures a tool already published
#
# Rows: one small capture (all outputs) against one tshark field pass; a folder of captures ($PCAPS, default
# ../shared/external/pcaps), two at a time, against a loop of field passes under `xargs -P2`; and, when
# $BENCH_DIR (default /tmp/trst5-bench, built by run.sh) holds big.pcapng and worst.pcapng, those two against
# one field pass each; a pair ($BENCH_DIR/pair-a.pcapng and pair-b.pcapng) against two passes, if there is one.
# RUNS turns for the small capture (default 7), RUNS_LONG for the others (default 3). Needs no root (but to install a C
# toolchain for the native publish where none links).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/trst5-bench}
PCAPS=${PCAPS:-$REPO/../shared/external/pcaps}
SMALL=${SMALL:-$REPO/fixtures/captures/tls13-response-aborted.pcapng}
RUNS=${RUNS:-7}
RUNS_LONG=${RUNS_LONG:-3}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tsharkrst-table.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

if [ -z "${TOOL:-}" ]; then
	echo "publishing (native, as README's install says)..." >&2
	bash .ci/publish "$WORK/tool" >&2
	TOOL=$WORK/tool/tsharkrst
fi

# One tshark field pass exactly as tsharkrst --full runs it, output thrown away.
TSHARK_ARGS=(-n -T fields -E header=y -E separator=/t -E quote=n -E occurrence=a -E aggregator=$'\x1f'
	-o tcp.try_heuristic_first:TRUE -o http.desegment_body:FALSE)
while read -r field; do TSHARK_ARGS+=(-e "$field"); done < <(sed 's/#.*//' tshark-fields.txt | awk 'NF')

tshark_pass() { tshark -r "$1" "${TSHARK_ARGS[@]}" >/dev/null 2>&1 || true; }
tshark_passes() { for capture in "$@"; do tshark_pass "$capture"; done; }
tshark_loop() { find "$1" -type f -print0 | xargs -0 -P2 -I{} tshark -r {} "${TSHARK_ARGS[@]}" >/dev/null 2>&1 || true; }
# A fresh output folder each time: a rerun into the same one would skip what is up to date.
# Each run's exit code is kept: a run that failed part-way would otherwise pass for a fast one.
tool() {
	rm -rf "$WORK/out"
	local status=0
	"$TOOL" analyze "$@" -o "$WORK/out" -q >/dev/null 2>"$WORK/stderr" || status=$?
	echo "$status" >>"$WORK/status"
	[ "$status" = 0 ] || head -3 "$WORK/stderr" >>"$WORK/failures"
}

# Seconds a command takes, wall clock.
timed() {
	local start=$EPOCHREALTIME
	"$@"
	awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# row WORK TARGET RUNS "TSHARK COMMAND" "TSHARKRST COMMAND": both in turns, tshark's first.
row() {
	local work=$1 target=$2 runs=$3 theirs=$4 ours=$5 i passes=() tools=() t r codes
	: >"$WORK/status"
	for i in $(seq "$runs"); do
		passes+=("$(timed eval "$theirs")")
		tools+=("$(timed eval "$ours")")
	done
	t=$(median "${passes[@]}")
	r=$(median "${tools[@]}")
	awk -v w="$work" -v t="$t" -v r="$r" -v target="$target" 'BEGIN {
		printf "| %s | %s s | %s s | %s | %s |\n", w, (t < 1 ? sprintf("%.3f", t) : sprintf("%.2f", t)), (r < 1 ? sprintf("%.3f", r) : sprintf("%.2f", r)), (r <= t ? sprintf("%.1fx faster (%.2fx tshark'"'"'s time)", t / r, r / t) : sprintf("%.2fx tshark'"'"'s time", r / t)), target }'
	codes=$(tr '\n' ' ' <"$WORK/status")
	NOTES+=("$work: tshark ${passes[*]} s; tsharkrst ${tools[*]} s; tsharkrst exit codes ${codes% }")
}

NOTES=()
echo "TShark: $(tshark --version 2>/dev/null | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "tsharkrst: $TOOL"
echo
echo "| work | tshark (what a user would run instead) | tsharkrst | ratio | target |"
echo "| --- | --- | --- | --- | --- |"
cat "$SMALL" >/dev/null
packets=$(capinfos -c -M "$SMALL" 2>/dev/null | awk '/Number of packets/ { print $NF }')
row "one small capture ($(basename "$SMALL"), ${packets:-?} packets, all outputs) vs one field pass" "<= 1.5x tshark's pass" "$RUNS" \
	'tshark_pass "$SMALL"' 'tool "$SMALL"'

if [ -d "$PCAPS" ]; then
	count=$(find "$PCAPS" -type f | wc -l)
	size=$(du -sm "$PCAPS" | cut -f1)
	find "$PCAPS" -type f -exec cat {} + >/dev/null
	row "a folder of $count captures ($size MB), 2 at a time: --jobs 2 vs xargs -P2 field passes" ">= 3x faster" "$RUNS_LONG" \
		'tshark_loop "$PCAPS"' 'tool "$PCAPS" --jobs 2'
else
	echo "| a folder of small captures | not measured: no folder $PCAPS | | | |"
fi

for name in big worst; do
	capture=$BENCH_DIR/$name.pcapng
	case $name in big) target=">= 20x faster" ;; *) target="<= 0.75x of one pass" ;; esac
	if [ -s "$capture" ]; then
		cat "$capture" >/dev/null
		row "$name.pcapng ($(awk -v b="$(stat -c %s "$capture")" 'BEGIN { printf "%.0f", b / 1e6 }') MB, run.sh) vs one field pass" "$target" "$RUNS_LONG" \
			"tshark_pass '$capture'" "tool '$capture'"
	else
		echo "| $name.pcapng | not measured: no $capture (tests/benchmark/run.sh builds it) | | | $target |"
	fi
done

if [ -s "$BENCH_DIR/pair-a.pcapng" ] && [ -s "$BENCH_DIR/pair-b.pcapng" ]; then
	row "a pair (pair-a/pair-b.pcapng) with --pair vs two field passes" ">= 10x faster" "$RUNS_LONG" \
		"tshark_passes '$BENCH_DIR/pair-a.pcapng' '$BENCH_DIR/pair-b.pcapng'" "tool '$BENCH_DIR/pair-a.pcapng' --pair '$BENCH_DIR/pair-b.pcapng'"
else
	echo "| two big captures of the same traffic with --pair | not measured: no pair-a.pcapng and pair-b.pcapng in $BENCH_DIR | | | >= 10x faster |"
fi

echo
echo "Every run, in turns (wall seconds):"
printf '  %s\n' "${NOTES[@]}"
if [ -s "$WORK/failures" ]; then
	echo
	echo "Runs of tsharkrst that exited non-zero said (first lines):"
	sed 's/^/  /' "$WORK/failures" | sort | uniq -c
fi
