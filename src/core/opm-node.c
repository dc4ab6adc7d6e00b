/* opm-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-node"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-error.h"
#include "opm-node-private.h"

G_DEFINE_ABSTRACT_TYPE (OpmNode, opm_node, OPM_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_X,
  PROP_Y,
  PROP_WIDTH,
  PROP_HEIGHT,
  PROP_COLOUR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define COORD_MAX 10000000.0

gboolean
_opm_check_colour (const char  *value,
                   GError     **error)
{
  if (value[0] == '\0')
    return TRUE;

  if (value[0] == '#' && strlen (value) == 7)
    {
      gboolean ok = TRUE;

      for (guint i = 1; i < 7; i++)
        ok = ok && g_ascii_isxdigit (value[i]);
      if (ok)
        return TRUE;
    }

  g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
               "a colour is written #rrggbb, not “%.20s”", value);
  return FALSE;
}

static const OpmPropInfo props[] = {
  { "x", N_("X"), "Left edge in document units", OPM_PROP_DOUBLE,
    G_STRUCT_OFFSET (OpmNode, x), .min = -COORD_MAX, .max = COORD_MAX, .flags = OPM_PROP_SERIAL | OPM_PROP_LOOK },
  { "y", N_("Y"), "Top edge in document units", OPM_PROP_DOUBLE,
    G_STRUCT_OFFSET (OpmNode, y), .min = -COORD_MAX, .max = COORD_MAX, .flags = OPM_PROP_SERIAL | OPM_PROP_LOOK },
  { "width", N_("Width"), "Width in document units", OPM_PROP_DOUBLE,
    G_STRUCT_OFFSET (OpmNode, width), .min = 8, .max = COORD_MAX, .def = 160, .flags = OPM_PROP_SERIAL | OPM_PROP_LOOK },
  { "height", N_("Height"), "Height in document units", OPM_PROP_DOUBLE,
    G_STRUCT_OFFSET (OpmNode, height), .min = 8, .max = COORD_MAX, .def = 100, .flags = OPM_PROP_SERIAL | OPM_PROP_LOOK },
  { "colour", N_("Colour"), "Fill colour as #rrggbb, empty for the default", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmNode, colour), .check = _opm_check_colour, .flags = OPM_PROP_SERIAL | OPM_PROP_LINE | OPM_PROP_LOOK },
};

static void
opm_node_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_node_parent_class)->finalize (object);
}

static void
opm_node_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_node_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_node_class_init (OpmNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opm_node_finalize;
  object_class->get_property = opm_node_get_property;
  object_class->set_property = opm_node_set_property;

  klass->default_width = 160;
  klass->default_height = 100;

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_node_init (OpmNode *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

double
opm_node_get_x (OpmNode *self)
{
  g_return_val_if_fail (OPM_IS_NODE (self), 0);
  return self->x;
}

double
opm_node_get_y (OpmNode *self)
{
  g_return_val_if_fail (OPM_IS_NODE (self), 0);
  return self->y;
}

double
opm_node_get_width (OpmNode *self)
{
  g_return_val_if_fail (OPM_IS_NODE (self), 0);
  return self->width;
}

double
opm_node_get_height (OpmNode *self)
{
  g_return_val_if_fail (OPM_IS_NODE (self), 0);
  return self->height;
}

const char *
opm_node_get_colour (OpmNode *self)
{
  g_return_val_if_fail (OPM_IS_NODE (self), NULL);
  return self->colour;
}
