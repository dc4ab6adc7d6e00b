/* opm-findings.c
 *
 * The findings panel: a summary line ("3 divides, 2 errors, 5 warnings · 1
 * acknowledged"), a severity filter and the findings of the scenario shown,
 * each with its rule, the elements it names and its message; the selected
 * one also says why it matters and what to change. Activating a finding asks
 * the window to select its elements on the canvas.
 *
 * Open findings come first. The findings the document acknowledges follow
 * under an "Acknowledged" heading, dimmed, each with its reason, and after
 * them the acknowledgements whose finding has gone away (they would apply
 * again if it came back). The selected finding can be acknowledged (the
 * reason is asked for in a dialog), and an acknowledgement can have its
 * reason edited or be withdrawn; each is an undoable step of the document
 * the finding's elements belong to, after which the window checks again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-findings"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "opm-findings.h"

struct _OpmFindings
{
  GtkWidget           parent_instance;

  /* template */
  GtkWidget          *header;
  GtkLabel           *summary_label;
  GtkDropDown        *filter;
  GtkWidget          *scrolled;
  GtkListView        *list;
  GtkWidget          *details;
  GtkLabel           *why_label;
  GtkLabel           *suggestion_label;
  GtkWidget          *acknowledgement_box;
  GtkLabel           *reason_label;
  GtkWidget          *acknowledge_button;
  GtkWidget          *edit_reason_button;
  GtkWidget          *withdraw_button;

  /* owned */
  OpmScenario        *scenario;
  GListStore         *store;           /* every finding, in the checker's order */
  GtkFilterListModel *open;
  GtkFilterListModel *acknowledged;
  GListStore         *unmatched;       /* acknowledgements no finding matches */
  GtkFilterListModel *unmatched_shown;
  GListStore         *heading;         /* the "Acknowledged" heading, while there are some */
  GtkSingleSelection *selection;       /* over open, heading, acknowledged, unmatched */
  OpmSeverity         min_severity;
  char               *summary;
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
filter_open (gpointer item,
             gpointer data)
{
  OpmFindings *self = data;

  return opm_finding_get_severity (OPM_FINDING (item)) >= self->min_severity &&
         !opm_finding_is_acknowledged (OPM_FINDING (item));
}

static gboolean
filter_acknowledged (gpointer item,
                     gpointer data)
{
  OpmFindings *self = data;

  return opm_finding_get_severity (OPM_FINDING (item)) >= self->min_severity &&
         opm_finding_is_acknowledged (OPM_FINDING (item));
}

static gboolean
filter_unmatched (gpointer item,
                  gpointer data)
{
  OpmFindings *self = data;
  OpmRule rule = OPM_RULE_OPS_01;

  opm_rule_from_id (opm_acknowledgement_get_rule_id (OPM_ACKNOWLEDGEMENT (item)), &rule);
  return opm_rule_get_severity (rule) >= self->min_severity;
}

/* What a row is about: a rule and the element its findings are about. */
typedef struct
{
  OpmRule             rule;
  OpmElement         *element;
  OpmDocument        *document;         /* NULL once the element has gone */
  OpmAcknowledgement *acknowledgement;  /* as the document has it now */
} Subject;

/* The subject of @item, a finding or an acknowledgement; FALSE for the
 * heading. The acknowledgement is looked up in the document, which may be
 * ahead of the list until the window has checked again. */
static gboolean
subject_of (gpointer  item,
            Subject  *subject)
{
  OpmScenario *scenario;

  memset (subject, 0, sizeof *subject);

  if (OPM_IS_FINDING (item))
    {
      subject->rule = opm_finding_get_rule (item);
      subject->element = opm_finding_get_element (item);
    }
  else if (OPM_IS_ACKNOWLEDGEMENT (item))
    {
      opm_rule_from_id (opm_acknowledgement_get_rule_id (item), &subject->rule);
      subject->element = opm_acknowledgement_get_element (item);
    }
  else
    return FALSE;

  scenario = subject->element != NULL ? opm_element_get_scenario (subject->element) : NULL;
  if (scenario != NULL)
    {
      subject->document = opm_scenario_get_document (scenario);
      subject->acknowledgement = opm_scenario_find_acknowledgement (scenario, opm_rule_get_id (subject->rule),
                                                                   subject->element);
    }

  return TRUE;
}

