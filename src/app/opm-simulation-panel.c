/* opm-simulation-panel.c
 *
 * The incident simulator in the window, below the diagram. On the left, what
 * to simulate: the service where incidents start (or drawn by incident
 * rate), the start time (or any time of the week), the priority, how many
 * incidents and the seed; Run and Cancel, and a progress bar. On the right,
 * three views: the results (big figures, the histogram of time to restore,
 * the waterfall of where the time goes, loss and protection by service), the
 * workshop replay of one incident on the diagram, and the comparison of two
 * scenarios simulated with the same incidents.
 *
 * Simulations run in worker threads (opm_simulation_run_async); a 50 ms
 * timeout polls their progress, and Cancel ends them within milliseconds.
 * The engine compiles the model when a run starts, so an edit while it runs
 * cannot tear it: the run finishes on the model as it was, and its results
 * come marked out of date, as do results shown when the model changes. A
 * banner says so, with a button to run again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-simulation-panel"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "opm-chart-view.h"
#include "opm-simulation-panel.h"

#define PROGRESS_INTERVAL_MS 50

/* Services listed in "Loss and Protection by Service", the costliest first. */
#define MAX_SERVICE_ROWS 30

typedef enum
{
  FIGURE_TTR_P50,
  FIGURE_TTR_P90,
  FIGURE_TTR_P99,
  FIGURE_TTR_MEAN,
  FIGURE_HANDOFFS,
  FIGURE_LOSS_INCIDENT,
  FIGURE_LOSS_YEAR,
  FIGURE_ON_CALL,
  FIGURE_DORA,
  N_FIGURES
} Figure;

static const struct
{
  const char *name;
  const char *caption; /* in full, for the accessible label */
  const char *shown;
} figure_specs[N_FIGURES] = {
  { "ttr-p50", N_("Time to restore, median"), N_("Time to restore, median") },
  { "ttr-p90", N_("Time to restore, P90"), N_("P90") },
  { "ttr-p99", N_("Time to restore, P99"), N_("P99") },
  { "ttr-mean", N_("Time to restore, mean"), N_("Mean") },
  { "handoffs", N_("Handoffs per incident"), N_("Handoffs per incident") },
  { "loss-incident", N_("Loss per incident"), N_("Loss per incident") },
  { "loss-year", N_("Loss per year"), N_("Loss per year") },
  { "on-call", N_("On-call cost per year"), N_("On-call cost per year") },
  { "dora", N_("DORA band"), N_("DORA band") },
};

typedef enum
{
  JOB_SIMULATE,
  JOB_COMPARE,
} JobKind;

struct _OpmSimulationPanel
{
  GtkWidget           parent_instance;

  /* template */
  AdwComboRow        *service_row;
  GtkEntry           *start_entry;
  AdwComboRow        *priority_row;
  GtkSpinButton      *runs_spin;
  GtkSpinButton      *seed_spin;
  GtkLabel           *start_error;
  GtkStack           *run_stack;
  GtkProgressBar     *progress_bar;
  GtkLabel           *status_label;
  GtkRevealer        *stale_revealer;
  GtkLabel           *stale_label;
  GtkStack           *view_stack;
  GtkStack           *results_stack;
  GtkLabel           *summary_label;
  GtkGrid            *figures;
  OpmChartView       *histogram_view;
  OpmChartView       *waterfall_view;
  GtkListBox         *service_list;
  OpmReplay          *replay;
  OpmComparison      *comparison;
  GtkLabel           *figure_values[N_FIGURES];
  GtkLabel           *figure_notes[N_FIGURES];

  /* owned */
  OpmDocument        *document;
  OpmScenario        *scenario;
  GPtrArray          *services;        /* OpmService, as listed after "By incident rate" */

  /* the run going on */
  GCancellable       *cancellable;
  JobKind             job;
  OpmSimulation      *running[2];
  OpmSimResult       *done[2];
  guint               n_running;
  guint               current;
  guint               progress_id;
  gint64              started;
  gboolean            changed_while_running;
  char               *description;     /* what is simulated, for the summary */
  OpmScenario        *running_scenario;

  /* the results shown */
  OpmSimulation      *simulation;
  OpmSimResult       *result;
  OpmScenario        *result_scenario;
  gboolean            stale;
  gboolean            compared;
  JobKind             last_job;
  OpmSimulationStatus status;

  /* borrowed, weak */
  OpmCanvas          *canvas;
};

G_DEFINE_FINAL_TYPE (OpmSimulationPanel, opm_simulation_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_STALE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_actions (OpmSimulationPanel *self);

/* Options */

/* @service, or the service of @scenario with its id (a duplicated scenario
 * keeps them), or else its name. */
static OpmService *
service_in (OpmScenario *scenario,
            OpmService  *service)
{
  GListModel *services = opm_scenario_get_services (scenario);
  OpmElement *same;

  if (opm_element_get_scenario (OPM_ELEMENT (service)) == scenario)
    return service;

  same = opm_scenario_lookup (scenario, opm_element_get_id (OPM_ELEMENT (service)));
  if (OPM_IS_SERVICE (same))
    return OPM_SERVICE (same);

  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(OpmService) other = g_list_model_get_item (services, i);

      if (g_strcmp0 (opm_service_get_name (other), opm_service_get_name (service)) == 0)
        return other; /* the scenario holds it */
    }

  return NULL;
}

