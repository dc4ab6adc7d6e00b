/* opm-attributes.c — what a view needs to know about a model attribute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A public face for the property tables: which attributes an object has (in
 * file order), their kind, range, units and label, and whether a value would
 * be accepted. Views build their editors from this instead of hard-coding
 * what the model already knows.
 */

#define G_LOG_DOMAIN "opm-attributes"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "opm-attributes.h"
#include "opm-connector.h"
#include "opm-contract.h"
#include "opm-document.h"
#include "opm-node.h"
#include "opm-parameters.h"
#include "opm-property-private.h"
#include "opm-service.h"
#include "opm-enum-types.h"
#include "opm-responsibility.h"
#include "opm-dependency.h"
#include "opm-team.h"

/**
 * opm_type_list_attributes:
 * @type: a model type (an element type, #OpmDocument, #OpmScenario,
 *   #OpmParameters or #OpmContract)
 *
 * Returns: (transfer container) (element-type GParamSpec): the attributes
 *   written to files, in file order (the id first)
 */
GPtrArray *
opm_type_list_attributes (GType type)
{
  GObjectClass *klass;
  GPtrArray *props;

  g_return_val_if_fail (g_type_is_a (type, G_TYPE_OBJECT), NULL);

  klass = g_type_class_ref (type);
  props = _opm_object_serial_props (klass);
  g_type_class_unref (klass);

  return g_ptr_array_copy (props, NULL, NULL);
}

/**
 * opm_object_list_attributes:
 *
 * Returns: (transfer container) (element-type GParamSpec): the attributes
 *   of @object written to files, in file order
 */
GPtrArray *
opm_object_list_attributes (GObject *object)
{
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  return opm_type_list_attributes (G_OBJECT_TYPE (object));
}

/* Whether @pspec is an attribute of the model (described by a table row). */
gboolean
opm_is_attribute (GParamSpec *pspec)
{
  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), FALSE);

  return _opm_prop_info (pspec) != NULL;
}

static const OpmPropInfo *
info_for (GParamSpec *pspec)
{
  const OpmPropInfo *info = _opm_prop_info (pspec);

  if (info == NULL)
    g_critical ("“%s” of %s is not a model attribute", pspec->name, g_type_name (pspec->owner_type));
  return info;
}

OpmAttributeKind
opm_attribute_get_kind (GParamSpec *pspec)
{
  const OpmPropInfo *info;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), OPM_ATTRIBUTE_STRING);

  info = info_for (pspec);
  if (info == NULL)
    return OPM_ATTRIBUTE_STRING;

  switch (info->kind)
    {
    case OPM_PROP_STRING:
      return OPM_ATTRIBUTE_STRING;
    case OPM_PROP_INT:
      return OPM_ATTRIBUTE_INT;
    case OPM_PROP_DOUBLE:
      return OPM_ATTRIBUTE_DOUBLE;
    case OPM_PROP_BOOLEAN:
      return OPM_ATTRIBUTE_BOOLEAN;
    case OPM_PROP_ENUM:
      return OPM_ATTRIBUTE_ENUM;
    case OPM_PROP_FLAGS:
      return OPM_ATTRIBUTE_FLAGS;
    case OPM_PROP_ELEMENT:
      return OPM_ATTRIBUTE_ELEMENT;
    default:
      g_assert_not_reached ();
    }

  return OPM_ATTRIBUTE_STRING;
}

/* The attribute's human name, translated, e.g. "Out-of-hours cover". */
const char *
opm_attribute_get_label (GParamSpec *pspec)
{
  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), NULL);

  return g_dgettext (GETTEXT_PACKAGE, g_param_spec_get_nick (pspec));
}

/* The accepted range of a number; 0 and 0 for other kinds. */
void
opm_attribute_get_range (GParamSpec *pspec,
                         double     *min,
                         double     *max)
{
  const OpmPropInfo *info;
  double lo = 0, hi = 0;

  g_return_if_fail (G_IS_PARAM_SPEC (pspec));

  info = info_for (pspec);
  if (info != NULL && (info->kind == OPM_PROP_INT || info->kind == OPM_PROP_DOUBLE))
    {
      lo = info->min;
      hi = info->max;
    }

  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
}

typedef struct
{
  GType          (*owner) (void);
  const char      *name;
  OpmAttributeUnit unit;
  gboolean         integral;
} UnitRow;