/* What an acknowledgement whose finding has gone says instead of a message. */
static char *
unmatched_message (OpmAcknowledgement *acknowledgement)
{
  OpmElement *element = opm_acknowledgement_get_element (acknowledgement);
  const char *label = opm_element_get_label (element);

  /* Translators: an accepted finding the checker does not find any more; %s names an element */
  return g_strdup_printf (_("No longer found for %s"),
                          label != NULL && label[0] != '\0' ? label : opm_element_get_id (element));
}

static void
opm_findings_actions_update (OpmFindings *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  Subject subject;
  gboolean editable = subject_of (item, &subject) && subject.document != NULL;
  gboolean acknowledged = editable && subject.acknowledgement != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "findings.acknowledge",
                                 editable && !acknowledged && OPM_IS_FINDING (item));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "findings.edit-reason", acknowledged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "findings.withdraw", acknowledged);
}

/* Rows */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  data)
{
  GtkWidget *root = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_start (heading, 10);
  gtk_widget_set_margin_top (heading, 12);
  gtk_widget_set_margin_bottom (heading, 4);

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
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (reason), 3);
  gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "acknowledgement-reason");
  gtk_widget_set_hexpand (text, TRUE);

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), message);
  gtk_box_append (GTK_BOX (text), reason);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (root), heading);
  gtk_box_append (GTK_BOX (root), row);
  gtk_list_item_set_child (list_item, root);
}

