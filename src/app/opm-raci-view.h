/* opm-raci-view.h — the RACI table of a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-core.h"

G_BEGIN_DECLS

#define OPM_RACI_VIEW_MAX_CELLS 20000

GtkWidget *opm_raci_view_new   (OpmRaci     *raci);
GtkWindow *opm_raci_window_new (GtkWindow   *parent,
                                OpmScenario *scenario);

G_END_DECLS