static const UnitRow units[] = {
  { opm_team_get_type, "end-date", OPM_ATTRIBUTE_UNIT_DATE },
  { opm_team_get_type, "size", OPM_ATTRIBUTE_UNIT_COUNT, TRUE },
  { opm_team_get_type, "rota-size", OPM_ATTRIBUTE_UNIT_COUNT, TRUE },
  { opm_team_get_type, "work-start", OPM_ATTRIBUTE_UNIT_TIME_OF_DAY, TRUE },
  { opm_team_get_type, "work-end", OPM_ATTRIBUTE_UNIT_TIME_OF_DAY, TRUE },
  { opm_service_get_type, "exposure-per-hour", OPM_ATTRIBUTE_UNIT_MONEY_PER_HOUR },
  { opm_service_get_type, "incident-rate", OPM_ATTRIBUTE_UNIT_PER_YEAR },
  { opm_contract_get_type, "response-p1", OPM_ATTRIBUTE_UNIT_MINUTES },
  { opm_contract_get_type, "response-p2", OPM_ATTRIBUTE_UNIT_MINUTES },
  { opm_contract_get_type, "response-p3", OPM_ATTRIBUTE_UNIT_MINUTES },
  { opm_contract_get_type, "response-p4", OPM_ATTRIBUTE_UNIT_MINUTES },
  { opm_contract_get_type, "charge-per-deployment", OPM_ATTRIBUTE_UNIT_MONEY },
  { opm_node_get_type, "x", OPM_ATTRIBUTE_UNIT_LENGTH },
  { opm_node_get_type, "y", OPM_ATTRIBUTE_UNIT_LENGTH },
  { opm_node_get_type, "width", OPM_ATTRIBUTE_UNIT_LENGTH },
  { opm_node_get_type, "height", OPM_ATTRIBUTE_UNIT_LENGTH },
  { opm_node_get_type, "colour", OPM_ATTRIBUTE_UNIT_COLOUR },
  { opm_connector_get_type, "colour", OPM_ATTRIBUTE_UNIT_COLOUR },
  { opm_document_get_type, "currency", OPM_ATTRIBUTE_UNIT_CURRENCY_CODE },
  { opm_parameters_get_type, "exposure-band-low", OPM_ATTRIBUTE_UNIT_MONEY_PER_HOUR },
  { opm_parameters_get_type, "exposure-band-medium", OPM_ATTRIBUTE_UNIT_MONEY_PER_HOUR },
  { opm_parameters_get_type, "exposure-band-high", OPM_ATTRIBUTE_UNIT_MONEY_PER_HOUR },
  { opm_parameters_get_type, "handoff-limit", OPM_ATTRIBUTE_UNIT_COUNT, TRUE },
  { opm_parameters_get_type, "rota-minimum", OPM_ATTRIBUTE_UNIT_COUNT, TRUE },
  { opm_parameters_get_type, "bottleneck-services", OPM_ATTRIBUTE_UNIT_COUNT, TRUE },
  { opm_parameters_get_type, "bottleneck-teams", OPM_ATTRIBUTE_UNIT_COUNT, TRUE },
  { opm_parameters_get_type, "overnight-window-start", OPM_ATTRIBUTE_UNIT_TIME_OF_DAY, TRUE },
  { opm_parameters_get_type, "overnight-window-end", OPM_ATTRIBUTE_UNIT_TIME_OF_DAY, TRUE },
  { opm_parameters_get_type, "knowledge-factor", OPM_ATTRIBUTE_UNIT_FACTOR },
  { opm_parameters_get_type, "telemetry-factor", OPM_ATTRIBUTE_UNIT_FACTOR },
  { opm_parameters_get_type, "contract-response-share", OPM_ATTRIBUTE_UNIT_PROBABILITY },
  { opm_parameters_get_type, "softened-impact", OPM_ATTRIBUTE_UNIT_PROBABILITY },
  { opm_parameters_get_type, "callout-cost", OPM_ATTRIBUTE_UNIT_MONEY },
  { opm_parameters_get_type, "standby-cost-per-week", OPM_ATTRIBUTE_UNIT_MONEY },
  { opm_parameters_get_type, "simulation-runs", OPM_ATTRIBUTE_UNIT_COUNT, TRUE },
  { opm_parameters_get_type, "simulation-seed", OPM_ATTRIBUTE_UNIT_NONE, TRUE },
};

static const UnitRow *
find_unit (GParamSpec *pspec)
{
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (units[i].owner () == pspec->owner_type && g_str_equal (units[i].name, pspec->name))
      return &units[i];

  return NULL;
}

/* What a number measures or how a string is written; drives the units a
 * view shows next to the value. */
