/* test-inspector.c — the inspector panel, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "opm-inspector.h"
#include "opm-test-util.h"

/* Helpers */

static OpmDocument *
load_example (const char *name)
{
  const char *dir = g_getenv ("OPM_EXAMPLES_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  OpmDocument *document;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, name, NULL);
  document = opm_document_load (path, &error);
  g_assert_no_error (error);
  return document;
}

static gpointer
item (GListModel *model,
      guint       position)
{
  gpointer it = g_list_model_get_item (model, position);

  g_assert_nonnull (it);
  g_object_unref (it);  /* the scenario keeps it */
  return it;
}

static GtkWidget *
find_type_in (GtkWidget *widget,
              GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      found = find_type_in (child, type);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The page the inspector shows. */
static GtkWidget *
visible_page (GtkWidget *inspector)
{
  GtkWidget *stack = find_type_in (inspector, GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

/* The row called @name on the page shown. */
static GtkWidget *
row (GtkWidget  *inspector,
     const char *name)
{
  GtkWidget *found = find_named (visible_page (inspector), name);

  if (found == NULL)
    g_error ("no row “%s” on the page shown", name);
  return found;
}

/* Whether @widget and its ancestors up to @root are visible. */
static gboolean
is_shown (GtkWidget *widget,
          GtkWidget *root)
{
  for (; widget != NULL && widget != root; widget = gtk_widget_get_parent (widget))
    if (!gtk_widget_get_visible (widget))
      return FALSE;

  return TRUE;
}

static GtkWidget *
editor (GtkWidget *r,
        GType      type)
{
  GtkWidget *found = find_type_in (r, type);

  g_assert_nonnull (found);
  return found;
}

static guint
enum_position (GType type,
               int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value == value)
      return i;

  g_assert_not_reached ();
  return 0;
}

static void
select_one (GtkWidget *inspector,
            gpointer   element)
{
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();

  g_ptr_array_add (selection, element);
  opm_inspector_set_selection (OPM_INSPECTOR (inspector), selection);
}

static void
on_changed (OpmDocument *document,
            guint       *count)
{
  (*count)++;
}

/* Counts the steps done, undone or redone on @document from now on. */
static guint *
count_steps (OpmDocument *document)
{
  guint *count = g_new0 (guint, 1);

  g_signal_connect_data (document, "changed", G_CALLBACK (on_changed), count,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  return count;
}

typedef struct
{
  guint       *steps;
  gboolean     edited_metadata;
  OpmDocument *document;
  OpmScenario *scenario;
  GtkWidget   *window;
  GtkWidget   *inspector;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = load_example ("telco.opmodel");
  f->scenario = opm_document_get_scenario (f->document, 0);
  f->steps = count_steps (f->document);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 800);
  f->inspector = opm_inspector_new ();
  gtk_window_set_child (GTK_WINDOW (f->window), f->inspector);
  opm_inspector_set_document (OPM_INSPECTOR (f->inspector), f->document);
  opm_inspector_set_scenario (OPM_INSPECTOR (f->inspector), f->scenario);
  gtk_window_present (GTK_WINDOW (f->window));
  drain ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  drain ();
  /* An edit of the document's own attributes keeps a reference to the
   * document in its history (a cycle in the core): break it. */
  if (f->edited_metadata)
    g_object_run_dispose (G_OBJECT (f->document));
  g_assert_finalize_object (f->document);
}

/* Tests */

static void
test_create_destroy (void)
{
  OpmDocument *document = load_example ("telco.opmodel");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  GtkWidget *inspector;

  /* Empty */
  inspector = g_object_ref_sink (opm_inspector_new ());
  g_assert_true (OPM_IS_INSPECTOR (inspector));
  g_assert_null (opm_inspector_get_document (OPM_INSPECTOR (inspector)));
  g_assert_finalize_object (inspector);

  /* With every kind of form built */
  inspector = g_object_ref_sink (opm_inspector_new ());
  opm_inspector_set_document (OPM_INSPECTOR (inspector), document);
  opm_inspector_set_scenario (OPM_INSPECTOR (inspector), scenario);
  g_assert_true (opm_inspector_get_document (OPM_INSPECTOR (inspector)) == document);
  g_assert_true (opm_inspector_get_scenario (OPM_INSPECTOR (inspector)) == scenario);
  g_ptr_array_add (selection, item (opm_scenario_get_teams (scenario), 0));
  opm_inspector_set_selection (OPM_INSPECTOR (inspector), selection);
  g_ptr_array_add (selection, item (opm_scenario_get_services (scenario), 0));
  opm_inspector_set_selection (OPM_INSPECTOR (inspector), selection);
  g_ptr_array_set_size (selection, 0);
  g_ptr_array_add (selection, item (opm_scenario_get_responsibilities (scenario), 0));
  opm_inspector_set_selection (OPM_INSPECTOR (inspector), selection);
  g_ptr_array_set_size (selection, 0);
  g_ptr_array_add (selection, item (opm_scenario_get_dependencies (scenario), 0));
  opm_inspector_set_selection (OPM_INSPECTOR (inspector), selection);
  g_assert_finalize_object (inspector);

  /* The inspector kept no reference on the model. */
  g_assert_finalize_object (document);
}

static void
test_team_edits (Fixture       *f,
                 gconstpointer  data)
{
  OpmTeam *team = item (opm_scenario_get_teams (f->scenario), 0);
  g_autofree char *old_name = g_strdup (opm_team_get_name (team));
  OpmTeamKind old_kind = opm_team_get_kind (team);
  int old_size = opm_team_get_size (team);
  GtkWidget *name_row, *kind_row, *size_row, *spin;
  guint steps;

  select_one (f->inspector, team);

  /* Name: one step; undo shows the old name again. */
  name_row = row (f->inspector, "name");
  g_assert_true (ADW_IS_ENTRY_ROW (name_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, old_name);
  steps = *f->steps;
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Channels squad");
  g_signal_emit_by_name (name_row, "entry-activated");
  g_assert_cmpstr (opm_team_get_name (team), ==, "Channels squad");
  g_assert_cmpuint (*f->steps, ==, steps + 1);
  g_assert_true (opm_document_undo (f->document));
  g_assert_cmpstr (opm_team_get_name (team), ==, old_name);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, old_name);

  /* Kind */
  kind_row = row (f->inspector, "kind");
  g_assert_true (ADW_IS_COMBO_ROW (kind_row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind_row)), ==,
                    enum_position (OPM_TYPE_TEAM_KIND, old_kind));
  steps = *f->steps;
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), enum_position (OPM_TYPE_TEAM_KIND, OPM_TEAM_KIND_SRE));
  g_assert_cmpint (opm_team_get_kind (team), ==, OPM_TEAM_KIND_SRE);
  g_assert_cmpuint (*f->steps, ==, steps + 1);
  g_assert_true (opm_document_undo (f->document));
  g_assert_cmpint (opm_team_get_kind (team), ==, old_kind);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kind_row)), ==,
                    enum_position (OPM_TYPE_TEAM_KIND, old_kind));

  /* Size, typed into the spin button */
  size_row = row (f->inspector, "size");
  spin = editor (size_row, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, old_size);
  steps = *f->steps;
  gtk_editable_set_text (GTK_EDITABLE (spin), "23");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpint (opm_team_get_size (team), ==, 23);
  g_assert_cmpuint (*f->steps, ==, steps + 1);
  g_assert_true (opm_document_undo (f->document));
  g_assert_cmpint (opm_team_get_size (team), ==, old_size);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, old_size);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "14");

  /* Out of range: refused at the widget, with the reason. */
  steps = *f->steps;
  gtk_editable_set_text (GTK_EDITABLE (spin), "-5");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpint (opm_team_get_size (team), ==, old_size);
  g_assert_cmpuint (*f->steps, ==, steps);
  g_assert_true (gtk_widget_has_css_class (size_row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (size_row));

  /* Redo and undo from elsewhere: the rows follow without being rebuilt. */
  g_assert_true (opm_document_redo (f->document));
  g_assert_true (row (f->inspector, "size") == size_row);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 23);
  g_assert_true (opm_document_set (f->document, NULL, team, "size", 31, NULL));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 31);

  /* Text being typed keeps the focus and survives other edits; leaving the
   * row applies it. */
  gtk_widget_grab_focus (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Half-typed");
  g_assert_true (opm_document_set (f->document, NULL, team, "size", 40, NULL));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 40);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (f->window)), name_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Half-typed");
  gtk_widget_grab_focus (spin);
  g_assert_cmpstr (opm_team_get_name (team), ==, "Half-typed");
}

