/* opm-checker-private.h — the restore path, shared with the simulator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-checker.h"

G_BEGIN_DECLS

#define OPM_DUTY_BIT(activity) (1u << (activity))

/* One team's duties for one service: a bit set of activities. */
typedef struct
{
  OpmTeam *team;
  guint    team_index;
  guint    activities;
} OpmDuty;

/* A restore path while it is worked out: at most L1, L2, L3 and a builder. */
#define OPM_PATH_MAX 4

typedef struct
{
  OpmTeam     *teams[OPM_PATH_MAX];
  OpmActivity  duties[OPM_PATH_MAX];
  guint        len;
  int          fixer;
  guint        handoffs;
} OpmPathSteps;

void _opm_restore_path_compute (const OpmDuty *duties,
                                guint          n_duties,
                                OpmPathSteps  *path);

void _opm_check_set_split (gboolean allowed);

G_END_DECLS