OpmAttributeUnit
opm_attribute_get_unit (GParamSpec *pspec)
{
  const UnitRow *row;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), OPM_ATTRIBUTE_UNIT_NONE);

  row = find_unit (pspec);
  if (row != NULL)
    return row->unit;

  /* The simulator's stage durations and chances. */
  if (pspec->owner_type == OPM_TYPE_PARAMETERS)
    {
      if (g_str_has_suffix (pspec->name, "-probability"))
        return OPM_ATTRIBUTE_UNIT_PROBABILITY;
      if (g_str_has_suffix (pspec->name, "-median") || g_str_has_suffix (pspec->name, "-p90") ||
          g_str_has_suffix (pspec->name, "-min") || g_str_has_suffix (pspec->name, "-max"))
        return OPM_ATTRIBUTE_UNIT_MINUTES;
    }

  return OPM_ATTRIBUTE_UNIT_NONE;
}

/* Whether a number only takes whole values (integers, and counts stored as
 * doubles). */
gboolean
opm_attribute_is_integral (GParamSpec *pspec)
{
  const UnitRow *row;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), FALSE);

  if (opm_attribute_get_kind (pspec) == OPM_ATTRIBUTE_INT)
    return TRUE;

  row = find_unit (pspec);
  return row != NULL && row->integral;
}

/* Whether a string attribute holds one line (a name) rather than free text. */
gboolean
opm_attribute_is_single_line (GParamSpec *pspec)
{
  const OpmPropInfo *info;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), FALSE);

  info = info_for (pspec);
  return info != NULL && (info->flags & (OPM_PROP_LINE | OPM_PROP_IDENT)) != 0;
}

/* Whether the attribute is an id, which never changes once given. */
gboolean
opm_attribute_is_identifier (GParamSpec *pspec)
{
  const OpmPropInfo *info;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), FALSE);

  info = info_for (pspec);
  return info != NULL && (info->flags & OPM_PROP_IDENT) != 0;
}

/* Whether the attribute must have a value (e.g. the ends of a dependency). */
gboolean
opm_attribute_is_required (GParamSpec *pspec)
{
  const OpmPropInfo *info;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), FALSE);

  info = info_for (pspec);
  return info != NULL && (info->flags & OPM_PROP_REQUIRED) != 0;
}

/* The longest string accepted, in bytes; 0 for other kinds. */
guint
opm_attribute_get_max_length (GParamSpec *pspec)
{
  const OpmPropInfo *info;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), 0);

  info = info_for (pspec);
  if (info == NULL || info->kind != OPM_PROP_STRING)
    return 0;
  if ((info->flags & OPM_PROP_IDENT) != 0)
    return 64;
  return info->max_length != 0 ? info->max_length : OPM_STRING_MAX_LENGTH;
}

/**
 * opm_attribute_check_value:
 * @value: a value of the attribute's type
 *
 * Checks @value as an edit would (range, format), without changing
 * anything. Checks that need the edited object (references, scenario
 * names) are left to opm_document_set_value().
 */
gboolean
opm_attribute_check_value (GParamSpec    *pspec,
                           const GValue  *value,
                           GError       **error)
{
  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);
  g_return_val_if_fail (info_for (pspec) != NULL, FALSE);

  return _opm_prop_check_value (pspec, value, error);
}

/**
 * opm_element_dup_description:
 *
 * A line that names @element for people: its name, or for a line the
 * elements it joins (and a responsibility's activity).
 *
 * Returns: (transfer full): the description
 */
char *
opm_element_dup_description (OpmElement *element)
{
  g_return_val_if_fail (OPM_IS_ELEMENT (element), NULL);

  if (OPM_IS_RESPONSIBILITY (element))
    {
      OpmResponsibility *r = OPM_RESPONSIBILITY (element);
      g_autoptr(GEnumClass) klass = g_type_class_ref (OPM_TYPE_ACTIVITY);

      return g_strdup_printf (_("%s → %s: %s"),
                              opm_element_get_label (OPM_ELEMENT (opm_responsibility_get_team (r))),
                              opm_element_get_label (OPM_ELEMENT (opm_responsibility_get_service (r))),
                              g_enum_get_value (klass, opm_responsibility_get_activity (r))->value_nick);
    }

  if (OPM_IS_DEPENDENCY (element))
    {
      OpmDependency *d = OPM_DEPENDENCY (element);

      return g_strdup_printf (_("%s → %s"), opm_element_get_label (OPM_ELEMENT (opm_dependency_get_from (d))),
                              opm_element_get_label (OPM_ELEMENT (opm_dependency_get_to (d))));
    }

  return g_strdup (opm_element_get_label (element));
}
