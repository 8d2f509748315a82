#!/usr/bin/env bash
# Benchmark: tsharkrst's default mode (triage pass + tshark over the reset connections only) against
# one full tshark field pass, on a capture of 300+ MB recorded in the lab and replicated.
#
#   sudo tests/benchmark/run.sh          record (namespaces trst5-*), replicate, measure
#   BENCH_REUSE=1 sudo tests/benchmark/run.sh   measure again on the captures already built
#   sudo tests/benchmark/run.sh record  only build the captures (big, worst, and the pair table.sh measures)
#
# Needs root (network namespaces) to record; everything is generated under $BENCH_DIR
# (default /tmp/trst5-bench), nothing is committed. Only documentation addresses are used.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$(pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/trst5-bench}
COPIES=${COPIES:-5}
export LAB_NS=${LAB_NS:-trst5}
mkdir -p "$BENCH_DIR"

[ "$(id -u)" = 0 ] || [ -n "${BENCH_REUSE:-}" ] || { echo "run.sh: recording needs root (sudo)" >&2; exit 1; }

echo "publishing (native, as README's install says)..." >&2
# A fresh folder: files of an earlier publish of another kind would be mixed in.
rm -rf "$BENCH_DIR/tool"
bash .ci/publish "$BENCH_DIR/tool" >&2
dotnet build tests/benchmark/tools -c Release -v quiet -nologo >/dev/null
TOOL=$BENCH_DIR/tool/tsharkrst
BENCH=$REPO/tests/benchmark/tools/bin/Release/net10.0/trst-bench

# --- recording -------------------------------------------------------------------------------
# Normal traffic: bulk HTTP downloads (1 MB), TLS 1.3 sessions, and among them resets: closed
# ports, requests the server resets, responses aborted midway.
record_normal() {
	local out=$1 rounds=${ROUNDS:-13}
	make_certs
	topo_up
	bg_ns "$NS_SERVER" bulk "$PY" "$PROGRAMS/srv.py" http --port 8080 --size 1000000
	bg_ns "$NS_SERVER" tls "$PY" "$PROGRAMS/srv.py" tls --port 8443 --cert "$PKI/server.pem" --key "$PKI/server.key"
	bg_ns "$NS_SERVER" reject "$PY" "$PROGRAMS/srv.py" rst-after-read --port 8081 --delay 0.02
	bg_ns "$NS_SERVER2" abort "$PY" "$PROGRAMS/srv.py" partial --port 8000 --size 100000 --partial 3000 --delay 0.05
	wait_listen "$NS_SERVER" 8080; wait_listen "$NS_SERVER" 8443; wait_listen "$NS_SERVER" 8081; wait_listen "$NS_SERVER2" 8000
	cap_start "$NS_CLIENT" c0 "$out"
	local round i
	for round in $(seq 1 "$rounds"); do
		for i in 1 2 3 4 5; do
			in_ns "$NS_CLIENT" curl -sS -m 20 -o /dev/null -H 'Host: files.example' "http://$SERVER_IP:8080/big/$round-$i" || true
		done
		for i in 1 2 3 4; do
			in_ns "$NS_CLIENT" "$PY" "$PROGRAMS/cli.py" tls "$SERVER_IP" 8443 --sni shop.example --cafile "$PKI/ca.pem" \
				--host-header shop.example --uri "/cart/$round-$i" 2>/dev/null || true
		done
		in_ns "$NS_CLIENT" "$PY" "$PROGRAMS/cli.py" connect "$SERVER_IP" 81 2>/dev/null || true
		in_ns "$NS_CLIENT" curl -sS -m 10 -o /dev/null -H 'Host: api.example' "http://$SERVER_IP:8081/orders/$round" 2>/dev/null || true
		in_ns "$NS_CLIENT" curl -sS -m 10 -o /dev/null -H 'Host: files.example' "http://$SERVER2_IP:8000/report/$round.csv" 2>/dev/null || true
	done
	cap_stop "$CAP_PID"
	lab_cleanup
}

# Worst case: every connection is a 1 MB transfer the server aborts with a RST.
record_worst() {
	local out=$1 i
	topo_up
	bg_ns "$NS_SERVER" abort "$PY" "$PROGRAMS/srv.py" partial --port 8000 --size 2000000 --partial 1000000 --delay 0.2
	wait_listen "$NS_SERVER" 8000
	cap_start "$NS_CLIENT" c0 "$out"
	for i in $(seq 1 "${WORST_CONNECTIONS:-60}"); do
		in_ns "$NS_CLIENT" curl -sS -m 20 -o /dev/null -H 'Host: files.example' "http://$SERVER_IP:8000/aborted/$i" 2>/dev/null || true
	done
	cap_stop "$CAP_PID"
	lab_cleanup
}

if [ -z "${BENCH_REUSE:-}" ] || [ ! -s "$BENCH_DIR/big.pcapng" ] || [ ! -s "$BENCH_DIR/worst.pcapng" ]; then
	(
		# shellcheck source=../../fixtures/lab/lib.sh
		source "$REPO/fixtures/lab/lib.sh"
		trap 'lab_cleanup; rm -rf "$LAB_TMP"' EXIT
		log "recording the normal traffic (namespaces $LAB_NS-*)"
		record_normal "$BENCH_DIR/base.pcapng"
		log "recording the worst case"
		record_worst "$BENCH_DIR/worst-base.pcapng"
	)
	"$BENCH" replicate "$BENCH_DIR/base.pcapng" "$BENCH_DIR/big.pcapng" "$COPIES" >&2
	"$BENCH" replicate "$BENCH_DIR/worst-base.pcapng" "$BENCH_DIR/worst.pcapng" "$COPIES" >&2