static void
bind_heading (GtkListItem *list_item,
              const char  *text)
{
  GtkWidget *root = gtk_list_item_get_child (list_item);
  GtkWidget *heading = gtk_widget_get_first_child (root);

  gtk_widget_set_visible (heading, TRUE);
  gtk_widget_set_visible (gtk_widget_get_next_sibling (heading), FALSE);
  gtk_label_set_text (GTK_LABEL (heading), text);
  gtk_list_item_set_selectable (list_item, FALSE);
  gtk_list_item_set_activatable (list_item, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* What a row and the details show of @item: a finding, or an
 * acknowledgement no finding matches (its rule's usual severity, and a
 * message saying that). @reason is NULL for an open finding. */
static void
describe (gpointer     item,
          OpmRule     *rule,
          OpmSeverity *severity,
          char       **message,
          const char **reason)
{
  if (OPM_IS_FINDING (item))
    {
      *rule = opm_finding_get_rule (item);
      *severity = opm_finding_get_severity (item);
      *message = g_strdup (opm_finding_get_message (item));
      *reason = opm_finding_get_acknowledgement_reason (item);
    }
  else
    {
      *rule = OPM_RULE_OPS_01;
      opm_rule_from_id (opm_acknowledgement_get_rule_id (item), rule);
      *severity = opm_rule_get_severity (*rule);
      *message = unmatched_message (item);
      *reason = opm_acknowledgement_get_reason (item);
    }
}

static void
set_dimmed (GtkWidget *widget,
            gboolean   dimmed)
{
  if (dimmed)
    gtk_widget_add_css_class (widget, "dim-label");
  else
    gtk_widget_remove_css_class (widget, "dim-label");
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  data)
{
  gpointer item = gtk_list_item_get_item (list_item);
  GtkWidget *root = gtk_list_item_get_child (list_item);
  GtkWidget *heading = gtk_widget_get_first_child (root);
  GtkWidget *row = gtk_widget_get_next_sibling (heading);
  GtkWidget *icon = gtk_widget_get_first_child (row);
  GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_next_sibling (icon));
  GtkWidget *message_label = gtk_widget_get_next_sibling (title);
  GtkWidget *reason_label = gtk_widget_get_next_sibling (message_label);
  OpmRule rule;
  OpmSeverity severity;
  const char *reason;
  g_autofree char *message = NULL;
  g_autofree char *heading_text = NULL;
  g_autofree char *reason_text = NULL;
  g_autofree char *accessible = NULL;

  if (GTK_IS_STRING_OBJECT (item))
    {
      bind_heading (list_item, gtk_string_object_get_string (item));
      return;
    }

  describe (item, &rule, &severity, &message, &reason);
  heading_text = g_strdup_printf ("%s · %s", opm_rule_get_id (rule), opm_rule_get_title (rule));

  gtk_widget_set_visible (heading, FALSE);
  gtk_widget_set_visible (row, TRUE);
  gtk_list_item_set_selectable (list_item, TRUE);
  /* activating shows the elements of a finding on the canvas */
  gtk_list_item_set_activatable (list_item, OPM_IS_FINDING (item));

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), severity_icon (severity));
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "accent");
  gtk_widget_add_css_class (icon, severity == OPM_SEVERITY_ERROR ? "error"
                                  : severity == OPM_SEVERITY_WARNING ? "warning" : "accent");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  opm_severity_get_label (severity), -1);
  gtk_label_set_text (GTK_LABEL (title), heading_text);
  gtk_label_set_text (GTK_LABEL (message_label), message);

  /* acknowledged findings are dimmed, their reason is not */
  set_dimmed (icon, reason != NULL);
  set_dimmed (title, reason != NULL);
  set_dimmed (message_label, reason != NULL);
  gtk_widget_set_visible (reason_label, reason != NULL);
  if (reason != NULL)
    {
      /* Translators: under an accepted finding in the findings panel */
      reason_text = g_strdup_printf (_("Acknowledged: %s"), reason);
      gtk_label_set_text (GTK_LABEL (reason_label), reason_text);
    }

  accessible = g_strdup_printf ("%s: %s. %s%s%s", opm_severity_get_label (severity), heading_text, message,
                                reason_text != NULL ? ". " : "", reason_text != NULL ? reason_text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* Details */

static void
update_details (OpmFindings *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  gboolean shown = OPM_IS_FINDING (item) || OPM_IS_ACKNOWLEDGEMENT (item);
  OpmRule rule;
  OpmSeverity severity;
  const char *reason;
  g_autofree char *message = NULL;

  opm_findings_actions_update (self);

  gtk_widget_set_visible (self->details, shown);
  if (!shown)
    return;

  describe (item, &rule, &severity, &message, &reason);
  gtk_label_set_text (self->why_label, opm_rule_get_why (rule));
  gtk_label_set_text (self->suggestion_label, OPM_IS_FINDING (item) ? opm_finding_get_suggestion (item)
                                                                     : opm_rule_get_suggestion (rule));
  gtk_widget_set_visible (self->acknowledgement_box, reason != NULL);
  gtk_label_set_text (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (self->acknowledge_button, reason == NULL);
  gtk_widget_set_visible (self->edit_reason_button, reason != NULL);
  gtk_widget_set_visible (self->withdraw_button, reason != NULL);
}

static void
on_activate (GtkListView *list,
             guint        position,
             OpmFindings *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (OPM_IS_FINDING (item))
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, item);
}

static void
on_filter_selected (OpmFindings *self)
{
  static const OpmSeverity levels[] = { OPM_SEVERITY_INFO, OPM_SEVERITY_WARNING, OPM_SEVERITY_ERROR };
  guint selected = gtk_drop_down_get_selected (self->filter);

  opm_findings_set_min_severity (self, levels[MIN (selected, G_N_ELEMENTS (levels) - 1)]);
}

/* The heading shows while some acknowledged finding does. */
static void
update_heading (OpmFindings *self)
{
  gboolean wanted = g_list_model_get_n_items (G_LIST_MODEL (self->acknowledged)) > 0 ||
                    g_list_model_get_n_items (G_LIST_MODEL (self->unmatched_shown)) > 0;
  gboolean shown = g_list_model_get_n_items (G_LIST_MODEL (self->heading)) > 0;

  if (wanted && !shown)
    {
      /* Translators: the group of accepted findings in the findings panel */
      g_autoptr(GtkStringObject) heading = gtk_string_object_new (_("Acknowledged"));

      g_list_store_append (self->heading, heading);
    }
  else if (!wanted && shown)
    {
      g_list_store_remove_all (self->heading);
    }
}

/* Asking for a reason */

typedef struct
{
  GtkWindow          *parent;
  GtkEntry           *entry;
  OpmElement         *element;
  OpmRule             rule;
  OpmAcknowledgement *acknowledgement;  /* to edit; NULL to acknowledge */
} ReasonDialog;

static void
reason_dialog_free (ReasonDialog *state)
{
  g_clear_object (&state->element);
  g_clear_object (&state->acknowledgement);
  g_free (state);
}

static void
show_edit_error (GtkWindow  *parent,
                 const char *heading,
                 const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The reason as it will be kept: without surrounding white space. */
static char *
entered_reason (ReasonDialog *state)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (state->entry))));
}

