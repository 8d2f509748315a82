#!/usr/bin/env bash
# Resource bounds: `tsharkrst analyze` on two generated captures (`trst-bench generate`), measured
# against the target "peak RSS <= 200 MB":
#   million-rsts      1,000,000 RSTs (closed-port storm, aborted downloads, an IPS's RST spray)
#   many-connections  200,000 HTTP connections, about 3 % of them reset
#
#   tests/benchmark/bounds.sh                generate the captures (kept for reruns) and measure
#   BENCH_REGENERATE=1 tests/benchmark/bounds.sh   generate them again first
#   TOOL=/opt/tsharkrst/tsharkrst tests/benchmark/bounds.sh   measure a tool already published
#
# No root needed (but to install a C toolchain for the native publish where none links). Everything goes under
# $BENCH_DIR (default /tmp/trst8-bench), nothing is committed.
# A run longer than $LIMIT_SECONDS (600) or bigger than $LIMIT_RSS_MB (6144) is killed (with its
# tshark child) and reported with what it had reached. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/trst8-bench}
LIMIT_SECONDS=${LIMIT_SECONDS:-600}
LIMIT_RSS_MB=${LIMIT_RSS_MB:-6144}
TARGET_RSS_MB=200
mkdir -p "$BENCH_DIR"
bash .ci/ensure-tshark

if [ -z "${TOOL:-}" ]; then
	echo "publishing (native, as README's install says)..." >&2
	# A fresh folder: files of an earlier publish of another kind would be mixed in.
	rm -rf "$BENCH_DIR/tool"
	bash .ci/publish "$BENCH_DIR/tool" >&2
	TOOL=$BENCH_DIR/tool/tsharkrst
fi
dotnet build tests/benchmark/tools -c Release -v quiet -nologo >/dev/null
BENCH=$REPO/tests/benchmark/tools/bin/Release/net10.0/trst-bench

seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }

