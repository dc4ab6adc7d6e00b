/* opm-findings.c
 *
 * The findings panel: a summary line ("3 divides, 2 errors, 5 warnings"), a
 * severity filter and the findings of the scenario shown, each with its
 * rule, the elements it names and its message; the selected one also says
 * why it matters and what to change. Activating a finding asks the window
 * to select its elements on the canvas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-findings"

#include "config.h"

#include <glib/gi18n.h>

#include "opm-findings.h"

struct _OpmFindings
{
  GtkWidget           parent_instance;

  GListStore         *store;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  OpmSeverity         min_severity;
  char               *summary;

  GtkWidget          *summary_label;
  GtkWidget          *filter;
  GtkWidget          *list;
  GtkWidget          *details;
  GtkWidget          *why_label;
  GtkWidget          *suggestion_label;
};

G_DEFINE_FINAL_TYPE (OpmFindings, opm_findings, GTK_TYPE_WIDGET)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
severity_icon (OpmSeverity severity)
{
  switch (severity)
    {
    case OPM_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case OPM_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case OPM_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static gboolean
filter_finding (gpointer item,
                gpointer data)
{
  OpmFindings *self = data;

  return opm_finding_get_severity (OPM_FINDING (item)) >= self->min_severity;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);

  gtk_widget_set_margin_start (row, 10);
  gtk_widget_set_margin_end (row, 10);
  gtk_widget_set_margin_top (row, 8);
  gtk_widget_set_margin_bottom (row, 8);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (message), 4);
  gtk_label_set_ellipsize (GTK_LABEL (message), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  data)
{
  OpmFinding *finding = gtk_list_item_get_item (list_item);
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (row);
  GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_next_sibling (icon));
  GtkWidget *message = gtk_widget_get_next_sibling (title);
  g_autofree char *heading = g_strdup_printf ("%s · %s", opm_finding_get_rule_id (finding),
                                              opm_finding_get_title (finding));
  OpmSeverity severity = opm_finding_get_severity (finding);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), severity_icon (severity));
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "accent");
  gtk_widget_add_css_class (icon, severity == OPM_SEVERITY_ERROR ? "error"
                                  : severity == OPM_SEVERITY_WARNING ? "warning" : "accent");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  opm_severity_get_label (severity), -1);
  gtk_label_set_text (GTK_LABEL (title), heading);
  gtk_label_set_text (GTK_LABEL (message), opm_finding_get_message (finding));
}

static void
update_details (OpmFindings *self)
{
  OpmFinding *finding = gtk_single_selection_get_selected_item (self->selection);

  gtk_widget_set_visible (self->details, finding != NULL);
  if (finding == NULL)
    return;

  gtk_label_set_text (GTK_LABEL (self->why_label), opm_finding_get_why (finding));
  gtk_label_set_text (GTK_LABEL (self->suggestion_label), opm_finding_get_suggestion (finding));
}

static void
on_activate (GtkListView *list,
             guint        position,
             OpmFindings *self)
{
  g_autoptr(OpmFinding) finding = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

static void
on_filter_selected (OpmFindings *self)
{
  static const OpmSeverity levels[] = { OPM_SEVERITY_INFO, OPM_SEVERITY_WARNING, OPM_SEVERITY_ERROR };
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->filter));

  opm_findings_set_min_severity (self, levels[MIN (selected, G_N_ELEMENTS (levels) - 1)]);
}

static GtkWidget *
details_section (const char  *heading,
                 GtkWidget  **label_out)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), label);
  *label_out = label;

  return box;
}

static void
opm_findings_dispose (GObject *object)
{
  OpmFindings *self = OPM_FINDINGS (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (opm_findings_parent_class)->dispose (object);
}

static void
opm_findings_finalize (GObject *object)
{
  OpmFindings *self = OPM_FINDINGS (object);

  g_free (self->summary);

  G_OBJECT_CLASS (opm_findings_parent_class)->finalize (object);
}

static void
opm_findings_class_init (OpmFindingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opm_findings_dispose;
  object_class->finalize = opm_findings_finalize;

  /**
   * OpmFindings::finding-activated:
   * @finding: the finding
   *
   * The user asked to see a finding's elements.
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, OPM_TYPE_FINDING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findings");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
opm_findings_init (OpmFindings *self)
{
  static const char *filters[4] = { NULL };
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkCustomFilter *filter;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  filters[0] = _("All findings");
  filters[1] = _("Warnings and errors");
  filters[2] = _("Errors only");

  self->min_severity = OPM_SEVERITY_INFO;
  self->summary = g_strdup ("");
  self->store = g_list_store_new (OPM_TYPE_FINDING);
  filter = gtk_custom_filter_new (filter_finding, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)), GTK_FILTER (filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (update_details), self);

  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 6);
  gtk_widget_set_margin_bottom (header, 6);

  self->summary_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->summary_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->summary_label), TRUE);
  gtk_widget_add_css_class (self->summary_label, "title-4");
  gtk_box_append (GTK_BOX (header), self->summary_label);

  self->filter = gtk_drop_down_new_from_strings (filters);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Findings shown"), -1);
  g_signal_connect_swapped (self->filter, "notify::selected", G_CALLBACK (on_filter_selected), self);
  gtk_box_append (GTK_BOX (header), self->filter);
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  self->list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (self->list), FALSE);
  gtk_widget_add_css_class (self->list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Findings"), -1);
  g_signal_connect (self->list, "activate", G_CALLBACK (on_activate), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));

  self->details = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (self->details, 12);
  gtk_widget_set_margin_end (self->details, 12);
  gtk_widget_set_margin_top (self->details, 8);
  gtk_widget_set_margin_bottom (self->details, 12);
  gtk_box_append (GTK_BOX (self->details), details_section (_("Why it matters"), &self->why_label));
  gtk_box_append (GTK_BOX (self->details), details_section (_("What to change"), &self->suggestion_label));
  gtk_widget_set_visible (self->details, FALSE);
  gtk_widget_set_parent (self->details, GTK_WIDGET (self));
}

GtkWidget *
opm_findings_new (void)
{
  return g_object_new (OPM_TYPE_FINDINGS, NULL);
}

/**
 * opm_findings_set_findings:
 * @findings: (element-type OpmFinding) (nullable): what the checker found
 *
 * Shows @findings, keeping the filter.
 */
