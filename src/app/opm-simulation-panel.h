/* opm-simulation-panel.h — the incident simulator in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-canvas.h"
#include "opm-comparison.h"
#include "opm-core.h"
#include "opm-replay.h"

G_BEGIN_DECLS

/* How the last run ended. */
typedef enum
{
  OPM_SIMULATION_STATUS_NONE,
  OPM_SIMULATION_STATUS_RUNNING,
  OPM_SIMULATION_STATUS_DONE,
  OPM_SIMULATION_STATUS_CANCELLED,
  OPM_SIMULATION_STATUS_FAILED,
} OpmSimulationStatus;

#define OPM_TYPE_SIMULATION_PANEL (opm_simulation_panel_get_type ())

G_DECLARE_FINAL_TYPE (OpmSimulationPanel, opm_simulation_panel, OPM, SIMULATION_PANEL, GtkWidget)

GtkWidget           *opm_simulation_panel_new            (void);
void                 opm_simulation_panel_set_document   (OpmSimulationPanel  *self,
                                                          OpmDocument         *document);
void                 opm_simulation_panel_set_scenario   (OpmSimulationPanel  *self,
                                                          OpmScenario         *scenario);
void                 opm_simulation_panel_set_canvas     (OpmSimulationPanel  *self,
                                                          OpmCanvas           *canvas);
void                 opm_simulation_panel_set_service    (OpmSimulationPanel  *self,
                                                          OpmService          *service);
gboolean             opm_simulation_panel_get_options    (OpmSimulationPanel  *self,
                                                          OpmScenario         *scenario,
                                                          OpmSimOptions       *options,
                                                          GError             **error);
void                 opm_simulation_panel_run            (OpmSimulationPanel  *self);
void                 opm_simulation_panel_compare        (OpmSimulationPanel  *self);
void                 opm_simulation_panel_cancel         (OpmSimulationPanel  *self);
OpmSimulationStatus  opm_simulation_panel_get_status     (OpmSimulationPanel  *self);
gboolean             opm_simulation_panel_get_stale      (OpmSimulationPanel  *self);
OpmSimResult        *opm_simulation_panel_get_result     (OpmSimulationPanel  *self);
const char          *opm_simulation_panel_get_view       (OpmSimulationPanel  *self);
void                 opm_simulation_panel_set_view       (OpmSimulationPanel  *self,
                                                          const char          *view);
OpmReplay           *opm_simulation_panel_get_replay     (OpmSimulationPanel  *self);
OpmComparison       *opm_simulation_panel_get_comparison (OpmSimulationPanel  *self);

G_END_DECLS
