#!/bin/sh
# test-install.sh BUILDDIR WORKDIR — meson install into a staging folder works
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build=$1
work=$2

rm -rf "$work"
meson install -C "$build" --destdir "$work" --no-rebuild --quiet >/dev/null

missing=0
for f in bin/opmodel bin/opmodel-cli \
         share/applications/io.github.opmodel.Opmodel.desktop \
         share/metainfo/io.github.opmodel.Opmodel.metainfo.xml \
         share/glib-2.0/schemas/io.github.opmodel.Opmodel.gschema.xml \
         share/mime/packages/io.github.opmodel.Opmodel.xml \
         share/thumbnailers/io.github.opmodel.Opmodel.thumbnailer \
         share/icons/hicolor/scalable/apps/io.github.opmodel.Opmodel.svg \
         share/icons/hicolor/symbolic/apps/io.github.opmodel.Opmodel-symbolic.svg \
         share/icons/hicolor/scalable/mimetypes/application-x-opmodel+xml.svg \
         share/opmodel/opmodel.rng \
         share/opmodel/examples/telco.opmodel \
         share/opmodel/examples/ecommerce.opmodel; do
  if [ -z "$(find "$work" -path "*/$f" -print -quit)" ]; then
    echo "not installed: $f"
    missing=1
  fi
done

# the installed command line tool works on an installed example
cli=$(find "$work" -path '*/bin/opmodel-cli' -print -quit)
example=$(find "$work" -path '*/share/opmodel/examples/telco.opmodel' -print -quit)
"$cli" validate "$example" >/dev/null

rm -rf "$work"
exit $missing