static OpmService *
chosen_service (OpmSimulationPanel *self)
{
  guint i = adw_combo_row_get_selected (self->service_row);

  return i != GTK_INVALID_LIST_POSITION && i > 0 && i <= self->services->len ? g_ptr_array_index (self->services, i - 1)
                                                                               : NULL;
}

static gboolean
parse_start (OpmSimulationPanel  *self,
             int                 *start,
             GError             **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->start_entry))));

  *start = -1;
  return text[0] == '\0' || opm_sim_parse_start (text, start, error);
}

/**
 * opm_simulation_panel_get_options:
 * @scenario: the scenario to simulate with them
 * @options: (out): the options chosen in the panel, for @scenario
 * @error: why they do not fit @scenario (e.g. it has no such service)
 */
gboolean
opm_simulation_panel_get_options (OpmSimulationPanel  *self,
                                  OpmScenario         *scenario,
                                  OpmSimOptions       *options,
                                  GError             **error)
{
  OpmService *service = chosen_service (self);
  guint priority = adw_combo_row_get_selected (self->priority_row);

  g_return_val_if_fail (OPM_IS_SIMULATION_PANEL (self), FALSE);
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), FALSE);

  opm_sim_options_init (options);
  options->runs = (guint) gtk_spin_button_get_value_as_int (self->runs_spin);
  options->has_seed = TRUE;
  options->seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
  options->priority = priority <= 4 ? priority : 0;

  if (!parse_start (self, &options->start, error))
    return FALSE;

  if (service != NULL)
    {
      options->service = service_in (scenario, service);
      if (options->service == NULL)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO, _("“%s” has no service “%s”."),
                       opm_scenario_get_name (scenario), opm_service_get_name (service));
          return FALSE;
        }
    }

  return TRUE;
}

/* "10,000 incidents in Content service at Mon 08:00, P1, seed 42" */
static char *
describe_options (const OpmSimOptions *options)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *runs = g_strdup_printf ("%'u", options->runs);

  g_string_printf (text, ngettext ("%s incident", "%s incidents", options->runs), runs);
  if (options->service != NULL)
    g_string_append_printf (text, _(" in %s"), opm_service_get_name (options->service));
  else
    g_string_append (text, _(" drawn by incident rate"));
  if (options->start >= 0)
    {
      g_autofree char *when = opm_sim_format_start (options->start);

      g_string_append_printf (text, _(" at %s"), when);
    }
  else
    g_string_append (text, _(" at any time"));
  if (options->priority > 0)
    g_string_append_printf (text, _(", all P%u"), options->priority);
  g_string_append_printf (text, _(", seed %" G_GUINT64_FORMAT), options->seed);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_start_changed (OpmSimulationPanel *self)
{
  g_autoptr(GError) error = NULL;
  int start;
  gboolean valid = parse_start (self, &start, &error);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->start_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->start_entry), "error");
  gtk_label_set_text (self->start_error, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->start_error), !valid);
  update_actions (self);
}

static void
on_start_activate (OpmSimulationPanel *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "simulation.run", NULL);
}

static void
rebuild_services (OpmSimulationPanel *self)
{
  OpmService *chosen = chosen_service (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(OpmService) keep = chosen != NULL ? g_object_ref (chosen) : NULL;
  guint selected = 0;

  g_ptr_array_set_size (self->services, 0);
  gtk_string_list_append (names, _("By incident rate"));
  if (self->scenario != NULL)
    {
      GListModel *services = opm_scenario_get_services (self->scenario);
      OpmService *same = keep != NULL ? service_in (self->scenario, keep) : NULL;

      for (guint i = 0; i < g_list_model_get_n_items (services); i++)
        {
          OpmService *service = g_list_model_get_item (services, i);

          g_ptr_array_add (self->services, service);
          gtk_string_list_append (names, opm_service_get_name (service));
          if (service == same)
            selected = i + 1;
        }
    }

  adw_combo_row_set_model (self->service_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->service_row, selected);
}

/* The service list changes with every step of the history, not with
 * every name typed: rebuilt when the document says a step is done. */
static gboolean
services_changed (OpmSimulationPanel *self)
{
  GListModel *services;
  guint n;

  if (self->scenario == NULL)
    return self->services->len > 0;

  services = opm_scenario_get_services (self->scenario);
  n = g_list_model_get_n_items (services);
  if (n != self->services->len)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OpmService) service = g_list_model_get_item (services, i);
      g_autoptr(GObject) item = g_list_model_get_item (adw_combo_row_get_model (self->service_row), i + 1);

      if (service != g_ptr_array_index (self->services, i) ||
          g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), opm_service_get_name (service)) != 0)
        return TRUE;
    }

  return FALSE;
}

/* Results */

static void
set_figure (OpmSimulationPanel *self,
            Figure              figure,
            const char         *value,
            const char         *note)
{
  g_autofree char *accessible = g_strdup_printf ("%s: %s. %s", _(figure_specs[figure].caption), value,
                                                 note != NULL ? note : "");

  gtk_label_set_text (self->figure_values[figure], value);
  if (self->figure_notes[figure] != NULL)
    gtk_label_set_text (self->figure_notes[figure], note);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self->figure_values[figure]))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
