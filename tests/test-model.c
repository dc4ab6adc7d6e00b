/* test-model.c — the core model: elements, scenarios, commands, undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gobject/gvaluecollector.h>

#include "opm-core.h"
#include "opm-test-random.h"

/* Helpers */

static char *
serialize (OpmDocument *document)
{
  g_autoptr(GBytes) bytes = opm_document_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static OpmScenario *
first_scenario (OpmDocument *document)
{
  return opm_document_get_scenario (document, 0);
}

static OpmTeam *
add_team (OpmDocument *document,
          OpmScenario *scenario,
          const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmTeam) team = opm_team_new ();

  g_object_set (team, "name", name, NULL);
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (team), &error));
  g_assert_no_error (error);

  return team; /* the scenario holds it */
}

static OpmService *
add_service (OpmDocument *document,
             OpmScenario *scenario,
             const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmService) service = opm_service_new ();

  g_object_set (service, "name", name, NULL);
  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (service), &error));
  g_assert_no_error (error);

  return service;
}

static OpmResponsibility *
add_responsibility (OpmDocument *document,
                    OpmTeam     *team,
                    OpmService  *service,
                    OpmActivity  activity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmResponsibility) r = opm_responsibility_new (team, service, activity);

  g_assert_true (opm_document_add_element (document, opm_element_get_scenario (OPM_ELEMENT (team)),
                                           OPM_ELEMENT (r), &error));
  g_assert_no_error (error);

  return r;
}

static OpmDependency *
add_dependency (OpmDocument *document,
                OpmService  *from,
                OpmService  *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmDependency) d = opm_dependency_new (from, to);

  g_assert_true (opm_document_add_element (document, opm_element_get_scenario (OPM_ELEMENT (from)),
                                           OPM_ELEMENT (d), &error));
  g_assert_no_error (error);

  return d;
}

/* A value different from the current one, valid for @pspec. */
static void
other_value (GObject    *object,
             GParamSpec *pspec,
             GValue     *value,
             guint       variant)
{
  g_auto(GValue) current = G_VALUE_INIT;

  g_value_init (&current, pspec->value_type);
  g_object_get_property (object, pspec->name, &current);
  g_value_init (value, pspec->value_type);

  if (G_IS_PARAM_SPEC_STRING (pspec))
    {
      const char *name = pspec->name;
      const char *a, *b;

      if (g_str_equal (name, "colour"))
        a = "#a0b1c2", b = "#123abc";
      else if (g_str_equal (name, "end-date"))
        a = "2027-03-31", b = "2028-02-29";
      else if (g_str_equal (name, "waypoints"))
        a = "10,20 30.5,-40", b = "0,0";
      else if (g_str_equal (name, "currency"))
        a = "EUR", b = "GBP";
      else if (g_str_equal (name, "name") && OPM_IS_SCENARIO (object))
        a = "Renamed scenario", b = "Another name";
      else if (g_str_equal (name, "description") || g_str_equal (name, "text") ||
               g_str_equal (name, "latent-faults"))
        a = "Ops & <Run> \"It\"\ttab\nline\r\né ✓", b = "plain";
      else
        a = "Ops & <Run> \"It\" l'équipe ✓", b = "plain";

      if (variant % 2)
        {
          const char *t = a;
          a = b;
          b = t;
        }
      g_value_set_string (value, g_strcmp0 (g_value_get_string (&current), a) == 0 ? b : a);
    }
  else if (G_IS_PARAM_SPEC_INT (pspec))
    {
      GParamSpecInt *p = G_PARAM_SPEC_INT (pspec);
      int v = g_value_get_int (&current) == p->maximum ? p->minimum : p->maximum;

      if (variant % 2 && p->maximum - p->minimum > 2)
        v = p->minimum + 1 + (g_value_get_int (&current) == p->minimum + 1);
      g_value_set_int (value, v);
    }
  else if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      GParamSpecDouble *p = G_PARAM_SPEC_DOUBLE (pspec);
      double v = p->minimum + (p->maximum - p->minimum) * (variant % 2 ? 0.25 : 0.125);

      if (v == g_value_get_double (&current))
        v = p->maximum;
      g_value_set_double (value, v);
    }
  else if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    {
      g_value_set_boolean (value, !g_value_get_boolean (&current));
    }
  else if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      guint index = 0;

      for (guint i = 0; i < klass->n_values; i++)
        if (klass->values[i].value == g_value_get_enum (&current))
          index = i;
      g_value_set_enum (value, klass->values[(index + 1 + variant) % klass->n_values].value);
      if (g_value_get_enum (value) == g_value_get_enum (&current))
        g_value_set_enum (value, klass->values[(index + 1) % klass->n_values].value);
    }
  else if (G_IS_PARAM_SPEC_FLAGS (pspec))
    {
      GFlagsClass *klass = G_PARAM_SPEC_FLAGS (pspec)->flags_class;
      guint flags = g_value_get_flags (&current) ^ klass->values[variant % klass->n_values].value;

      g_value_set_flags (value, flags);
    }
  else
    {
      g_assert_not_reached ();
    }
}

/* Each element type: create, edit every attribute, delete; undo and redo */

static OpmElement *
make_element (OpmDocument *document,
              OpmScenario *scenario,
              GType        type)
{
  if (type == OPM_TYPE_RESPONSIBILITY)
    {
      OpmTeam *team = add_team (document, scenario, "Ops");
      OpmService *service = add_service (document, scenario, "Billing");

      return g_object_new (type, "team", team, "service", service, "activity", OPM_ACTIVITY_SUPPORT_L2, NULL);
    }

  if (type == OPM_TYPE_DEPENDENCY)
    {
      OpmService *a = add_service (document, scenario, "Web");
      OpmService *b = add_service (document, scenario, "Database");

      return g_object_new (type, "from", a, "to", b, NULL);
    }

  return g_object_new (type, NULL);
}

