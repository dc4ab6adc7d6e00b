/* test-simulation.c — the simulation panel, the replay, the comparison and
 * the chart view, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The panel is driven as a user would (its spin buttons, entry and combo
 * rows, the window's actions) and what it shows is checked against the
 * engine run directly with the same options: the same seed gives the same
 * incidents, so the figures, the replay and the deltas must match exactly.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "opm-application.h"
#include "opm-chart-view.h"
#include "opm-comparison.h"
#include "opm-inspector.h"
#include "opm-replay.h"
#include "opm-simulation-panel.h"
#include "opm-window.h"

#define WAIT_TIMEOUT_S 60
#include "opm-test-util.h"

static OpmApplication *app;

/* {{{ Helpers */

static OpmWindow *
open_example (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("OPM_EXAMPLES_DIR"), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  OpmWindow *window = opm_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  opm_window_open_file (window, file);
  wait_until (opm_window_get_file (window) != NULL && g_file_equal (opm_window_get_file (window), file) &&
              gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

static void
destroy_window (OpmWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (weak == NULL);
}

static const char *
label_text (GtkWidget  *widget,
            const char *name)
{
  GtkWidget *label = find_named (widget, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static OpmService *
service_named (OpmScenario *scenario,
               const char  *id)
{
  OpmElement *element = opm_scenario_lookup (scenario, id);

  g_assert_true (OPM_IS_SERVICE (element));
  return OPM_SERVICE (element);
}

static OpmSimulationPanel *
show_panel (OpmWindow *window)
{
  OpmSimulationPanel *panel = find_first (GTK_WIDGET (window), OPM_TYPE_SIMULATION_PANEL);
  gboolean visible = TRUE;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (panel)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-simulation", NULL);
  g_object_get (window, "simulation-visible", &visible, NULL);
  g_assert_true (visible);
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (panel)));

  return panel;
}

/* A window showing an example, with its simulation panel open. */
typedef struct
{
  OpmWindow          *window;
  OpmDocument        *document;
  OpmScenario        *scenario;  /* the one shown at first */
  OpmSimulationPanel *panel;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  example)
{
  f->window = open_example (example);
  f->document = opm_window_get_document (f->window);
  f->scenario = opm_window_get_scenario (f->window);
  f->panel = show_panel (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  example)
{
  destroy_window (f->window);
}

/* Sets the panel's options through its widgets. */
static void
choose (OpmSimulationPanel *panel,
        OpmService         *service,
        const char         *start,
        guint               priority,
        guint               runs,
        guint64             seed)
{
  GtkWidget *widget = GTK_WIDGET (panel);

  opm_simulation_panel_set_service (panel, service);
  gtk_editable_set_text (GTK_EDITABLE (find_named (widget, "start")), start != NULL ? start : "");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_named (widget, "priority")), priority);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (widget, "runs")), runs);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_named (widget, "seed")), (double) seed);
}

/* The engine, run directly with what choose() set. */
static OpmSimulation *
engine (OpmDocument  *document,
        OpmScenario  *scenario,
        OpmService   *service,
        const char   *start,
        guint         priority,
        guint         runs,
        guint64       seed,
        OpmSimResult **result)
{
  g_autoptr(GError) error = NULL;
  OpmSimulation *simulation;
  OpmSimOptions options;

  opm_sim_options_init (&options);
  options.runs = runs;
  options.has_seed = TRUE;
  options.seed = seed;
  options.priority = priority;
  options.service = service;
  if (start != NULL)
    g_assert_true (opm_sim_parse_start (start, &options.start, NULL));

  simulation = opm_simulation_new (scenario, opm_document_get_parameters (document), &options, &error);
  g_assert_no_error (error);
  *result = opm_simulation_run (simulation, NULL, &error);
  g_assert_no_error (error);

  return simulation;
}

static void
run_and_wait (OpmWindow          *window,
              OpmSimulationPanel *panel,
              const char         *action)
{
  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  g_assert_cmpint (opm_simulation_panel_get_status (panel), ==, OPM_SIMULATION_STATUS_RUNNING);
  wait_until (opm_simulation_panel_get_status (panel) != OPM_SIMULATION_STATUS_RUNNING);
  g_assert_cmpint (opm_simulation_panel_get_status (panel), ==, OPM_SIMULATION_STATUS_DONE);
}

static void
count_calls (gpointer data)
{
  (*(guint *) data)++;
}