static void
test_working_hours_and_percentages (Fixture       *f,
                                    gconstpointer  data)
{
  OpmTeam *team = item (opm_scenario_get_teams (f->scenario), 0);
  OpmParameters *parameters = opm_document_get_parameters (f->document);
  GtkWidget *spin, *sw;

  select_one (f->inspector, team);

  /* Minutes after midnight as HH:MM */
  spin = editor (row (f->inspector, "work-start"), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "09:00");
  gtk_editable_set_text (GTK_EDITABLE (spin), "8:30");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpint (opm_team_get_work_start (team), ==, 8 * 60 + 30);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "08:30");

  /* One switch per working day */
  sw = editor (row (f->inspector, "work-days:sat"), GTK_TYPE_SWITCH);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  g_assert_cmpuint (opm_team_get_work_days (team), ==, OPM_WEEKDAYS_WORKING_WEEK | OPM_WEEKDAYS_SAT);

  /* Probabilities shown as percentages, with nothing selected */
  opm_inspector_set_selection (OPM_INSPECTOR (f->inspector), NULL);
  spin = editor (row (f->inspector, "parameters.l1-resolve-probability"), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "25");
  gtk_editable_set_text (GTK_EDITABLE (spin), "30");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpfloat_with_epsilon (opm_parameters_get (parameters, OPM_PARAM_L1_RESOLVE_PROBABILITY), 0.3, 1e-12);
  g_assert_true (opm_document_undo (f->document));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "25");
}