static void
test_element_lifecycle (gconstpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmScenario *scenario = first_scenario (document);
  g_autoptr(OpmElement) element = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before_add = NULL;
  g_autofree char *after_add = NULL;
  GListModel *list = opm_scenario_get_elements (scenario, type);
  guint n_props = 0;
  g_autofree GParamSpec **pspecs = NULL;
  guint steps;

  element = make_element (document, scenario, type);
  before_add = serialize (document);
  steps = opm_document_get_history_length (document);

  /* create */
  g_assert_true (opm_document_add_element (document, scenario, element, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_true (opm_element_get_scenario (element) == scenario);
  g_assert_cmpstr (opm_element_get_id (element), !=, "");
  g_assert_true (opm_scenario_lookup (scenario, opm_element_get_id (element)) == element);
  {
    g_autofree char *label = g_strdup_printf ("Add %s", opm_element_get_kind_name (element));
    g_assert_cmpstr (opm_document_get_undo_label (document), ==, label);
  }
  after_add = serialize (document);
  g_assert_cmpstr (before_add, !=, after_add);

  g_assert_true (opm_document_undo (document));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_null (opm_element_get_scenario (element));
  g_assert_null (opm_scenario_lookup (scenario, opm_element_get_id (element)));
  g_assert_cmpstr (serialize (document), ==, before_add);
  g_assert_true (opm_document_redo (document));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_cmpstr (serialize (document), ==, after_add);

  /* edit every attribute, each one undoable */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (element), &n_props);
  for (guint i = 0; i < n_props; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;
      g_auto(GValue) read_back = G_VALUE_INIT;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;

      if (g_str_equal (pspec->name, "id") || G_IS_PARAM_SPEC_OBJECT (pspec))
        continue;

      before = serialize (document);
      other_value (G_OBJECT (element), pspec, &value, i);
      g_assert_true (opm_document_set_value (document, element, pspec->name, &value, &error));
      g_assert_no_error (error);

      g_value_init (&read_back, pspec->value_type);
      g_object_get_property (G_OBJECT (element), pspec->name, &read_back);
      g_assert_cmpint (g_param_values_cmp (pspec, &value, &read_back), ==, 0);
      after = serialize (document);
      g_assert_cmpstr (before, !=, after);

      g_assert_true (opm_document_undo (document));
      g_assert_cmpstr (serialize (document), ==, before);
      g_assert_true (opm_document_redo (document));
      g_assert_cmpstr (serialize (document), ==, after);

      /* and the value survives the file */
      {
        g_autoptr(OpmDocument) reloaded = opm_document_load_from_data (after, strlen (after), "edit", &error);
        g_autofree char *again = NULL;

        g_assert_no_error (error);
        again = serialize (reloaded);
        g_assert_cmpstr (again, ==, after);
      }
    }

  /* delete */
  {
    g_autofree char *before = serialize (document);

    g_assert_true (opm_document_remove_element (document, element, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
    g_assert_true (opm_document_undo (document));
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    g_assert_cmpstr (serialize (document), ==, before);
    g_assert_true (opm_document_redo (document));
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  }

  /* undo everything: the untouched document again */
  while (opm_document_undo (document))
    ;
  g_assert_false (opm_document_get_modified (document));
  g_assert_cmpuint (steps, <=, opm_document_get_history_length (document));
}

static void
test_contract_and_metadata (void)
{
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmScenario *scenario = first_scenario (document);
  g_autofree char *start = serialize (document);
  OpmTeam *team = add_team (document, scenario, "Supplier Ops");
  OpmContract *contract = opm_team_get_contract (team);
  g_autoptr(GError) error = NULL;
  g_autofree char *end = NULL;

  g_assert_true (opm_document_set (document, &error, team, "sourcing", OPM_SOURCING_OUTSOURCED, NULL));
  g_assert_true (opm_document_set (document, &error, contract,
                                   "priorities", OPM_PRIORITIES_P1 | OPM_PRIORITIES_P2,
                                   "response-p1", 30.0,
                                   "hours", OPM_CONTRACT_HOURS_ALWAYS,
                                   NULL));
  g_assert_no_error (error);
  g_assert_cmpuint (opm_contract_get_priorities (contract), ==, OPM_PRIORITIES_P1 | OPM_PRIORITIES_P2);
  g_assert_cmpfloat (opm_contract_get_response_minutes (contract, 1), ==, 30.0);

  g_assert_true (opm_document_set (document, &error, document,
                                   "title", "Telco", "currency", "EUR", NULL));
  g_assert_true (opm_document_set (document, &error, opm_document_get_parameters (document),
                                   "handoff-limit", 3.0, NULL));
  g_assert_no_error (error);
  g_assert_cmpfloat (opm_parameters_get (opm_document_get_parameters (document), OPM_PARAM_HANDOFF_LIMIT), ==, 3.0);

  end = serialize (document);
  g_assert_nonnull (strstr (end, "<contract priorities=\"p1 p2\" response-p1=\"30\" hours=\"24x7\"/>"));
  g_assert_nonnull (strstr (end, "handoff-limit=\"3\""));
  g_assert_nonnull (strstr (end, "currency=\"EUR\""));

  /* sourcing, contract, document and parameters: four steps */
  for (guint i = 0; i < 4; i++)
    g_assert_true (opm_document_undo (document));
  g_assert_cmpuint (opm_contract_get_priorities (contract), ==, OPM_PRIORITIES_ALL);
  g_assert_true (opm_document_undo (document)); /* add team */
  g_assert_cmpstr (serialize (document), ==, start);
  while (opm_document_redo (document))
    ;
  g_assert_cmpstr (serialize (document), ==, end);
}

static void
test_cascade_delete (void)
{
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmScenario *scenario = first_scenario (document);
  OpmTeam *dev = add_team (document, scenario, "Delivery");
  OpmTeam *ops = add_team (document, scenario, "Operations");
  OpmService *web = add_service (document, scenario, "Web");
  OpmService *db = add_service (document, scenario, "Database");
  OpmService *cache = add_service (document, scenario, "Cache");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  guint steps;

  add_responsibility (document, dev, web, OPM_ACTIVITY_BUILD);
  add_responsibility (document, ops, web, OPM_ACTIVITY_OPERATE_L1);
  add_responsibility (document, dev, db, OPM_ACTIVITY_BUILD);
  add_responsibility (document, ops, cache, OPM_ACTIVITY_SUPPORT_L2);
  add_dependency (document, web, db);
  add_dependency (document, cache, db);
  add_dependency (document, web, cache);

  before = serialize (document);
  steps = opm_document_get_history_length (document);

  /* a service takes its responsibilities and dependencies with it */
  g_assert_true (opm_document_remove_element (document, OPM_ELEMENT (db), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_services (scenario)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_responsibilities (scenario)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_dependencies (scenario)), ==, 1);
  g_assert_cmpuint (opm_document_get_history_length (document), ==, steps + 1);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Delete Service");

  /* a team takes its responsibilities */
  g_assert_true (opm_document_remove_element (document, OPM_ELEMENT (ops), &error));
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_responsibilities (scenario)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_teams (scenario)), ==, 1);

  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_undo (document));
  g_assert_cmpstr (serialize (document), ==, before);
  g_assert_true (opm_element_get_scenario (OPM_ELEMENT (db)) == scenario);
}


