/* opm-acknowledgement.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An acknowledgement says that the findings of one rule about one element
 * are known and accepted, and why. It names the rule by its id and the
 * element a finding is about (opm_finding_get_element()); a scenario keeps
 * its acknowledgements in a stable order, by rule and then by element id.
 * Only the reason changes after it is made; the rule and the element are
 * fixed, which keeps the scenario's index of them valid.
 */

#define G_LOG_DOMAIN "opm-acknowledgement"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-acknowledgement-private.h"
#include "opm-checker.h"
#include "opm-error.h"
#include "opm-property-private.h"

struct _OpmAcknowledgement
{
  GObject      parent_instance;

  char        *rule;
  OpmElement  *element;
  char        *reason;

  /* borrowed */
  OpmScenario *scenario;
};

G_DEFINE_FINAL_TYPE (OpmAcknowledgement, opm_acknowledgement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULE,
  PROP_ELEMENT,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
check_rule (const char  *value,
            GError     **error)
{
  OpmRule rule;

  /* only the spelling the writer uses, so that a document reads back the same */
  if (opm_rule_from_id (value, &rule) && strcmp (opm_rule_get_id (rule), value) == 0)
    return TRUE;

  g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
               _("there is no rule “%.20s” (the rules are %s to %s)"), value,
               opm_rule_get_id (0), opm_rule_get_id (OPM_N_RULES - 1));
  return FALSE;
}

static gboolean
check_not_blank (const char  *value,
                 GError     **error)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;

  g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
               _("an acknowledgement needs a reason"));
  return FALSE;
}

static const OpmPropInfo props[] = {
  { "rule", N_("Rule"), "The id of the rule whose finding is accepted, e.g. OPS-04", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmAcknowledgement, rule), .check = check_rule,
    .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED | OPM_PROP_LINE, .max_length = 16 },
  { "element", N_("Element"), "The element the finding is about", OPM_PROP_ELEMENT,
    G_STRUCT_OFFSET (OpmAcknowledgement, element), opm_element_get_type,
    .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED },
  { "reason", N_("Reason"), "Why the finding is accepted", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmAcknowledgement, reason), .check = check_not_blank,
    .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED | OPM_PROP_LINE,
    .max_length = OPM_ACKNOWLEDGEMENT_REASON_MAX_LENGTH },
};

static void
opm_acknowledgement_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_acknowledgement_parent_class)->finalize (object);
}

static void
opm_acknowledgement_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_acknowledgement_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OpmAcknowledgement *self = OPM_ACKNOWLEDGEMENT (object);

  /* the scenario indexes its acknowledgements by rule and element */
  g_return_if_fail (self->scenario == NULL || prop_id == PROP_REASON);

  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_acknowledgement_class_init (OpmAcknowledgementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opm_acknowledgement_finalize;
  object_class->get_property = opm_acknowledgement_get_property;
  object_class->set_property = opm_acknowledgement_set_property;

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_acknowledgement_init (OpmAcknowledgement *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

OpmAcknowledgement *
_opm_acknowledgement_new (const char *rule_id,
                          OpmElement *element,
                          const char *reason)
{
  OpmAcknowledgement *self = g_object_new (OPM_TYPE_ACKNOWLEDGEMENT, NULL);

  g_free (self->rule);
  self->rule = g_strdup (rule_id);
  g_set_object (&self->element, element);
  g_free (self->reason);
  self->reason = g_strdup (reason);

  return self;
}

void
_opm_acknowledgement_set_scenario (OpmAcknowledgement *self,
                                   OpmScenario        *scenario)
{
  self->scenario = scenario;
}

/* By rule, then by the id of the element: the order of the file. */
int
_opm_acknowledgement_compare (gconstpointer a,
                              gconstpointer b)
{
  const OpmAcknowledgement *x = a, *y = b;
  int by_rule = strcmp (x->rule, y->rule);

  if (by_rule != 0)
    return by_rule;

  return strcmp (opm_element_get_id (x->element), opm_element_get_id (y->element));
}

/* "OPS-01" … "OPS-20" */
const char *
opm_acknowledgement_get_rule_id (OpmAcknowledgement *self)
{
  g_return_val_if_fail (OPM_IS_ACKNOWLEDGEMENT (self), NULL);
  return self->rule;
}

/**
 * opm_acknowledgement_get_element:
 *
 * Returns: (transfer none): the element the acknowledged findings are about
 */
OpmElement *
opm_acknowledgement_get_element (OpmAcknowledgement *self)
{
  g_return_val_if_fail (OPM_IS_ACKNOWLEDGEMENT (self), NULL);
  return self->element;
}

const char *
opm_acknowledgement_get_reason (OpmAcknowledgement *self)
{
  g_return_val_if_fail (OPM_IS_ACKNOWLEDGEMENT (self), NULL);
  return self->reason;
}

/**
 * opm_acknowledgement_get_scenario:
 *
 * Returns: (transfer none) (nullable): the scenario holding the acknowledgement
 */
OpmScenario *
opm_acknowledgement_get_scenario (OpmAcknowledgement *self)
{
  g_return_val_if_fail (OPM_IS_ACKNOWLEDGEMENT (self), NULL);
  return self->scenario;
}

/**
 * opm_acknowledgement_check_reason:
 *
 * Whether @reason can be an acknowledgement's reason: one line of text that
 * is not blank, at most %OPM_ACKNOWLEDGEMENT_REASON_MAX_LENGTH bytes long.
 */
gboolean
opm_acknowledgement_check_reason (const char  *reason,
                                  GError     **error)
{
  g_return_val_if_fail (reason != NULL, FALSE);

  return _opm_check_text (reason, TRUE, OPM_ACKNOWLEDGEMENT_REASON_MAX_LENGTH, error) &&
         check_not_blank (reason, error);
}