show_figures (OpmSimulationPanel *self,
              const OpmSimResult *result)
{
  static const char *band_styles[] = { "success", "accent", "warning", "error" };
  g_autofree char *p50 = opm_chart_format_minutes (result->time_to_restore.p50);
  g_autofree char *p90 = opm_chart_format_minutes (result->time_to_restore.p90);
  g_autofree char *p99 = opm_chart_format_minutes (result->time_to_restore.p99);
  g_autofree char *mean = opm_chart_format_minutes (result->time_to_restore.mean);
  g_autofree char *handoffs = g_strdup_printf ("%.1f", result->handoffs.mean);
  g_autofree char *handoffs_note = g_strdup_printf (_("P90: %.0f"), result->handoffs.p90);
  g_autofree char *loss_p50 = opm_sim_format_money (result->currency, result->loss.p50);
  g_autofree char *loss_mean = opm_sim_format_money (result->currency, result->loss.mean);
  g_autofree char *loss_note = g_strdup_printf (_("median; mean %s"), loss_mean);
  g_autofree char *loss_year = opm_sim_format_money (result->currency, result->loss_per_year);
  g_autofree char *rate = g_strdup_printf (_("%.1f incidents a year"), result->incidents_per_year);
  g_autofree char *on_call = opm_sim_format_money (result->currency, result->on_call_cost_per_year);
  g_autofree char *standby = opm_sim_format_money (result->currency, result->standby_cost_per_year);
  g_autofree char *callouts = opm_sim_format_money (result->currency, result->callout_cost_per_year);
  g_autofree char *on_call_note = g_strdup_printf (_("standby %s, callouts %s"), standby, callouts);
  const char *band_notes[] = {
    N_("median under an hour"), N_("median under a day"), N_("median under a week"), N_("median a week or more"),
  };

  set_figure (self, FIGURE_TTR_P50, p50, _("half the incidents take longer"));
  set_figure (self, FIGURE_TTR_P90, p90, _("one in ten takes longer"));
  set_figure (self, FIGURE_TTR_P99, p99, _("one in a hundred takes longer"));
  set_figure (self, FIGURE_TTR_MEAN, mean, _("the average, pulled up by the worst"));
  set_figure (self, FIGURE_HANDOFFS, handoffs, handoffs_note);
  set_figure (self, FIGURE_LOSS_INCIDENT, loss_p50, loss_note);
  set_figure (self, FIGURE_LOSS_YEAR, loss_year, rate);
  set_figure (self, FIGURE_ON_CALL, on_call, on_call_note);
  set_figure (self, FIGURE_DORA, opm_dora_band_get_label (result->dora_band), _(band_notes[result->dora_band]));

  for (guint i = 0; i < G_N_ELEMENTS (band_styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->figure_values[FIGURE_DORA]), band_styles[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->figure_values[FIGURE_DORA]), band_styles[result->dora_band]);
}

/* What a chart draws from: a copy, as the result may go meanwhile. */
typedef struct
{
  char          *title;
  double        *minutes;          /* histogram: each run's time to restore */
  gsize          n_minutes;
  double         percentiles[3];
  OpmChartStage  stages[OPM_SIM_N_STAGES]; /* waterfall */
} Chart;

static void
chart_free (gpointer data)
{
  Chart *chart = data;

  g_free (chart->title);
  g_free (chart->minutes);
  g_free (chart);
}

static void
draw_chart (OpmRenderer   *renderer,
            const OpmRect *frame,
            gboolean       dark,
            gpointer       data)
{
  Chart *chart = data;

  if (chart->minutes != NULL)
    opm_chart_draw_histogram (renderer, frame, chart->title, chart->minutes, chart->n_minutes, chart->percentiles,
                              dark);
  else
    opm_chart_draw_waterfall (renderer, frame, chart->title, chart->stages, OPM_SIM_N_STAGES, dark);
}

static void
show_charts (OpmSimulationPanel *self,
             const OpmSimResult *result)
{
  Chart *histogram = g_new0 (Chart, 1);
  Chart *waterfall = g_new0 (Chart, 1);
  g_autofree char *p50 = opm_chart_format_minutes (result->time_to_restore.p50);
  g_autofree char *p90 = opm_chart_format_minutes (result->time_to_restore.p90);
  g_autofree char *p99 = opm_chart_format_minutes (result->time_to_restore.p99);
  g_autofree char *histogram_text = NULL;
  g_autofree char *waiting_text = NULL;
  g_autofree char *working_text = NULL;
  g_autofree char *waterfall_text = NULL;
  double waiting = 0, working = 0;

  histogram->title = g_strdup_printf (_("Time to restore — %s"), result->scenario);
  histogram->n_minutes = result->per_run->len;
  histogram->minutes = g_new (double, MAX (histogram->n_minutes, 1));
  for (guint i = 0; i < result->per_run->len; i++)
    histogram->minutes[i] = g_array_index (result->per_run, OpmSimRun, i).time_to_restore;
  histogram->percentiles[0] = result->time_to_restore.p50;
  histogram->percentiles[1] = result->time_to_restore.p90;
  histogram->percentiles[2] = result->time_to_restore.p99;
  opm_chart_view_set_title (self->histogram_view, histogram->title);
  histogram_text = g_strdup_printf (_("Over %u incidents: median %s, P90 %s, P99 %s."), result->runs, p50, p90, p99);
  opm_chart_view_set_description (self->histogram_view, histogram_text);
  opm_chart_view_set_drawing (self->histogram_view, OPM_CHART_WIDTH, OPM_CHART_HEIGHT, draw_chart, histogram,
                              chart_free);

  waterfall->title = g_strdup_printf (_("Where the time goes — %s"), result->scenario);
  for (guint i = 0; i < OPM_SIM_N_STAGES; i++)
    {
      waterfall->stages[i].name = opm_sim_stage_get_label (i);
      waterfall->stages[i].waiting = result->stages[i].waiting;
      waterfall->stages[i].working = result->stages[i].working;
      waiting += result->stages[i].waiting;
      working += result->stages[i].working;
    }
  waiting_text = opm_chart_format_minutes (waiting);
  working_text = opm_chart_format_minutes (working);
  waterfall_text = g_strdup_printf (_("An incident spends %s waiting and %s being worked on, on average."),
                                    waiting_text, working_text);
  opm_chart_view_set_title (self->waterfall_view, waterfall->title);
  opm_chart_view_set_description (self->waterfall_view, waterfall_text);
  opm_chart_view_set_drawing (self->waterfall_view, OPM_CHART_WIDTH, OPM_CHART_HEIGHT, draw_chart, waterfall,
                              chart_free);
}

