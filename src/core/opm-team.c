/* opm-team.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-team"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-contract-private.h"
#include "opm-enum-types.h"
#include "opm-error.h"
#include "opm-node-private.h"
#include "opm-team.h"

struct _OpmTeam
{
  OpmNode      parent_instance;

  char        *name;
  int          kind;
  int          lifecycle;
  char        *end_date;
  int          sourcing;
  int          size;
  int          out_of_hours;
  int          rota_size;
  int          on_call_pay;
  guint        rights;
  guint        work_days;
  int          work_start;
  int          work_end;

  /* owned */
  OpmContract *contract;
};

G_DEFINE_FINAL_TYPE (OpmTeam, opm_team, OPM_TYPE_NODE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_KIND,
  PROP_LIFECYCLE,
  PROP_END_DATE,
  PROP_SOURCING,
  PROP_SIZE,
  PROP_OUT_OF_HOURS,
  PROP_ROTA_SIZE,
  PROP_ON_CALL_PAY,
  PROP_RIGHTS,
  PROP_WORK_DAYS,
  PROP_WORK_START,
  PROP_WORK_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
check_date (const char  *value,
            GError     **error)
{
  guint y, m, d;
  char tail;

  if (value[0] == '\0')
    return TRUE;

  if (strlen (value) == 10 && value[4] == '-' && value[7] == '-')
    {
      gboolean digits = TRUE;

      for (guint i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
          digits = FALSE;

      if (digits && sscanf (value, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 &&
          y >= 1 && g_date_valid_dmy (d, m, y))
        return TRUE;
    }

  g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
               "a date is written YYYY-MM-DD, not “%.20s”", value);
  return FALSE;
}

static const OpmPropInfo props[] = {
  { "name", N_("Name"), "What the organisation calls the team", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmTeam, name), .flags = OPM_PROP_SERIAL | OPM_PROP_LINE, .max_length = 1024 },
  { "kind", N_("Kind"), "What the team is for", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmTeam, kind), opm_team_kind_get_type, .def = OPM_TEAM_KIND_PRODUCT,
    .flags = OPM_PROP_SERIAL },
  { "lifecycle", N_("Lifecycle"), "Long-lived, or a project team with an end date", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmTeam, lifecycle), opm_lifecycle_get_type, .def = OPM_LIFECYCLE_LONG_LIVED,
    .flags = OPM_PROP_SERIAL },
  { "end-date", N_("End date"), "When a project team is disbanded (YYYY-MM-DD)", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmTeam, end_date), .check = check_date, .flags = OPM_PROP_SERIAL | OPM_PROP_LINE },
  { "sourcing", N_("Sourcing"), "In-house, or outsourced under a contract", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmTeam, sourcing), opm_sourcing_get_type, .def = OPM_SOURCING_IN_HOUSE,
    .flags = OPM_PROP_SERIAL },
  { "size", N_("Size"), "People in the team", OPM_PROP_INT,
    G_STRUCT_OFFSET (OpmTeam, size), .min = 0, .max = 100000, .def = 7, .flags = OPM_PROP_SERIAL },
  { "out-of-hours", N_("Out-of-hours cover"), "How the team answers outside working hours", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmTeam, out_of_hours), opm_out_of_hours_get_type, .def = OPM_OUT_OF_HOURS_NONE,
    .flags = OPM_PROP_SERIAL },
  { "rota-size", N_("People on the rota"), "People who share the on-call rota", OPM_PROP_INT,
    G_STRUCT_OFFSET (OpmTeam, rota_size), .min = 0, .max = 100000, .def = 0, .flags = OPM_PROP_SERIAL },
  { "on-call-pay", N_("On-call pay"), "How people on call are paid", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmTeam, on_call_pay), opm_on_call_pay_get_type, .def = OPM_ON_CALL_PAY_NONE,
    .flags = OPM_PROP_SERIAL },
  { "rights", N_("Rights"), "What the team may change or see in production", OPM_PROP_FLAGS,
    G_STRUCT_OFFSET (OpmTeam, rights), opm_rights_get_type, .def = 0, .flags = OPM_PROP_SERIAL },
  { "work-days", N_("Working days"), "Days the team works", OPM_PROP_FLAGS,
    G_STRUCT_OFFSET (OpmTeam, work_days), opm_weekdays_get_type, .def = OPM_WEEKDAYS_WORKING_WEEK,
    .flags = OPM_PROP_SERIAL },
  { "work-start", N_("Working day starts"), "Minutes after midnight", OPM_PROP_INT,
    G_STRUCT_OFFSET (OpmTeam, work_start), .min = 0, .max = 1440, .def = 540, .flags = OPM_PROP_SERIAL },
  { "work-end", N_("Working day ends"), "Minutes after midnight", OPM_PROP_INT,
    G_STRUCT_OFFSET (OpmTeam, work_end), .min = 0, .max = 1440, .def = 1020, .flags = OPM_PROP_SERIAL },
};

