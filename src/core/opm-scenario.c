/* opm-scenario.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A scenario holds its elements in one list model per element type, in the
 * order they are drawn and written, plus an index from id to element.
 */

#define G_LOG_DOMAIN "opm-scenario"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-acknowledgement-private.h"
#include "opm-dependency.h"
#include "opm-element-private.h"
#include "opm-property-private.h"
#include "opm-responsibility.h"
#include "opm-scenario-private.h"
#include "opm-team.h"

#define N_KINDS 6

struct _OpmScenario
{
  GObject      parent_instance;

  char        *id;
  char        *name;
  char        *description;

  /* borrowed */
  OpmDocument *document;

  /* owned */
  GListStore  *lists[N_KINDS];
  GHashTable  *by_id;
  guint        serial;
  GListStore  *acknowledgements;   /* sorted by rule, then element id */
  GHashTable  *acknowledged;       /* element → GPtrArray of its acknowledgements */
};

G_DEFINE_FINAL_TYPE (OpmScenario, opm_scenario, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OpmPropInfo props[] = {
  { "id", N_("Id"), "Stable identifier, unique in the document", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmScenario, id), .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED | OPM_PROP_IDENT },
  { "name", N_("Name"), "The scenario's name, unique in the document", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmScenario, name), .flags = OPM_PROP_SERIAL | OPM_PROP_REQUIRED | OPM_PROP_LINE,
    .max_length = 256 },
  { "description", N_("Description"), "What the scenario represents", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmScenario, description), .flags = OPM_PROP_SERIAL },
};

static int
kind_index (GType type)
{
  guint n;
  const GType *types = opm_element_get_types (&n);

  for (guint i = 0; i < n; i++)
    if (g_type_is_a (type, types[i]))
      return i;

  return -1;
}

static void
opm_scenario_dispose (GObject *object)
{
  OpmScenario *self = OPM_SCENARIO (object);

  for (guint i = 0; i < N_KINDS; i++)
    {
      if (self->lists[i] == NULL)
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (self->lists[i])); j++)
        {
          g_autoptr(OpmElement) element = g_list_model_get_item (G_LIST_MODEL (self->lists[i]), j);
          _opm_element_set_scenario (element, NULL);
        }
      g_clear_object (&self->lists[i]);
    }

  g_clear_pointer (&self->by_id, g_hash_table_unref);

  if (self->acknowledgements != NULL)
    {
      GListModel *list = G_LIST_MODEL (self->acknowledgements);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(OpmAcknowledgement) acknowledgement = g_list_model_get_item (list, i);
          _opm_acknowledgement_set_scenario (acknowledgement, NULL);
        }
      g_clear_object (&self->acknowledgements);
    }
  g_clear_pointer (&self->acknowledged, g_hash_table_unref);

  G_OBJECT_CLASS (opm_scenario_parent_class)->dispose (object);
}

static void
opm_scenario_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_scenario_parent_class)->finalize (object);
}

static void
opm_scenario_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_scenario_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_scenario_class_init (OpmScenarioClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = opm_scenario_dispose;
  object_class->finalize = opm_scenario_finalize;
  object_class->get_property = opm_scenario_get_property;
  object_class->set_property = opm_scenario_set_property;

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_scenario_init (OpmScenario *self)
{
  guint n;
  const GType *types = opm_element_get_types (&n);

  g_assert (n == N_KINDS);

  _opm_props_init (self, props, G_N_ELEMENTS (props));

  for (guint i = 0; i < N_KINDS; i++)
    self->lists[i] = g_list_store_new (types[i]);

  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->acknowledgements = g_list_store_new (OPM_TYPE_ACKNOWLEDGEMENT);
  self->acknowledged = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                              (GDestroyNotify) g_ptr_array_unref);
}

OpmScenario *
_opm_scenario_new (void)
{
  return g_object_new (OPM_TYPE_SCENARIO, NULL);
}

void
_opm_scenario_set_document (OpmScenario *self,
                            OpmDocument *document)
{
  self->document = document;
}