static void
on_reason_changed (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  ReasonDialog *state = g_object_get_data (G_OBJECT (dialog), "state");
  g_autofree char *reason = entered_reason (state);
  g_autoptr(GError) error = NULL;
  gboolean valid = opm_acknowledgement_check_reason (reason, &error);

  adw_message_dialog_set_response_enabled (dialog, "apply", valid);

  /* an empty entry only needs filling in; say what is wrong with anything else */
  if (valid || reason[0] == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
    }
}

static void
on_reason_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ReasonDialog     *state)
{
  g_autofree char *reason = entered_reason (state);
  OpmScenario *scenario = opm_element_get_scenario (state->element);
  OpmDocument *document = scenario != NULL ? opm_scenario_get_document (scenario) : NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "apply") != 0 || document == NULL)
    return;

  if (state->acknowledgement != NULL)
    opm_document_set_acknowledgement_reason (document, state->acknowledgement, reason, &error);
  else
    opm_document_acknowledge (document, state->element, opm_rule_get_id (state->rule), reason, &error);

  if (error != NULL)
    show_edit_error (state->parent,
                     state->acknowledgement != NULL ? _("Could Not Change the Reason")
                                                    : _("Could Not Acknowledge the Finding"),
                     error->message);
}

/* Asks why @item (a finding or an acknowledgement) is accepted, then
 * acknowledges it or changes the reason. */
static void
ask_reason (OpmFindings *self,
            gpointer     item,
            Subject     *subject)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  AdwMessageDialog *dialog;
  ReasonDialog *state = g_new0 (ReasonDialog, 1);
  GtkWidget *entry = gtk_entry_new ();
  OpmRule rule;
  OpmSeverity severity;
  const char *reason;
  g_autofree char *message = NULL;

  describe (item, &rule, &severity, &message, &reason);
  state->parent = parent;
  state->entry = GTK_ENTRY (entry);
  state->element = g_object_ref (subject->element);
  state->rule = subject->rule;
  state->acknowledgement = subject->acknowledgement != NULL ? g_object_ref (subject->acknowledgement) : NULL;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                       state->acknowledgement != NULL ? _("Edit Reason")
                                                                                      : _("Acknowledge Finding"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, "%s · %s\n%s", opm_rule_get_id (rule), opm_rule_get_title (rule),
                                  message);
  g_object_set_data_full (G_OBJECT (dialog), "state", state, (GDestroyNotify) reason_dialog_free);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why the finding is accepted"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE, -1);
  if (state->acknowledgement != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), opm_acknowledgement_get_reason (state->acknowledgement));
  adw_message_dialog_set_extra_child (dialog, entry);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "apply", state->acknowledgement != NULL ? _("_Save") : _("_Acknowledge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_reason_response), state);
  on_reason_changed (GTK_EDITABLE (entry), dialog);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Actions */

/* findings.acknowledge and findings.edit-reason: both ask for a reason */
static void
reason_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OpmFindings *self = OPM_FINDINGS (widget);
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  gboolean editing = g_str_equal (action_name, "findings.edit-reason");
  Subject subject;

  if (!subject_of (item, &subject) || subject.document == NULL ||
      (subject.acknowledgement != NULL) != editing || (!editing && !OPM_IS_FINDING (item)))
    return;

  ask_reason (self, item, &subject);
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OpmFindings *self = OPM_FINDINGS (widget);
  Subject subject;
  g_autoptr(GError) error = NULL;

  if (!subject_of (gtk_single_selection_get_selected_item (self->selection), &subject) ||
      subject.acknowledgement == NULL)
    return;

  /* an undoable step: no need to ask first */
  if (!opm_document_withdraw_acknowledgement (subject.document, subject.acknowledgement, &error))
    {
      GtkRoot *root = gtk_widget_get_root (widget);

      show_edit_error (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       _("Could Not Withdraw the Acknowledgement"), error->message);
    }
}