/* A step that moves, resizes, recolours or reroutes only says so, undone
 * and redone too, so that analyses know their results still hold. */
static void
test_look_only_changes (void)
{
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmScenario *scenario = first_scenario (document);
  OpmTeam *team = add_team (document, scenario, "A");
  OpmService *service = add_service (document, scenario, "B");
  g_autoptr(OpmResponsibility) duty = opm_responsibility_new (team, service, OPM_ACTIVITY_BUILD);
  g_autoptr(GError) error = NULL;

  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (duty), &error));
  g_assert_no_error (error);
  g_assert_false (opm_document_get_last_change_is_look (document));

  opm_document_begin_group (document, "Move 2 Elements");
  g_assert_true (opm_document_set (document, &error, team, "x", 100.0, "y", 50.0, NULL));
  g_assert_true (opm_document_set (document, &error, service, "width", 300.0, "colour", "#336699", NULL));
  opm_document_end_group (document);
  g_assert_true (opm_document_get_last_change_is_look (document));

  g_assert_true (opm_document_set (document, &error, duty, "waypoints", "10,10 20,20", NULL));
  g_assert_true (opm_document_get_last_change_is_look (document));

  g_assert_true (opm_document_set (document, &error, service, "name", "C", NULL));
  g_assert_false (opm_document_get_last_change_is_look (document));

  /* undoing the rename is not a look; undoing the route is */
  g_assert_true (opm_document_undo (document));
  g_assert_false (opm_document_get_last_change_is_look (document));
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_get_last_change_is_look (document));
  g_assert_true (opm_document_redo (document));
  g_assert_true (opm_document_get_last_change_is_look (document));

  /* a move together with a change that matters is not a look */
  opm_document_begin_group (document, "Move and Outsource");
  g_assert_true (opm_document_set (document, &error, team, "x", 10.0, NULL));
  g_assert_true (opm_document_set (document, &error, team, "sourcing", OPM_SOURCING_OUTSOURCED, NULL));
  opm_document_end_group (document);
  g_assert_false (opm_document_get_last_change_is_look (document));
  g_assert_no_error (error);
}

static void
test_groups_and_modified (void)
{
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmScenario *scenario = first_scenario (document);
  OpmTeam *team = add_team (document, scenario, "A");
  OpmService *service = add_service (document, scenario, "B");
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_signal_connect_swapped (document, "changed", G_CALLBACK (g_atomic_int_inc), &changed);

  opm_document_set_unmodified (document);
  g_assert_false (opm_document_get_modified (document));

  /* a move of two elements is one step, with nested groups */
  opm_document_begin_group (document, "Move 2 Elements");
  g_assert_true (opm_document_set (document, &error, team, "x", 100.0, "y", 50.0, NULL));
  opm_document_begin_group (document, "inner");
  g_assert_true (opm_document_set (document, &error, service, "x", 300.0, NULL));
  opm_document_end_group (document);
  g_assert_false (opm_document_can_undo (document)); /* not while a group is open */
  opm_document_end_group (document);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Move 2 Elements");
  g_assert_true (opm_document_get_modified (document));

  g_assert_true (opm_document_undo (document));
  g_assert_cmpfloat (opm_node_get_x (OPM_NODE (team)), ==, 0);
  g_assert_cmpfloat (opm_node_get_x (OPM_NODE (service)), ==, 0);
  g_assert_false (opm_document_get_modified (document));
  g_assert_cmpstr (opm_document_get_redo_label (document), ==, "Move 2 Elements");
  g_assert_true (opm_document_redo (document));
  g_assert_cmpfloat (opm_node_get_x (OPM_NODE (service)), ==, 300);
  g_assert_true (opm_document_get_modified (document));
  g_assert_cmpuint (changed, ==, 3);

  /* saved here; undo makes it modified, redo clean again */
  opm_document_set_unmodified (document);
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_get_modified (document));
  g_assert_true (opm_document_redo (document));
  g_assert_false (opm_document_get_modified (document));

  /* a new edit after undoing past the saved state: it can never be clean again */
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_set (document, &error, team, "name", "C", NULL));
  g_assert_false (opm_document_can_redo (document));
  g_assert_true (opm_document_get_modified (document));
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_get_modified (document));

  /* an empty group records nothing; an unchanged value records nothing */
  {
    guint n = opm_document_get_history_length (document);

    opm_document_begin_group (document, "Nothing");
    opm_document_end_group (document);
    g_assert_true (opm_document_set (document, &error, team, "name", "A", NULL));
    g_assert_cmpuint (opm_document_get_history_length (document), ==, n);
  }
}

