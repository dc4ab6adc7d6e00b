/* opm-responsibility.h — a team's duty for a service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-connector.h"
#include "opm-enums.h"
#include "opm-service.h"
#include "opm-team.h"

G_BEGIN_DECLS

#define OPM_TYPE_RESPONSIBILITY (opm_responsibility_get_type ())

G_DECLARE_FINAL_TYPE (OpmResponsibility, opm_responsibility, OPM, RESPONSIBILITY, OpmConnector)

OpmResponsibility *opm_responsibility_new          (OpmTeam           *team,
                                                    OpmService        *service,
                                                    OpmActivity        activity);
OpmTeam           *opm_responsibility_get_team     (OpmResponsibility *self);
OpmService        *opm_responsibility_get_service  (OpmResponsibility *self);
OpmActivity        opm_responsibility_get_activity (OpmResponsibility *self);
OpmPhase           opm_responsibility_get_phase    (OpmResponsibility *self);

G_END_DECLS
