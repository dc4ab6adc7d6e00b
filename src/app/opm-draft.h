/* opm-draft.h — an autosaved copy of a document with unsaved changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "opm-core.h"

G_BEGIN_DECLS

/* What a file on disk looked like when it was loaded or saved. */
typedef struct
{
  gboolean exists;
  guint64  inode;
  goffset  size;
  gint64   mtime_usec;
} OpmFileStamp;

void         _opm_file_stamp_query     (GFile              *file,
                                        OpmFileStamp       *stamp);
gboolean     _opm_file_stamp_equal     (const OpmFileStamp *a,
                                        const OpmFileStamp *b);

#define OPM_TYPE_DRAFT (opm_draft_get_type ())

G_DECLARE_FINAL_TYPE (OpmDraft, opm_draft, OPM, DRAFT, GObject)

char        *opm_draft_get_folder      (void);
GPtrArray   *opm_draft_list            (void);
OpmDraft    *opm_draft_new             (void);
const char  *opm_draft_get_id          (OpmDraft           *self);
const char  *opm_draft_get_path        (OpmDraft           *self);
GFile       *opm_draft_get_file        (OpmDraft           *self);
void         opm_draft_set_file        (OpmDraft           *self,
                                        GFile              *file,
                                        const OpmFileStamp *stamp);
void         opm_draft_get_stamp       (OpmDraft           *self,
                                        OpmFileStamp       *stamp);
const char  *opm_draft_get_title       (OpmDraft           *self);
void         opm_draft_set_title       (OpmDraft           *self,
                                        const char         *title);
GDateTime   *opm_draft_get_written     (OpmDraft           *self);
gboolean     opm_draft_claim           (OpmDraft           *self);
gboolean     opm_draft_exists          (OpmDraft           *self);
gboolean     opm_draft_is_writing      (OpmDraft           *self);
void         opm_draft_write           (OpmDraft           *self,
                                        GBytes             *contents);
void         opm_draft_discard         (OpmDraft           *self);

G_END_DECLS