void
_opm_scenario_set_id (OpmScenario *self,
                      const char  *id)
{
  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
opm_scenario_get_id (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return self->id;
}

const char *
opm_scenario_get_name (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return self->name;
}

const char *
opm_scenario_get_description (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return self->description;
}

/**
 * opm_scenario_get_document:
 *
 * Returns: (nullable) (transfer none): the document holding the scenario
 */
OpmDocument *
opm_scenario_get_document (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return self->document;
}

/**
 * opm_scenario_get_elements:
 * @element_type: one of the types of opm_element_get_types()
 *
 * Returns: (transfer none): the elements of that type, in drawing order
 */
GListModel *
opm_scenario_get_elements (OpmScenario *self,
                           GType        element_type)
{
  int kind;

  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);

  kind = kind_index (element_type);
  g_return_val_if_fail (kind >= 0, NULL);

  return G_LIST_MODEL (self->lists[kind]);
}

GListModel *
opm_scenario_get_teams (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return G_LIST_MODEL (self->lists[0]);
}

GListModel *
opm_scenario_get_services (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return G_LIST_MODEL (self->lists[1]);
}

GListModel *
opm_scenario_get_responsibilities (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return G_LIST_MODEL (self->lists[2]);
}

GListModel *
opm_scenario_get_dependencies (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return G_LIST_MODEL (self->lists[3]);
}

GListModel *
opm_scenario_get_notes (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return G_LIST_MODEL (self->lists[4]);
}

GListModel *
opm_scenario_get_groups (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  return G_LIST_MODEL (self->lists[5]);
}

/**
 * opm_scenario_lookup:
 *
 * Returns: (nullable) (transfer none): the element with @id
 */
OpmElement *
opm_scenario_lookup (OpmScenario *self,
                     const char  *id)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

guint
opm_scenario_get_n_elements (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), 0);

  return g_hash_table_size (self->by_id);
}

/**
 * opm_scenario_generate_id:
 * @tag: the element tag, e.g. "team"
 *
 * Returns: (transfer full): an id not used in the scenario, e.g. "team-12"
 */
char *
opm_scenario_generate_id (OpmScenario *self,
                          const char  *tag)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);

  for (;;)
    {
      char *id = g_strdup_printf ("%s-%u", tag, ++self->serial);

      if (!g_hash_table_contains (self->by_id, id))
        return id;
      g_free (id);
    }
}

void
_opm_scenario_insert (OpmScenario *self,
                      OpmElement  *element,
                      guint        position)
{
  int kind = kind_index (G_OBJECT_TYPE (element));
  const char *id = opm_element_get_id (element);

  g_assert (kind >= 0);
  g_assert (opm_element_get_scenario (element) == NULL);
  g_assert (!g_hash_table_contains (self->by_id, id));

  _opm_element_set_scenario (element, self);
  g_hash_table_insert (self->by_id, (gpointer) id, element);
  g_list_store_insert (self->lists[kind], position, element);
}

/* Returns the position the element had in its list. */
guint
_opm_scenario_remove (OpmScenario *self,
                      OpmElement  *element)
{
  int kind = kind_index (G_OBJECT_TYPE (element));
  guint position = 0;

  g_assert (kind >= 0);
  g_assert (opm_element_get_scenario (element) == self);

  if (!g_list_store_find (self->lists[kind], element, &position))
    g_assert_not_reached ();

  /* the list may hold the last reference */
  g_object_ref (element);
  g_hash_table_remove (self->by_id, opm_element_get_id (element));
  _opm_element_set_scenario (element, NULL);
  g_list_store_remove (self->lists[kind], position);
  g_object_unref (element);

  return position;
}

/* For the loader: appends elements of one type in one change. */
void
_opm_scenario_append_many (OpmScenario *self,
                           GType        element_type,
                           GPtrArray   *elements)
{
  int kind = kind_index (element_type);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lists[kind]));

  for (guint i = 0; i < elements->len; i++)
    {
      OpmElement *element = g_ptr_array_index (elements, i);

      g_assert (!g_hash_table_contains (self->by_id, opm_element_get_id (element)));
      _opm_element_set_scenario (element, self);
      g_hash_table_insert (self->by_id, (gpointer) opm_element_get_id (element), element);
    }

  g_list_store_splice (self->lists[kind], n, 0, elements->pdata, elements->len);
}

/**
 * opm_scenario_find_attached:
 *
 * Returns: (transfer container): the connectors that would dangle without
 *   @element (its responsibilities and dependencies), in list order
 */