/* GObject */

static void
opm_findings_dispose (GObject *object)
{
  OpmFindings *self = OPM_FINDINGS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), OPM_TYPE_FINDINGS);

  g_clear_object (&self->selection);
  g_clear_object (&self->open);
  g_clear_object (&self->acknowledged);
  g_clear_object (&self->unmatched_shown);
  g_clear_object (&self->unmatched);
  g_clear_object (&self->heading);
  g_clear_object (&self->store);
  g_clear_object (&self->scenario);

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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/opmodel/Opmodel/opm-findings.ui");
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, header);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, filter);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, scrolled);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, list);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, details);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, why_label);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, suggestion_label);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, acknowledgement_box);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, reason_label);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, acknowledge_button);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, edit_reason_button);
  gtk_widget_class_bind_template_child (widget_class, OpmFindings, withdraw_button);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected);

  gtk_widget_class_install_action (widget_class, "findings.acknowledge", NULL, reason_action);
  gtk_widget_class_install_action (widget_class, "findings.edit-reason", NULL, reason_action);
  gtk_widget_class_install_action (widget_class, "findings.withdraw", NULL, withdraw_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findings");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
opm_findings_init (OpmFindings *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GListStore *sections = g_list_store_new (G_TYPE_LIST_MODEL);
  GtkFlattenListModel *flat;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->min_severity = OPM_SEVERITY_INFO;
  self->summary = g_strdup ("");
  self->store = g_list_store_new (OPM_TYPE_FINDING);
  self->open = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                          GTK_FILTER (gtk_custom_filter_new (filter_open, self, NULL)));
  self->acknowledged = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                                  GTK_FILTER (gtk_custom_filter_new (filter_acknowledged, self,
                                                                                     NULL)));
  self->unmatched = g_list_store_new (OPM_TYPE_ACKNOWLEDGEMENT);
  self->unmatched_shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->unmatched)),
                                                     GTK_FILTER (gtk_custom_filter_new (filter_unmatched, self,
                                                                                        NULL)));
  self->heading = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_signal_connect_swapped (self->acknowledged, "items-changed", G_CALLBACK (update_heading), self);
  g_signal_connect_swapped (self->unmatched_shown, "items-changed", G_CALLBACK (update_heading), self);

  g_list_store_append (sections, self->open);
  g_list_store_append (sections, self->heading);
  g_list_store_append (sections, self->acknowledged);
  g_list_store_append (sections, self->unmatched_shown);
  flat = gtk_flatten_list_model_new (G_LIST_MODEL (sections));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (flat));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (update_details), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list, factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  g_object_unref (factory);

  opm_findings_actions_update (self);
}

GtkWidget *
opm_findings_new (void)
{
  return g_object_new (OPM_TYPE_FINDINGS, NULL);
}

/* Where the row about @subject now is in the list shown: the finding with
 * @message, or failing it another of the same rule about the same element,
 * or its acknowledgement; GTK_INVALID_LIST_POSITION if nowhere. */