static void
assert_refused (OpmDocument *document,
                gpointer     target,
                const char  *property,
                ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = serialize (document);
  guint steps = opm_document_get_history_length (document);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *collect_error = NULL;
  va_list args;

  g_assert_nonnull (pspec);
  va_start (args, property);
  G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &collect_error);
  va_end (args);
  g_assert_null (collect_error);

  g_assert_false (opm_document_set_value (document, target, property, &value, &error));
  g_assert_error (error, OPM_MODEL_ERROR, error->code);
  g_test_message ("refused %s: %s", property, error->message);
  g_assert_cmpuint (opm_document_get_history_length (document), ==, steps);
  g_assert_cmpstr (serialize (document), ==, before);
}

static void
test_refusals (void)
{
  g_autoptr(OpmDocument) document = opm_document_new ();
  g_autoptr(OpmDocument) other = opm_document_new ();
  OpmScenario *scenario = first_scenario (document);
  OpmTeam *team = add_team (document, scenario, "A");
  OpmService *web = add_service (document, scenario, "Web");
  OpmService *db = add_service (document, scenario, "DB");
  OpmDependency *dep = add_dependency (document, web, db);
  OpmResponsibility *r = add_responsibility (document, team, web, OPM_ACTIVITY_BUILD);
  OpmScenario *second = NULL;
  OpmService *elsewhere;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  assert_refused (document, team, "size", -1);
  assert_refused (document, team, "size", 100001);
  assert_refused (document, team, "work-start", 1441);
  assert_refused (document, team, "end-date", "2027-02-30");
  assert_refused (document, team, "end-date", "tomorrow");
  assert_refused (document, team, "colour", "red");
  assert_refused (document, team, "name", "line\nbreak");
  assert_refused (document, team, "description", "bell\a");
  assert_refused (document, team, "kind", 99);
  assert_refused (document, team, "rights", 1 << 20);
  assert_refused (document, team, "id", "new-id");
  assert_refused (document, web, "exposure-per-hour", NAN);
  assert_refused (document, web, "exposure-per-hour", INFINITY);
  assert_refused (document, web, "exposure-per-hour", -1.0);
  assert_refused (document, web, "exposure-per-hour", 1e13);
  assert_refused (document, web, "incident-rate", -0.5);
  assert_refused (document, dep, "to", web);
  assert_refused (document, dep, "waypoints", "1,2 3");
  assert_refused (document, r, "team", NULL);
  assert_refused (document, document, "currency", "dollars");
  assert_refused (document, opm_document_get_parameters (document), "l1-resolve-probability", 1.5);

  /* another scenario's element */
  second = opm_document_add_scenario (document, "To-be", &error);
  g_assert_no_error (error);
  elsewhere = add_service (document, second, "Other");
  assert_refused (document, r, "service", elsewhere);
  assert_refused (document, second, "name", "As-is");
  assert_refused (document, second, "name", "   ");

  before = serialize (document);

  /* objects of another document */
  g_assert_false (opm_document_set (document, &error, first_scenario (other), "name", "X", NULL));
  g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO);
  g_clear_error (&error);

  /* duplicate ids, attached elements, self-dependency */
  {
    g_autoptr(OpmTeam) clash = opm_team_new ();
    g_autoptr(OpmDependency) loop = opm_dependency_new (web, web);
    g_autoptr(OpmResponsibility) across = opm_responsibility_new (team, elsewhere, OPM_ACTIVITY_PLAN);

    g_object_set (clash, "id", opm_element_get_id (OPM_ELEMENT (team)), NULL);
    g_assert_false (opm_document_add_element (document, scenario, OPM_ELEMENT (clash), &error));
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_DUPLICATE);
    g_clear_error (&error);

    g_assert_false (opm_document_add_element (document, scenario, OPM_ELEMENT (team), &error));
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED);
    g_clear_error (&error);

    g_assert_false (opm_document_add_element (document, scenario, OPM_ELEMENT (loop), &error));
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED);
    g_clear_error (&error);

    g_assert_false (opm_document_add_element (document, scenario, OPM_ELEMENT (across), &error));
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO);
    g_clear_error (&error);
  }

  /* scenario names; the last scenario stays */
  g_assert_null (opm_document_add_scenario (document, "To-be", &error));
  g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_null (opm_document_duplicate_scenario (document, scenario, "", &error));
  g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  g_assert_cmpstr (serialize (document), ==, before);

  g_assert_true (opm_document_remove_scenario (document, second, &error));
  g_assert_false (opm_document_remove_scenario (document, scenario, &error));
  g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED);
}

static void
count_items_changed (GListModel *list,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *counter)
{
  *counter += added + removed;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *counter)
{
  (*counter)++;
}

