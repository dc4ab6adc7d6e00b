/* opm-dependency.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-dependency"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "opm-connector-private.h"
#include "opm-dependency.h"
#include "opm-enum-types.h"

struct _OpmDependency
{
  OpmConnector  parent_instance;

  OpmService   *from;
  OpmService   *to;
  int           mode;
  int           softening;
};

G_DEFINE_FINAL_TYPE (OpmDependency, opm_dependency, OPM_TYPE_CONNECTOR)

enum {
  PROP_0,
  PROP_FROM,
  PROP_TO,
  PROP_MODE,
  PROP_SOFTENING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OpmPropInfo props[] = {
  { "from", N_("From"), "The service that relies on the other", OPM_PROP_ELEMENT,
    G_STRUCT_OFFSET (OpmDependency, from), opm_service_get_type,
    .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED },
  { "to", N_("To"), "The service relied on", OPM_PROP_ELEMENT,
    G_STRUCT_OFFSET (OpmDependency, to), opm_service_get_type,
    .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED },
  { "mode", N_("Mode"), "Synchronous calls or asynchronous messages", OPM_PROP_ENUM,
    G_STRUCT_OFFSET (OpmDependency, mode), opm_dependency_mode_get_type,
    .def = OPM_DEPENDENCY_MODE_SYNCHRONOUS, .flags = OPM_PROP_SERIAL },
  { "softening", N_("Softened by"), "What limits the impact of a failure of the service relied on",
    OPM_PROP_ENUM, G_STRUCT_OFFSET (OpmDependency, softening), opm_softening_get_type,
    .def = OPM_SOFTENING_NONE, .flags = OPM_PROP_SERIAL },
};

static OpmElement *
opm_dependency_get_source (OpmConnector *connector)
{
  return OPM_ELEMENT (OPM_DEPENDENCY (connector)->from);
}

static OpmElement *
opm_dependency_get_target (OpmConnector *connector)
{
  return OPM_ELEMENT (OPM_DEPENDENCY (connector)->to);
}

static void
opm_dependency_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_dependency_parent_class)->finalize (object);
}

static void
opm_dependency_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_dependency_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_dependency_class_init (OpmDependencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OpmElementClass *element_class = OPM_ELEMENT_CLASS (klass);
  OpmConnectorClass *connector_class = OPM_CONNECTOR_CLASS (klass);

  object_class->finalize = opm_dependency_finalize;
  object_class->get_property = opm_dependency_get_property;
  object_class->set_property = opm_dependency_set_property;

  element_class->tag = "dependency";
  element_class->kind_name = N_("Dependency");

  connector_class->get_source = opm_dependency_get_source;
  connector_class->get_target = opm_dependency_get_target;

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_dependency_init (OpmDependency *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

OpmDependency *
opm_dependency_new (OpmService *from,
                    OpmService *to)
{
  return g_object_new (OPM_TYPE_DEPENDENCY, "from", from, "to", to, NULL);
}

OpmService *
opm_dependency_get_from (OpmDependency *self)
{
  g_return_val_if_fail (OPM_IS_DEPENDENCY (self), NULL);
  return self->from;
}

OpmService *
opm_dependency_get_to (OpmDependency *self)
{
  g_return_val_if_fail (OPM_IS_DEPENDENCY (self), NULL);
  return self->to;
}

OpmDependencyMode
opm_dependency_get_mode (OpmDependency *self)
{
  g_return_val_if_fail (OPM_IS_DEPENDENCY (self), 0);
  return self->mode;
}

OpmSoftening
opm_dependency_get_softening (OpmDependency *self)
{
  g_return_val_if_fail (OPM_IS_DEPENDENCY (self), 0);
  return self->softening;
}
