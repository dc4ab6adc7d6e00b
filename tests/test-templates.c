/* test-templates.c — the starting organisations of a new document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "opm-core.h"

/* Helpers */

static guint
n_items (GListModel *list)
{
  return g_list_model_get_n_items (list);
}

/* The teams holding @activity for @service. */
static GPtrArray *
teams_with (OpmScenario *scenario,
            OpmService  *service,
            OpmActivity  activity)
{
  GListModel *list = opm_scenario_get_responsibilities (scenario);
  GPtrArray *teams = g_ptr_array_new ();

  for (guint i = 0; i < n_items (list); i++)
    {
      g_autoptr(OpmResponsibility) r = g_list_model_get_item (list, i);

      if (opm_responsibility_get_service (r) == service && opm_responsibility_get_activity (r) == activity)
        g_ptr_array_add (teams, opm_responsibility_get_team (r));
    }

  return teams;
}

static OpmTeam *
only_team_with (OpmScenario *scenario,
                OpmService  *service,
                OpmActivity  activity)
{
  g_autoptr(GPtrArray) teams = teams_with (scenario, service, activity);

  g_assert_cmpuint (teams->len, ==, 1);
  return g_ptr_array_index (teams, 0);
}

static gboolean
holds (OpmScenario *scenario,
       OpmTeam     *team,
       OpmService  *service,
       OpmActivity  activity)
{
  g_autoptr(GPtrArray) teams = teams_with (scenario, service, activity);

  return g_ptr_array_find (teams, team, NULL);
}

static OpmTeam *
find_team_of_kind (OpmScenario *scenario,
                   OpmTeamKind  kind)
{
  GListModel *teams = opm_scenario_get_teams (scenario);

  for (guint i = 0; i < n_items (teams); i++)
    {
      g_autoptr(OpmTeam) team = g_list_model_get_item (teams, i);

      if (opm_team_get_kind (team) == kind)
        return team;   /* the scenario keeps it alive */
    }

  return NULL;
}

static OpmDocument *
load_template (const char *name)
{
  g_autoptr(GError) error = NULL;
  OpmDocument *document = opm_document_new_from_template (name, &error);

  g_assert_no_error (error);
  g_assert_true (OPM_IS_DOCUMENT (document));
  return document;
}

/* Ops Run It for one service: a delivery team builds it, others run it. */
static void
assert_ops_run_it (OpmScenario *scenario,
                   OpmService  *service)
{
  g_autoptr(GPtrArray) builders = teams_with (scenario, service, OPM_ACTIVITY_BUILD);
  g_autoptr(GPtrArray) deployers = teams_with (scenario, service, OPM_ACTIVITY_DEPLOY);
  g_autoptr(GPtrArray) operators = teams_with (scenario, service, OPM_ACTIVITY_OPERATE_L1);
  OpmTeam *bridge = find_team_of_kind (scenario, OPM_TEAM_KIND_OPS_BRIDGE);
  OpmTeam *cab = find_team_of_kind (scenario, OPM_TEAM_KIND_CHANGE_MANAGEMENT);

  g_assert_cmpuint (builders->len, >=, 1);
  g_assert_cmpuint (deployers->len, >=, 1);
  g_assert_cmpuint (operators->len, >=, 1);

  for (guint i = 0; i < builders->len; i++)
    {
      g_assert_false (g_ptr_array_find (deployers, g_ptr_array_index (builders, i), NULL));
      g_assert_false (g_ptr_array_find (operators, g_ptr_array_index (builders, i), NULL));
    }

  g_assert_nonnull (bridge);
  g_assert_nonnull (cab);
  g_assert_true (holds (scenario, bridge, service, OPM_ACTIVITY_OPERATE_L1));
  g_assert_true (holds (scenario, cab, service, OPM_ACTIVITY_APPROVE_CHANGE));
  g_assert_cmpint (opm_service_get_release_window (service), ==, OPM_RELEASE_WINDOW_OVERNIGHT);
  g_assert_cmpint (opm_service_get_change_approval (service), ==, OPM_CHANGE_APPROVAL_NORMAL);
}

