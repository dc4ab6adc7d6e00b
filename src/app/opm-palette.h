/* opm-palette.h — the kinds of elements to drag onto the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-core.h"

G_BEGIN_DECLS

/* Drag payloads (G_TYPE_STRING) are "opmodel-palette:team:ops-bridge",
 * "opmodel-palette:service:digital", "opmodel-palette:responsibility:build",
 * "opmodel-palette:note:": the element tag, then the nick of its kind, class
 * or activity. */
#define OPM_PALETTE_PAYLOAD_PREFIX "opmodel-palette:"

#define OPM_TYPE_PALETTE (opm_palette_get_type ())

G_DECLARE_FINAL_TYPE (OpmPalette, opm_palette, OPM, PALETTE, GtkWidget)

GtkWidget *opm_palette_new           (void);
gboolean   opm_palette_parse_payload (const char *payload,
                                      GType      *element_type,
                                      int        *value);

G_END_DECLS