static void
test_scenarios (void)
{
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmScenario *as_is = first_scenario (document);
  OpmTeam *team = add_team (document, as_is, "Ops");
  OpmService *service = add_service (document, as_is, "Web");
  OpmScenario *to_be;
  GListModel *scenarios = opm_document_get_scenarios (document);
  g_autoptr(GError) error = NULL;
  g_autofree char *one = NULL;
  guint list_changes = 0;
  guint name_notifies = 0;

  add_responsibility (document, team, service, OPM_ACTIVITY_OPERATE_L1);
  one = serialize (document);

  g_signal_connect (scenarios, "items-changed", G_CALLBACK (count_items_changed), &list_changes);

  to_be = opm_document_duplicate_scenario (document, as_is, "To-be", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_true (opm_document_get_scenario (document, 1) == to_be);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Duplicate Scenario");
  g_assert_cmpuint (list_changes, ==, 1);
  g_assert_cmpstr (opm_scenario_get_id (to_be), !=, opm_scenario_get_id (as_is));

  /* element ids are kept; references point inside the copy */
  g_assert_cmpuint (opm_scenario_get_n_elements (to_be), ==, 3);
  {
    OpmElement *copy_team = opm_scenario_lookup (to_be, opm_element_get_id (OPM_ELEMENT (team)));
    g_autoptr(OpmResponsibility) copy_r = g_list_model_get_item (opm_scenario_get_responsibilities (to_be), 0);

    g_assert_nonnull (copy_team);
    g_assert_true (copy_team != OPM_ELEMENT (team));
    g_assert_cmpstr (opm_team_get_name (OPM_TEAM (copy_team)), ==, "Ops");
    g_assert_true (OPM_ELEMENT (opm_responsibility_get_team (copy_r)) == copy_team);
    g_assert_true (opm_element_get_scenario (OPM_ELEMENT (opm_responsibility_get_service (copy_r))) == to_be);
  }

  /* editing the copy leaves the original alone */
  {
    OpmElement *copy_team = opm_scenario_lookup (to_be, opm_element_get_id (OPM_ELEMENT (team)));

    g_assert_true (opm_document_set (document, &error, copy_team, "kind", OPM_TEAM_KIND_PRODUCT, "name", "Web Product", NULL));
    g_assert_cmpstr (opm_team_get_name (team), ==, "Ops");
  }

  /* rename */
  g_signal_connect (to_be, "notify::name", G_CALLBACK (count_notify), &name_notifies);
  g_assert_true (opm_document_set (document, &error, to_be, "name", "Target", NULL));
  g_assert_cmpuint (name_notifies, ==, 1);
  g_assert_true (opm_document_find_scenario (document, "Target") == to_be);
  g_assert_true (opm_document_find_scenario (document, "target") == to_be);
  g_assert_true (opm_document_find_scenario (document, opm_scenario_get_id (to_be)) == to_be);
  g_assert_null (opm_document_find_scenario (document, "To-be"));
  g_assert_true (opm_document_undo (document));
  g_assert_cmpuint (name_notifies, ==, 2);
  g_assert_cmpstr (opm_scenario_get_name (to_be), ==, "To-be");
  g_assert_true (opm_document_redo (document));

  /* add an empty one, delete one, undo all */
  g_assert_nonnull (opm_document_add_scenario (document, "Empty", &error));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 3);
  g_assert_true (opm_document_remove_scenario (document, as_is, &error));
  g_assert_null (opm_scenario_get_document (as_is));
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);

  /* edits to elements of a deleted scenario are refused */
  g_assert_false (opm_document_set (document, &error, team, "name", "Gone", NULL));
  g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO);
  g_clear_error (&error);

  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_get_scenario (document, 0) == as_is);
  g_assert_true (opm_scenario_get_document (as_is) == document);
  while (opm_document_get_undo_label (document) != NULL &&
         g_list_model_get_n_items (scenarios) > 1)
    g_assert_true (opm_document_undo (document));
  g_assert_cmpstr (serialize (document), ==, one);

  /* a saved, reloaded duplicate keeps its ids */
  while (opm_document_redo (document))
    ;
  {
    g_autofree char *text = serialize (document);
    g_autoptr(OpmDocument) reloaded = opm_document_load_from_data (text, strlen (text), "dup", &error);
    OpmScenario *target;

    g_assert_no_error (error);
    target = opm_document_find_scenario (reloaded, "Target");
    g_assert_nonnull (target);
    g_assert_nonnull (opm_scenario_lookup (target, opm_element_get_id (OPM_ELEMENT (team))));
  }
}

static void
test_notifications (void)
{
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmScenario *scenario = first_scenario (document);
  OpmTeam *team;
  g_autoptr(GError) error = NULL;
  guint team_changes = 0;
  guint notifies = 0;
  guint undo_notifies = 0;

  g_signal_connect (opm_scenario_get_teams (scenario), "items-changed",
                    G_CALLBACK (count_items_changed), &team_changes);
  g_signal_connect (document, "notify::can-undo", G_CALLBACK (count_notify), &undo_notifies);

  team = add_team (document, scenario, "A");
  g_assert_cmpuint (team_changes, ==, 1);
  g_assert_cmpuint (undo_notifies, ==, 1);

  g_signal_connect (team, "notify::size", G_CALLBACK (count_notify), &notifies);
  g_assert_true (opm_document_set (document, &error, team, "size", 12, NULL));
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_true (opm_document_undo (document));
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_true (opm_document_undo (document));
  g_assert_cmpuint (team_changes, ==, 2);
  g_assert_cmpuint (undo_notifies, ==, 2);
}