static void
draw_words (OpmRenderer   *renderer,
            const OpmRect *frame,
            gboolean       dark,
            gpointer       data)
{
  OpmRgba black = { 0, 0, 0, 1 };

  opm_renderer_draw_text (renderer, frame->x + 20, frame->y + 40, dark ? "Dark words" : "Light words", 17, TRUE,
                          OPM_TEXT_ALIGN_START, black);
}

/* }}} */
/* {{{ Create, destroy, properties */

static void
test_chart_view (void)
{
  OpmChartView *view = OPM_CHART_VIEW (g_object_ref_sink (opm_chart_view_new ()));
  g_autoptr(GError) error = NULL;
  guint freed = 0, notified = 0;
  GBytes *bytes;

  g_signal_connect (view, "notify", G_CALLBACK (count_notify), &notified);
  g_assert_false (opm_chart_view_has_drawing (view));
  g_assert_null (opm_chart_view_export_to_bytes (view, OPM_EXPORT_SVG, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  opm_chart_view_set_title (view, "Time to restore");
  opm_chart_view_set_title (view, "Time to restore");
  g_assert_cmpstr (opm_chart_view_get_title (view), ==, "Time to restore");
  g_assert_cmpuint (notified, ==, 1);
  opm_chart_view_set_dark (view, !opm_chart_view_get_dark (view));
  opm_chart_view_set_dark (view, opm_chart_view_get_dark (view));
  g_assert_cmpuint (notified, ==, 2);
  opm_chart_view_set_dark (view, FALSE);

  /* A drawing replaced frees what it drew from. */
  opm_chart_view_set_drawing (view, 760, 380, draw_words, &freed, count_calls);
  opm_chart_view_set_drawing (view, 760, 380, draw_words, &freed, count_calls);
  g_assert_cmpuint (freed, ==, 1);
  g_assert_true (opm_chart_view_has_drawing (view));

  /* The export is the drawing, in each format. */
  bytes = opm_chart_view_export_to_bytes (view, OPM_EXPORT_SVG, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), ">Light words</text>"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "Time to restore"));
  g_bytes_unref (bytes);
  bytes = opm_chart_view_export_to_bytes (view, OPM_EXPORT_PNG, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "\x89PNG", 4);
  g_bytes_unref (bytes);
  bytes = opm_chart_view_export_to_bytes (view, OPM_EXPORT_PDF, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "%PDF", 4);
  g_bytes_unref (bytes);

  g_assert_finalize_object (view);
  g_assert_cmpuint (freed, ==, 2);
}

static void
test_replay_create_destroy (void)
{
  OpmReplay *replay = OPM_REPLAY (g_object_ref_sink (opm_replay_new ()));
  guint notified = 0;

  g_assert_null (opm_replay_get_trace (replay));
  g_assert_cmpuint (opm_replay_get_n_positions (replay), ==, 0);
  g_assert_cmpfloat (opm_replay_get_quantile (replay), ==, 0.5);
  g_signal_connect (replay, "notify::quantile", G_CALLBACK (count_notify), &notified);
  opm_replay_set_quantile (replay, 0.9);
  opm_replay_set_quantile (replay, 0.9);
  g_assert_cmpuint (notified, ==, 1);

  /* Nothing to play. */
  opm_replay_set_playing (replay, TRUE);
  g_assert_false (opm_replay_get_playing (replay));
  opm_replay_step (replay, 1);
  g_assert_cmpuint (opm_replay_get_position (replay), ==, 0);

  g_assert_finalize_object (replay);
}

static void
test_comparison_create_destroy (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("OPM_EXAMPLES_DIR"), "ecommerce.opmodel", NULL);
  g_autoptr(OpmDocument) document = opm_document_load (path, NULL);
  OpmComparison *comparison = OPM_COMPARISON (g_object_ref_sink (opm_comparison_new ()));
  OpmScenario *as_is = opm_document_find_scenario (document, "As-is");
  OpmScenario *scale_up = opm_document_find_scenario (document, "Scale-up");
  OpmScenario *to_be = opm_document_find_scenario (document, "To-be");
  OpmSimDelta delta;
  guint notified = 0;

  g_assert_null (opm_comparison_get_from (comparison));
  g_assert_false (opm_comparison_get_delta (comparison, &delta));

  /* The current model to the target one, by their names. */
  opm_comparison_set_document (comparison, document);
  g_assert_true (opm_comparison_get_from (comparison) == as_is);
  g_assert_true (opm_comparison_get_to (comparison) == to_be);

  g_signal_connect (comparison, "notify::to", G_CALLBACK (count_notify), &notified);
  g_object_set (comparison, "to", scale_up, NULL);
  g_assert_true (opm_comparison_get_to (comparison) == scale_up);
  g_assert_cmpuint (notified, ==, 1);

  opm_comparison_set_document (comparison, NULL);
  g_assert_null (opm_comparison_get_from (comparison));
  g_assert_finalize_object (comparison);
}