static void
test_refused_values (Fixture       *f,
                     gconstpointer  data)
{
  OpmTeam *team = item (opm_scenario_get_teams (f->scenario), 0);
  g_autofree char *old_end = g_strdup (opm_team_get_end_date (team));
  guint steps = *f->steps;
  GtkWidget *colour_row, *entry, *end_row;

  select_one (f->inspector, team);

  /* A colour is written #rrggbb */
  colour_row = row (f->inspector, "colour");
  entry = editor (colour_row, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "red");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (opm_node_get_colour (OPM_NODE (team)), ==, "");
  g_assert_cmpuint (*f->steps, ==, steps);
  g_assert_true (gtk_widget_has_css_class (colour_row, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (colour_row));
  /* The refused text stays for the user to fix, even when the model changes. */
  g_assert_true (opm_document_set (f->document, NULL, team, "size", 3, NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "red");
  g_assert_true (gtk_widget_has_css_class (colour_row, "error"));
  steps = *f->steps;

  /* Fixed: applied, and the mark goes. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "#ff0000");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (opm_node_get_colour (OPM_NODE (team)), ==, "#ff0000");
  g_assert_cmpuint (*f->steps, ==, steps + 1);
  g_assert_false (gtk_widget_has_css_class (colour_row, "error"));
  steps++;

  /* No 30 February */
  end_row = row (f->inspector, "end-date");
  g_assert_true (is_shown (end_row, f->inspector));
  gtk_editable_set_text (GTK_EDITABLE (end_row), "2027-02-30");
  g_signal_emit_by_name (end_row, "entry-activated");
  g_assert_cmpstr (opm_team_get_end_date (team), ==, old_end);
  g_assert_cmpuint (*f->steps, ==, steps);
  g_assert_true (gtk_widget_has_css_class (end_row, "error"));

  /* A new selection drops the refused text. */
  select_one (f->inspector, item (opm_scenario_get_teams (f->scenario), 1));
  select_one (f->inspector, team);
  g_assert_false (gtk_widget_has_css_class (end_row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end_row)), ==, old_end);
}

static void
test_multi_selection (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *services = opm_scenario_get_services (f->scenario);
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  OpmTelemetry before[3];
  guint steps = *f->steps;
  GtkWidget *sw, *name_row;

  for (guint i = 0; i < 3; i++)
    {
      g_ptr_array_add (selection, item (services, i));
      before[i] = opm_service_get_telemetry (item (services, i));
    }
  opm_inspector_set_selection (OPM_INSPECTOR (f->inspector), selection);

  /* Differing names are shown as mixed. */
  name_row = row (f->inspector, "name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "");

  /* One switch, one step, three services */
  sw = editor (row (f->inspector, "telemetry:alerting"), GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  g_assert_cmpuint (*f->steps, ==, steps + 1);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (opm_service_get_telemetry (item (services, i)), ==, before[i] | OPM_TELEMETRY_ALERTING);

  g_assert_true (opm_document_undo (f->document));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (opm_service_get_telemetry (item (services, i)), ==, before[i]);

  /* An enum for all three */
  steps = *f->steps;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row (f->inspector, "availability-target")),
                              enum_position (OPM_TYPE_AVAILABILITY, OPM_AVAILABILITY_99_9));
  g_assert_cmpuint (*f->steps, ==, steps + 1);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (opm_service_get_availability_target (item (services, i)), ==, OPM_AVAILABILITY_99_9);

  /* Different kinds: the count and the kinds */
  g_ptr_array_add (selection, item (opm_scenario_get_teams (f->scenario), 0));
  opm_inspector_set_selection (OPM_INSPECTOR (f->inspector), selection);
  g_assert_null (find_named (visible_page (f->inspector), "name"));
  g_assert_nonnull (find_type_in (visible_page (f->inspector), ADW_TYPE_ACTION_ROW));
}

static void
test_many_selected (Fixture       *f,
                    gconstpointer  data)
{
  OpmDocument *document = opm_document_new ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GPtrArray) selection = g_ptr_array_new ();
  GtkWidget *sw;
  gint64 start;
  double elapsed;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(OpmService) service = opm_service_new ();

      g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (service), NULL));
      g_ptr_array_add (selection, service);
    }

  opm_inspector_set_document (OPM_INSPECTOR (f->inspector), document);
  opm_inspector_set_scenario (OPM_INSPECTOR (f->inspector), scenario);

  start = g_get_monotonic_time ();
  opm_inspector_set_selection (OPM_INSPECTOR (f->inspector), selection);
  sw = editor (row (f->inspector, "exposure-extreme"), GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_redo (document));
  elapsed = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("200 services: select, edit, undo, redo in %.1f ms", elapsed);
  g_assert_cmpfloat (elapsed, <, 1000);

  for (guint i = 0; i < selection->len; i++)
    g_assert_true (opm_service_get_exposure_extreme (g_ptr_array_index (selection, i)));

  opm_inspector_set_selection (OPM_INSPECTOR (f->inspector), NULL);
  opm_inspector_set_document (OPM_INSPECTOR (f->inspector), f->document);
  g_assert_finalize_object (document);
}