# Runs tsharkrst in a process group of its own and sets RUN_SECONDS, RUN_PEAK_KB (VmHWM of the
# tsharkrst process, not of its tshark child), RUN_TSHARK_PEAK_KB (the biggest child's VmHWM),
# RUN_EXIT (or "killed: why") and RUN_CHILDREN (when tshark children ran, to tell where the time
# went). Sampled every 50 ms as run.sh's tool_run does: bash builtins only, no fork in the loop,
# waiting on an empty fifo.
tool_run() {
	local start pid peak=0 rss=0 tshark_peak=0 key value tick=$BENCH_DIR/.tick killed="" now elapsed
	local child file current="" since=0 spans=""
	[ -p "$tick" ] || mkfifo "$tick"
	exec 9<>"$tick"
	start=$EPOCHREALTIME
	setsid "$TOOL" "$@" >"$BENCH_DIR/run.log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		while read -r key value _; do
			case "$key" in
			VmHWM:) [ "$value" -gt "$peak" ] && peak=$value ;;
			VmRSS:) rss=$value; break ;;
			esac
		done <"/proc/$pid/status" 2>/dev/null || true
		now=${EPOCHREALTIME/./}
		elapsed=$(((now - ${start/./}) / 10000)) # hundredths of a second
		# The tshark child, from any thread's list of children: when each ran, and the biggest peak.
		child=""
		for file in /proc/"$pid"/task/*/children; do
			read -r child _ <"$file" 2>/dev/null || true
			[ -n "$child" ] && break
		done
		if [ "$child" != "$current" ]; then
			[ -z "$current" ] || spans+=" $since-$elapsed"
			current=$child
			since=$elapsed
		fi
		if [ -n "$child" ]; then
			while read -r key value _; do
				if [ "$key" = VmHWM: ]; then
					[ "$value" -gt "$tshark_peak" ] && tshark_peak=$value
					break
				fi
			done <"/proc/$child/status" 2>/dev/null || true
		fi
		if [ "$elapsed" -gt $((LIMIT_SECONDS * 100)) ]; then
			killed="killed after ${LIMIT_SECONDS} s (RSS then $((rss / 1024)) MB)"
		elif [ "$rss" -gt $((LIMIT_RSS_MB * 1024)) ]; then
			killed="killed at RSS $((rss / 1024)) MB (limit ${LIMIT_RSS_MB} MB)"
		fi
		if [ -n "$killed" ]; then
			kill -KILL -- "-$pid" 2>/dev/null || true
			break
		fi
		read -r -t 0.05 -u 9 _ || true
	done
	RUN_EXIT=0
	wait "$pid" || RUN_EXIT=$?
	exec 9>&-
	RUN_SECONDS=$(seconds_since "$start")
	[ -z "$current" ] || spans+=" $since-$(((${EPOCHREALTIME/./} - ${start/./}) / 10000))"
	RUN_PEAK_KB=$peak
	RUN_TSHARK_PEAK_KB=$tshark_peak
	[ -z "$killed" ] || RUN_EXIT=$killed
	RUN_CHILDREN=$(echo "$spans" | awk '{ for (i = 1; i <= NF; i++) { split($i, t, "-"); printf "%s%.1f-%.1f s", (i > 1 ? ", " : ""), t[1] / 100, t[2] / 100 } if (NF == 0) printf "none" }')
}

measure() {
	local name=$1 capture=$BENCH_DIR/$1.pcap out=$BENCH_DIR/out-$1
	if [ -n "${BENCH_REGENERATE:-}" ] || [ ! -s "$capture" ] || [ ! -s "$capture.txt" ]; then
		"$BENCH" generate "$name" "$capture" >"$capture.txt"
	fi
	rm -rf "$out"
	cat "$capture" >/dev/null # read from the page cache, as run.sh does
	local size_mb packets resets="-" result
	size_mb=$(awk -v b="$(stat -c %s "$capture")" 'BEGIN { printf "%.1f", b / 1e6 }')
	packets=$(sed -E 's/.*: ([0-9]+) packets, ([0-9]+) RSTs, ([0-9]+) connections.*/\1 packets (\2 RSTs, \3 connections)/' "$capture.txt")
	tool_run analyze "$capture" -o "$out"
	local doc=$out/$name.pcap/findings.json
	# Reset connections: those written one by one, plus those past --max-findings counted in "aggregated".
	[ -s "$doc" ] && resets=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); n=len(d["resets"]); a=(d.get("aggregated") or {}).get("resets",0); print(f"{n+a} reset connections ({n} written one by one, {a} aggregated)")' "$doc")
	if [ "$RUN_EXIT" = 0 ] && [ $((RUN_PEAK_KB / 1024)) -le "$TARGET_RSS_MB" ]; then result=met; else result=MISSED; fi
	awk -v name="$name" -v mb="$size_mb" -v packets="$packets" -v s="$RUN_SECONDS" -v rss="$RUN_PEAK_KB" \
		-v trss="$RUN_TSHARK_PEAK_KB" -v resets="$resets" -v exit_="$RUN_EXIT" -v children="$RUN_CHILDREN" \
		-v result="$result" -v target="$TARGET_RSS_MB" 'BEGIN {
		printf "%s.pcap: %.1f MB, %s\n", name, mb, packets
		printf "  tsharkrst analyze   %8.2f s  peak RSS %5.0f MB (its tshark child %.0f MB)\n", s, rss / 1024, trss / 1024
		printf "  resets found        %s\n", resets
		printf "  finished            %s\n", exit_ == "0" ? "yes, exit code 0" : (exit_ ~ /^killed/ ? "no, " exit_ : "no, exit code " exit_)
		printf "  tshark children ran %s (of the %.1f s)\n", children, s
		printf "  target peak RSS <= %d MB: %s\n", target, result
	}'
	[ "$RUN_EXIT" = 0 ] || tail -3 "$BENCH_DIR/run.log" | sed 's/^/  last output: /'
}

echo
echo "TShark: $(tshark --version 2>/dev/null | head -1); $(nproc) cores; limits ${LIMIT_SECONDS} s, ${LIMIT_RSS_MB} MB"
echo
measure many-connections
echo
measure million-rsts
