/* opm-outline.h — the elements of a scenario as a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-core.h"

G_BEGIN_DECLS

#define OPM_TYPE_OUTLINE (opm_outline_get_type ())

G_DECLARE_FINAL_TYPE (OpmOutline, opm_outline, OPM, OUTLINE, GtkWidget)

GtkWidget   *opm_outline_new          (void);
OpmScenario *opm_outline_get_scenario (OpmOutline  *self);
void         opm_outline_set_scenario (OpmOutline  *self,
                                       OpmScenario *scenario);
GListModel  *opm_outline_get_model    (OpmOutline  *self);

G_END_DECLS
