/* opm-inspector.h — the attributes of the selection, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-core.h"

G_BEGIN_DECLS

#define OPM_TYPE_INSPECTOR (opm_inspector_get_type ())

G_DECLARE_FINAL_TYPE (OpmInspector, opm_inspector, OPM, INSPECTOR, GtkWidget)

GtkWidget   *opm_inspector_new           (void);
OpmDocument *opm_inspector_get_document  (OpmInspector *self);
void         opm_inspector_set_document  (OpmInspector *self,
                                          OpmDocument  *document);
OpmScenario *opm_inspector_get_scenario  (OpmInspector *self);
void         opm_inspector_set_scenario  (OpmInspector *self,
                                          OpmScenario  *scenario);
void         opm_inspector_set_selection (OpmInspector *self,
                                          GPtrArray    *elements);
void         opm_inspector_reveal_simulation_parameters (OpmInspector *self);

G_END_DECLS