static void
test_move_element (void)
{
  g_autoptr(OpmDocument) document = opm_document_new ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  GListModel *notes = opm_scenario_get_notes (scenario);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  OpmElement *first;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(OpmNote) note = opm_note_new ();
      g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (note), &error));
    }

  before = serialize (document);
  first = opm_scenario_lookup (scenario, "note-1");
  g_assert_nonnull (first);

  /* to the front: the end of the drawing order */
  g_assert_true (opm_document_move_element (document, first, G_MAXUINT, &error));
  g_assert_no_error (error);
  {
    g_autoptr(OpmElement) last = g_list_model_get_item (notes, 2);
    g_assert_true (last == first);
  }
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Bring to Front");
  g_assert_true (opm_scenario_lookup (scenario, "note-1") == first);

  g_assert_true (opm_document_undo (document));
  g_assert_cmpstr (serialize (document), ==, before);
  g_assert_true (opm_document_redo (document));

  /* and to the back */
  g_assert_true (opm_document_move_element (document, first, 0, &error));
  g_assert_cmpstr (serialize (document), ==, before);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Send to Back");
}

static void
test_document_freed (void)
{
  OpmDocument *document = opm_document_new ();
  g_autoptr(GError) error = NULL;

  /* the history of an edit of the document itself must not keep it alive */
  g_assert_true (opm_document_set (document, &error, document, "title", "Freed", NULL));
  g_assert_true (opm_document_set (document, &error, opm_document_get_parameters (document),
                                   "handoff-limit", 4.0, NULL));
  g_assert_true (opm_document_undo (document));
  g_assert_finalize_object (document);
}

static void
test_defaults (void)
{
  g_autoptr(OpmTeam) team = opm_team_new ();
  g_autoptr(OpmService) service = opm_service_new ();
  g_autoptr(OpmParameters) params = opm_parameters_new ();

  /* DESIGN §2 defaults */
  g_assert_cmpint (opm_team_get_work_start (team), ==, 9 * 60);
  g_assert_cmpint (opm_team_get_work_end (team), ==, 17 * 60);
  g_assert_cmpuint (opm_team_get_work_days (team), ==, OPM_WEEKDAYS_WORKING_WEEK);
  g_assert_cmpint (opm_team_get_sourcing (team), ==, OPM_SOURCING_IN_HOUSE);
  g_assert_cmpint (opm_team_get_lifecycle (team), ==, OPM_LIFECYCLE_LONG_LIVED);
  g_assert_cmpint (opm_team_get_on_call_pay (team), ==, OPM_ON_CALL_PAY_NONE);
  g_assert_cmpint (opm_service_get_kind (service), ==, OPM_SERVICE_KIND_DIGITAL);
  g_assert_cmpint (opm_service_get_availability_target (service), ==, OPM_AVAILABILITY_99_0);
  g_assert_cmpint (opm_service_get_feature_demand (service), ==, OPM_FEATURE_DEMAND_MEDIUM);

  /* DESIGN §3–§5 thresholds and assumptions */
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_EXPOSURE_BAND_LOW), ==, 7000);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_EXPOSURE_BAND_MEDIUM), ==, 250000);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_HANDOFF_LIMIT), ==, 2);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_ROTA_MINIMUM), ==, 3);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_BOTTLENECK_SERVICES), ==, 10);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_BOTTLENECK_TEAMS), ==, 6);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_SOFTENED_IMPACT), ==, 0.3);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_L1_RESOLVE_PROBABILITY), ==, 0.25);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_BOUNCE_BACK_PROBABILITY), ==, 0.15);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_DETECT_ALERT_MEDIAN), ==, 2);
  g_assert_cmpfloat (opm_parameters_get (params, OPM_PARAM_DETECT_REPORT_P90), ==, 120);
  g_assert_true (opm_parameters_is_assumption (OPM_PARAM_HANDOFF_MEDIAN));
  g_assert_false (opm_parameters_is_assumption (OPM_PARAM_HANDOFF_LIMIT));
  for (guint i = 0; i < OPM_N_PARAMS; i++)
    g_assert_cmpfloat (opm_parameters_get (params, i), ==, opm_parameters_get_default (i));

  /* phases and tolerable unavailability */
  g_assert_cmpint (opm_activity_get_phase (OPM_ACTIVITY_PLAN), ==, OPM_PHASE_PLAN);
  g_assert_cmpint (opm_activity_get_phase (OPM_ACTIVITY_BUILD), ==, OPM_PHASE_BUILD);
  g_assert_cmpint (opm_activity_get_phase (OPM_ACTIVITY_DEPLOY), ==, OPM_PHASE_RUN);
  g_assert_cmpint (opm_activity_get_phase (OPM_ACTIVITY_ACCOUNTABLE), ==, OPM_PHASE_RUN);
  g_assert_cmpfloat_with_epsilon (opm_availability_tolerable_hours (OPM_AVAILABILITY_95_0), 8.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (opm_availability_tolerable_hours (OPM_AVAILABILITY_99_0) * 3600, 6048, 1e-6);
  g_assert_cmpfloat_with_epsilon (opm_availability_tolerable_hours (OPM_AVAILABILITY_99_9) * 3600, 604.8, 1e-6);
}

/* Random edits: thousands of them, then undo all and redo all */

static OpmScenario *
random_scenario (OpmDocument *document)
{
  return random_item (opm_document_get_scenarios (document));
}

