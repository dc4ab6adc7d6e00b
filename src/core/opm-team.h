/* opm-team.h — a team of people with duties for services
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-contract.h"
#include "opm-enums.h"
#include "opm-node.h"

G_BEGIN_DECLS

#define OPM_TYPE_TEAM (opm_team_get_type ())

G_DECLARE_FINAL_TYPE (OpmTeam, opm_team, OPM, TEAM, OpmNode)

OpmTeam       *opm_team_new                (void);
const char    *opm_team_get_name           (OpmTeam *self);
OpmTeamKind    opm_team_get_kind           (OpmTeam *self);
OpmLifecycle   opm_team_get_lifecycle      (OpmTeam *self);
const char    *opm_team_get_end_date       (OpmTeam *self);
OpmSourcing    opm_team_get_sourcing       (OpmTeam *self);
int            opm_team_get_size           (OpmTeam *self);
OpmOutOfHours  opm_team_get_out_of_hours   (OpmTeam *self);
int            opm_team_get_rota_size      (OpmTeam *self);
OpmOnCallPay   opm_team_get_on_call_pay    (OpmTeam *self);
OpmRights      opm_team_get_rights         (OpmTeam *self);
OpmWeekdays    opm_team_get_work_days      (OpmTeam *self);
int            opm_team_get_work_start     (OpmTeam *self);
int            opm_team_get_work_end       (OpmTeam *self);
OpmContract   *opm_team_get_contract       (OpmTeam *self);
gboolean       opm_team_is_operations      (OpmTeam *self);

G_END_DECLS