static void
test_panel_create_destroy (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("OPM_EXAMPLES_DIR"), "telco.opmodel", NULL);
  g_autoptr(OpmDocument) document = opm_document_load (path, NULL);
  OpmSimulationPanel *panel = OPM_SIMULATION_PANEL (g_object_ref_sink (opm_simulation_panel_new ()));
  GtkWidget *window = gtk_window_new ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  OpmParameters *parameters = opm_document_get_parameters (document);
  g_autoptr(GError) error = NULL;
  OpmSimOptions options;

  g_assert_cmpint (opm_simulation_panel_get_status (panel), ==, OPM_SIMULATION_STATUS_NONE);
  g_assert_null (opm_simulation_panel_get_result (panel));
  g_assert_cmpstr (opm_simulation_panel_get_view (panel), ==, "results");

  /* Buttons follow their actions in a window. */
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));

  /* The document's simulation defaults, by incident rate at any time. */
  opm_simulation_panel_set_document (panel, document);
  opm_simulation_panel_set_scenario (panel, scenario);
  g_assert_true (opm_simulation_panel_get_options (panel, scenario, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (options.runs, ==, (guint) opm_parameters_get (parameters, OPM_PARAM_SIMULATION_RUNS));
  g_assert_cmpuint (options.seed, ==, (guint64) opm_parameters_get (parameters, OPM_PARAM_SIMULATION_SEED));
  g_assert_null (options.service);
  g_assert_cmpint (options.start, ==, -1);
  g_assert_cmpuint (options.priority, ==, 0);

  /* A start that is not one is refused, and Run with it. */
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (panel), "start")), "Someday 25:00");
  g_assert_false (opm_simulation_panel_get_options (panel, scenario, &options, &error));
  g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
  g_assert_true (gtk_widget_has_css_class (find_named (GTK_WIDGET (panel), "start"), "error"));
  drain ();
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (panel), "run")));
  g_clear_error (&error);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (panel), "start")), "fri 17:30");
  g_assert_true (opm_simulation_panel_get_options (panel, scenario, &options, NULL));
  g_assert_cmpint (options.start, ==, 4 * 1440 + 17 * 60 + 30);
  drain ();
  g_assert_true (gtk_widget_get_sensitive (find_named (GTK_WIDGET (panel), "run")));

  opm_simulation_panel_set_document (panel, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (panel);
}

/* }}} */
/* {{{ Running */

