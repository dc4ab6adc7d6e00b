/* opm-raci.h — who is responsible, accountable, consulted and informed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "opm-scenario.h"
#include "opm-service.h"
#include "opm-team.h"

G_BEGIN_DECLS

typedef enum
{
  OPM_RACI_RESPONSIBLE = 1 << 0,
  OPM_RACI_ACCOUNTABLE = 1 << 1,
  OPM_RACI_CONSULTED   = 1 << 2,
  OPM_RACI_INFORMED    = 1 << 3,
} OpmRaciRole;

/* Services × teams, derived from the responsibilities: A for the team
 * holding accountable; R for one that plans, builds, deploys, operates,
 * supports, is on call or fixes problems; C for one that approves its
 * changes; I for a team responsible for a service that depends on it.
 * Teams with no role on any service are left out. */
typedef struct
{
  GPtrArray *services;   /* OpmService */
  GPtrArray *teams;      /* OpmTeam */
  guint8    *roles;      /* services->len × teams->len OpmRaciRole flags, row by row */
} OpmRaci;

OpmRaci *opm_raci_new               (OpmScenario *scenario);
void     opm_raci_free              (OpmRaci     *raci);
guint    opm_raci_get_roles         (OpmRaci     *raci,
                                     guint        service,
                                     guint        team);
guint    opm_raci_count_accountable (OpmRaci     *raci,
                                     guint        service);
char    *opm_raci_format_roles      (guint        roles);
char    *opm_raci_to_csv            (OpmRaci     *raci);
gboolean opm_raci_save_csv          (OpmRaci     *raci,
                                     GFile       *file,
                                     GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpmRaci, opm_raci_free)

G_END_DECLS
