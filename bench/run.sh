#!/usr/bin/env bash
# Benchmark of `aviso run` on generated exports: see bench/README.md.
# Usage: bench/run.sh ["SIZES"]      e.g. bench/run.sh "100000 1000000"
#        BENCH_RUNS=3 bench/run.sh ... runs each case 3 times and reports the run of median wall time
#        BENCH_VERIFY=1 bench/run.sh ... also compares each case's day folder with a single-threaded run's
# Prints one markdown table row per size and format (CSV, CSV.gz, XML) on stdout; progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${1:-100000 1000000 10000000}"
RUNS="${BENCH_RUNS:-1}"
case "$RUNS" in ''|*[!0-9]*|0) echo "bench: BENCH_RUNS must be a whole number from 1" >&2; exit 2 ;; esac
VERIFY="${BENCH_VERIFY:-0}"
case "$VERIFY" in 0|1) ;; *) echo "bench: BENCH_VERIFY must be 0 or 1" >&2; exit 2 ;; esac
DATE=2026-12-04
SEED=1
DATA=bench/.data

source bench/common.sh
bench_prepare bench

seconds_since() { # $1 = start from `date +%s.%N`
  awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }'
}

# Runs the export in `$3` again with every stage on one thread (AVISO_SINGLE_THREADED=1, untimed)
# and compares its day folder, file by file and byte for byte, with the parallel run's in `$4`.
verify_case() {
  local n=$1 variant=$2 dir=$3 parallel=$4 single day files differing status=0
  single=$(mktemp -d)
  echo "bench: aviso run single-threaded, $n charges, $variant (for the comparison)" >&2
  AVISO_SINGLE_THREADED=1 "$BIN" run --date "$DATE" --input "$dir" --out "$single" --quiet >&2 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "verify: $n $variant: the single-threaded run FAILED (exit $status)" >> "$verdicts"
    mismatches=$((mismatches + 1)); rm -rf "$single"; return
  fi
  day="$parallel/$DATE"
  files=$(find "$day" -type f | wc -l | tr -d ' ')
  if differing=$(diff -r -q "$day" "$single/$DATE" 2>&1); then
    echo "verify: $n $variant: the day folder's $files files are byte-identical to a single-threaded run's" >> "$verdicts"
  else
    echo "verify: $n $variant: DIFFERS from a single-threaded run: $(echo "$differing" | tr '\n' ';')" >> "$verdicts"
    mismatches=$((mismatches + 1))
  fi
  rm -rf "$single"
}

echo "| charges | format | input MB | wall s | input MB/s | charges/s | peak RSS MB | wc -l s (floor) | CPU s |"
echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
# Each reported run's wall and CPU seconds by size and format, for the growth lines after the table.
growth=$(mktemp)
# With BENCH_VERIFY=1, one line per case on how its day folder compared with a single-threaded run's.
verdicts=$(mktemp)
mismatches=0