/* The figures shown are the engine's, for the same options and seed. */
static void
test_run (Fixture       *f,
         gconstpointer  data)
{
  OpmService *content = service_named (f->scenario, "svc-content");
  GtkWidget *widget = GTK_WIDGET (f->panel);
  g_autoptr(OpmSimResult) expected = NULL;
  g_autoptr(OpmSimulation) simulation = engine (f->document, f->scenario, content, "Mon 08:00", 0, 2000, 11, &expected);
  OpmSimResult *shown;
  g_autoptr(GPtrArray) charts = find_all (widget, OPM_TYPE_CHART_VIEW);

  choose (f->panel, content, "Mon 08:00", 0, 2000, 11);
  run_and_wait (f->window, f->panel, "win.simulate");

  shown = opm_simulation_panel_get_result (f->panel);
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->runs, ==, 2000);
  g_assert_cmpfloat (shown->time_to_restore.p50, ==, expected->time_to_restore.p50);
  g_assert_cmpfloat (shown->time_to_restore.p90, ==, expected->time_to_restore.p90);
  g_assert_cmpfloat (shown->time_to_restore.p99, ==, expected->time_to_restore.p99);
  g_assert_cmpfloat (shown->loss_per_year, ==, expected->loss_per_year);

  {
    struct { const char *name; char *text; } figures[] = {
      { "figure-ttr-p50", opm_chart_format_minutes (expected->time_to_restore.p50) },
      { "figure-ttr-p90", opm_chart_format_minutes (expected->time_to_restore.p90) },
      { "figure-ttr-p99", opm_chart_format_minutes (expected->time_to_restore.p99) },
      { "figure-ttr-mean", opm_chart_format_minutes (expected->time_to_restore.mean) },
      { "figure-handoffs", g_strdup_printf ("%.1f", expected->handoffs.mean) },
      { "figure-loss-incident", opm_sim_format_money (expected->currency, expected->loss.p50) },
      { "figure-loss-year", opm_sim_format_money (expected->currency, expected->loss_per_year) },
      { "figure-on-call", opm_sim_format_money (expected->currency, expected->on_call_cost_per_year) },
      { "figure-dora", g_strdup (opm_dora_band_get_label (expected->dora_band)) },
    };

    for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
      {
        g_assert_cmpstr (label_text (widget, figures[i].name), ==, figures[i].text);
        g_free (figures[i].text);
      }
  }
  g_assert_nonnull (strstr (label_text (widget, "summary"), "2000 incidents in Content service (CMS) at Mon 08:00"));
  g_assert_nonnull (strstr (label_text (widget, "summary"), "seed 11"));

  /* Both charts drawn, and exported as drawn. */
  g_assert_cmpuint (charts->len, ==, 2);
  for (guint i = 0; i < charts->len; i++)
    {
      OpmChartView *chart = g_ptr_array_index (charts, i);
      g_autoptr(GBytes) svg = NULL;

      g_assert_true (opm_chart_view_has_drawing (chart));
      g_assert_nonnull (strstr (opm_chart_view_get_title (chart), "As-is"));
      svg = opm_chart_view_export_to_bytes (chart, OPM_EXPORT_SVG, NULL);
      g_assert_nonnull (svg);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<svg"));
    }

  /* A priority for every incident: a P4 waits longer than the P1 it is. */
  {
    g_autoptr(OpmSimResult) low = NULL;
    g_autoptr(OpmSimulation) low_simulation = engine (f->document, f->scenario, content, "Mon 08:00", 4, 2000, 11, &low);

    choose (f->panel, content, "Mon 08:00", 4, 2000, 11);
    run_and_wait (f->window, f->panel, "win.simulate");
    shown = opm_simulation_panel_get_result (f->panel);
    g_assert_cmpuint (g_array_index (shown->per_run, OpmSimRun, 0).priority, ==, 4);
    g_assert_cmpfloat (shown->time_to_restore.p50, ==, low->time_to_restore.p50);
  }

}

/* A long run ends cancelled, the window going on meanwhile; the results
 * shown before stay. */
