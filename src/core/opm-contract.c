/* opm-contract.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-contract"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "opm-contract-private.h"
#include "opm-enum-types.h"
#include "opm-property-private.h"

struct _OpmContract
{
  GObject  parent_instance;

  /* borrowed */
  OpmTeam *team;

  guint    priorities;
  double   response[4];
  int      hours;
  double   charge_per_deployment;
};

G_DEFINE_FINAL_TYPE (OpmContract, opm_contract, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PRIORITIES,
  PROP_RESPONSE_P1,
  PROP_RESPONSE_P2,
  PROP_RESPONSE_P3,
  PROP_RESPONSE_P4,
  PROP_HOURS,
  PROP_CHARGE_PER_DEPLOYMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MINUTES_MAX 525600.0 /* a year */

static const OpmPropInfo props[] = {
  { "priorities", N_("Priorities covered"), "Incident priorities the contract pays for",
    OPM_PROP_FLAGS, G_STRUCT_OFFSET (OpmContract, priorities), opm_priorities_get_type,
    .def = OPM_PRIORITIES_ALL, .flags = OPM_PROP_SERIAL },
  { "response-p1", N_("P1 response"), "Contracted response time for P1 incidents, minutes",
    OPM_PROP_DOUBLE, G_STRUCT_OFFSET (OpmContract, response[0]), .max = MINUTES_MAX, .def = 15,
    .flags = OPM_PROP_SERIAL },
  { "response-p2", N_("P2 response"), "Contracted response time for P2 incidents, minutes",
    OPM_PROP_DOUBLE, G_STRUCT_OFFSET (OpmContract, response[1]), .max = MINUTES_MAX, .def = 60,
    .flags = OPM_PROP_SERIAL },
  { "response-p3", N_("P3 response"), "Contracted response time for P3 incidents, minutes",
    OPM_PROP_DOUBLE, G_STRUCT_OFFSET (OpmContract, response[2]), .max = MINUTES_MAX, .def = 480,
    .flags = OPM_PROP_SERIAL },
  { "response-p4", N_("P4 response"), "Contracted response time for P4 incidents, minutes",
    OPM_PROP_DOUBLE, G_STRUCT_OFFSET (OpmContract, response[3]), .max = MINUTES_MAX, .def = 2880,
    .flags = OPM_PROP_SERIAL },
  { "hours", N_("Hours covered"), "When the supplier answers", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmContract, hours), opm_contract_hours_get_type,
    .def = OPM_CONTRACT_HOURS_WORKING_HOURS, .flags = OPM_PROP_SERIAL },
  { "charge-per-deployment", N_("Charge per deployment"), "What the supplier charges for each deployment",
    OPM_PROP_DOUBLE, G_STRUCT_OFFSET (OpmContract, charge_per_deployment), .max = 1e12,
    .flags = OPM_PROP_SERIAL },
};

static void
opm_contract_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_contract_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_contract_class_init (OpmContractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = opm_contract_get_property;
  object_class->set_property = opm_contract_set_property;

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_contract_init (OpmContract *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

OpmContract *
_opm_contract_new (OpmTeam *team)
{
  OpmContract *self = g_object_new (OPM_TYPE_CONTRACT, NULL);

  self->team = team;

  return self;
}

OpmTeam *
opm_contract_get_team (OpmContract *self)
{
  g_return_val_if_fail (OPM_IS_CONTRACT (self), NULL);
  return self->team;
}

OpmPriorities
opm_contract_get_priorities (OpmContract *self)
{
  g_return_val_if_fail (OPM_IS_CONTRACT (self), 0);
  return self->priorities;
}

/* @priority: 1 to 4 */
double
opm_contract_get_response_minutes (OpmContract *self,
                                   guint        priority)
{
  g_return_val_if_fail (OPM_IS_CONTRACT (self), 0);
  g_return_val_if_fail (priority >= 1 && priority <= 4, 0);
  return self->response[priority - 1];
}

OpmContractHours
opm_contract_get_hours (OpmContract *self)
{
  g_return_val_if_fail (OPM_IS_CONTRACT (self), 0);
  return self->hours;
}

double
opm_contract_get_charge_per_deployment (OpmContract *self)
{
  g_return_val_if_fail (OPM_IS_CONTRACT (self), 0);
  return self->charge_per_deployment;
}

gboolean
opm_contract_is_default (OpmContract *self)
{
  g_return_val_if_fail (OPM_IS_CONTRACT (self), FALSE);

  for (guint i = 1; i < N_PROPS; i++)
    if (!_opm_prop_is_default (G_OBJECT (self), properties[i]))
      return FALSE;

  return TRUE;
}
