/* opm-comparison.c
 *
 * Two scenarios of the document simulated with the same options and seed,
 * so that both see the same incidents at the same times (common random
 * numbers): the figures side by side and what the target changes, each
 * change coloured (green better, red worse) and also told with an arrow and
 * a word, legible in greyscale and on a washed-out projector. The checker's
 * findings on each scenario are counted too. The simulation panel runs the
 * simulations; this view picks the scenarios and shows the outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-comparison"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "opm-comparison.h"

struct _OpmComparison
{
  GtkWidget     parent_instance;

  /* template */
  GtkDropDown  *from_drop;
  GtkDropDown  *to_drop;
  GtkLabel     *error_label;
  GtkStack     *stack;
  GtkGrid      *table;
  GtkLabel     *note_label;

  /* owned */
  OpmDocument  *document;
  GPtrArray    *scenarios;   /* OpmScenario, as listed in the drop-downs */
  OpmSimDelta   delta;
  gboolean      has_delta;
};

G_DEFINE_FINAL_TYPE (OpmComparison, opm_comparison, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FROM,
  PROP_TO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a figure counts, and so how a change in it reads. Less is better
 * for all of them. */
typedef enum
{
  KIND_MINUTES,
  KIND_NUMBER,
  KIND_MONEY,
  KIND_COUNT,
} Kind;

/* Scenarios */

static OpmScenario *
scenario_at (OpmComparison *self,
             GtkDropDown   *drop)
{
  guint i = gtk_drop_down_get_selected (drop);

  return i < self->scenarios->len ? g_ptr_array_index (self->scenarios, i) : NULL;
}

/* The first scenario whose name starts with one of @prefixes, else @fallback. */
static guint
find_named (OpmComparison *self,
            const char    *prefixes[],
            guint          fallback)
{
  for (guint p = 0; prefixes[p] != NULL; p++)
    for (guint i = 0; i < self->scenarios->len; i++)
      {
        g_autofree char *name = g_utf8_casefold (opm_scenario_get_name (g_ptr_array_index (self->scenarios, i)), -1);

        if (g_str_has_prefix (name, prefixes[p]))
          return i;
      }

  return fallback;
}

static void
rebuild_choices (OpmComparison *self)
{
  OpmScenario *from = scenario_at (self, self->from_drop);
  OpmScenario *to = scenario_at (self, self->to_drop);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *scenarios;
  guint from_index, to_index, n;

  g_ptr_array_set_size (self->scenarios, 0);
  if (self->document != NULL)
    {
      scenarios = opm_document_get_scenarios (self->document);
      for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
        {
          OpmScenario *scenario = opm_document_get_scenario (self->document, i);

          g_ptr_array_add (self->scenarios, g_object_ref (scenario));
          gtk_string_list_append (names, opm_scenario_get_name (scenario));
        }
    }
  n = self->scenarios->len;

  gtk_drop_down_set_model (self->from_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_model (self->to_drop, G_LIST_MODEL (names));

  /* Keep what was chosen; else the current model to the target one. */
  {
    const char *current[] = { "as-is", "as is", "current", NULL };
    const char *target[] = { "to-be", "to be", "target", NULL };

    if (from == NULL || !g_ptr_array_find (self->scenarios, from, &from_index))
      from_index = find_named (self, current, 0);
    if (to == NULL || !g_ptr_array_find (self->scenarios, to, &to_index))
      to_index = find_named (self, target, n > 0 ? n - 1 : 0);
  }

  gtk_drop_down_set_selected (self->from_drop, n > 0 ? from_index : GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (self->to_drop, n > 0 ? to_index : GTK_INVALID_LIST_POSITION);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_drop), n > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_drop), n > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
}

static void
on_scenario_names_changed (OpmComparison *self)
{
  rebuild_choices (self);
}

static void
watch_names (OpmComparison *self,
             gboolean       watch)
{
  for (guint i = 0; i < self->scenarios->len; i++)
    {
      OpmScenario *scenario = g_ptr_array_index (self->scenarios, i);

      if (watch)
        g_signal_connect_object (scenario, "notify::name", G_CALLBACK (on_scenario_names_changed), self,
                                 G_CONNECT_SWAPPED);
      else
        g_signal_handlers_disconnect_by_data (scenario, self);
    }
}

static void
on_scenarios_changed (OpmComparison *self)
{
  watch_names (self, FALSE);
  rebuild_choices (self);
  watch_names (self, TRUE);
}

/* The table */

static char *
format_value (Kind          kind,
              double        value,
              const char   *currency)
{
  switch (kind)
    {
    case KIND_MINUTES:
      return opm_chart_format_minutes (value);
    case KIND_MONEY:
      return opm_sim_format_money (currency, value);
    case KIND_NUMBER:
      return g_strdup_printf ("%.1f", value);
    case KIND_COUNT:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

/* "▼ 4 h 10 min shorter": the arrow and the word say it without colour.
 * Returns -1 for better, 1 for worse, 0 for no change. */
static int
format_change (Kind         kind,
               double       change,
               const char  *currency,
               char       **text)
{
  const double threshold[] = { [KIND_MINUTES] = 0.5, [KIND_NUMBER] = 0.05, [KIND_MONEY] = 0.5, [KIND_COUNT] = 0.5 };
  g_autofree char *amount = NULL;
  gboolean less = change < 0;

  if (!(fabs (change) >= threshold[kind]))
    {
      *text = g_strdup (_("= no change"));
      return 0;
    }

  amount = format_value (kind, fabs (change), currency);
  switch (kind)
    {
    case KIND_MINUTES:
      /* Translators: a change in time to restore, e.g. "▼ 4 h 10 min shorter" */
      *text = less ? g_strdup_printf (_("▼ %s shorter"), amount) : g_strdup_printf (_("▲ %s longer"), amount);
      break;
    case KIND_MONEY:
      *text = less ? g_strdup_printf (_("▼ %s less"), amount) : g_strdup_printf (_("▲ %s more"), amount);
      break;
    case KIND_NUMBER:
    case KIND_COUNT:
    default:
      *text = less ? g_strdup_printf (_("▼ %s fewer"), amount) : g_strdup_printf (_("▲ %s more"), amount);
      break;
    }

  return less ? -1 : 1;
}

static GtkWidget *
cell (const char *text,
      const char *style,
      const char *name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  if (name != NULL)
    gtk_widget_set_name (label, name);

  return label;
}

static void
add_row (OpmComparison *self,
         int            row,
         const char    *title,
         const char    *name,
         const char    *from_text,
         const char    *to_text,
         const char    *change_text,
         int            direction)
{
  g_autofree char *from_name = g_strdup_printf ("from-%s", name);
  g_autofree char *to_name = g_strdup_printf ("to-%s", name);
  g_autofree char *change_name = g_strdup_printf ("delta-%s", name);
  GtkWidget *change = cell (change_text, "title-4", change_name);

  gtk_widget_add_css_class (change, direction < 0 ? "success" : direction > 0 ? "error" : "dim-label");
  gtk_grid_attach (self->table, cell (title, NULL, NULL), 0, row, 1, 1);
  gtk_grid_attach (self->table, cell (from_text, "title-3", from_name), 1, row, 1, 1);
  gtk_grid_attach (self->table, cell (to_text, "title-3", to_name), 2, row, 1, 1);
  gtk_grid_attach (self->table, change, 3, row, 1, 1);
}

static void
add_figure (OpmComparison *self,
            int            row,
            const char    *title,
            const char    *name,
            Kind           kind,
            double         from,
            double         to,
            double         change,
            const char    *currency)
{
  g_autofree char *from_text = format_value (kind, from, currency);
  g_autofree char *to_text = format_value (kind, to, currency);
  g_autofree char *change_text = NULL;
  int direction = format_change (kind, change, currency, &change_text);

  add_row (self, row, title, name, from_text, to_text, change_text, direction);
}

static void
count_findings (GPtrArray *findings,
                guint     *total,
                guint     *errors)
{
  *total = findings != NULL ? findings->len : 0;
  *errors = 0;
  for (guint i = 0; i < *total; i++)
    if (opm_finding_get_severity (g_ptr_array_index (findings, i)) == OPM_SEVERITY_ERROR)
      (*errors)++;
}

static char *
findings_text (guint total,
               guint errors)
{
  /* Translators: checker findings, e.g. "107 (14 errors)" */
  return g_strdup_printf (ngettext ("%u (%u error)", "%u (%u errors)", errors), total, errors);
}

static void
clear_table (OpmComparison *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
}

/* Public */

GtkWidget *
opm_comparison_new (void)
{
  return g_object_new (OPM_TYPE_COMPARISON, NULL);
}

/**
 * opm_comparison_set_document:
 * @document: (nullable): the document whose scenarios to offer
 */
void
opm_comparison_set_document (OpmComparison *self,
                             OpmDocument   *document)
{
  g_return_if_fail (OPM_IS_COMPARISON (self));
  g_return_if_fail (document == NULL || OPM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (opm_document_get_scenarios (self->document), self);
  watch_names (self, FALSE);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (opm_document_get_scenarios (document), "items-changed",
                             G_CALLBACK (on_scenarios_changed), self, G_CONNECT_SWAPPED);

  /* a new document: choose afresh */
  g_ptr_array_set_size (self->scenarios, 0);
  gtk_drop_down_set_selected (self->from_drop, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (self->to_drop, GTK_INVALID_LIST_POSITION);
  rebuild_choices (self);
  watch_names (self, TRUE);
  opm_comparison_clear (self);
}

OpmScenario *
opm_comparison_get_from (OpmComparison *self)
{
  g_return_val_if_fail (OPM_IS_COMPARISON (self), NULL);

  return scenario_at (self, self->from_drop);
}

static void
select_scenario (OpmComparison *self,
                 GtkDropDown   *drop,
                 OpmScenario   *scenario)
{
  guint index;

  if (g_ptr_array_find (self->scenarios, scenario, &index))
    gtk_drop_down_set_selected (drop, index);
}

void
opm_comparison_set_from (OpmComparison *self,
                         OpmScenario   *scenario)
{
  g_return_if_fail (OPM_IS_COMPARISON (self));

  select_scenario (self, self->from_drop, scenario);
}

OpmScenario *
opm_comparison_get_to (OpmComparison *self)
{
  g_return_val_if_fail (OPM_IS_COMPARISON (self), NULL);

  return scenario_at (self, self->to_drop);
}

void
opm_comparison_set_to (OpmComparison *self,
                       OpmScenario   *scenario)
{
  g_return_if_fail (OPM_IS_COMPARISON (self));

  select_scenario (self, self->to_drop, scenario);
}

/**
 * opm_comparison_show:
 * @from: the result of the current scenario
 * @to: the result of the target scenario, simulated alike
 * @from_findings: (element-type OpmFinding): the checker's findings on it
 * @to_findings: (element-type OpmFinding): and on the target
 * @note: (nullable): how both were simulated
 */
void
opm_comparison_show (OpmComparison *self,
                     OpmSimResult  *from,
                     OpmSimResult  *to,
                     GPtrArray     *from_findings,
                     GPtrArray     *to_findings,
                     const char    *note)
{
  const char *currency;
  guint from_total, from_errors, to_total, to_errors;
  int row = 0;

  g_return_if_fail (OPM_IS_COMPARISON (self));
  g_return_if_fail (from != NULL && to != NULL);

  opm_sim_result_compare (from, to, &self->delta);
  self->has_delta = TRUE;
  currency = to->currency;
  count_findings (from_findings, &from_total, &from_errors);
  count_findings (to_findings, &to_total, &to_errors);

  clear_table (self);
  gtk_grid_attach (self->table, cell ("", NULL, NULL), 0, row, 1, 1);
  gtk_grid_attach (self->table, cell (from->scenario, "heading", "from-scenario"), 1, row, 1, 1);
  gtk_grid_attach (self->table, cell (to->scenario, "heading", "to-scenario"), 2, row, 1, 1);
  gtk_grid_attach (self->table, cell (_("Change"), "heading", NULL), 3, row, 1, 1);
  row++;

  add_figure (self, row++, _("Time to restore, median"), "ttr-p50", KIND_MINUTES, from->time_to_restore.p50,
              to->time_to_restore.p50, self->delta.time_to_restore_p50, currency);
  add_figure (self, row++, _("Time to restore, P90"), "ttr-p90", KIND_MINUTES, from->time_to_restore.p90,
              to->time_to_restore.p90, self->delta.time_to_restore_p90, currency);
  add_figure (self, row++, _("Handoffs per incident"), "handoffs", KIND_NUMBER, from->handoffs.mean,
              to->handoffs.mean, self->delta.handoffs_mean, currency);
  add_figure (self, row++, _("Loss per year"), "loss", KIND_MONEY, from->loss_per_year, to->loss_per_year,
              self->delta.loss_per_year, currency);
  add_figure (self, row++, _("On-call cost per year"), "on-call", KIND_MONEY, from->on_call_cost_per_year,
              to->on_call_cost_per_year, self->delta.on_call_cost_per_year, currency);

  {
    g_autofree char *from_text = findings_text (from_total, from_errors);
    g_autofree char *to_text = findings_text (to_total, to_errors);
    g_autofree char *change_text = NULL;
    int direction = format_change (KIND_COUNT, (double) to_total - from_total, currency, &change_text);

    add_row (self, row++, _("Findings of the model checker"), "findings", from_text, to_text, change_text,
             direction);
  }

  {
    g_autofree char *change_text = NULL;
    int direction = to->dora_band < from->dora_band ? -1 : to->dora_band > from->dora_band ? 1 : 0;

    change_text = direction == 0 ? g_strdup (_("= no change"))
                                 : g_strdup_printf ("%s %s → %s", direction < 0 ? "▲" : "▼",
                                                    opm_dora_band_get_label (from->dora_band),
                                                    opm_dora_band_get_label (to->dora_band));
    add_row (self, row++, _("DORA band of the median"), "dora", opm_dora_band_get_label (from->dora_band),
             opm_dora_band_get_label (to->dora_band), change_text, direction);
  }

  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "table");
}

void
opm_comparison_clear (OpmComparison *self)
{
  g_return_if_fail (OPM_IS_COMPARISON (self));

  self->has_delta = FALSE;
  clear_table (self);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * opm_comparison_set_error:
 * @message: (nullable): why the scenarios could not be compared
 */
void
opm_comparison_set_error (OpmComparison *self,
                          const char    *message)
{
  g_return_if_fail (OPM_IS_COMPARISON (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/**
 * opm_comparison_get_delta:
 * @delta: (out): the changes shown
 *
 * Returns: whether a comparison is shown
 */
gboolean
opm_comparison_get_delta (OpmComparison *self,
                          OpmSimDelta   *delta)
{
  g_return_val_if_fail (OPM_IS_COMPARISON (self), FALSE);

  if (self->has_delta && delta != NULL)
    *delta = self->delta;

  return self->has_delta;
}

/* GObject */

static void
opm_comparison_dispose (GObject *object)
{
  OpmComparison *self = OPM_COMPARISON (object);
  GtkWidget *child;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (opm_document_get_scenarios (self->document), self);
  if (self->scenarios != NULL)
    {
      watch_names (self, FALSE);
      g_ptr_array_set_size (self->scenarios, 0);
    }
  g_clear_object (&self->document);

  gtk_widget_dispose_template (GTK_WIDGET (self), OPM_TYPE_COMPARISON);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (opm_comparison_parent_class)->dispose (object);
}

static void
opm_comparison_finalize (GObject *object)
{
  OpmComparison *self = OPM_COMPARISON (object);

  g_ptr_array_unref (self->scenarios);

  G_OBJECT_CLASS (opm_comparison_parent_class)->finalize (object);
}

static void
opm_comparison_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OpmComparison *self = OPM_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_FROM:
      g_value_set_object (value, opm_comparison_get_from (self));
      break;
    case PROP_TO:
      g_value_set_object (value, opm_comparison_get_to (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_comparison_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OpmComparison *self = OPM_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_FROM:
      opm_comparison_set_from (self, g_value_get_object (value));
      break;
    case PROP_TO:
      opm_comparison_set_to (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_from_selected (OpmComparison *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROM]);
}

static void
on_to_selected (OpmComparison *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TO]);
}

static void
opm_comparison_class_init (OpmComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opm_comparison_dispose;
  object_class->finalize = opm_comparison_finalize;
  object_class->get_property = opm_comparison_get_property;
  object_class->set_property = opm_comparison_set_property;

  /* the drop-downs' choices, notified as they change */
  properties[PROP_FROM] =
    g_param_spec_object ("from", NULL, NULL, OPM_TYPE_SCENARIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TO] =
    g_param_spec_object ("to", NULL, NULL, OPM_TYPE_SCENARIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/opmodel/Opmodel/opm-comparison.ui");
  gtk_widget_class_bind_template_child (widget_class, OpmComparison, from_drop);
  gtk_widget_class_bind_template_child (widget_class, OpmComparison, to_drop);
  gtk_widget_class_bind_template_child (widget_class, OpmComparison, error_label);
  gtk_widget_class_bind_template_child (widget_class, OpmComparison, stack);
  gtk_widget_class_bind_template_child (widget_class, OpmComparison, table);
  gtk_widget_class_bind_template_child (widget_class, OpmComparison, note_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "opmcomparison");
}

static void
opm_comparison_init (OpmComparison *self)
{
  self->scenarios = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->from_drop, "notify::selected", G_CALLBACK (on_from_selected), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_drop, "notify::selected", G_CALLBACK (on_to_selected), self, G_CONNECT_SWAPPED);
  rebuild_choices (self);
}