for n in $SIZES; do
  customers=$(( n / 5 > 0 ? n / 5 : 1 ))
  for variant in csv csv.gz xml; do
    format=${variant%.gz}
    gzip_flag=""
    [ "$variant" = csv.gz ] && gzip_flag="--gzip"
    dir="$DATA/$n/$variant"
    key="charges=$n customers=$customers seed=$SEED format=$format $gzip_flag date=$DATE"
    # Generated exports are cached: the generator is deterministic, so the key says it all.
    if [ ! -f "$dir/.generated" ] || [ "$(cat "$dir/.generated")" != "$key" ]; then
      echo "bench: generating $n charges, $variant" >&2
      rm -rf "$dir"
      "$BIN" generate --charges "$n" --customers "$customers" --seed "$SEED" --format "$format" $gzip_flag \
        --date "$DATE" --out "$dir" >/dev/null
      rm -f "$dir/.bytes"
      echo "$key" > "$dir/.generated"
    fi
    files=("$dir"/*."$variant")

    # Input size: uncompressed bytes of all input files (cached, zcat of gigabytes takes a while).
    if [ ! -f "$dir/.bytes" ]; then
      if [ -n "$gzip_flag" ]; then cat "${files[@]}" | gzip -dc | wc -c > "$dir/.bytes"
      else cat "${files[@]}" | wc -c > "$dir/.bytes"; fi
    fi
    bytes=$(tr -d ' \n' < "$dir/.bytes")

    # The floor: just reading every line of the same files (this also warms the page cache).
    start=$(date +%s.%N)
    if [ -n "$gzip_flag" ]; then zcat "${files[@]}" | wc -l >/dev/null
    else wc -l "${files[@]}" >/dev/null; fi
    floor=$(seconds_since "$start")

    # Each run from an empty output folder and ledger; with BENCH_RUNS > 1 the row is the run of
    # median wall time (its own peak memory), as one run on a busy machine can be off by a third.
    results=$(mktemp)
    failed=""
    for run in $(seq "$RUNS"); do
      out=$(mktemp -d)
      timing=$(mktemp)
      # Read the files once more, untimed, unless the floor just did: on a machine that pages
      # out file pages idle for a minute (see bench/README.md), a second or third run of a
      # large export would otherwise read from the disk what the first read from memory.
      if [ "$run" -gt 1 ]; then cat "${files[@]}" > /dev/null; fi
      echo "bench: aviso run, $n charges, $variant (run $run of $RUNS)" >&2
      if /usr/bin/time -v -o "$timing" "$BIN" run --date "$DATE" --input "$dir" --out "$out" --quiet >&2; then
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$timing")
        rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$timing")
        # CPU seconds of both cores (user + system): unlike the wall time, no waits in them
        # (the disk, one phase waiting for another); both drift with the machine's speed.
        cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$timing")
        echo "$wall $rss $cpu" >> "$results"
      else
        failed="exit $?"
      fi
      # The first run's folder is kept for the comparison with a single-threaded run.
      if [ "$VERIFY" = 1 ] && [ "$run" = 1 ]; then parallel_out=$out; else rm -rf "$out"; fi
      rm -f "$timing"
    done
    if [ "$VERIFY" = 1 ] && [ -z "$failed" ]; then
      verify_case "$n" "$variant" "$dir" "$parallel_out"
    fi
    if [ "$VERIFY" = 1 ]; then rm -rf "$parallel_out"; fi
    if [ -n "$failed" ]; then
      echo "| $n | $variant | $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') | FAILED ($failed) | | | | $floor | |"
    else
      # The table's row on stdout; the same run's size, format, wall and CPU seconds to `growth`.
      sort -n "$results" | awk -v n="$n" -v f="$variant" -v b="$bytes" -v fl="$floor" -v growth="$growth" '
        { w[NR] = $1; r[NR] = $2; c[NR] = $3 }
        END {
          m = int((NR + 1) / 2); mb = b / 1e6; wall = w[m]; if (wall <= 0) wall = 0.01
          printf "| %d | %s | %.1f | %.2f | %.1f | %.0f | %d | %.2f | %.2f |\n", n, f, mb, wall, mb / wall, n / wall, r[m], fl, c[m]
          printf "%d %s %.2f %.2f\n", n, f, wall, c[m] >> growth
        }'
    fi
    rm -f "$results"
  done
done

# How each format's time grew from one size to the size ten times larger (issue 4 asks that
# 10M take no more than about ten times the 1M run), in wall and in CPU seconds.
lines=$(awk '
  { wall[$1 " " $2] = $3; cpu[$1 " " $2] = $4 }
  END {
    for (key in wall) {
      split(key, k, " "); big = k[1] * 10
      if ((big " " k[2]) in wall && wall[key] > 0 && cpu[key] > 0) {
        printf "%s %012d %s: %d charges took %.1f× the wall time and %.1f× the CPU time of %d\n", k[2], k[1], k[2], big, wall[big " " k[2]] / wall[key], cpu[big " " k[2]] / cpu[key], k[1]
      }
    }
  }' "$growth" | sort | cut -d' ' -f3-)
rm -f "$growth"
if [ -n "$lines" ]; then
  echo
  echo "$lines"
fi
if [ -s "$verdicts" ]; then
  echo
  cat "$verdicts"
fi
rm -f "$verdicts"
if [ "$mismatches" -gt 0 ]; then
  echo "bench: $mismatches case(s) differ from a single-threaded run" >&2
  exit 1
fi
