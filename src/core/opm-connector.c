/* opm-connector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-connector"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-connector-private.h"
#include "opm-error.h"
#include "opm-node-private.h"

G_DEFINE_ABSTRACT_TYPE (OpmConnector, opm_connector, OPM_TYPE_ELEMENT)

enum {
  PROP_0,
  PROP_WAYPOINTS,
  PROP_COLOUR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MAX_WAYPOINTS 256

/* Plain decimal notation up to the next separator: no hex, inf, nan or spaces. */
static gboolean
plain_number (const char *p)
{
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;

  for (; *p != '\0' && *p != ',' && *p != ' '; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p != '.' && *p != 'e' && *p != 'E' && *p != '-' && *p != '+')
        return FALSE;
    }

  return digits;
}

/**
 * opm_connector_parse_waypoints:
 * @text: the route as "x,y x,y …" (empty for a straight connector)
 * @points: (out) (optional): the points as pairs of doubles
 *
 * Returns: whether @text is a valid route
 */
gboolean
opm_connector_parse_waypoints (const char  *text,
                               GArray     **points,
                               GError     **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (double));
  const char *p = text;

  while (*p != '\0')
    {
      char *end = NULL;
      double x, y;

      while (*p == ' ')
        p++;
      if (*p == '\0')
        break;

      if (!plain_number (p) || !plain_number (strchr (p, ',') != NULL ? strchr (p, ',') + 1 : p))
        goto bad;

      x = g_ascii_strtod (p, &end);
      if (end == p || *end != ',' || !isfinite (x) || fabs (x) > 1e7)
        goto bad;
      p = end + 1;
      y = g_ascii_strtod (p, &end);
      if (end == p || (*end != ' ' && *end != '\0') || !isfinite (y) || fabs (y) > 1e7)
        goto bad;
      p = end;

      if (result->len >= 2 * MAX_WAYPOINTS)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                       "a route has at most %d points", MAX_WAYPOINTS);
          return FALSE;
        }
      g_array_append_val (result, x);
      g_array_append_val (result, y);
    }

  if (points != NULL)
    *points = g_steal_pointer (&result);
  return TRUE;

bad:
  g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
               "a route is written as “x,y x,y …” with finite numbers");
  return FALSE;
}

static gboolean
check_waypoints (const char  *value,
                 GError     **error)
{
  return opm_connector_parse_waypoints (value, NULL, error);
}

static const OpmPropInfo props[] = {
  { "waypoints", N_("Route"), "Bend points of the connector as x,y pairs", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmConnector, waypoints), .check = check_waypoints,
    .flags = OPM_PROP_SERIAL | OPM_PROP_LINE | OPM_PROP_LOOK, .max_length = 16384 },
  { "colour", N_("Colour"), "Line colour as #rrggbb, empty for the default", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmConnector, colour), .check = _opm_check_colour, .flags = OPM_PROP_SERIAL | OPM_PROP_LINE | OPM_PROP_LOOK },
};

static void
opm_connector_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_connector_parent_class)->finalize (object);
}

static void
opm_connector_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_connector_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_connector_class_init (OpmConnectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opm_connector_finalize;
  object_class->get_property = opm_connector_get_property;
  object_class->set_property = opm_connector_set_property;

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_connector_init (OpmConnector *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

OpmElement *
opm_connector_get_source (OpmConnector *self)
{
  g_return_val_if_fail (OPM_IS_CONNECTOR (self), NULL);

  return OPM_CONNECTOR_GET_CLASS (self)->get_source (self);
}

OpmElement *
opm_connector_get_target (OpmConnector *self)
{
  g_return_val_if_fail (OPM_IS_CONNECTOR (self), NULL);

  return OPM_CONNECTOR_GET_CLASS (self)->get_target (self);
}

const char *
opm_connector_get_waypoints (OpmConnector *self)
{
  g_return_val_if_fail (OPM_IS_CONNECTOR (self), NULL);

  return self->waypoints;
}

const char *
opm_connector_get_colour (OpmConnector *self)
{
  g_return_val_if_fail (OPM_IS_CONNECTOR (self), NULL);

  return self->colour;
}