static void
test_cancel (Fixture       *f,
            gconstpointer  data)
{
  GtkProgressBar *progress = find_first (GTK_WIDGET (f->panel), GTK_TYPE_PROGRESS_BAR);
  OpmSimResult *before;
  gint64 cancelled;

  choose (f->panel, NULL, NULL, 0, 1000, 2);
  run_and_wait (f->window, f->panel, "win.simulate");
  before = opm_simulation_panel_get_result (f->panel);

  choose (f->panel, NULL, NULL, 0, 2000000, 2);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.simulate", NULL);
  g_assert_cmpint (opm_simulation_panel_get_status (f->panel), ==, OPM_SIMULATION_STATUS_RUNNING);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (progress)));

  /* the main loop turns while the run goes on: the progress moves */
  wait_until (gtk_progress_bar_get_fraction (progress) > 0);
  g_assert_cmpint (opm_simulation_panel_get_status (f->panel), ==, OPM_SIMULATION_STATUS_RUNNING);
  cancelled = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-simulation", NULL);
  wait_until (opm_simulation_panel_get_status (f->panel) != OPM_SIMULATION_STATUS_RUNNING);
  /* said, not asserted: a loaded machine may take longer */
  g_test_message ("The run ended %.0f ms after Cancel",
                  (g_get_monotonic_time () - cancelled) / 1000.0);
  g_assert_cmpint (opm_simulation_panel_get_status (f->panel), ==, OPM_SIMULATION_STATUS_CANCELLED);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));
  g_assert_true (opm_simulation_panel_get_result (f->panel) == before);

  /* Closing the f->window while a run goes on cancels it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.simulate", NULL);
  g_assert_cmpint (opm_simulation_panel_get_status (f->panel), ==, OPM_SIMULATION_STATUS_RUNNING);
}

/* Results go out of date with an edit, also one made while they run. */
static void
test_stale (Fixture       *f,
           gconstpointer  data)
{
  GtkRevealer *banner = GTK_REVEALER (gtk_widget_get_ancestor (find_named (GTK_WIDGET (f->panel), "stale"),
                                                                GTK_TYPE_REVEALER));
  g_autoptr(OpmTeam) team = g_list_model_get_item (opm_scenario_get_teams (f->scenario), 0);

  choose (f->panel, NULL, NULL, 0, 1000, 3);
  run_and_wait (f->window, f->panel, "win.simulate");
  g_assert_false (opm_simulation_panel_get_stale (f->panel));
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  /* moving a card changes nothing the simulation reads */
  g_assert_true (opm_document_set (f->document, NULL, team, "x", opm_node_get_x (OPM_NODE (team)) + 40, NULL));
  g_assert_false (opm_simulation_panel_get_stale (f->panel));
  g_assert_true (opm_document_undo (f->document));
  g_assert_false (opm_simulation_panel_get_stale (f->panel));

  g_assert_true (opm_document_set (f->document, NULL, team, "name", "Renamed team", NULL));
  g_assert_true (opm_simulation_panel_get_stale (f->panel));
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (f->panel), "stale"), "changed"));

  /* Run again: up to date. */
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "simulation.run-again", NULL);
  wait_until (opm_simulation_panel_get_status (f->panel) == OPM_SIMULATION_STATUS_DONE);
  g_assert_false (opm_simulation_panel_get_stale (f->panel));
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  /* An edit while it runs: the run goes on, on the model as it was, and
   * its results come out of date. */
  choose (f->panel, NULL, NULL, 0, 20000, 3);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.simulate", NULL);
  g_assert_true (opm_document_undo (f->document));
  g_assert_cmpint (opm_simulation_panel_get_status (f->panel), ==, OPM_SIMULATION_STATUS_RUNNING);
  wait_until (opm_simulation_panel_get_status (f->panel) != OPM_SIMULATION_STATUS_RUNNING);
  g_assert_cmpint (opm_simulation_panel_get_status (f->panel), ==, OPM_SIMULATION_STATUS_DONE);
  g_assert_true (opm_simulation_panel_get_stale (f->panel));
  g_assert_true (gtk_revealer_get_reveal_child (banner));

  /* Another f->scenario shown: the results say whose they are. */
  run_and_wait (f->window, f->panel, "win.simulate");
  opm_window_set_scenario (f->window, opm_document_get_scenario (f->document, 1));
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_nonnull (strstr (label_text (GTK_WIDGET (f->panel), "stale"), opm_scenario_get_name (f->scenario)));

}

/* "Review Assumptions…" opens the simulation's parameters in the inspector,
 * each marked as an assumption unless it is a sourced figure. */
static void
test_assumptions (Fixture       *f,
                 gconstpointer  data)
{
  OpmInspector *inspector = find_first (GTK_WIDGET (f->window), OPM_TYPE_INSPECTOR);
  GtkWidget *simulator;
  gboolean sidebar = FALSE;
  guint assumptions = 0;

  g_object_set (f->window, "sidebar-visible", FALSE, NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "win.review-assumptions", NULL);
  g_object_get (f->window, "sidebar-visible", &sidebar, NULL);
  g_assert_true (sidebar);
  g_assert_cmpuint (opm_canvas_get_selection (opm_window_get_canvas (f->window))->len, ==, 0);

  simulator = find_named (GTK_WIDGET (inspector), "parameters.simulator");
  g_assert_true (ADW_IS_EXPANDER_ROW (simulator));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (simulator)));

  for (OpmParam param = OPM_PARAM_DETECT_ALERT_MEDIAN; param < OPM_N_PARAMS; param++)
    {
      g_autofree char *name = g_strconcat ("parameters.", opm_parameters_get_name (param), NULL);
      GtkWidget *row = find_named (simulator, name);

      g_assert_nonnull (row);
      if (opm_parameters_is_assumption (param))
        {
          g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (row), "assumption"));
          assumptions++;
        }
    }
  g_assert_cmpuint (assumptions, >, 30);

}

/* The replay follows the engine's trace of the run, step by step, on the
 * canvas; the same seed tells the same story. */
