/* opm-responsibility.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-responsibility"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "opm-connector-private.h"
#include "opm-enum-types.h"
#include "opm-responsibility.h"

struct _OpmResponsibility
{
  OpmConnector  parent_instance;

  OpmTeam      *team;
  OpmService   *service;
  int           activity;
};

G_DEFINE_FINAL_TYPE (OpmResponsibility, opm_responsibility, OPM_TYPE_CONNECTOR)

enum {
  PROP_0,
  PROP_TEAM,
  PROP_SERVICE,
  PROP_ACTIVITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OpmPropInfo props[] = {
  { "team", N_("Team"), "The team that holds the duty", OPM_PROP_ELEMENT,
    G_STRUCT_OFFSET (OpmResponsibility, team), opm_team_get_type,
    .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED },
  { "service", N_("Service"), "The service the duty is for", OPM_PROP_ELEMENT,
    G_STRUCT_OFFSET (OpmResponsibility, service), opm_service_get_type,
    .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED },
  { "activity", N_("Activity"), "What the team does for the service", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmResponsibility, activity), opm_activity_get_type,
    .def = OPM_ACTIVITY_BUILD, .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED },
};

static OpmElement *
opm_responsibility_get_source (OpmConnector *connector)
{
  return OPM_ELEMENT (OPM_RESPONSIBILITY (connector)->team);
}

static OpmElement *
opm_responsibility_get_target (OpmConnector *connector)
{
  return OPM_ELEMENT (OPM_RESPONSIBILITY (connector)->service);
}

static void
opm_responsibility_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_responsibility_parent_class)->finalize (object);
}

static void
opm_responsibility_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_responsibility_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_responsibility_class_init (OpmResponsibilityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OpmElementClass *element_class = OPM_ELEMENT_CLASS (klass);
  OpmConnectorClass *connector_class = OPM_CONNECTOR_CLASS (klass);

  object_class->finalize = opm_responsibility_finalize;
  object_class->get_property = opm_responsibility_get_property;
  object_class->set_property = opm_responsibility_set_property;

  element_class->tag = "responsibility";
  element_class->kind_name = N_("Responsibility");

  connector_class->get_source = opm_responsibility_get_source;
  connector_class->get_target = opm_responsibility_get_target;

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_responsibility_init (OpmResponsibility *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

OpmResponsibility *
opm_responsibility_new (OpmTeam     *team,
                        OpmService  *service,
                        OpmActivity  activity)
{
  return g_object_new (OPM_TYPE_RESPONSIBILITY,
                       "team", team,
                       "service", service,
                       "activity", activity,
                       NULL);
}

OpmTeam *
opm_responsibility_get_team (OpmResponsibility *self)
{
  g_return_val_if_fail (OPM_IS_RESPONSIBILITY (self), NULL);
  return self->team;
}

OpmService *
opm_responsibility_get_service (OpmResponsibility *self)
{
  g_return_val_if_fail (OPM_IS_RESPONSIBILITY (self), NULL);
  return self->service;
}

OpmActivity
opm_responsibility_get_activity (OpmResponsibility *self)
{
  g_return_val_if_fail (OPM_IS_RESPONSIBILITY (self), 0);
  return self->activity;
}

OpmPhase
opm_responsibility_get_phase (OpmResponsibility *self)
{
  g_return_val_if_fail (OPM_IS_RESPONSIBILITY (self), 0);
  return opm_activity_get_phase (self->activity);
}