/* YBIYRI for one service: one product team does everything, on its own paid rota. */
static void
assert_you_build_it_you_run_it (OpmScenario *scenario,
                                OpmService  *service)
{
  static const OpmActivity duties[] = {
    OPM_ACTIVITY_PLAN, OPM_ACTIVITY_DEPLOY, OPM_ACTIVITY_OPERATE_L1, OPM_ACTIVITY_ON_CALL,
    OPM_ACTIVITY_SUPPORT_L3, OPM_ACTIVITY_PROBLEM_FIX, OPM_ACTIVITY_ACCOUNTABLE,
  };
  OpmTeam *owner = only_team_with (scenario, service, OPM_ACTIVITY_BUILD);

  for (guint i = 0; i < G_N_ELEMENTS (duties); i++)
    g_assert_true (only_team_with (scenario, service, duties[i]) == owner);

  g_assert_true (opm_team_get_kind (owner) == OPM_TEAM_KIND_PRODUCT ||
                 opm_team_get_kind (owner) == OPM_TEAM_KIND_PLATFORM);
  g_assert_cmpint (opm_team_get_lifecycle (owner), ==, OPM_LIFECYCLE_LONG_LIVED);
  g_assert_cmpint (opm_team_get_out_of_hours (owner), ==, OPM_OUT_OF_HOURS_OWN_ROTA);
  g_assert_cmpint (opm_team_get_rota_size (owner), >=, 3);
  g_assert_cmpint (opm_team_get_on_call_pay (owner), ==, OPM_ON_CALL_PAY_STANDBY_CALLOUT);
  g_assert_cmpuint (opm_team_get_rights (owner) & OPM_RIGHTS_DEPLOY, !=, 0);
  g_assert_cmpuint (opm_service_get_telemetry (service) & OPM_TELEMETRY_HEALTH_CHECK, !=, 0);
  g_assert_cmpuint (opm_service_get_telemetry (service) & OPM_TELEMETRY_ALERTING, !=, 0);
  g_assert_cmpint (opm_service_get_release_window (service), !=, OPM_RELEASE_WINDOW_OVERNIGHT);
}

/* What every non-blank template promises. */
static void
assert_common_shape (OpmScenario *scenario)
{
  GListModel *teams = opm_scenario_get_teams (scenario);
  GListModel *services = opm_scenario_get_services (scenario);
  GListModel *notes = opm_scenario_get_notes (scenario);
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *lists[] = { teams, services, notes, opm_scenario_get_groups (scenario) };

  g_assert_cmpuint (n_items (teams), >=, 5);
  g_assert_cmpuint (n_items (teams), <=, 9);
  g_assert_cmpuint (n_items (services), >=, 4);
  g_assert_cmpuint (n_items (services), <=, 8);
  g_assert_cmpuint (n_items (opm_scenario_get_responsibilities (scenario)), >=, n_items (services));
  g_assert_cmpuint (n_items (opm_scenario_get_dependencies (scenario)), >=, 2);
  g_assert_cmpuint (n_items (notes), ==, 1);

  {
    g_autoptr(OpmNote) note = g_list_model_get_item (notes, 0);
    g_assert_cmpuint (strlen (opm_note_get_text (note)), >, 100);
  }

  /* every team is named and has a duty (or coordinates incidents) */
  for (guint i = 0; i < n_items (teams); i++)
    {
      g_autoptr(OpmTeam) team = g_list_model_get_item (teams, i);
      g_autoptr(GPtrArray) attached = opm_scenario_find_attached (scenario, OPM_ELEMENT (team));

      g_assert_cmpstr (opm_team_get_name (team), !=, "");
      if (opm_team_get_kind (team) != OPM_TEAM_KIND_INCIDENT_MANAGEMENT)
        g_assert_cmpuint (attached->len, >, 0);
    }

  /* exactly one accountable team per service */
  for (guint i = 0; i < n_items (services); i++)
    {
      g_autoptr(OpmService) service = g_list_model_get_item (services, i);

      only_team_with (scenario, service, OPM_ACTIVITY_ACCOUNTABLE);
      g_assert_cmpstr (opm_service_get_name (service), !=, "");
    }

  /* laid out without overlaps */
  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    for (guint i = 0; i < n_items (lists[k]); i++)
      g_ptr_array_add (nodes, g_list_model_get_item (lists[k], i));

  for (guint i = 0; i < nodes->len; i++)
    for (guint j = i + 1; j < nodes->len; j++)
      {
        OpmNode *a = g_ptr_array_index (nodes, i);
        OpmNode *b = g_ptr_array_index (nodes, j);
        gboolean apart = opm_node_get_x (a) + opm_node_get_width (a) <= opm_node_get_x (b) ||
                         opm_node_get_x (b) + opm_node_get_width (b) <= opm_node_get_x (a) ||
                         opm_node_get_y (a) + opm_node_get_height (a) <= opm_node_get_y (b) ||
                         opm_node_get_y (b) + opm_node_get_height (b) <= opm_node_get_y (a);

        if (!apart)
          g_error ("“%s” overlaps “%s”", opm_element_get_label (OPM_ELEMENT (a)),
                   opm_element_get_label (OPM_ELEMENT (b)));
        g_assert_cmpfloat (opm_node_get_x (a), >=, 0);
        g_assert_cmpfloat (opm_node_get_y (a), >=, 0);
      }
}

