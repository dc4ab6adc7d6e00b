/* opm-note.h — a sticky note on the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-node.h"

G_BEGIN_DECLS

#define OPM_TYPE_NOTE (opm_note_get_type ())

G_DECLARE_FINAL_TYPE (OpmNote, opm_note, OPM, NOTE, OpmNode)

OpmNote    *opm_note_new      (void);
const char *opm_note_get_text (OpmNote *self);

G_END_DECLS