GPtrArray *
opm_scenario_find_attached (OpmScenario *self,
                            OpmElement  *element)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (OPM_IS_SCENARIO (self), result);

  if (!OPM_IS_TEAM (element) && !OPM_IS_SERVICE (element))
    return result;

  for (guint k = 2; k <= 3; k++)
    {
      GListModel *list = G_LIST_MODEL (self->lists[k]);
      guint n = g_list_model_get_n_items (list);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OpmConnector) connector = g_list_model_get_item (list, i);

          if (opm_connector_get_source (connector) == element ||
              opm_connector_get_target (connector) == element)
            g_ptr_array_add (result, g_steal_pointer (&connector));
        }
    }

  return result;
}

/* A detached deep copy with the same ids, references remapped to the copy. */
OpmScenario *
_opm_scenario_copy (OpmScenario *self)
{
  OpmScenario *copy = _opm_scenario_new ();
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);

  _opm_object_copy_props (G_OBJECT (copy), G_OBJECT (self));

  for (guint k = 0; k < n_types; k++)
    {
      GListModel *list = G_LIST_MODEL (self->lists[k]);
      guint n = g_list_model_get_n_items (list);
      g_autoptr(GPtrArray) copies = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OpmElement) element = g_list_model_get_item (list, i);
          OpmElement *dup = g_object_new (types[k], NULL);
          GPtrArray *serial = _opm_object_serial_props (G_OBJECT_GET_CLASS (element));

          _opm_object_copy_props (G_OBJECT (dup), G_OBJECT (element));

          /* References point back into the copy. */
          for (guint p = 0; p < serial->len; p++)
            {
              GParamSpec *pspec = g_ptr_array_index (serial, p);
              const OpmPropInfo *info = _opm_prop_info (pspec);
              OpmElement *target;

              if (info->kind != OPM_PROP_ELEMENT)
                continue;

              target = OPM_PROP_FIELD (element, info, OpmElement *);
              if (target != NULL)
                {
                  g_auto(GValue) value = G_VALUE_INIT;

                  g_value_init (&value, pspec->value_type);
                  g_value_set_object (&value, opm_scenario_lookup (copy, opm_element_get_id (target)));
                  g_assert (g_value_get_object (&value) != NULL);
                  _opm_prop_set_value (G_OBJECT (dup), info, &value);
                }
            }

          if (OPM_IS_TEAM (element))
            _opm_object_copy_props (G_OBJECT (opm_team_get_contract (OPM_TEAM (dup))),
                                    G_OBJECT (opm_team_get_contract (OPM_TEAM (element))));

          g_ptr_array_add (copies, dup);
        }

      _opm_scenario_append_many (copy, types[k], copies);
    }

  {
    GListModel *list = G_LIST_MODEL (self->acknowledgements);
    guint n = g_list_model_get_n_items (list);
    g_autoptr(GPtrArray) copies = g_ptr_array_new_full (n, g_object_unref);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(OpmAcknowledgement) acknowledgement = g_list_model_get_item (list, i);
        OpmElement *element = opm_acknowledgement_get_element (acknowledgement);
        OpmElement *same = opm_scenario_lookup (copy, opm_element_get_id (element));

        g_assert (same != NULL);
        g_ptr_array_add (copies, _opm_acknowledgement_new (opm_acknowledgement_get_rule_id (acknowledgement),
                                                           same,
                                                           opm_acknowledgement_get_reason (acknowledgement)));
      }

    _opm_scenario_append_acknowledgements (copy, copies);
  }

  return copy;
}

/* Acknowledgements */

static int
compare_acknowledgements (gconstpointer a,
                          gconstpointer b,
                          gpointer      data)
{
  return _opm_acknowledgement_compare (a, b);
}

/* For g_ptr_array_sort(), which passes pointers to the items. */
static int
compare_acknowledgement_slots (gconstpointer a,
                               gconstpointer b)
{
  return _opm_acknowledgement_compare (*(gconstpointer *) a, *(gconstpointer *) b);
}

/**
 * opm_scenario_get_acknowledgements:
 *
 * Returns: (transfer none): the acknowledgements (#OpmAcknowledgement) of
 *   the scenario, by rule and then by element id
 */
GListModel *
opm_scenario_get_acknowledgements (OpmScenario *self)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);

  return G_LIST_MODEL (self->acknowledgements);
}

