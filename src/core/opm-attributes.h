/* opm-attributes.h — what a view needs to know about a model attribute
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "opm-element.h"

G_BEGIN_DECLS

/* How an attribute's value is stored. */
typedef enum
{
  OPM_ATTRIBUTE_STRING,
  OPM_ATTRIBUTE_INT,
  OPM_ATTRIBUTE_DOUBLE,
  OPM_ATTRIBUTE_BOOLEAN,
  OPM_ATTRIBUTE_ENUM,
  OPM_ATTRIBUTE_FLAGS,
  OPM_ATTRIBUTE_ELEMENT,   /* a reference to another element of the same scenario */
} OpmAttributeKind;

/* What a number measures, or how a string is written. */
typedef enum
{
  OPM_ATTRIBUTE_UNIT_NONE,
  OPM_ATTRIBUTE_UNIT_COUNT,           /* people, handoffs, runs… */
  OPM_ATTRIBUTE_UNIT_MONEY,           /* in the document's currency */
  OPM_ATTRIBUTE_UNIT_MONEY_PER_HOUR,  /* in the document's currency */
  OPM_ATTRIBUTE_UNIT_PROBABILITY,     /* 0 to 1 */
  OPM_ATTRIBUTE_UNIT_MINUTES,         /* a duration */
  OPM_ATTRIBUTE_UNIT_TIME_OF_DAY,     /* minutes after midnight, 0 to 1440 */
  OPM_ATTRIBUTE_UNIT_PER_YEAR,
  OPM_ATTRIBUTE_UNIT_FACTOR,          /* a multiplier */
  OPM_ATTRIBUTE_UNIT_LENGTH,          /* document units */
  OPM_ATTRIBUTE_UNIT_DATE,            /* YYYY-MM-DD, or empty */
  OPM_ATTRIBUTE_UNIT_COLOUR,          /* #rrggbb, or empty for the default */
  OPM_ATTRIBUTE_UNIT_CURRENCY_CODE,   /* ISO 4217 */
} OpmAttributeUnit;

GPtrArray        *opm_object_list_attributes   (GObject       *object);
GPtrArray        *opm_type_list_attributes     (GType          type);
gboolean          opm_is_attribute             (GParamSpec    *pspec);
OpmAttributeKind  opm_attribute_get_kind       (GParamSpec    *pspec);
const char       *opm_attribute_get_label      (GParamSpec    *pspec);
void              opm_attribute_get_range      (GParamSpec    *pspec,
                                                double        *min,
                                                double        *max);
OpmAttributeUnit  opm_attribute_get_unit       (GParamSpec    *pspec);
gboolean          opm_attribute_is_integral    (GParamSpec    *pspec);
gboolean          opm_attribute_is_single_line (GParamSpec    *pspec);
gboolean          opm_attribute_is_identifier  (GParamSpec    *pspec);
gboolean          opm_attribute_is_required    (GParamSpec    *pspec);
guint             opm_attribute_get_max_length (GParamSpec    *pspec);
gboolean          opm_attribute_check_value    (GParamSpec    *pspec,
                                                const GValue  *value,
                                                GError       **error);

char             *opm_element_dup_description  (OpmElement    *element);

G_END_DECLS
