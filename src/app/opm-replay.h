/* opm-replay.h — one simulated incident, step by step, on the diagram
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "opm-canvas.h"
#include "opm-core.h"

G_BEGIN_DECLS

#define OPM_TYPE_REPLAY (opm_replay_get_type ())

G_DECLARE_FINAL_TYPE (OpmReplay, opm_replay, OPM, REPLAY, GtkWidget)

GtkWidget         *opm_replay_new             (void);
void               opm_replay_set_simulation  (OpmReplay     *self,
                                               OpmSimulation *simulation,
                                               OpmSimResult  *result);
void               opm_replay_set_canvas      (OpmReplay     *self,
                                               OpmCanvas     *canvas);
void               opm_replay_set_active      (OpmReplay     *self,
                                               gboolean       active);
const OpmSimTrace *opm_replay_get_trace       (OpmReplay     *self);
guint              opm_replay_get_position    (OpmReplay     *self);
void               opm_replay_set_position    (OpmReplay     *self,
                                               guint          position);
guint              opm_replay_get_n_positions (OpmReplay     *self);
double             opm_replay_get_quantile    (OpmReplay     *self);
void               opm_replay_set_quantile    (OpmReplay     *self,
                                               double         quantile);
gboolean           opm_replay_get_playing     (OpmReplay     *self);
void               opm_replay_set_playing     (OpmReplay     *self,
                                               gboolean       playing);
void               opm_replay_step            (OpmReplay     *self,
                                               int            delta);

G_END_DECLS