static gboolean
random_set (OpmDocument *document,
            GObject     *target)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (target), &n);
  GParamSpec *pspec;
  g_auto(GValue) value = G_VALUE_INIT;

  for (guint attempt = 0; attempt < 10; attempt++)
    {
      pspec = pspecs[g_test_rand_int_range (0, n)];
      if ((pspec->flags & G_PARAM_WRITABLE) != 0 && !g_str_equal (pspec->name, "id"))
        break;
      pspec = NULL;
    }

  if (pspec == NULL)
    return FALSE;

  if (G_IS_PARAM_SPEC_OBJECT (pspec))
    {
      OpmScenario *scenario = opm_element_get_scenario (OPM_ELEMENT (target));
      GListModel *list = opm_scenario_get_elements (scenario, pspec->value_type);
      gpointer ref = random_item (list);

      if (ref == NULL)
        return FALSE;
      g_value_init (&value, pspec->value_type);
      g_value_set_object (&value, ref);

      /* a dependency on itself is refused, as it must be */
      if (OPM_IS_DEPENDENCY (target) &&
          (ref == opm_dependency_get_from (OPM_DEPENDENCY (target)) ||
           ref == opm_dependency_get_to (OPM_DEPENDENCY (target))))
        {
          gboolean ok = opm_document_set_value (document, target, pspec->name, &value, &error);
          g_assert_true (ok || g_error_matches (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED));
          return ok;
        }
    }
  else
    {
      other_value (target, pspec, &value, g_test_rand_int_range (0, 4));
      if (OPM_IS_SCENARIO (target) && g_str_equal (pspec->name, "name"))
        {
          g_value_unset (&value);
          g_value_init (&value, G_TYPE_STRING);
          g_value_take_string (&value, g_strdup_printf ("Scenario %d", g_test_rand_int_range (0, 1000000)));
        }
    }

  if (!opm_document_set_value (document, target, pspec->name, &value, &error))
    {
      /* only a clashing scenario name may be refused */
      g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_DUPLICATE);
      return FALSE;
    }

  return TRUE;
}

/* Acknowledges a finding of the scenario, edits a reason or withdraws one. */
static void
random_acknowledgement_edit (OpmDocument *document,
                             OpmScenario *scenario)
{
  OpmAcknowledgement *acknowledgement = random_item (opm_scenario_get_acknowledgements (scenario));
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = g_strdup_printf ("Reason %d", g_test_rand_int_range (0, 1000));
  guint choice = g_test_rand_int_range (0, 3);

  if (choice == 0 || acknowledgement == NULL)
    {
      g_autoptr(GPtrArray) findings = opm_check_scenario (scenario, NULL);
      OpmFinding *finding;

      if (findings->len == 0)
        return;
      finding = g_ptr_array_index (findings, g_test_rand_int_range (0, findings->len));
      if (opm_finding_is_acknowledged (finding))
        return;
      g_assert_nonnull (opm_document_acknowledge (document, opm_finding_get_element (finding),
                                                  opm_finding_get_rule_id (finding), reason, &error));
    }
  else if (choice == 1)
    {
      g_assert_true (opm_document_set_acknowledgement_reason (document, acknowledgement, reason, &error));
    }
  else
    {
      g_assert_true (opm_document_withdraw_acknowledgement (document, acknowledgement, &error));
    }
  g_assert_no_error (error);
}

static void
random_edit (OpmDocument *document)
{
  OpmScenario *scenario = random_scenario (document);
  g_autoptr(GError) error = NULL;
  guint choice = g_test_rand_int_range (0, 100);

  if (g_test_rand_int_range (0, 100) < 6)
    {
      random_acknowledgement_edit (document, scenario);
      return;
    }

  if (choice < 40)
    {
      OpmElement *element = random_element (scenario);

      if (element == NULL)
        return;

      if (OPM_IS_TEAM (element) && g_test_rand_bit ())
        random_set (document, G_OBJECT (opm_team_get_contract (OPM_TEAM (element))));
      else
        random_set (document, G_OBJECT (element));
    }
  else if (choice < 65)
    {
      guint n_types;
      const GType *types = opm_element_get_types (&n_types);
      GType type = types[g_test_rand_int_range (0, n_types)];
      g_autoptr(OpmElement) element = NULL;

      if (type == OPM_TYPE_RESPONSIBILITY)
        {
          OpmTeam *team = random_item (opm_scenario_get_teams (scenario));
          OpmService *service = random_item (opm_scenario_get_services (scenario));

          if (team == NULL || service == NULL)
            return;
          element = OPM_ELEMENT (opm_responsibility_new (team, service, g_test_rand_int_range (0, 10)));
        }
      else if (type == OPM_TYPE_DEPENDENCY)
        {
          OpmService *from = random_item (opm_scenario_get_services (scenario));
          OpmService *to = random_item (opm_scenario_get_services (scenario));

          if (from == NULL || to == NULL || from == to)
            return;
          element = OPM_ELEMENT (opm_dependency_new (from, to));
        }
      else
        {
          element = g_object_new (type, "x", (double) g_test_rand_int_range (-500, 5000), NULL);
        }

      g_assert_true (opm_document_add_element (document, scenario, element, &error));
      g_assert_no_error (error);
    }
  else if (choice < 80)
    {
      OpmElement *element = random_element (scenario);

      if (element != NULL)
        {
          g_assert_true (opm_document_remove_element (document, element, &error));
          g_assert_no_error (error);
        }
    }
  else if (choice < 86)
    {
      random_set (document, g_test_rand_bit () ? G_OBJECT (document)
                                               : G_OBJECT (opm_document_get_parameters (document)));
    }
  else if (choice < 89)
    {
      random_set (document, G_OBJECT (scenario));
    }
  else if (choice < 92)
    {
      g_autofree char *name = g_strdup_printf ("Copy %d", g_test_rand_int_range (0, 1000000));

      if (g_list_model_get_n_items (opm_document_get_scenarios (document)) < 5)
        g_assert_nonnull (opm_document_duplicate_scenario (document, scenario, name, NULL));
    }
  else if (choice < 94)
    {
      g_autofree char *name = g_strdup_printf ("New %d", g_test_rand_int_range (0, 1000000));

      g_assert_nonnull (opm_document_add_scenario (document, name, NULL));
    }
  else if (choice < 96)
    {
      if (g_list_model_get_n_items (opm_document_get_scenarios (document)) > 1)
        g_assert_true (opm_document_remove_scenario (document, scenario, NULL));
    }
  else
    {
      /* a compound gesture */
      opm_document_begin_group (document, "Gesture");
      for (guint i = 0; i < 3; i++)
        {
          OpmElement *element = random_element (scenario);
          if (element != NULL)
            random_set (document, G_OBJECT (element));
        }
      opm_document_end_group (document);
    }
}