static int
compare_loss (gconstpointer a,
              gconstpointer b)
{
  const OpmSimServiceResult *x = *(const OpmSimServiceResult **) a;
  const OpmSimServiceResult *y = *(const OpmSimServiceResult **) b;

  return (x->loss_per_year < y->loss_per_year) - (x->loss_per_year > y->loss_per_year);
}

static void
show_services (OpmSimulationPanel *self,
               const OpmSimResult *result)
{
  g_autoptr(GPtrArray) touched = g_ptr_array_new ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->service_list))) != NULL)
    gtk_list_box_remove (self->service_list, child);

  for (guint i = 0; i < result->services->len; i++)
    {
      OpmSimServiceResult *entry = &g_array_index (result->services, OpmSimServiceResult, i);

      if (entry->incidents_per_year > 0)
        g_ptr_array_add (touched, entry);
    }
  g_ptr_array_sort (touched, compare_loss);

  for (guint i = 0; i < MIN (touched->len, MAX_SERVICE_ROWS); i++)
    {
      const OpmSimServiceResult *entry = g_ptr_array_index (touched, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *reach = g_strdup_printf (_("%.1f incidents a year reach it"), entry->incidents_per_year);
      g_autofree char *loss = opm_sim_format_money (result->currency, entry->loss_per_year);
      g_autofree char *flpe = isfinite (entry->flpe) ? g_strdup_printf (_("FLPE %.0f %%"), entry->flpe * 100)
                                                     : g_strdup (_("no exposure"));
      GtkWidget *loss_label = gtk_label_new (loss);
      GtkWidget *flpe_label = gtk_label_new (flpe);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), opm_service_get_name (entry->service));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reach);
      gtk_widget_add_css_class (loss_label, "heading");
      gtk_widget_add_css_class (loss_label, "numeric");
      gtk_widget_add_css_class (flpe_label, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (flpe_label), 11);
      gtk_label_set_xalign (GTK_LABEL (flpe_label), 1);
      /* negative: the loss is beyond what the target tolerates */
      gtk_widget_add_css_class (flpe_label, !isfinite (entry->flpe) ? "dim-label"
                                            : entry->flpe < 0     ? "error"
                                            : entry->flpe < 0.5   ? "warning"
                                                                  : "success");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), loss_label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), flpe_label);
      gtk_list_box_append (self->service_list, row);
    }

  if (touched->len > MAX_SERVICE_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (ngettext ("and %u more service", "and %u more services",
                                                         touched->len - MAX_SERVICE_ROWS),
                                               touched->len - MAX_SERVICE_ROWS);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->service_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->service_list), touched->len > 0);
}

static void
update_banner (OpmSimulationPanel *self)
{
  const char *view = gtk_stack_get_visible_child_name (self->view_stack);
  g_autofree char *text = NULL;

  if (self->stale && (self->result != NULL || self->compared))
    text = g_strdup (_("The model changed since this run — run it again to see the effect."));
  else if (self->result != NULL && self->result_scenario != self->scenario && self->scenario != NULL &&
           g_strcmp0 (view, "compare") != 0)
    text = g_strdup_printf (_("These results are of “%s”; the diagram shows “%s”."), self->result->scenario,
                            opm_scenario_get_name (self->scenario));

  if (text != NULL)
    gtk_label_set_text (self->stale_label, text);
  gtk_revealer_set_reveal_child (self->stale_revealer, text != NULL);
}