static void
opm_team_finalize (GObject *object)
{
  OpmTeam *self = OPM_TEAM (object);

  _opm_props_finalize (object, props, G_N_ELEMENTS (props));
  g_clear_object (&self->contract);

  G_OBJECT_CLASS (opm_team_parent_class)->finalize (object);
}

static void
opm_team_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_team_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_team_class_init (OpmTeamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OpmElementClass *element_class = OPM_ELEMENT_CLASS (klass);

  object_class->finalize = opm_team_finalize;
  object_class->get_property = opm_team_get_property;
  object_class->set_property = opm_team_set_property;

  element_class->tag = "team";
  element_class->kind_name = N_("Team");

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_team_init (OpmTeam *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
  self->contract = _opm_contract_new (self);
}

OpmTeam *
opm_team_new (void)
{
  return g_object_new (OPM_TYPE_TEAM, NULL);
}

const char *
opm_team_get_name (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), NULL);
  return self->name;
}

OpmTeamKind
opm_team_get_kind (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->kind;
}

OpmLifecycle
opm_team_get_lifecycle (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->lifecycle;
}

const char *
opm_team_get_end_date (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), NULL);
  return self->end_date;
}

OpmSourcing
opm_team_get_sourcing (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->sourcing;
}

int
opm_team_get_size (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->size;
}

OpmOutOfHours
opm_team_get_out_of_hours (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->out_of_hours;
}

int
opm_team_get_rota_size (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->rota_size;
}

OpmOnCallPay
opm_team_get_on_call_pay (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->on_call_pay;
}

OpmRights
opm_team_get_rights (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->rights;
}

OpmWeekdays
opm_team_get_work_days (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->work_days;
}

int
opm_team_get_work_start (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->work_start;
}

int
opm_team_get_work_end (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), 0);
  return self->work_end;
}

/**
 * opm_team_get_contract:
 *
 * Returns: (transfer none): the team's contract; it applies while the team
 *   is outsourced and is kept while it is not
 */
OpmContract *
opm_team_get_contract (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), NULL);
  return self->contract;
}

/* Whether the team is one of the operations functions of Ops Run It. */
gboolean
opm_team_is_operations (OpmTeam *self)
{
  g_return_val_if_fail (OPM_IS_TEAM (self), FALSE);

  switch ((OpmTeamKind) self->kind)
    {
    case OPM_TEAM_KIND_OPS_BRIDGE:
    case OPM_TEAM_KIND_SERVICE_DESK:
    case OPM_TEAM_KIND_APP_SUPPORT:
    case OPM_TEAM_KIND_INCIDENT_MANAGEMENT:
    case OPM_TEAM_KIND_CHANGE_MANAGEMENT:
      return TRUE;
    case OPM_TEAM_KIND_PRODUCT:
    case OPM_TEAM_KIND_PROJECT_DELIVERY:
    case OPM_TEAM_KIND_PLATFORM:
    case OPM_TEAM_KIND_SRE:
    case OPM_TEAM_KIND_SPECIALIST:
    default:
      return FALSE;
    }
}
