/* opm-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-group"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "opm-node-private.h"
#include "opm-group.h"

struct _OpmGroup
{
  OpmNode  parent_instance;

  char    *name;
};

G_DEFINE_FINAL_TYPE (OpmGroup, opm_group, OPM_TYPE_NODE)

enum {
  PROP_0,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OpmPropInfo props[] = {
  { "name", N_("Name"), "The title of the frame", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmGroup, name), .flags = OPM_PROP_SERIAL | OPM_PROP_LINE, .max_length = 1024 },
};

static void
opm_group_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_group_parent_class)->finalize (object);
}

static void
opm_group_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_group_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_group_class_init (OpmGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OpmElementClass *element_class = OPM_ELEMENT_CLASS (klass);

  object_class->finalize = opm_group_finalize;
  object_class->get_property = opm_group_get_property;
  object_class->set_property = opm_group_set_property;

  element_class->tag = "group";
  element_class->kind_name = N_("Group");

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_group_init (OpmGroup *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

OpmGroup *
opm_group_new (void)
{
  return g_object_new (OPM_TYPE_GROUP, NULL);
}

const char *
opm_group_get_name (OpmGroup *self)
{
  g_return_val_if_fail (OPM_IS_GROUP (self), NULL);
  return self->name;
}