void
opm_findings_set_findings (OpmFindings *self,
                           GPtrArray   *findings)
{
  guint errors = 0, warnings = 0, infos = 0, divides = 0, acknowledged = 0;
  OpmFinding *selected;
  OpmRule rule = 0;
  OpmElement *element = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (OPM_IS_FINDINGS (self));

  /* the re-check after every edit makes new findings: the one the user is
   * reading stays selected if it is still there */
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected != NULL)
    {
      rule = opm_finding_get_rule (selected);
      element = opm_finding_get_element (selected);
      message = g_strdup (opm_finding_get_message (selected));
    }

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       findings != NULL ? findings->pdata : NULL, findings != NULL ? findings->len : 0);

  if (message != NULL)
    {
      GListModel *shown = G_LIST_MODEL (self->filtered);
      guint n = g_list_model_get_n_items (shown);
      guint match = GTK_INVALID_LIST_POSITION;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OpmFinding) finding = g_list_model_get_item (shown, i);

          if (opm_finding_get_rule (finding) != rule || opm_finding_get_element (finding) != element)
            continue;
          if (match == GTK_INVALID_LIST_POSITION)
            match = i;
          if (g_strcmp0 (opm_finding_get_message (finding), message) == 0)
            {
              match = i;
              break;
            }
        }
      gtk_single_selection_set_selected (self->selection, match);
    }

  if (findings != NULL)
    opm_check_summarise (findings, &errors, &warnings, &infos, &divides, &acknowledged);
  g_free (self->summary);
  self->summary = opm_check_format_summary (errors, warnings, infos, divides, acknowledged);
  gtk_label_set_text (GTK_LABEL (self->summary_label), self->summary);
  update_details (self);
}

/**
 * opm_findings_get_model:
 *
 * Returns: (transfer none): the findings shown, after the filter
 */
GListModel *
opm_findings_get_model (OpmFindings *self)
{
  g_return_val_if_fail (OPM_IS_FINDINGS (self), NULL);

  return G_LIST_MODEL (self->selection);
}

const char *
opm_findings_get_summary (OpmFindings *self)
{
  g_return_val_if_fail (OPM_IS_FINDINGS (self), NULL);

  return self->summary;
}

/**
 * opm_findings_set_min_severity:
 *
 * Shows only the findings of @severity or worse.
 */
void
opm_findings_set_min_severity (OpmFindings *self,
                               OpmSeverity  severity)
{
  GtkFilter *filter;

  g_return_if_fail (OPM_IS_FINDINGS (self));

  if (self->min_severity == severity)
    return;

  self->min_severity = severity;
  filter = gtk_filter_list_model_get_filter (self->filtered);
  gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->filter),
                              severity == OPM_SEVERITY_ERROR ? 2 : severity == OPM_SEVERITY_WARNING ? 1 : 0);
}