static void
test_random_edits (void)
{
  g_autoptr(OpmDocument) document = opm_generate_organisation (8, 12, g_test_rand_int ());
  g_autofree char *start = serialize (document);
  g_autofree char *end = NULL;
  guint n_edits = g_test_slow () ? 20000 : 4000;
  guint undone = 0;

  g_test_message ("random edits: %u", n_edits);

  for (guint i = 0; i < n_edits; i++)
    {
      random_edit (document);

      /* now and then, undo a few steps and redo some of them */
      if (g_test_rand_int_range (0, 50) == 0)
        {
          guint k = g_test_rand_int_range (1, 5);

          for (guint j = 0; j < k; j++)
            opm_document_undo (document);
          for (guint j = 0; j < k / 2; j++)
            opm_document_redo (document);
        }
    }

  /* the last undos may have left steps to redo: the end is past them,
   * where redoing everything below arrives */
  while (opm_document_redo (document))
    ;
  end = serialize (document);
  g_test_message ("format at the end: %.30s", strstr (end, "format-version"));
  g_assert_cmpstr (start, !=, end);
  g_assert_true (opm_document_get_modified (document));

  /* the end state is a valid document */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OpmDocument) reloaded = opm_document_load_from_data (end, strlen (end), "random", &error);
    g_autofree char *again = NULL;

    g_assert_no_error (error);
    again = serialize (reloaded);
    g_assert_cmpstr (again, ==, end);
  }

  while (opm_document_undo (document))
    undone++;
  g_test_message ("undid %u steps", undone);
  g_assert_cmpstr (serialize (document), ==, start);
  g_assert_false (opm_document_get_modified (document));

  while (opm_document_redo (document))
    ;
  g_assert_cmpstr (serialize (document), ==, end);
}

/* Refusals name the attribute as the user knows it; files name it as
 * written (the CLI test covers that side). */
static void
test_refusals_name_the_attribute (void)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (OPM_TYPE_TEAM);
  GParamSpec *size = g_object_class_find_property (G_OBJECT_CLASS (klass), "size");
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;

  g_value_init (&value, G_TYPE_INT);
  g_value_set_int (&value, -3);
  g_assert_false (opm_attribute_check_value (size, &value, &error));
  g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, opm_attribute_get_label (size)));
  g_assert_nonnull (strstr (error->message, "-3"));

  g_value_set_int (&value, 12);
  g_assert_true (opm_attribute_check_value (size, &value, NULL));
}

/* Lines are described by what they join, not by their ids. */
static void
test_descriptions (void)
{
  g_autoptr(OpmTeam) team = opm_team_new ();
  g_autoptr(OpmService) web = opm_service_new ();
  g_autoptr(OpmService) db = opm_service_new ();
  g_autoptr(OpmResponsibility) runs = NULL;
  g_autoptr(OpmDependency) needs = NULL;
  g_autofree char *team_text = NULL;
  g_autofree char *runs_text = NULL;
  g_autofree char *needs_text = NULL;

  g_object_set (team, "name", "Operations Bridge", NULL);
  g_object_set (web, "name", "Web Shop", NULL);
  g_object_set (db, "name", "Orders DB", NULL);
  runs = opm_responsibility_new (team, web, OPM_ACTIVITY_OPERATE_L1);
  needs = opm_dependency_new (web, db);

  team_text = opm_element_dup_description (OPM_ELEMENT (team));
  runs_text = opm_element_dup_description (OPM_ELEMENT (runs));
  needs_text = opm_element_dup_description (OPM_ELEMENT (needs));
  g_assert_cmpstr (team_text, ==, "Operations Bridge");
  g_assert_nonnull (strstr (runs_text, "Operations Bridge"));
  g_assert_nonnull (strstr (runs_text, "Web Shop"));
  g_assert_nonnull (strstr (runs_text, "operate-l1"));
  g_assert_nonnull (strstr (needs_text, "Web Shop"));
  g_assert_nonnull (strstr (needs_text, "Orders DB"));
}

int
main (int   argc,
      char *argv[])
{
  guint n_types;
  const GType *types;

  g_test_init (&argc, &argv, NULL);

  types = opm_element_get_types (&n_types);
  for (guint i = 0; i < n_types; i++)
    {
      g_autofree char *path = g_strdup_printf ("/model/element/%s", g_type_name (types[i]));
      g_test_add_data_func (path, GSIZE_TO_POINTER (types[i]), test_element_lifecycle);
    }

  g_test_add_func ("/model/contract-and-metadata", test_contract_and_metadata);
  g_test_add_func ("/model/cascade-delete", test_cascade_delete);
  g_test_add_func ("/model/groups-and-modified", test_groups_and_modified);
  g_test_add_func ("/model/look-only-changes", test_look_only_changes);
  g_test_add_func ("/model/refusals", test_refusals);
  g_test_add_func ("/model/scenarios", test_scenarios);
  g_test_add_func ("/model/notifications", test_notifications);
  g_test_add_func ("/model/defaults", test_defaults);
  g_test_add_func ("/model/move-element", test_move_element);
  g_test_add_func ("/model/document-freed", test_document_freed);
  g_test_add_func ("/model/random-edits", test_random_edits);
  g_test_add_func ("/model/refusals-name-the-attribute", test_refusals_name_the_attribute);
  g_test_add_func ("/model/descriptions", test_descriptions);

  return g_test_run ();
}
