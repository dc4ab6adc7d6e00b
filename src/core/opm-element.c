/* opm-element.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-element"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "opm-element-private.h"
#include "opm-dependency.h"
#include "opm-group.h"
#include "opm-note.h"
#include "opm-responsibility.h"
#include "opm-service.h"
#include "opm-team.h"

G_DEFINE_ABSTRACT_TYPE (OpmElement, opm_element, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OpmPropInfo props[] = {
  { "id", N_("Id"), "Stable identifier, unique in the scenario", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmElement, id), .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED | OPM_PROP_IDENT,
  },
  { "description", N_("Description"), "Free text", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmElement, description), .flags = OPM_PROP_SERIAL },
};

static void
opm_element_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_element_parent_class)->finalize (object);
}

static void
opm_element_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_element_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_element_class_init (OpmElementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opm_element_finalize;
  object_class->get_property = opm_element_get_property;
  object_class->set_property = opm_element_set_property;

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_element_init (OpmElement *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

const char *
opm_element_get_id (OpmElement *self)
{
  g_return_val_if_fail (OPM_IS_ELEMENT (self), NULL);

  return self->id;
}

void
_opm_element_set_id (OpmElement *self,
                     const char *id)
{
  g_assert (OPM_IS_ELEMENT (self));

  if (g_strcmp0 (self->id, id) == 0)
    return;

  g_free (self->id);
  self->id = g_strdup (id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
opm_element_get_description (OpmElement *self)
{
  g_return_val_if_fail (OPM_IS_ELEMENT (self), NULL);

  return self->description;
}

/**
 * opm_element_get_label:
 *
 * Returns: the text that names the element to a person: its name, the text of
 *   a note, or its id when it has nothing better.
 */
const char *
opm_element_get_label (OpmElement *self)
{
  GParamSpec *pspec;

  g_return_val_if_fail (OPM_IS_ELEMENT (self), NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), "name");
  if (pspec == NULL)
    pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), "text");

  if (pspec != NULL)
    {
      const OpmPropInfo *info = _opm_prop_info (pspec);
      const char *text = OPM_PROP_FIELD (self, info, const char *);

      if (text != NULL && text[0] != '\0')
        return text;
    }

  return self->id;
}

OpmScenario *
opm_element_get_scenario (OpmElement *self)
{
  g_return_val_if_fail (OPM_IS_ELEMENT (self), NULL);

  return self->scenario;
}

void
_opm_element_set_scenario (OpmElement  *self,
                           OpmScenario *scenario)
{
  g_assert (OPM_IS_ELEMENT (self));

  self->scenario = scenario;
}

const char *
opm_element_get_tag (OpmElement *self)
{
  g_return_val_if_fail (OPM_IS_ELEMENT (self), NULL);

  return OPM_ELEMENT_GET_CLASS (self)->tag;
}

const char *
opm_element_get_kind_name (OpmElement *self)
{
  g_return_val_if_fail (OPM_IS_ELEMENT (self), NULL);

  return _(OPM_ELEMENT_GET_CLASS (self)->kind_name);
}

/**
 * opm_element_get_types:
 *
 * Returns: the concrete element types, in the order a scenario lists and
 *   writes them.
 */
const GType *
opm_element_get_types (guint *n_types)
{
  static GType types[6];
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      types[0] = OPM_TYPE_TEAM;
      types[1] = OPM_TYPE_SERVICE;
      types[2] = OPM_TYPE_RESPONSIBILITY;
      types[3] = OPM_TYPE_DEPENDENCY;
      types[4] = OPM_TYPE_NOTE;
      types[5] = OPM_TYPE_GROUP;

      /* Class structures stay alive: tags and property tables are read
       * without further references. */
      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        g_type_class_ref (types[i]);

      g_once_init_leave (&initialised, 1);
    }

  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (types);

  return types;
}

GType
opm_element_type_for_tag (const char *tag)
{
  guint n;
  const GType *types = opm_element_get_types (&n);

  for (guint i = 0; i < n; i++)
    {
      OpmElementClass *klass = g_type_class_peek (types[i]);

      if (g_strcmp0 (klass->tag, tag) == 0)
        return types[i];
    }

  return G_TYPE_INVALID;
}

OpmElement *
opm_element_new_for_tag (const char *tag)
{
  GType type = opm_element_type_for_tag (tag);

  if (type == G_TYPE_INVALID)
    return NULL;

  return g_object_new (type, NULL);
}
