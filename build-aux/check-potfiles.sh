#!/bin/sh
# check-potfiles.sh SOURCE_ROOT — every file with translatable text is in
# po/POTFILES.in, and every file listed there exists
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

cd "$1"
status=0

for file in $(grep -l -E '(^|[^A-Za-z_])(N_|_|C_|ngettext)[[:space:]]*\(' src/*/*.c) \
            $(grep -l 'translatable="yes"' ui/*.ui data/*.in 2>/dev/null); do
  if ! grep -qx "$file" po/POTFILES.in; then
    echo "$file has translatable text but is not in po/POTFILES.in"
    status=1
  fi
done

for file in $(grep -v '^#' po/POTFILES.in | grep -v '^$'); do
  if [ ! -e "$file" ]; then
    echo "po/POTFILES.in lists $file, which does not exist"
    status=1
  fi
done

exit $status