/* Tests */

static void
test_names (void)
{
  const char * const *names = opm_document_get_template_names ();
  static const char *expected[] = { "blank", "ops-run-it", "you-build-it-you-run-it", "hybrid" };

  g_assert_cmpuint (g_strv_length ((char **) names), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (names[i], ==, expected[i]);
      g_assert_nonnull (opm_document_get_template_label (names[i]));
      g_assert_cmpuint (strlen (opm_document_get_template_description (names[i])), >, 10);
    }

  g_assert_cmpstr (opm_document_get_template_label ("ops-run-it"), ==, "Ops Run It");
  g_assert_cmpstr (opm_document_get_template_label ("you-build-it-you-run-it"), ==, "You Build It You Run It");
  g_assert_null (opm_document_get_template_label ("no-such-template"));
  g_assert_null (opm_document_get_template_description ("no-such-template"));
}

static void
test_unknown (void)
{
  g_autoptr(GError) error = NULL;
  OpmDocument *document = opm_document_new_from_template ("ops-run-it-v2", &error);

  g_assert_null (document);
  g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
  g_assert_nonnull (strstr (error->message, "ops-run-it-v2"));
}

/* Every template: fresh, unmodified, saves and reloads byte for byte. */
static void
test_roundtrip (gconstpointer data)
{
  const char *name = data;
  g_autoptr(OpmDocument) document = load_template (name);
  g_autoptr(OpmDocument) again = load_template (name);
  g_autoptr(OpmDocument) reloaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_again = NULL;
  g_autoptr(GBytes) bytes_reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("opm-templates-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);

  g_assert_true (document != again);
  g_assert_cmpuint (n_items (opm_document_get_scenarios (document)), ==, 1);
  g_assert_false (opm_document_get_modified (document));
  g_assert_false (opm_document_can_undo (document));
  g_assert_false (opm_document_can_redo (document));
  g_assert_cmpuint (opm_document_get_history_length (document), ==, 0);

  bytes = opm_document_serialize (document);
  bytes_again = opm_document_serialize (again);
  g_assert_true (g_bytes_equal (bytes, bytes_again));

  path = g_build_filename (dir, "model.opmodel", NULL);
  g_assert_true (opm_document_save (document, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  reloaded = opm_document_load (path, &error);
  g_assert_no_error (error);
  bytes_reloaded = opm_document_serialize (reloaded);
  g_assert_true (g_bytes_equal (bytes, bytes_reloaded));

  /* the two documents are independent */
  if (opm_document_get_n_elements (document) > 0)
    {
      g_autoptr(OpmElement) first = g_list_model_get_item (opm_scenario_get_teams (opm_document_get_scenario (document, 0)), 0);

      g_assert_true (opm_document_remove_element (document, first, &error));
      g_assert_true (opm_document_get_modified (document));
      g_assert_cmpuint (opm_document_get_n_elements (again), >, opm_document_get_n_elements (document));
    }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_blank (void)
{
  g_autoptr(OpmDocument) document = load_template ("blank");

  g_assert_cmpuint (opm_document_get_n_elements (document), ==, 0);
  g_assert_cmpuint (opm_scenario_get_n_elements (opm_document_get_scenario (document, 0)), ==, 0);
}

static void
test_ops_run_it (void)
{
  g_autoptr(OpmDocument) document = load_template ("ops-run-it");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  GListModel *services = opm_scenario_get_services (scenario);
  OpmTeam *support = find_team_of_kind (scenario, OPM_TEAM_KIND_APP_SUPPORT);
  guint digital_or_foundational = 0;

  assert_common_shape (scenario);
  g_assert_nonnull (support);
  g_assert_nonnull (find_team_of_kind (scenario, OPM_TEAM_KIND_PROJECT_DELIVERY));
  g_assert_null (find_team_of_kind (scenario, OPM_TEAM_KIND_PRODUCT));

  for (guint i = 0; i < n_items (services); i++)
    {
      g_autoptr(OpmService) service = g_list_model_get_item (services, i);
      g_autoptr(GPtrArray) builders = teams_with (scenario, service, OPM_ACTIVITY_BUILD);

      if (opm_service_get_kind (service) == OPM_SERVICE_KIND_DATA_STORE)
        {
          /* the database specialists build and run it; operations watches, the CAB approves */
          g_assert_true (holds (scenario, find_team_of_kind (scenario, OPM_TEAM_KIND_OPS_BRIDGE), service,
                                OPM_ACTIVITY_OPERATE_L1));
          g_assert_true (holds (scenario, find_team_of_kind (scenario, OPM_TEAM_KIND_CHANGE_MANAGEMENT), service,
                                OPM_ACTIVITY_APPROVE_CHANGE));
          g_assert_cmpint (opm_service_get_release_window (service), ==, OPM_RELEASE_WINDOW_OVERNIGHT);
        }
      else
        {
          assert_ops_run_it (scenario, service);
          /* delivery projects build; application support is L2 */
          digital_or_foundational++;
          for (guint j = 0; j < builders->len; j++)
            g_assert_cmpint (opm_team_get_kind (g_ptr_array_index (builders, j)), ==,
                             OPM_TEAM_KIND_PROJECT_DELIVERY);
          g_assert_true (holds (scenario, support, service, OPM_ACTIVITY_SUPPORT_L2));
          g_assert_true (holds (scenario, support, service, OPM_ACTIVITY_DEPLOY));
        }
    }

  g_assert_cmpuint (digital_or_foundational, >=, 3);
}

static void
test_you_build_it_you_run_it (void)
{
  g_autoptr(OpmDocument) document = load_template ("you-build-it-you-run-it");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  GListModel *services = opm_scenario_get_services (scenario);

  assert_common_shape (scenario);
  g_assert_nonnull (find_team_of_kind (scenario, OPM_TEAM_KIND_INCIDENT_MANAGEMENT));
  g_assert_null (find_team_of_kind (scenario, OPM_TEAM_KIND_OPS_BRIDGE));
  g_assert_null (find_team_of_kind (scenario, OPM_TEAM_KIND_APP_SUPPORT));
  g_assert_null (find_team_of_kind (scenario, OPM_TEAM_KIND_CHANGE_MANAGEMENT));
  g_assert_null (find_team_of_kind (scenario, OPM_TEAM_KIND_PROJECT_DELIVERY));

  for (guint i = 0; i < n_items (services); i++)
    {
      g_autoptr(OpmService) service = g_list_model_get_item (services, i);

      assert_you_build_it_you_run_it (scenario, service);
    }
}

static void
test_hybrid (void)
{
  g_autoptr(OpmDocument) document = load_template ("hybrid");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  GListModel *services = opm_scenario_get_services (scenario);
  guint digital = 0, foundational = 0;

  assert_common_shape (scenario);
  g_assert_nonnull (find_team_of_kind (scenario, OPM_TEAM_KIND_INCIDENT_MANAGEMENT));

  for (guint i = 0; i < n_items (services); i++)
    {
      g_autoptr(OpmService) service = g_list_model_get_item (services, i);

      if (opm_service_get_kind (service) == OPM_SERVICE_KIND_DIGITAL)
        {
          assert_you_build_it_you_run_it (scenario, service);
          digital++;
        }
      else
        {
          assert_ops_run_it (scenario, service);
          foundational++;
        }
    }

  g_assert_cmpuint (digital, >=, 2);
  g_assert_cmpuint (foundational, >=, 2);
}

/* Templates are drawable as they come: the painter finds every element. */
static void
test_drawable (gconstpointer data)
{
  g_autoptr(OpmDocument) document = load_template (data);
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = opm_export_scenario_to_bytes (document, scenario, OPM_EXPORT_SVG, NULL, &error);
  GListModel *teams = opm_scenario_get_teams (scenario);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));

  for (guint i = 0; i < n_items (teams); i++)
    {
      g_autoptr(OpmTeam) team = g_list_model_get_item (teams, i);
      g_autofree char *escaped = g_markup_escape_text (opm_team_get_name (team), -1);

      g_assert_nonnull (strstr (text, escaped));
    }
}

int
main (int   argc,
      char *argv[])
{
  const char * const *names;

  g_test_init (&argc, &argv, NULL);

  names = opm_document_get_template_names ();

  g_test_add_func ("/templates/names", test_names);
  g_test_add_func ("/templates/unknown", test_unknown);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *roundtrip = g_strdup_printf ("/templates/%s/roundtrip", names[i]);
      g_autofree char *drawable = g_strdup_printf ("/templates/%s/drawable", names[i]);

      g_test_add_data_func (roundtrip, names[i], test_roundtrip);
      g_test_add_data_func (drawable, names[i], test_drawable);
    }
  g_test_add_func ("/templates/blank/shape", test_blank);
  g_test_add_func ("/templates/ops-run-it/shape", test_ops_run_it);
  g_test_add_func ("/templates/you-build-it-you-run-it/shape", test_you_build_it_you_run_it);
  g_test_add_func ("/templates/hybrid/shape", test_hybrid);

  return g_test_run ();
}