static void
set_stale (OpmSimulationPanel *self,
           gboolean            stale)
{
  if (self->stale == stale)
    return;

  self->stale = stale;
  update_banner (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

static void
show_results (OpmSimulationPanel *self,
              OpmSimulation      *simulation,
              OpmSimResult       *result,
              OpmScenario        *scenario)
{
  g_autofree char *summary = g_strdup_printf ("“%s”: %s.", result->scenario, self->description);

  g_set_object (&self->simulation, simulation);
  g_clear_pointer (&self->result, opm_sim_result_unref);
  self->result = opm_sim_result_ref (result);
  g_set_object (&self->result_scenario, scenario);

  gtk_label_set_text (self->summary_label, summary);
  show_figures (self, result);
  show_charts (self, result);
  show_services (self, result);
  gtk_stack_set_visible_child_name (self->results_stack, "results");
  opm_replay_set_simulation (self->replay, simulation, result);
}

/* Running */

static void
set_status (OpmSimulationPanel  *self,
            OpmSimulationStatus  status,
            const char          *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  update_actions (self);
}

static void
update_actions (OpmSimulationPanel *self)
{
  gboolean running = self->status == OPM_SIMULATION_STATUS_RUNNING;
  int start;
  gboolean valid = parse_start (self, &start, NULL);
  gboolean has_services = self->scenario != NULL &&
                          g_list_model_get_n_items (opm_scenario_get_services (self->scenario)) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulation.run", !running && valid &&
                                 (has_services || g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack),
                                                             "compare") == 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulation.run-again", !running && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulation.compare",
                                 !running && valid && opm_comparison_get_from (self->comparison) != NULL &&
                                 opm_comparison_get_to (self->comparison) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulation.cancel", running);
  gtk_stack_set_visible_child_name (self->run_stack, running ? "cancel" : "run");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
}

static gboolean
progress_tick (gpointer data)
{
  OpmSimulationPanel *self = data;
  OpmSimulation *simulation = self->running[self->current];
  double share = opm_simulation_get_progress (simulation);
  guint runs = opm_simulation_get_runs (simulation);
  g_autofree char *done = g_strdup_printf ("%'u", (guint) (share * runs));
  g_autofree char *total = g_strdup_printf ("%'u", runs);
  g_autofree char *text = NULL;

  gtk_progress_bar_set_fraction (self->progress_bar, (self->current + share) / self->n_running);
  if (self->n_running > 1)
    /* Translators: e.g. "“To-be”: 4,200 of 10,000 incidents" */
    text = g_strdup_printf (_("“%s”: %s of %s incidents"),
                            self->current == 0 ? opm_scenario_get_name (opm_comparison_get_from (self->comparison))
                                               : opm_scenario_get_name (opm_comparison_get_to (self->comparison)),
                            done, total);
  else
    text = g_strdup_printf (_("%s of %s incidents"), done, total);
  if (self->changed_while_running)
    {
      char *more = g_strconcat (text, " ", _("The model changed meanwhile: these results will be of the model as it "
                                             "was at Run."), NULL);

      g_free (text);
      text = more;
    }
  gtk_label_set_text (self->status_label, text);

  return G_SOURCE_CONTINUE;
}

static void
end_job (OpmSimulationPanel *self)
{
  g_clear_handle_id (&self->progress_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (self->running); i++)
    {
      g_clear_object (&self->running[i]);
      g_clear_pointer (&self->done[i], opm_sim_result_unref);
    }
  g_clear_object (&self->cancellable);
  g_clear_object (&self->running_scenario);
  self->n_running = 0;
  self->current = 0;
}

static void on_run_done (GObject      *source,
                         GAsyncResult *res,
                         gpointer      data);

static void
run_current (OpmSimulationPanel *self)
{
  opm_simulation_run_async (self->running[self->current], self->cancellable, on_run_done, g_object_ref (self));
}

static void
finish_compare (OpmSimulationPanel *self)
{
  OpmScenario *from = opm_comparison_get_from (self->comparison);
  OpmScenario *to = opm_comparison_get_to (self->comparison);
  OpmParameters *parameters = opm_document_get_parameters (self->document);
  g_autoptr(GPtrArray) from_findings = opm_check_scenario (from, parameters);
  g_autoptr(GPtrArray) to_findings = opm_check_scenario (to, parameters);
  g_autofree char *note = g_strdup_printf (_("Both simulated with the same %s."), self->description);

  opm_comparison_show (self->comparison, self->done[0], self->done[1], from_findings, to_findings, note);
  self->compared = TRUE;
}

static void
on_run_done (GObject      *source,
             GAsyncResult *res,
             gpointer      data)
{
  g_autoptr(OpmSimulationPanel) self = data;
  g_autoptr(GError) error = NULL;
  OpmSimResult *result = opm_simulation_run_finish (OPM_SIMULATION (source), res, &error);
  g_autofree char *text = NULL;
  double seconds;

  /* a run of an earlier job, or of a panel gone */
  if (self->n_running == 0 || self->running[self->current] != (gpointer) source)
    {
      g_clear_pointer (&result, opm_sim_result_unref);
      return;
    }

  if (result == NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      end_job (self);
      if (cancelled)
        set_status (self, OPM_SIMULATION_STATUS_CANCELLED,
                    self->result != NULL || self->compared ? _("Cancelled. The results shown are of the run before.")
                                                           : _("Cancelled."));
      else
        set_status (self, OPM_SIMULATION_STATUS_FAILED, error->message);
      return;
    }

  self->done[self->current] = result;
  if (self->current + 1 < self->n_running)
    {
      self->current++;
      run_current (self);
      return;
    }

  if (self->job == JOB_SIMULATE)
    show_results (self, self->running[0], result, self->running_scenario);
  else
    finish_compare (self);

  set_stale (self, self->changed_while_running);
  update_banner (self);
  seconds = (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC;
  text = seconds < 1 ? g_strdup_printf (_("Done in %.0f ms."), seconds * 1000)
                     : g_strdup_printf (_("Done in %.1f s."), seconds);
  end_job (self);
  set_status (self, OPM_SIMULATION_STATUS_DONE, text);
}

static void
start_job (OpmSimulationPanel  *self,
           JobKind              job,
           OpmSimulation       *first,
           OpmSimulation       *second,
           const OpmSimOptions *options)
{
  g_assert (self->n_running == 0);

  self->job = job;
  self->last_job = job;
  self->running[0] = g_object_ref (first);
  self->running[1] = second != NULL ? g_object_ref (second) : NULL;
  self->n_running = second != NULL ? 2 : 1;
  self->current = 0;
  self->cancellable = g_cancellable_new ();
  self->changed_while_running = FALSE;
  self->started = g_get_monotonic_time ();
  g_free (self->description);
  self->description = describe_options (options);

  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_status (self, OPM_SIMULATION_STATUS_RUNNING, NULL);
  progress_tick (self);
  self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, progress_tick, self);
  run_current (self);
}

static OpmSimulation *
new_simulation (OpmSimulationPanel  *self,
                OpmScenario         *scenario,
                OpmSimOptions       *options,
                GError             **error)
{
  if (!opm_simulation_panel_get_options (self, scenario, options, error))
    return NULL;

  return opm_simulation_new (scenario, opm_document_get_parameters (self->document), options, error);
}

/**
 * opm_simulation_panel_run:
 *
 * Simulates the scenario shown with the options chosen, in the background.
 */
void
opm_simulation_panel_run (OpmSimulationPanel *self)
{
  g_autoptr(OpmSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;
  OpmSimOptions options;

  g_return_if_fail (OPM_IS_SIMULATION_PANEL (self));

  if (self->n_running > 0 || self->scenario == NULL || self->document == NULL)
    return;

  simulation = new_simulation (self, self->scenario, &options, &error);
  if (simulation == NULL)
    {
      set_status (self, OPM_SIMULATION_STATUS_FAILED, error->message);
      return;
    }

  g_set_object (&self->running_scenario, self->scenario);
  start_job (self, JOB_SIMULATE, simulation, NULL, &options);
}

/**
 * opm_simulation_panel_compare:
 *
 * Simulates the two scenarios chosen in the comparison with the same
 * options and seed, one after the other, in the background.
 */
void
opm_simulation_panel_compare (OpmSimulationPanel *self)
{
  OpmScenario *from, *to;
  g_autoptr(OpmSimulation) first = NULL;
  g_autoptr(OpmSimulation) second = NULL;
  g_autoptr(GError) error = NULL;
  OpmSimOptions options;

  g_return_if_fail (OPM_IS_SIMULATION_PANEL (self));

  from = opm_comparison_get_from (self->comparison);
  to = opm_comparison_get_to (self->comparison);
  if (self->n_running > 0 || from == NULL || to == NULL)
    return;

  first = new_simulation (self, from, &options, &error);
  if (first != NULL)
    second = new_simulation (self, to, &options, &error);
  if (second == NULL)
    {
      opm_comparison_set_error (self->comparison, error->message);
      set_status (self, OPM_SIMULATION_STATUS_FAILED, error->message);
      return;
    }

  opm_comparison_set_error (self->comparison, NULL);
  /* the options as chosen, with the service as the scenario shown names it */
  options.service = chosen_service (self);
  start_job (self, JOB_COMPARE, first, second, &options);
}

/**
 * opm_simulation_panel_cancel:
 *
 * Stops the simulation going on; it ends within milliseconds, cancelled,
 * and the results shown before stay.
 */
void
opm_simulation_panel_cancel (OpmSimulationPanel *self)
{
  g_return_if_fail (OPM_IS_SIMULATION_PANEL (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Actions */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  OpmSimulationPanel *self = OPM_SIMULATION_PANEL (widget);

  /* Run on the comparison compares, as F5 does */
  if (g_str_equal (action_name, "simulation.compare") ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "compare") == 0)
    opm_simulation_panel_compare (self);
  else
    opm_simulation_panel_run (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  opm_simulation_panel_cancel (OPM_SIMULATION_PANEL (widget));
}

/* Following the model and the window */

static void
on_document_changed (OpmSimulationPanel *self)
{
  if (services_changed (self))
    rebuild_services (self);

  /* moving or recolouring cards in a workshop leaves the results standing */
  if (opm_document_get_last_change_is_look (self->document))
    return;

  if (self->n_running > 0)
    self->changed_while_running = TRUE;
  if (self->result != NULL || self->compared)
    set_stale (self, TRUE);
  update_actions (self);
}

static void
update_replay_active (OpmSimulationPanel *self)
{
  opm_replay_set_active (self->replay, gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                                         g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack),
                                                    "replay") == 0);
}

static void
on_view_changed (OpmSimulationPanel *self)
{
  update_replay_active (self);
  update_banner (self);
  update_actions (self);
}

static void
on_comparison_choice_changed (OpmSimulationPanel *self)
{
  update_actions (self);
}

static void
clear_results (OpmSimulationPanel *self)
{
  g_clear_object (&self->simulation);
  g_clear_pointer (&self->result, opm_sim_result_unref);
  g_clear_object (&self->result_scenario);
  self->compared = FALSE;
  opm_chart_view_set_drawing (self->histogram_view, 0, 0, NULL, NULL, NULL);
  opm_chart_view_set_drawing (self->waterfall_view, 0, 0, NULL, NULL, NULL);
  gtk_stack_set_visible_child_name (self->results_stack, "empty");
  opm_replay_set_simulation (self->replay, NULL, NULL);
  set_stale (self, FALSE);
  update_banner (self);
}

GtkWidget *
opm_simulation_panel_new (void)
{
  return g_object_new (OPM_TYPE_SIMULATION_PANEL, NULL);
}

/**
 * opm_simulation_panel_set_document:
 * @document: (nullable): the document to simulate; a new one cancels any
 *   run and drops the results
 */
void
opm_simulation_panel_set_document (OpmSimulationPanel *self,
                                   OpmDocument        *document)
{
  g_return_if_fail (OPM_IS_SIMULATION_PANEL (self));
  g_return_if_fail (document == NULL || OPM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  opm_simulation_panel_cancel (self);
  end_job (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_clear_object (&self->scenario);

  if (document != NULL)
    {
      OpmParameters *parameters = opm_document_get_parameters (document);

      g_signal_connect_object (document, "changed", G_CALLBACK (on_document_changed), self, G_CONNECT_SWAPPED);
      gtk_spin_button_set_value (self->runs_spin, opm_parameters_get (parameters, OPM_PARAM_SIMULATION_RUNS));
      gtk_spin_button_set_value (self->seed_spin, opm_parameters_get (parameters, OPM_PARAM_SIMULATION_SEED));
    }

  opm_comparison_set_document (self->comparison, document);
  clear_results (self);
  rebuild_services (self);
  set_status (self, OPM_SIMULATION_STATUS_NONE, NULL);
}

/**
 * opm_simulation_panel_set_scenario:
 * @scenario: (nullable): the scenario shown, the one Run simulates
 */
void
opm_simulation_panel_set_scenario (OpmSimulationPanel *self,
                                   OpmScenario        *scenario)
{
  g_return_if_fail (OPM_IS_SIMULATION_PANEL (self));
  g_return_if_fail (scenario == NULL || OPM_IS_SCENARIO (scenario));

  if (self->scenario == scenario)
    return;

  g_set_object (&self->scenario, scenario);
  rebuild_services (self);
  update_banner (self);
  update_actions (self);
}

/**
 * opm_simulation_panel_set_canvas:
 * @canvas: (nullable): the diagram shown, where the replay draws
 */
void
opm_simulation_panel_set_canvas (OpmSimulationPanel *self,
                                 OpmCanvas          *canvas)
{
  g_return_if_fail (OPM_IS_SIMULATION_PANEL (self));

  g_set_weak_pointer (&self->canvas, canvas);
  opm_replay_set_canvas (self->replay, canvas);
}

/**
 * opm_simulation_panel_set_service:
 * @service: (nullable): the service where incidents start; %NULL: drawn by
 *   incident rate
 */
void
opm_simulation_panel_set_service (OpmSimulationPanel *self,
                                  OpmService         *service)
{
  guint index = 0;

  g_return_if_fail (OPM_IS_SIMULATION_PANEL (self));

  if (service != NULL && g_ptr_array_find (self->services, service, &index))
    index++;
  adw_combo_row_set_selected (self->service_row, index);
}

OpmSimulationStatus
opm_simulation_panel_get_status (OpmSimulationPanel *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION_PANEL (self), OPM_SIMULATION_STATUS_NONE);

  return self->status;
}

/**
 * opm_simulation_panel_get_stale:
 *
 * Returns: whether the model changed since the results shown were run
 */
gboolean
opm_simulation_panel_get_stale (OpmSimulationPanel *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION_PANEL (self), FALSE);

  return self->stale;
}

/**
 * opm_simulation_panel_get_result:
 *
 * Returns: (nullable) (transfer none): the result shown
 */
OpmSimResult *
opm_simulation_panel_get_result (OpmSimulationPanel *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION_PANEL (self), NULL);

  return self->result;
}

/**
 * opm_simulation_panel_get_view:
 *
 * Returns: "results", "replay" or "compare"
 */
const char *
opm_simulation_panel_get_view (OpmSimulationPanel *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION_PANEL (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

void
opm_simulation_panel_set_view (OpmSimulationPanel *self,
                               const char         *view)
{
  g_return_if_fail (OPM_IS_SIMULATION_PANEL (self));

  gtk_stack_set_visible_child_name (self->view_stack, view);
}

OpmReplay *
opm_simulation_panel_get_replay (OpmSimulationPanel *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION_PANEL (self), NULL);

  return self->replay;
}

OpmComparison *
opm_simulation_panel_get_comparison (OpmSimulationPanel *self)
{
  g_return_val_if_fail (OPM_IS_SIMULATION_PANEL (self), NULL);

  return self->comparison;
}

/* GObject */

static void
opm_simulation_panel_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (opm_simulation_panel_parent_class)->map (widget);
  update_replay_active (OPM_SIMULATION_PANEL (widget));
}

static void
opm_simulation_panel_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (opm_simulation_panel_parent_class)->unmap (widget);
  update_replay_active (OPM_SIMULATION_PANEL (widget));
}