static void
test_nothing_selected (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *title_row, *scenario_row;
  guint steps;

  opm_inspector_set_selection (OPM_INSPECTOR (f->inspector), NULL);

  title_row = row (f->inspector, "document.title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, opm_document_get_title (f->document));

  steps = *f->steps;
  f->edited_metadata = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Telco, revisited");
  g_signal_emit_by_name (title_row, "entry-activated");
  g_assert_cmpstr (opm_document_get_title (f->document), ==, "Telco, revisited");
  g_assert_cmpuint (*f->steps, ==, steps + 1);

  /* The scenario shown, and the assumptions marked as such */
  scenario_row = row (f->inspector, "scenario.name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (scenario_row)), ==, opm_scenario_get_name (f->scenario));
  g_assert_nonnull (row (f->inspector, "parameters.handoff-median"));

  /* A scenario name must not clash */
  if (g_list_model_get_n_items (opm_document_get_scenarios (f->document)) > 1)
    {
      OpmScenario *other = opm_document_get_scenario (f->document, 1);

      gtk_editable_set_text (GTK_EDITABLE (scenario_row), opm_scenario_get_name (other));
      g_signal_emit_by_name (scenario_row, "entry-activated");
      g_assert_true (gtk_widget_has_css_class (scenario_row, "error"));
      g_assert_cmpuint (*f->steps, ==, steps + 1);
    }
}

static void
test_contract_group (Fixture       *f,
                     gconstpointer  data)
{
  OpmDocument *document = opm_document_new ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(OpmTeam) team = opm_team_new ();
  GtkWidget *sourcing, *hours;
  guint *doc_steps = count_steps (document);
  guint steps;

  g_assert_true (opm_document_add_element (document, scenario, OPM_ELEMENT (team), NULL));
  opm_inspector_set_document (OPM_INSPECTOR (f->inspector), document);
  opm_inspector_set_scenario (OPM_INSPECTOR (f->inspector), scenario);
  select_one (f->inspector, team);

  /* In-house: no contract */
  hours = row (f->inspector, "contract.hours");
  g_assert_false (is_shown (hours, f->inspector));
  g_assert_false (is_shown (row (f->inspector, "end-date"), f->inspector));

  /* Outsourced through the combo: the contract appears, and edits the team's contract. */
  sourcing = row (f->inspector, "sourcing");
  adw_combo_row_set_selected (ADW_COMBO_ROW (sourcing), enum_position (OPM_TYPE_SOURCING, OPM_SOURCING_OUTSOURCED));
  g_assert_cmpint (opm_team_get_sourcing (team), ==, OPM_SOURCING_OUTSOURCED);
  g_assert_true (is_shown (hours, f->inspector));

  steps = *doc_steps;
  gtk_switch_set_active (GTK_SWITCH (editor (row (f->inspector, "contract.priorities:p4"), GTK_TYPE_SWITCH)), FALSE);
  g_assert_cmpuint (opm_contract_get_priorities (opm_team_get_contract (team)), ==,
                    OPM_PRIORITIES_P1 | OPM_PRIORITIES_P2 | OPM_PRIORITIES_P3);
  g_assert_cmpuint (*doc_steps, ==, steps + 1);

  /* Undo twice: in-house again, no contract shown */
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_undo (document));
  g_assert_false (is_shown (hours, f->inspector));

  /* Undoing the addition drops the team: the document is shown. */
  g_assert_true (opm_document_undo (document));
  g_assert_null (opm_element_get_scenario (OPM_ELEMENT (team)));
  g_assert_nonnull (find_named (visible_page (f->inspector), "document.title"));

  opm_inspector_set_selection (OPM_INSPECTOR (f->inspector), NULL);
  opm_inspector_set_document (OPM_INSPECTOR (f->inspector), f->document);
  g_clear_object (&team);
  g_assert_finalize_object (document);
}

static void
test_references (Fixture       *f,
                 gconstpointer  data)
{
  OpmResponsibility *responsibility = item (opm_scenario_get_responsibilities (f->scenario), 0);
  OpmTeam *old_team = opm_responsibility_get_team (responsibility);
  GListModel *teams = opm_scenario_get_teams (f->scenario);
  OpmTeam *new_team = item (teams, 0) == old_team ? item (teams, 1) : item (teams, 0);
  GtkWidget *team_row;
  guint steps = *f->steps;
  guint position = GTK_INVALID_LIST_POSITION;

  select_one (f->inspector, responsibility);
  team_row = row (f->inspector, "team");
  g_assert_true (adw_combo_row_get_model (ADW_COMBO_ROW (team_row)) == teams);
  g_assert_true (item (teams, adw_combo_row_get_selected (ADW_COMBO_ROW (team_row))) == old_team);

  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    if (item (teams, i) == new_team)
      position = i;
  adw_combo_row_set_selected (ADW_COMBO_ROW (team_row), position);
  g_assert_true (opm_responsibility_get_team (responsibility) == new_team);
  g_assert_cmpuint (*f->steps, ==, steps + 1);

  g_assert_true (opm_document_undo (f->document));
  g_assert_true (opm_responsibility_get_team (responsibility) == old_team);
  g_assert_true (item (teams, adw_combo_row_get_selected (ADW_COMBO_ROW (team_row))) == old_team);

  /* Deleting a team listed before the one referenced moves the selection
   * of the combo row: that is no edit. */
  for (guint i = 0; i < g_list_model_get_n_items (opm_scenario_get_responsibilities (f->scenario)); i++)
    {
      OpmResponsibility *other = item (opm_scenario_get_responsibilities (f->scenario), i);

      if (opm_responsibility_get_team (other) != item (teams, 0))
        {
          responsibility = other;
          break;
        }
    }
  old_team = opm_responsibility_get_team (responsibility);
  select_one (f->inspector, responsibility);
  team_row = row (f->inspector, "team");
  steps = *f->steps;
  g_assert_true (opm_document_remove_element (f->document, item (teams, 0), NULL));
  drain ();
  g_assert_cmpuint (*f->steps, ==, steps + 1);
  g_assert_true (opm_responsibility_get_team (responsibility) == old_team);
  g_assert_true (item (teams, adw_combo_row_get_selected (ADW_COMBO_ROW (team_row))) == old_team);
}

/* The wheel over a spin button nobody is typing in is the page's: it does
 * not change the value; in a focused one it does what GTK does. */
static void
test_wheel_scrolls_page (Fixture       *f,
                         gconstpointer  data)
{
  OpmTeam *team = item (opm_scenario_get_teams (f->scenario), 0);
  int size = opm_team_get_size (team);
  GtkWidget *spin;
  g_autoptr(GListModel) controllers = NULL;
  GtkEventController *capture = NULL;
  gboolean handled = FALSE;
  guint steps = *f->steps;
  GtkWidget *focus;

  select_one (f->inspector, team);
  spin = editor (row (f->inspector, "size"), GTK_TYPE_SPIN_BUTTON);

  controllers = gtk_widget_observe_controllers (spin);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        capture = controller;
    }
  g_assert_nonnull (capture);

  g_signal_emit_by_name (capture, "scroll", 0.0, 1.0, &handled);
  g_assert_true (handled);
  g_assert_cmpint (opm_team_get_size (team), ==, size);
  g_assert_cmpuint (*f->steps, ==, steps);

  gtk_widget_grab_focus (spin);
  focus = gtk_root_get_focus (gtk_widget_get_root (spin));
  if (focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin)))
    {
      g_signal_emit_by_name (capture, "scroll", 0.0, 1.0, &handled);
      g_assert_false (handled);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tolerate_gtk_races ();
  adw_init ();

  g_test_add_func ("/inspector/create-destroy", test_create_destroy);
  g_test_add ("/inspector/team-edits", Fixture, NULL, fixture_set_up, test_team_edits, fixture_tear_down);
  g_test_add ("/inspector/working-hours-percentages", Fixture, NULL, fixture_set_up,
              test_working_hours_and_percentages, fixture_tear_down);
  g_test_add ("/inspector/refused-values", Fixture, NULL, fixture_set_up, test_refused_values, fixture_tear_down);
  g_test_add ("/inspector/multi-selection", Fixture, NULL, fixture_set_up, test_multi_selection, fixture_tear_down);
  g_test_add ("/inspector/many-selected", Fixture, NULL, fixture_set_up, test_many_selected, fixture_tear_down);
  g_test_add ("/inspector/nothing-selected", Fixture, NULL, fixture_set_up, test_nothing_selected, fixture_tear_down);
  g_test_add ("/inspector/contract-group", Fixture, NULL, fixture_set_up, test_contract_group, fixture_tear_down);
  g_test_add ("/inspector/references", Fixture, NULL, fixture_set_up, test_references, fixture_tear_down);
  g_test_add ("/inspector/wheel-scrolls-page", Fixture, NULL, fixture_set_up, test_wheel_scrolls_page,
              fixture_tear_down);

  return g_test_run ();
}
