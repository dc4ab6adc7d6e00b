#!/bin/sh
# dia-compare.sh — SVG export of the same 10,000-box, 20,000-connector
# diagram by Debian's Dia 0.97 (headless) and by opmodel-cli, side by side:
# median wall time and peak memory (max RSS) from /usr/bin/time -v.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   dia-compare.sh [OPMODEL-CLI]        (or: ninja -C BUILD bench-dia)
#
# The model is the benchmark's (opmodel-benchmark-render): generated with
# TEAMS teams and SERVICES services, seed 42. opmodel-to-dia.py writes the
# same boxes (with their names) and connectors as uncompressed Dia XML.
# Installs dia (and time) with apt-get when missing. RUNS runs each (3).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cli=${1:-$here/../../build/src/cli/opmodel-cli}
teams=${TEAMS:-6384}
services=${SERVICES:-3616}
runs=${RUNS:-3}

if [ ! -x "$cli" ]; then
  echo "dia-compare.sh: no opmodel-cli at $cli (build first, or pass its path)" >&2
  exit 1
fi

install_missing () {
  missing=""
  command -v dia >/dev/null 2>&1 || missing="$missing dia"
  [ -x /usr/bin/time ] || missing="$missing time"
  command -v python3 >/dev/null 2>&1 || missing="$missing python3"
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "dia-compare.sh: please install$missing (apt-get install$missing)" >&2
    exit 1
  fi
  echo "installing$missing …" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y $missing >/dev/null 2>&1 ||
    { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y $missing >/dev/null; }
}
install_missing

work=$(mktemp -d /tmp/dia-compare-XXXXXX)
trap 'rm -rf "$work"' EXIT

"$cli" generate --teams "$teams" --services "$services" --seed 42 -o "$work/model.opmodel"
python3 "$here/opmodel-to-dia.py" "$work/model.opmodel" "$work/box.dia" 2>"$work/counts"
python3 "$here/opmodel-to-dia.py" "$work/model.opmodel" "$work/flowchart.dia" --flowchart 2>/dev/null

# measure NAME OUTPUT COMMAND… : median wall seconds and median max RSS over $runs
measure () {
  name=$1
  output=$2
  shift 2
  : >"$work/times"
  i=0
  while [ "$i" -lt "$runs" ]; do
    rm -f "$output"
    if ! /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/log" 2>&1; then
      echo "dia-compare.sh: $name failed:" >&2
      tail -5 "$work/log" >&2
      exit 1
    fi
    if [ ! -s "$output" ]; then
      echo "dia-compare.sh: $name wrote no $output" >&2
      tail -5 "$work/log" >&2
      exit 1
    fi
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split ($2, t, ":"); s = 0;
                                             for (k = 1; k <= n; k++) s = s * 60 + t[k]; wall = s }
                /Maximum resident set size/ { rss = $2 }
                END { printf "%.2f %.0f\n", wall, rss / 1024 }' "$work/time.txt" >>"$work/times"
    i=$((i + 1))
  done
  size=$(du -k "$output" | cut -f1)
  wall=$(cut -d' ' -f1 "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int ((NR + 1) / 2)] }')
  rss=$(cut -d' ' -f2 "$work/times" | sort -n | awk '{ v[NR] = $1 } END { print v[int ((NR + 1) / 2)] }')
  printf "%-46s %8.2f s %8d MiB %9.1f MiB\n" "$name" "$wall" "$rss" "$(echo "$size" | awk '{ print $1 / 1024 }')"
}

echo "Opmodel and Dia: SVG export of the same diagram ($(cat "$work/counts"); $teams teams, $services services)"
echo "medians of $runs runs; $(dia --version 2>&1 | head -1); $(nproc) cores"
echo
printf "%-46s %10s %12s %13s\n" "exporter" "wall" "max RSS" "output"
printf "%-46s %10s %12s %13s\n" "--------" "----" "-------" "------"
measure "dia -n -t cairo-svg (Standard - Box + Text)" "$work/box.svg" \
  dia -n -e "$work/box.svg" -t cairo-svg "$work/box.dia"
measure "dia -n -t cairo-svg (Flowchart - Box)" "$work/flowchart.svg" \
  dia -n -e "$work/flowchart.svg" -t cairo-svg "$work/flowchart.dia"
measure "opmodel-cli export -o out.svg" "$work/out.svg" \
  "$cli" export "$work/model.opmodel" -o "$work/out.svg"
measure "opmodel-cli export -o out.pdf" "$work/out.pdf" \
  "$cli" export "$work/model.opmodel" -o "$work/out.pdf"