static guint
find_again (OpmFindings   *self,
            const Subject *subject,
            const char    *message)
{
  GListModel *shown = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (shown);
  guint match = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);
      Subject other;

      if (!subject_of (item, &other) || other.rule != subject->rule || other.element != subject->element)
        continue;
      if (match == GTK_INVALID_LIST_POSITION)
        match = i;
      if (OPM_IS_FINDING (item) && g_strcmp0 (opm_finding_get_message (OPM_FINDING (item)), message) == 0)
        return i;
    }

  return match;
}

/**
 * opm_findings_set_scenario:
 * @scenario: (nullable): the scenario whose findings are shown
 *
 * Makes the panel also list the acknowledgements of @scenario that the next
 * findings given to opm_findings_set_findings() do not match.
 */
void
opm_findings_set_scenario (OpmFindings *self,
                           OpmScenario *scenario)
{
  g_return_if_fail (OPM_IS_FINDINGS (self));
  g_return_if_fail (scenario == NULL || OPM_IS_SCENARIO (scenario));

  g_set_object (&self->scenario, scenario);
}

/**
 * opm_findings_set_findings:
 * @findings: (element-type OpmFinding) (nullable): what the checker found
 *   in the panel's scenario
 *
 * Shows @findings, keeping the filter and the selection.
 */
void
opm_findings_set_findings (OpmFindings *self,
                           GPtrArray   *findings)
{
  guint errors = 0, warnings = 0, infos = 0, divides = 0, acknowledged = 0;
  guint old_position = gtk_single_selection_get_selected (self->selection);
  gpointer selected;
  Subject subject;
  gboolean reselect;
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) unmatched = NULL;

  g_return_if_fail (OPM_IS_FINDINGS (self));

  /* the re-check after every edit makes new findings: the row the user is
   * reading stays selected if it is still there, acknowledged or not */
  selected = gtk_single_selection_get_selected_item (self->selection);
  reselect = subject_of (selected, &subject);
  if (OPM_IS_FINDING (selected))
    message = g_strdup (opm_finding_get_message (selected));
  /* the list may hold the last reference to it */
  if (reselect)
    g_object_ref (subject.element);

  if (findings != NULL && self->scenario != NULL)
    unmatched = opm_check_unmatched_acknowledgements (self->scenario, findings);

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       findings != NULL ? findings->pdata : NULL, findings != NULL ? findings->len : 0);
  g_list_store_splice (self->unmatched, 0, g_list_model_get_n_items (G_LIST_MODEL (self->unmatched)),
                       unmatched != NULL ? unmatched->pdata : NULL, unmatched != NULL ? unmatched->len : 0);

  if (reselect)
    {
      guint position = find_again (self, &subject, message);

      gtk_single_selection_set_selected (self->selection, position);
      /* acknowledged or withdrawn, it moved to the other group: follow it */
      if (position != GTK_INVALID_LIST_POSITION && position != old_position)
        gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", position);
      g_object_unref (subject.element);
    }

  if (findings != NULL)
    opm_check_summarise (findings, &errors, &warnings, &infos, &divides, &acknowledged);
  g_free (self->summary);
  self->summary = opm_check_format_summary (errors, warnings, infos, divides, acknowledged);
  gtk_label_set_text (self->summary_label, self->summary);
  update_details (self);
}

/**
 * opm_findings_get_model:
 *
 * Returns: (transfer none): what the list shows, after the filter: the
 *   open findings, then, if there are any, an "Acknowledged" heading (a
 *   #GtkStringObject), the acknowledged findings and the acknowledgements
 *   (#OpmAcknowledgement) no finding matches
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
  g_return_if_fail (OPM_IS_FINDINGS (self));

  if (self->min_severity == severity)
    return;

  self->min_severity = severity;
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->open), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->acknowledged), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->unmatched_shown), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_drop_down_set_selected (self->filter,
                              severity == OPM_SEVERITY_ERROR ? 2 : severity == OPM_SEVERITY_WARNING ? 1 : 0);
}
