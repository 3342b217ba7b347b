#!/usr/bin/env bash
# A reference point for the benchmark: DuckDB doing part of aviso's job on the same CSV export,
# alternated with `aviso run` on it. See bench/README.md ("A reference point").
# Usage: bench/reference.sh [CHARGES] [ROUNDS]   e.g. bench/reference.sh 10000000 2
# Needs the export bench/run.sh generates for CHARGES (bench/.data/CHARGES/csv), python3 and the
# duckdb package (installed with pip when missing). Prints a markdown table on stdout.
set -euo pipefail
cd "$(dirname "$0")/.."

CHARGES="${1:-10000000}"
ROUNDS="${2:-2}"
case "$CHARGES$ROUNDS" in *[!0-9]*) echo "reference: CHARGES and ROUNDS must be whole numbers" >&2; exit 2 ;; esac
DATE=2026-12-04
DIR="bench/.data/$CHARGES/csv"

if [ ! -f "$DIR/charges.csv" ] || [ ! -f "$DIR/customers.csv" ]; then
  echo "reference: no CSV export of $CHARGES charges in $DIR; run bench/run.sh \"$CHARGES\" first" >&2
  exit 2
fi
if ! python3 -c "import duckdb" 2>/dev/null; then
  echo "reference: installing duckdb with pip" >&2
  python3 -m pip install -q duckdb >&2
fi
source bench/common.sh
bench_prepare reference

# The query: the charges joined to their customers on the customer id, those due in December
# 2026 and still pending or overdue counted and their values summed. Every field is read as text
# and converted where used, as the export's text cannot be trusted to match a declared type.
QUERY_SCRIPT=$(mktemp)
trap 'rm -f "$QUERY_SCRIPT"' EXIT
cat > "$QUERY_SCRIPT" <<'PY'
import sys
import duckdb

folder = sys.argv[1]
connection = duckdb.connect()
connection.execute("SET threads = 2")
count, total = connection.execute(f"""
    SELECT count(*), sum(TRY_CAST(c.value AS DECIMAL(18, 2)))
    FROM read_csv('{folder}/charges.csv', all_varchar = true, header = true) AS c
    JOIN read_csv('{folder}/customers.csv', all_varchar = true, header = true) AS u ON c.customer = u.id
    WHERE TRY_CAST(c.dueDate AS DATE) BETWEEN DATE '2026-12-01' AND DATE '2026-12-31'
      AND c.status IN ('PENDING', 'OVERDUE')
""").fetchone()
print(f"duckdb: {count} charges due in December 2026, pending or overdue, R$ {total}", file=sys.stderr)
PY

# Sizes from the file system: reading 2.6 GB to count its bytes would cost as much as a run.
bytes=$(( $(stat -c %s "$DIR/charges.csv") + $(stat -c %s "$DIR/customers.csv") ))

# Reads the export's files (so that the program reads them from memory), runs the command given
# (its own output on stderr) under GNU time and prints its table row, labelled `$1` for round `$2`.
measure_row() {
  local label=$1 round=$2 timing
  shift 2
  cat "$DIR"/*.csv > /dev/null
  timing=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$timing" "$@" >&2
  awk -v label="$label" -v round="$round" -v b="$bytes" \
    '{ printf "| %d | %s | %.2f | %.2f | %.0f | %.0f |\n", round, label, $1, $2 + $3, $4 / 1024, b / 1e6 / ($1 > 0 ? $1 : 0.01) }' "$timing"
  rm -f "$timing"
}

echo "| round | program | wall s | CPU s | peak RSS MB | charges+customers MB/s |"
echo "| ---: | --- | ---: | ---: | ---: | ---: |"
for round in $(seq "$ROUNDS"); do
  measure_row "duckdb join, filter, sum" "$round" python3 "$QUERY_SCRIPT" "$DIR"
  out=$(mktemp -d)
  measure_row "aviso run" "$round" "$BIN" run --date "$DATE" --input "$DIR" --out "$out" --quiet
  rm -rf "$out"
done