static void
test_replay (Fixture       *f,
            gconstpointer  data)
{
  OpmService *content = service_named (f->scenario, "svc-content");
  OpmReplay *replay = opm_simulation_panel_get_replay (f->panel);
  OpmPainter *painter = opm_canvas_get_painter (opm_window_get_canvas (f->window));
  g_autoptr(OpmSimResult) result = NULL;
  g_autoptr(OpmSimulation) simulation = engine (f->document, f->scenario, content, "Mon 08:00", 0, 500, 3, &result);
  g_autoptr(OpmSimTrace) expected = opm_simulation_trace (simulation, opm_sim_result_typical_run (result, 0.5));
  const OpmSimTrace *trace;
  OpmElement *holder;

  choose (f->panel, content, "Mon 08:00", 0, 500, 3);
  run_and_wait (f->window, f->panel, "win.simulate");

  /* Out of view, nothing on the diagram. */
  g_assert_null (opm_painter_get_incident_holder (painter));

  opm_simulation_panel_set_view (f->panel, "replay");
  wait_until (gtk_widget_get_mapped (GTK_WIDGET (replay)));
  trace = opm_replay_get_trace (replay);
  g_assert_nonnull (trace);
  g_assert_cmpuint (trace->run, ==, expected->run);
  g_assert_cmpuint (trace->steps->len, ==, expected->steps->len);
  g_assert_cmpuint (opm_replay_get_n_positions (replay), ==, trace->steps->len + 1);
  for (guint i = 0; i < trace->steps->len; i++)
    {
      const OpmSimStep *a = &g_array_index (trace->steps, OpmSimStep, i);
      const OpmSimStep *b = &g_array_index (expected->steps, OpmSimStep, i);

      g_assert_cmpfloat (a->time, ==, b->time);
      g_assert_cmpfloat (a->duration, ==, b->duration);
      g_assert_cmpint (a->stage, ==, b->stage);
      g_assert_true (a->team == b->team);
      g_assert_cmpstr (a->why, ==, b->why);
    }

  /* The failure: the service holds it, the clock at the start. */
  g_assert_cmpuint (opm_replay_get_position (replay), ==, 0);
  g_assert_true (opm_painter_get_incident_holder (painter) == OPM_ELEMENT (content));
  g_assert_true (g_str_has_prefix (opm_painter_get_incident_clock (painter), "Mon 08:00"));

  /* Step by step with the f->window's keys: the token goes to whoever works
   * on it or is waited for, and the clock moves with the steps. */
  holder = OPM_ELEMENT (content);
  for (guint k = 1; k <= trace->steps->len; k++)
    {
      const OpmSimStep *step = &g_array_index (trace->steps, OpmSimStep, k - 1);
      g_autofree char *when = opm_sim_format_start (step->time + step->duration);

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.replay-next", NULL);
      g_assert_cmpuint (opm_replay_get_position (replay), ==, k);
      if (step->team != NULL)
        holder = OPM_ELEMENT (step->team);
      g_assert_true (opm_painter_get_incident_holder (painter) == holder);
      g_assert_true (g_str_has_prefix (opm_painter_get_incident_clock (painter), when));
      g_assert_cmpstr (label_text (GTK_WIDGET (replay), "clock"), ==, when);
      g_assert_cmpstr (label_text (GTK_WIDGET (replay), "why"), ==, step->why);
    }
  g_assert_cmpuint (opm_painter_get_incident_route_length (painter), >=, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.replay-next", NULL);
  g_assert_cmpuint (opm_replay_get_position (replay), ==, trace->steps->len);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.replay-previous", NULL);
  g_assert_cmpuint (opm_replay_get_position (replay), ==, trace->steps->len - 1);

  /* A bad incident, the run at the 90th percentile. */
  gtk_widget_activate_action (GTK_WIDGET (replay), "replay.quantile", "d", 0.9);
  g_assert_cmpuint (opm_replay_get_trace (replay)->run, ==, opm_sim_result_typical_run (result, 0.9));
  g_assert_cmpuint (opm_replay_get_position (replay), ==, 0);

  /* Playing steps on by itself, and pauses. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.replay-play", NULL);
  g_assert_true (opm_replay_get_playing (replay));
  wait_until (opm_replay_get_position (replay) >= 1);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.replay-play", NULL);
  g_assert_false (opm_replay_get_playing (replay));

  /* The same seed again: the same story. */
  run_and_wait (f->window, f->panel, "win.simulate");
  {
    g_autoptr(OpmSimTrace) bad = opm_simulation_trace (simulation, opm_sim_result_typical_run (result, 0.9));

    g_assert_cmpuint (opm_replay_get_trace (replay)->run, ==, bad->run);
    g_assert_cmpuint (opm_replay_get_trace (replay)->steps->len, ==, bad->steps->len);
    g_assert_cmpfloat (opm_replay_get_trace (replay)->time_to_restore, ==, bad->time_to_restore);
  }

  /* Leaving the replay takes it off the diagram. */
  opm_simulation_panel_set_view (f->panel, "results");
  g_assert_null (opm_painter_get_incident_holder (painter));

}

/* The comparison's deltas are the engine's, with common random numbers. */
static void
test_compare (Fixture       *f,
             gconstpointer  data)
{
  OpmScenario *as_is = opm_document_find_scenario (f->document, "As-is");
  OpmScenario *to_be = opm_document_find_scenario (f->document, "To-be");
  OpmComparison *comparison = opm_simulation_panel_get_comparison (f->panel);
  GtkWidget *widget = GTK_WIDGET (comparison);
  OpmService *content = service_named (as_is, "svc-content");
  g_autoptr(OpmSimResult) from = NULL;
  g_autoptr(OpmSimResult) to = NULL;
  g_autoptr(OpmSimulation) from_simulation = engine (f->document, as_is, content, "Mon 08:00", 0, 3000, 5, &from);
  g_autoptr(OpmSimulation) to_simulation =
    engine (f->document, to_be, service_named (to_be, "svc-content"), "Mon 08:00", 0, 3000, 5, &to);
  g_autoptr(GPtrArray) from_findings = opm_check_scenario (as_is, opm_document_get_parameters (f->document));
  g_autoptr(GPtrArray) to_findings = opm_check_scenario (to_be, opm_document_get_parameters (f->document));
  OpmSimDelta expected, shown;

  g_assert_true (opm_comparison_get_from (comparison) == as_is);
  g_assert_true (opm_comparison_get_to (comparison) == to_be);

  /* Content service of As-is is Content service of To-be: the same id. */
  choose (f->panel, content, "Mon 08:00", 0, 3000, 5);
  opm_simulation_panel_set_view (f->panel, "compare");
  run_and_wait (f->window, f->panel, "win.simulate");

  opm_sim_result_compare (from, to, &expected);
  g_assert_true (opm_comparison_get_delta (comparison, &shown));
  g_assert_cmpfloat (shown.time_to_restore_p50, ==, expected.time_to_restore_p50);
  g_assert_cmpfloat (shown.time_to_restore_p90, ==, expected.time_to_restore_p90);
  g_assert_cmpfloat (shown.handoffs_mean, ==, expected.handoffs_mean);
  g_assert_cmpfloat (shown.loss_per_year, ==, expected.loss_per_year);
  g_assert_cmpfloat (shown.on_call_cost_per_year, ==, expected.on_call_cost_per_year);

  /* The target restores faster: shorter, said in words and arrows. */
  g_assert_cmpfloat (expected.time_to_restore_p50, <, 0);
  {
    g_autofree char *p50 = opm_chart_format_minutes (fabs (expected.time_to_restore_p50));
    g_autofree char *loss = opm_sim_format_money (to->currency, fabs (expected.loss_per_year));
    g_autofree char *from_loss = opm_sim_format_money (from->currency, from->loss_per_year);
    g_autofree char *from_count = g_strdup_printf ("%u ", from_findings->len);
    g_autofree char *to_count = g_strdup_printf ("%u ", to_findings->len);

    g_assert_nonnull (strstr (label_text (widget, "delta-ttr-p50"), p50));
    g_assert_nonnull (strstr (label_text (widget, "delta-ttr-p50"), "▼"));
    g_assert_nonnull (strstr (label_text (widget, "delta-ttr-p50"), "shorter"));
    g_assert_true (gtk_widget_has_css_class (find_named (widget, "delta-ttr-p50"), "success"));
    g_assert_nonnull (strstr (label_text (widget, "delta-loss"), loss));
    g_assert_cmpstr (label_text (widget, "from-loss"), ==, from_loss);
    g_assert_true (g_str_has_prefix (label_text (widget, "from-findings"), from_count));
    g_assert_true (g_str_has_prefix (label_text (widget, "to-findings"), to_count));
  }

  /* A f->scenario without the service cannot be compared, and says why. */
  {
    OpmService *missing = NULL;
    GListModel *services = opm_scenario_get_services (to_be);

    for (guint i = 0; i < g_list_model_get_n_items (services) && missing == NULL; i++)
      {
        g_autoptr(OpmService) service = g_list_model_get_item (services, i);

        if (opm_scenario_lookup (as_is, opm_element_get_id (OPM_ELEMENT (service))) == NULL)
          missing = service;
      }
    g_assert_nonnull (missing);
    opm_window_set_scenario (f->window, to_be);
    choose (f->panel, missing, NULL, 0, 1000, 5);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.simulate", NULL);
    g_assert_cmpint (opm_simulation_panel_get_status (f->panel), ==, OPM_SIMULATION_STATUS_FAILED);
    g_assert_nonnull (strstr (label_text (widget, "error"), opm_service_get_name (missing)));
    g_assert_true (gtk_widget_get_visible (find_named (widget, "error")));
  }

}

/* }}} */


/* A diagram shown whole stays whole when the panel takes room from it;
 * once the user has zoomed, the view is left alone. */
static void
test_canvas_stays_fitted (void)
{
  OpmWindow *window = open_example ("telco.opmodel");
  OpmCanvas *canvas = opm_window_get_canvas (window);
  GtkWidget *widget = GTK_WIDGET (canvas);
  OpmRect bounds, visible;
  double zoom_before, zoom_fitted;
  int height_before;

  opm_canvas_zoom_to_fit (canvas);
  wait_until (gtk_widget_get_height (widget) > 1);
  drain ();
  zoom_before = opm_canvas_get_zoom (canvas);
  height_before = gtk_widget_get_height (widget);

  show_panel (window);
  wait_until (gtk_widget_get_height (widget) < height_before);
  drain ();
  zoom_fitted = opm_canvas_get_zoom (canvas);
  g_assert_cmpfloat (zoom_fitted, <=, zoom_before);

  /* the whole scenario is in view, centred as a fit centres it (a view
   * merely kept would have stayed anchored at its top) */
  opm_painter_get_bounds (opm_canvas_get_painter (canvas), &bounds);
  opm_canvas_get_visible_area (canvas, &visible);
  g_assert_cmpfloat (bounds.x, >=, visible.x - 1);
  g_assert_cmpfloat (bounds.y, >=, visible.y - 1);
  g_assert_cmpfloat (bounds.x + bounds.width, <=, visible.x + visible.width + 1);
  g_assert_cmpfloat (bounds.y + bounds.height, <=, visible.y + visible.height + 1);
  g_assert_cmpfloat (fabs ((bounds.y + bounds.height / 2) - (visible.y + visible.height / 2)), <, 2 / zoom_fitted);
  g_assert_cmpfloat (fabs ((bounds.x + bounds.width / 2) - (visible.x + visible.width / 2)), <, 2 / zoom_fitted);

  /* zoomed by the user: closing the panel keeps the zoom */
  opm_canvas_set_zoom (canvas, 1.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-simulation", NULL);
  wait_until (gtk_widget_get_height (widget) > height_before - 2);
  drain ();
  g_assert_cmpfloat (opm_canvas_get_zoom (canvas), ==, 1.0);

  destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  app = test_application_new (&argc, &argv);

  g_test_add_func ("/simulation/chart-view", test_chart_view);
  g_test_add_func ("/simulation/replay/create-destroy", test_replay_create_destroy);
  g_test_add_func ("/simulation/comparison/create-destroy", test_comparison_create_destroy);
  g_test_add_func ("/simulation/panel/create-destroy", test_panel_create_destroy);
  g_test_add_func ("/simulation/panel/canvas-stays-fitted", test_canvas_stays_fitted);
  g_test_add ("/simulation/panel/run", Fixture, "ecommerce.opmodel", fixture_set_up, test_run, fixture_tear_down);
  g_test_add ("/simulation/panel/cancel", Fixture, "ecommerce.opmodel", fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/simulation/panel/stale", Fixture, "telco.opmodel", fixture_set_up, test_stale, fixture_tear_down);
  g_test_add ("/simulation/panel/assumptions", Fixture, "telco.opmodel", fixture_set_up, test_assumptions, fixture_tear_down);
  g_test_add ("/simulation/replay/steps", Fixture, "ecommerce.opmodel", fixture_set_up, test_replay, fixture_tear_down);
  g_test_add ("/simulation/comparison/deltas", Fixture, "ecommerce.opmodel", fixture_set_up, test_compare, fixture_tear_down);

  ret = g_test_run ();

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_object_unref (app);

  return ret;
}