/* A figure's caption, value and (with @note_style) a note under it, in @box. */
static void
add_figure (OpmSimulationPanel *self,
            GtkWidget          *box,
            Figure              figure,
            const char         *value_style,
            gboolean            with_note)
{
  GtkWidget *caption = gtk_label_new (_(figure_specs[figure].shown));
  GtkWidget *value = gtk_label_new ("—");
  g_autofree char *name = g_strdup_printf ("figure-%s", figure_specs[figure].name);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0);
  gtk_widget_set_name (value, name);
  gtk_widget_add_css_class (value, value_style);
  gtk_widget_add_css_class (value, "numeric");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _(figure_specs[figure].caption),
                                  -1);
  self->figure_values[figure] = GTK_LABEL (value);

  if (with_note)
    {
      GtkWidget *note = gtk_label_new ("");
      g_autofree char *note_name = g_strdup_printf ("figure-%s-note", figure_specs[figure].name);

      gtk_label_set_xalign (GTK_LABEL (note), 0);
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_widget_set_name (note, note_name);
      gtk_widget_add_css_class (note, "caption");
      gtk_widget_add_css_class (note, "dim-label");
      gtk_box_append (GTK_BOX (box), note);
      self->figure_notes[figure] = GTK_LABEL (note);
    }
}

