/* opm-window.h — a window showing one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "opm-application.h"
#include "opm-canvas.h"
#include "opm-core.h"
#include "opm-draft.h"

G_BEGIN_DECLS

#define OPM_TYPE_WINDOW (opm_window_get_type ())

G_DECLARE_FINAL_TYPE (OpmWindow, opm_window, OPM, WINDOW, AdwApplicationWindow)

OpmWindow   *opm_window_new                (OpmApplication *application);
OpmDocument *opm_window_get_document       (OpmWindow      *self);
GFile       *opm_window_get_file           (OpmWindow      *self);
void         opm_window_set_document       (OpmWindow      *self,
                                            OpmDocument    *document,
                                            GFile          *file);
void         opm_window_open_file          (OpmWindow      *self,
                                            GFile          *file);
void         opm_window_restore_draft      (OpmWindow      *self,
                                            OpmDraft       *draft);
gboolean     opm_window_is_pristine        (OpmWindow      *self);
gboolean     opm_window_get_modified       (OpmWindow      *self);
OpmDraft    *opm_window_get_draft          (OpmWindow      *self);
gboolean     opm_window_get_changed_on_disk (OpmWindow     *self);
OpmCanvas   *opm_window_get_canvas         (OpmWindow      *self);
OpmScenario *opm_window_get_scenario       (OpmWindow      *self);
void         opm_window_set_scenario       (OpmWindow      *self,
                                            OpmScenario    *scenario);
const char  *opm_window_get_last_error     (OpmWindow      *self);
void         opm_window_export             (OpmWindow      *self,
                                            GFile          *file,
                                            OpmExportFormat format,
                                            gboolean        visible_area,
                                            double          scale,
                                            GCancellable   *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer        user_data);
gboolean     opm_window_export_finish      (OpmWindow      *self,
                                            GAsyncResult   *result,
                                            GError        **error);

G_END_DECLS
