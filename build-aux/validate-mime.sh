#!/bin/sh
# validate-mime.sh MIME.xml WORKDIR — check a shared-mime-info package
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The XML must be well-formed, and update-mime-database must take it without a
# word and then know the type by its glob and by its root element.
set -eu

xml=$1
work=$2

rm -rf "$work"
mkdir -p "$work/mime/packages"
cp "$xml" "$work/mime/packages/"

xmllint --noout "$xml"

if ! command -v update-mime-database >/dev/null 2>&1; then
  echo "update-mime-database is not installed; only well-formedness was checked"
  exit 0
fi

messages=$(XDG_DATA_HOME="$work" update-mime-database "$work/mime" 2>&1)
if [ -n "$messages" ]; then
  echo "$messages"
  exit 1
fi

grep -q 'application/x-opmodel+xml:\*\.opmodel' "$work/mime/globs2" || {
  echo "the glob *.opmodel is not registered"
  exit 1
}
grep -q 'opmodel' "$work/mime/XMLnamespaces" || {
  echo "the root element <opmodel> is not registered"
  exit 1
}
echo "ok"