static GtkWidget *
figure_box (GtkWidget *parent)
{
  GtkWidget *box = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 2,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);

  gtk_widget_set_hexpand (box, TRUE);
  if (parent != NULL)
    gtk_box_append (GTK_BOX (parent), box);
  else
    {
      gtk_widget_add_css_class (box, "card");
      gtk_widget_add_css_class (box, "opm-figure");
    }

  return box;
}

/* Time to restore first: the median large with the DORA band beside it,
 * the tail below; then the money and the handoffs, two a row. */
static void
build_figures (OpmSimulationPanel *self)
{
  GtkWidget *card = figure_box (NULL);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *tail = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const struct { Figure figure; int column; int row; } cards[] = {
    { FIGURE_LOSS_YEAR, 0, 1 }, { FIGURE_LOSS_INCIDENT, 1, 1 }, { FIGURE_HANDOFFS, 0, 2 }, { FIGURE_ON_CALL, 1, 2 },
  };

  gtk_box_append (GTK_BOX (card), top);
  add_figure (self, figure_box (top), FIGURE_TTR_P50, "title-1", TRUE);
  add_figure (self, figure_box (top), FIGURE_DORA, "title-2", TRUE);
  gtk_widget_set_hexpand (gtk_widget_get_last_child (top), FALSE);
  gtk_box_set_homogeneous (GTK_BOX (tail), TRUE);
  gtk_widget_set_margin_top (tail, 6);
  gtk_box_append (GTK_BOX (card), tail);
  add_figure (self, figure_box (tail), FIGURE_TTR_P90, "title-3", FALSE);
  add_figure (self, figure_box (tail), FIGURE_TTR_P99, "title-3", FALSE);
  add_figure (self, figure_box (tail), FIGURE_TTR_MEAN, "title-3", FALSE);
  gtk_grid_attach (self->figures, card, 0, 0, 2, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      card = figure_box (NULL);
      add_figure (self, card, cards[i].figure, "title-2", TRUE);
      gtk_grid_attach (self->figures, card, cards[i].column, cards[i].row, 1, 1);
    }
}