/**
 * opm_scenario_find_acknowledgement:
 * @rule_id: a rule id such as "OPS-04"
 * @element: the element a finding is about
 *
 * Returns: (transfer none) (nullable): the acknowledgement of the findings
 *   of @rule_id about @element
 */
OpmAcknowledgement *
opm_scenario_find_acknowledgement (OpmScenario *self,
                                   const char  *rule_id,
                                   OpmElement  *element)
{
  GPtrArray *of_element;

  g_return_val_if_fail (OPM_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);

  of_element = g_hash_table_lookup (self->acknowledged, element);
  if (of_element == NULL)
    return NULL;

  for (guint i = 0; i < of_element->len; i++)
    {
      OpmAcknowledgement *acknowledgement = g_ptr_array_index (of_element, i);

      if (strcmp (opm_acknowledgement_get_rule_id (acknowledgement), rule_id) == 0)
        return acknowledgement;
    }

  return NULL;
}

/**
 * _opm_scenario_find_acknowledged:
 *
 * Returns: (transfer container): the acknowledgements about @element, in
 *   the scenario's order
 */
GPtrArray *
_opm_scenario_find_acknowledged (OpmScenario *self,
                                 OpmElement  *element)
{
  GPtrArray *of_element = g_hash_table_lookup (self->acknowledged, element);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  if (of_element != NULL)
    for (guint i = 0; i < of_element->len; i++)
      g_ptr_array_add (result, g_object_ref (g_ptr_array_index (of_element, i)));
  g_ptr_array_sort (result, compare_acknowledgement_slots);

  return result;
}

static void
index_acknowledgement (OpmScenario        *self,
                       OpmAcknowledgement *acknowledgement)
{
  OpmElement *element = opm_acknowledgement_get_element (acknowledgement);
  GPtrArray *of_element = g_hash_table_lookup (self->acknowledged, element);

  g_assert (opm_acknowledgement_get_scenario (acknowledgement) == NULL);
  g_assert (opm_element_get_scenario (element) == self);
  g_assert (opm_scenario_find_acknowledgement (self, opm_acknowledgement_get_rule_id (acknowledgement),
                                               element) == NULL);

  if (of_element == NULL)
    {
      of_element = g_ptr_array_new ();
      g_hash_table_insert (self->acknowledged, element, of_element);
    }
  g_ptr_array_add (of_element, acknowledgement);
  _opm_acknowledgement_set_scenario (acknowledgement, self);
}

void
_opm_scenario_add_acknowledgement (OpmScenario        *self,
                                   OpmAcknowledgement *acknowledgement)
{
  index_acknowledgement (self, acknowledgement);
  g_list_store_insert_sorted (self->acknowledgements, acknowledgement, compare_acknowledgements, NULL);
}

void
_opm_scenario_remove_acknowledgement (OpmScenario        *self,
                                      OpmAcknowledgement *acknowledgement)
{
  OpmElement *element = opm_acknowledgement_get_element (acknowledgement);
  GPtrArray *of_element = g_hash_table_lookup (self->acknowledged, element);
  guint position = 0;

  g_assert (opm_acknowledgement_get_scenario (acknowledgement) == self);
  g_assert (of_element != NULL);

  if (!g_list_store_find (self->acknowledgements, acknowledgement, &position))
    g_assert_not_reached ();

  g_ptr_array_remove (of_element, acknowledgement);
  if (of_element->len == 0)
    g_hash_table_remove (self->acknowledged, element);
  _opm_acknowledgement_set_scenario (acknowledgement, NULL);
  g_list_store_remove (self->acknowledgements, position);
}

/* For the loader and copies: adds acknowledgements of elements of the
 * scenario, in any order, in one change. */
void
_opm_scenario_append_acknowledgements (OpmScenario *self,
                                       GPtrArray   *acknowledgements)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->acknowledgements));

  g_assert (n == 0);

  g_ptr_array_sort (acknowledgements, compare_acknowledgement_slots);
  for (guint i = 0; i < acknowledgements->len; i++)
    index_acknowledgement (self, g_ptr_array_index (acknowledgements, i));

  g_list_store_splice (self->acknowledgements, 0, 0, acknowledgements->pdata, acknowledgements->len);
}
