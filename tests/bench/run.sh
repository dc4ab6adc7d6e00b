#!/bin/sh
# run.sh — the `bench` target: load/save figures, then canvas frames and
# export under a 1920×1080 Xvfb (GTK_A11Y=none, GSK_RENDERER=cairo).
#
#   run.sh LOADSAVE-BENCHMARK RENDER-BENCHMARK [ARGS…]
#   run.sh --render-only RENDER-BENCHMARK [ARGS…]
set -eu

if [ "$1" = "--render-only" ]; then
  shift
else
  "$1"
  echo
  shift
fi

render=$1
shift

export GTK_A11Y=none GSK_RENDERER=cairo NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory

if command -v xvfb-run >/dev/null 2>&1; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$render" "$@"
elif [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$render" "$@"
else
  echo "rendering figures skipped: no xvfb-run and no display (apt-get install xvfb)" >&2
  exit 77
fi