static void
opm_simulation_panel_dispose (GObject *object)
{
  OpmSimulationPanel *self = OPM_SIMULATION_PANEL (object);
  GtkWidget *child;

  opm_simulation_panel_cancel (self);
  end_job (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->scenario);
  g_clear_object (&self->simulation);
  g_clear_pointer (&self->result, opm_sim_result_unref);
  g_clear_object (&self->result_scenario);
  g_clear_weak_pointer (&self->canvas);
  if (self->services != NULL)
    g_ptr_array_set_size (self->services, 0);

  gtk_widget_dispose_template (GTK_WIDGET (self), OPM_TYPE_SIMULATION_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (opm_simulation_panel_parent_class)->dispose (object);
}

static void
opm_simulation_panel_finalize (GObject *object)
{
  OpmSimulationPanel *self = OPM_SIMULATION_PANEL (object);

  g_ptr_array_unref (self->services);
  g_free (self->description);

  G_OBJECT_CLASS (opm_simulation_panel_parent_class)->finalize (object);
}

static void
opm_simulation_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OpmSimulationPanel *self = OPM_SIMULATION_PANEL (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_simulation_panel_class_init (OpmSimulationPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opm_simulation_panel_dispose;
  object_class->finalize = opm_simulation_panel_finalize;
  object_class->get_property = opm_simulation_panel_get_property;
  widget_class->map = opm_simulation_panel_map;
  widget_class->unmap = opm_simulation_panel_unmap;

  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, OPM_SIMULATION_STATUS_NONE, OPM_SIMULATION_STATUS_FAILED,
                      OPM_SIMULATION_STATUS_NONE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OPM_TYPE_CHART_VIEW);
  g_type_ensure (OPM_TYPE_REPLAY);
  g_type_ensure (OPM_TYPE_COMPARISON);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/opmodel/Opmodel/opm-simulation-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, service_row);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, start_entry);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, priority_row);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, runs_spin);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, start_error);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, run_stack);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, stale_revealer);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, stale_label);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, results_stack);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, figures);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, histogram_view);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, waterfall_view);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, service_list);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, replay);
  gtk_widget_class_bind_template_child (widget_class, OpmSimulationPanel, comparison);
  gtk_widget_class_bind_template_callback (widget_class, on_start_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);

  gtk_widget_class_install_action (widget_class, "simulation.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "simulation.run-again", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "simulation.compare", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "simulation.cancel", NULL, cancel_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "opmsimulation");
}

static void
opm_simulation_panel_init (OpmSimulationPanel *self)
{
  self->services = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  build_figures (self);

  g_signal_connect_object (self->comparison, "notify::from", G_CALLBACK (on_comparison_choice_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->comparison, "notify::to", G_CALLBACK (on_comparison_choice_changed), self,
                           G_CONNECT_SWAPPED);
  rebuild_services (self);
  update_actions (self);
}