fi
# A pair for --pair (table.sh): the big capture, and the same packets as a second vantage point sees them, 0.4 ms later.
if [ ! -s "$BENCH_DIR/pair-b.pcapng" ]; then
	ln -f "$BENCH_DIR/big.pcapng" "$BENCH_DIR/pair-a.pcapng"
	editcap -t 0.0004 "$BENCH_DIR/big.pcapng" "$BENCH_DIR/pair-b.pcapng"
fi
[ "${1:-}" != record ] || exit 0

# --- measuring -------------------------------------------------------------------------------
FIELDS=()
while read -r field; do FIELDS+=(-e "$field"); done < <(sed 's/#.*//' tshark-fields.txt | awk 'NF')

seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }

# One tshark field pass exactly as tsharkrst --full runs it, output thrown away.
tshark_pass() {
	local start
	start=$(date +%s.%N)
	tshark -r "$1" -n -T fields -E header=y -E separator=/t -E quote=n -E occurrence=a -E aggregator=$'\x1f' \
		-o tcp.try_heuristic_first:TRUE -o http.desegment_body:FALSE "${FIELDS[@]}" >/dev/null 2>&1
	seconds_since "$start"
}

# Runs tsharkrst and prints "SECONDS PEAK_RSS_KB": VmHWM of the tsharkrst process itself (not of
# its tshark child), read from /proc every 50 ms while it runs. The sampling forks nothing (bash
# builtins only, waiting on an empty fifo): a sampler that started awk and sleep 100 times a second
# took a good part of a core from the run it measured.
tool_run() {
	local start pid peak=0 key value tick=$BENCH_DIR/.tick
	[ -p "$tick" ] || mkfifo "$tick"
	exec 9<>"$tick"
	start=$EPOCHREALTIME
	"$TOOL" "$@" >/dev/null &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		while read -r key value _; do
			if [ "$key" = VmHWM: ]; then
				[ "$value" -gt "$peak" ] && peak=$value
				break
			fi
		done <"/proc/$pid/status" 2>/dev/null || true
		read -r -t 0.05 -u 9 _ || true
	done
	wait "$pid"
	exec 9>&-
	echo "$(seconds_since "$start") $peak"
}

resets_of() { python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["resets"], sort_keys=True))' "$1"; }

measure() {
	local name=$1 capture=$BENCH_DIR/$1.pcapng
	local size_mb out=$BENCH_DIR/out-$1
	rm -rf "$out"
	size_mb=$(awk -v b="$(stat -c %s "$capture")" 'BEGIN { printf "%.1f", b / 1e6 }')
	cat "$capture" >/dev/null # both runs read it from the page cache

	# The machine's speed drifts (a shared VM: tshark alone took 13 s on one run and 20 s on the next),
	# so the two are measured in turns, three times each, and the medians compared (all runs printed).
	local tshark_s tool_s rss_kb runs=() passes=() peak=0 run_s run_kb i
	for i in 1 2 3; do
		passes+=("$(tshark_pass "$capture")")
		rm -rf "$out/default"
		read -r run_s run_kb < <(tool_run analyze "$capture" -o "$out/default")
		runs+=("$run_s")
		[ "$run_kb" -gt "$peak" ] && peak=$run_kb
	done
	tshark_s=$(printf '%s\n' "${passes[@]}" | sort -n | sed -n 2p)
	tool_s=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
	rss_kb=$peak
	"$TOOL" analyze "$capture" -o "$out/full" --full --format json >/dev/null

	local doc=$out/default/$name.pcapng/findings.json
	local packets connections resets same
	packets=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["capture"]["packets"])' "$doc")
	resets=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["resets"]))' "$doc")
	connections=$(($(wc -l <"$out/default/$name.pcapng/connections.csv") - 1))
	if [ "$(resets_of "$doc")" = "$(resets_of "$out/full/$name.pcapng/findings.json")" ]; then same=identical; else same=DIFFERENT; fi

	awk -v name="$name" -v mb="$size_mb" -v packets="$packets" -v conns="$connections" -v resets="$resets" \
		-v ts="$tshark_s" -v tool="$tool_s" -v rss="$rss_kb" -v same="$same" -v runs="${runs[*]}" -v passes="${passes[*]}" 'BEGIN {
		printf "%s.pcapng: %.1f MB, %d packets, %d connections, %d reset\n", name, mb, packets, conns, resets
		printf "  tshark field pass (tshark-fields.txt)  %7.2f s  %7.1f MB/s  (median of %s s)\n", ts, mb / ts, passes
		printf "  tsharkrst analyze (default mode)       %7.2f s  %7.1f MB/s  peak RSS %.0f MB  (median of %s s)\n", tool, mb / tool, rss / 1024, runs
		printf "  ratio                                   %.1fx faster (tsharkrst takes %.2fx the tshark pass)\n", ts / tool, tool / ts
		printf "  findings, default vs --full             %s (%d resets)\n", same, resets
	}'
}

echo
echo "TShark: $(tshark --version 2>/dev/null | head -1); $(nproc) cores"
echo "Reading speed, managed reader vs libpcap (P/Invoke), on big.pcapng:"
"$BENCH" read-speed "$BENCH_DIR/big.pcapng"
echo
measure big
echo "  targets: >= 10x faster, peak RSS <= 200 MB, identical findings"
echo
echo "Worst case, every connection carries a RST:"
measure worst
echo "  target: tsharkrst <= 1.3x the tshark pass"
