/* opm-window.c — a window showing one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-window"

#include "config.h"

#include "opm-window.h"

#include "opm-canvas.h"
#include "opm-draft.h"
#include "opm-findings.h"
#include "opm-inspector.h"
#include "opm-outline.h"
#include "opm-palette.h"
#include "opm-print.h"
#include "opm-raci-view.h"
#include "opm-simulation-panel.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

/* Drafts are written this long after the last change, and at the latest this
 * long after the first change not in a draft. */
#define AUTOSAVE_DELAY_MS     3000
#define AUTOSAVE_MAX_WAIT_US  (30 * G_USEC_PER_SEC)

#define OPMODEL_MIME_TYPE "application/x-opmodel+xml"
#define RECENT_MAX        10

struct _OpmWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkStack            *scenario_stack;
  GtkStackSwitcher    *scenario_switcher;
  GtkLabel            *zoom_label;
  AdwFlap             *flap;
  OpmOutline          *outline;
  AdwSplitButton      *open_button;
  GtkRevealer         *file_banner;
  GtkLabel            *file_banner_label;
  GMenu               *history_section;
  AdwFlap             *palette_flap;
  OpmPalette          *palette;
  OpmInspector        *inspector;
  OpmFindings         *findings;
  GtkStack            *sidebar_stack;
  GtkPaned            *simulation_paned;
  OpmSimulationPanel  *simulation_panel;

  /* owned */
  OpmDocument         *document;
  GFile               *file;
  GSettings           *settings;
  GCancellable        *cancellable;
  char                *last_error;
  GtkFileChooserNative *chooser;
  GMenu               *recent_menu;
  GFileMonitor        *monitor;
  OpmDraft            *draft;

  /* borrowed */
  OpmCanvas           *canvas;
  gulong               zoom_handler;
  gulong               selection_handler;
  guint                paste_count;

  /* state */
  OpmFileStamp         stamp;              /* the file as last loaded or saved */
  OpmFileStamp         dismissed;          /* a change on disk the user kept editing over */
  gboolean             has_dismissed;
  guint                autosave_id;
  guint                check_id;           /* the findings follow the model */
  gboolean             show_findings;
  OpmPrintOptions      print_options;
  gint64               first_unsaved_change;
  gboolean             restored;           /* a restored draft, not saved since */
  gboolean             draft_failed;
  gboolean             close_confirmed;
  gboolean             close_after_save;
  gboolean             simulation_placed;  /* the panel's height was set once */
};

G_DEFINE_FINAL_TYPE (OpmWindow, opm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  PROP_PALETTE_VISIBLE,
  PROP_SNAP_TO_GRID,
  PROP_SHOW_FINDINGS,
  PROP_SIMULATION_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_title (OpmWindow *self);
static void rebuild_pages (OpmWindow *self);
static void save_as_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter);

/* Title and state */

static char *
document_name (OpmWindow *self)
{
  if (self->file != NULL)
    return g_file_get_basename (self->file);

  if (self->document != NULL && opm_document_get_title (self->document)[0] != '\0')
    return g_strdup (opm_document_get_title (self->document));

  return g_strdup (_("Untitled Model"));
}

static void
update_title (OpmWindow *self)
{
  g_autofree char *name = document_name (self);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *window_title = NULL;
  OpmScenario *scenario = opm_window_get_scenario (self);
  gboolean modified = opm_window_get_modified (self);

  title = modified ? g_strdup_printf ("• %s", name) : g_strdup (name);

  if (scenario != NULL && self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");
      const char *home = g_get_home_dir ();

      if (home != NULL && g_str_has_prefix (folder, home))
        {
          char *tilde = g_strconcat ("~", folder + strlen (home), NULL);
          g_free (folder);
          folder = tilde;
        }
      subtitle = g_strdup_printf ("%s — %s", opm_scenario_get_name (scenario), folder);
    }
  else if (scenario != NULL)
    subtitle = g_strdup (opm_scenario_get_name (scenario));

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");

  window_title = g_strdup_printf ("%s — Opmodel", title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
update_zoom_label (OpmWindow *self)
{
  g_autofree char *text = NULL;

  if (self->canvas == NULL)
    return;

  text = g_strdup_printf ("%.0f %%", opm_canvas_get_zoom (self->canvas) * 100);
  gtk_label_set_text (self->zoom_label, text);
}

static void
update_actions (OpmWindow *self)
{
  gboolean has_canvas = self->canvas != NULL;
  guint n = self->document != NULL ? g_list_model_get_n_items (opm_document_get_scenarios (self->document)) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-original", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-scenario", n > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-scenario", n > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-scenario", n > 1);
}

static void update_edit_actions (OpmWindow *self);

/* One service selected: the way an incident on it takes through the teams. */
static void
update_restore_path (OpmWindow *self)
{
  GPtrArray *selection;
  OpmPainter *painter;

  if (self->canvas == NULL)
    return;

  selection = opm_canvas_get_selection (self->canvas);
  painter = opm_canvas_get_painter (self->canvas);
  if (selection->len == 1 && OPM_IS_SERVICE (g_ptr_array_index (selection, 0)) &&
      opm_element_get_scenario (g_ptr_array_index (selection, 0)) != NULL)
    {
      OpmService *service = g_ptr_array_index (selection, 0);
      g_autoptr(OpmRestorePath) path = opm_restore_path_new (service);

      opm_painter_set_restore_path (painter, service, path);
    }
  else
    {
      opm_painter_set_restore_path (painter, NULL, NULL);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
on_selection_changed (OpmWindow *self)
{
  if (self->canvas == NULL)
    return;

  opm_inspector_set_selection (self->inspector, opm_canvas_get_selection (self->canvas));
  update_edit_actions (self);
  update_restore_path (self);
}

static void schedule_check (OpmWindow *self);

static void
on_visible_page_changed (OpmWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->scenario_stack);
  OpmCanvas *canvas = page != NULL ? OPM_CANVAS (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page))) : NULL;

  if (self->canvas != NULL && self->zoom_handler != 0)
    g_clear_signal_handler (&self->zoom_handler, self->canvas);
  if (self->canvas != NULL && self->selection_handler != 0)
    g_clear_signal_handler (&self->selection_handler, self->canvas);

  self->canvas = canvas;

  opm_inspector_set_document (self->inspector, self->document);

  if (canvas != NULL)
    {
      self->zoom_handler = g_signal_connect_swapped (canvas, "notify::zoom", G_CALLBACK (update_zoom_label), self);
      self->selection_handler = g_signal_connect_swapped (canvas, "selection-changed",
                                                          G_CALLBACK (on_selection_changed), self);
      opm_outline_set_scenario (self->outline, opm_canvas_get_scenario (canvas));
      opm_inspector_set_scenario (self->inspector, opm_canvas_get_scenario (canvas));
      opm_inspector_set_selection (self->inspector, opm_canvas_get_selection (canvas));
    }
  else
    {
      opm_outline_set_scenario (self->outline, NULL);
      opm_inspector_set_scenario (self->inspector, NULL);
      opm_inspector_set_selection (self->inspector, NULL);
    }
  opm_simulation_panel_set_scenario (self->simulation_panel, canvas != NULL ? opm_canvas_get_scenario (canvas) : NULL);
  opm_simulation_panel_set_canvas (self->simulation_panel, canvas);

  schedule_check (self);
  update_zoom_label (self);
  update_title (self);
  update_actions (self);
}

static void
on_style_dark_changed (OpmWindow *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->scenario_stack));
       page != NULL; page = gtk_widget_get_next_sibling (page))
    opm_canvas_set_dark (OPM_CANVAS (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page))), dark);
}

static void
on_scenario_name_changed (OpmScenario *scenario,
                          GParamSpec  *pspec,
                          GtkStackPage *page)
{
  gtk_stack_page_set_title (page, opm_scenario_get_name (scenario));
}

/* Findings on the diagram */

/* Checks @scenario and puts its divides and a badge on every team and
 * service with open findings (how many, coloured by the worst) on @painter;
 * acknowledged findings are listed in the panel only. */
static GPtrArray *
show_findings_on (OpmWindow  *self,
                  OpmPainter *painter)
{
  OpmScenario *scenario = opm_painter_get_scenario (painter);
  g_autoptr(GPtrArray) findings = NULL;

  opm_painter_clear_findings (painter);
  if (self->document == NULL)
    return NULL;

  findings = opm_check_scenario (scenario, opm_document_get_parameters (self->document));
  if (self->show_findings)
    {
      g_autoptr(GPtrArray) open = opm_check_filter_open (findings);

      opm_painter_show_findings (painter, open);
    }

  return g_steal_pointer (&findings);
}

static gboolean
check_in_idle (gpointer data)
{
  OpmWindow *self = data;

  self->check_id = 0;

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->scenario_stack)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    {
      GtkWidget *canvas = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page));
      g_autoptr(GPtrArray) findings = show_findings_on (self, opm_canvas_get_painter (OPM_CANVAS (canvas)));

      if (canvas == GTK_WIDGET (self->canvas))
        {
          opm_findings_set_scenario (self->findings, opm_canvas_get_scenario (OPM_CANVAS (canvas)));
          opm_findings_set_findings (self->findings, findings);
        }
      gtk_widget_queue_draw (canvas);
    }

  if (self->canvas == NULL)
    {
      opm_findings_set_scenario (self->findings, NULL);
      opm_findings_set_findings (self->findings, NULL);
    }
  update_restore_path (self);

  return G_SOURCE_REMOVE;
}

static void
raci_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);

  if (self->canvas == NULL)
    return;

  gtk_window_present (opm_raci_window_new (GTK_WINDOW (self), opm_canvas_get_scenario (self->canvas)));
}

static AdwMessageDialog *show_error (OpmWindow  *self,
                                     const char *heading,
                                     const char *message);

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->canvas == NULL)
    return;

  self->print_options.findings = self->show_findings;
  if (!opm_print_scenario (GTK_WINDOW (self), self->document, opm_canvas_get_scenario (self->canvas),
                           &self->print_options, NULL, &error))
    show_error (self, _("Could not print"), error->message);
}

/* Selects what a finding names and brings it into view. */
static void
on_finding_activated (OpmWindow  *self,
                      OpmFinding *finding)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();

  if (self->canvas == NULL)
    return;

  for (guint i = 0; i < opm_finding_get_n_elements (finding); i++)
    g_ptr_array_add (elements, opm_finding_get_nth_element (finding, i));

  opm_canvas_set_selection (self->canvas, elements);
  if (opm_finding_get_element (finding) != NULL)
    opm_canvas_scroll_to (self->canvas, opm_finding_get_element (finding));
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* After the current step and its redraw have been handled. */
static void
schedule_check (OpmWindow *self)
{
  if (self->check_id == 0)
    self->check_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, check_in_idle, self, NULL);
}

/* One page per scenario, each with its canvas and view. */
static void
rebuild_pages (OpmWindow *self)
{
  GListModel *scenarios;
  g_autofree char *visible = NULL;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkWidget *child;

  if (gtk_stack_get_visible_child_name (self->scenario_stack) != NULL)
    visible = g_strdup (gtk_stack_get_visible_child_name (self->scenario_stack));

  g_signal_handlers_block_by_func (self->scenario_stack, on_visible_page_changed, self);
  if (self->canvas != NULL && self->zoom_handler != 0)
    g_clear_signal_handler (&self->zoom_handler, self->canvas);
  if (self->canvas != NULL && self->selection_handler != 0)
    g_clear_signal_handler (&self->selection_handler, self->canvas);
  self->canvas = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->scenario_stack))) != NULL)
    {
      GtkWidget *canvas = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (child));

      if (canvas != NULL)
        g_signal_handlers_disconnect_matched (opm_canvas_get_scenario (OPM_CANVAS (canvas)), G_SIGNAL_MATCH_FUNC,
                                              0, 0, NULL, on_scenario_name_changed, NULL);
      gtk_stack_remove (self->scenario_stack, child);
    }

  g_signal_handlers_unblock_by_func (self->scenario_stack, on_visible_page_changed, self);

  if (self->document == NULL)
    {
      on_visible_page_changed (self);
      return;
    }

  scenarios = opm_document_get_scenarios (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      OpmScenario *scenario = opm_document_get_scenario (self->document, i);
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *canvas = opm_canvas_new (scenario);

      /* the canvas's area always covers the view: scrollbars never come and
       * go, which would resize the window while the canvas is allocated */
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_ALWAYS, GTK_POLICY_ALWAYS);
      g_autofree char *label = g_strdup_printf (_("Diagram of the scenario “%s”"), opm_scenario_get_name (scenario));
      GtkStackPage *page;

      opm_canvas_set_dark (OPM_CANVAS (canvas), dark);
      if (self->settings != NULL)
        opm_canvas_set_max_fit_zoom (OPM_CANVAS (canvas), g_settings_get_double (self->settings, "recent-zoom"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), canvas);
      opm_canvas_zoom_to_fit (OPM_CANVAS (canvas));

      page = gtk_stack_add_titled (self->scenario_stack, scrolled, opm_scenario_get_id (scenario),
                                   opm_scenario_get_name (scenario));
      g_signal_connect_object (scenario, "notify::name", G_CALLBACK (on_scenario_name_changed), page, 0);
    }

  if (visible != NULL && gtk_stack_get_child_by_name (self->scenario_stack, visible) != NULL)
    gtk_stack_set_visible_child_name (self->scenario_stack, visible);

  on_visible_page_changed (self);
  schedule_check (self);
}

/* Getters */

OpmDocument *
opm_window_get_document (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), NULL);
  return self->document;
}

/**
 * opm_window_get_file:
 *
 * Returns: (nullable) (transfer none): the file Save writes to
 */
GFile *
opm_window_get_file (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), NULL);
  return self->file;
}

/**
 * opm_window_get_modified:
 *
 * Whether the document differs from its file: it has edits not saved, or it
 * is a restored draft not saved since.
 */
gboolean
opm_window_get_modified (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), FALSE);

  return self->document != NULL && (self->restored || opm_document_get_modified (self->document));
}

/**
 * opm_window_get_draft:
 *
 * Returns: (nullable) (transfer none): the draft of this window's unsaved
 *   changes, once one was written or restored
 */
OpmDraft *
opm_window_get_draft (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), NULL);
  return self->draft;
}

/* Whether the banner about a change on disk is shown. */
gboolean
opm_window_get_changed_on_disk (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->file_banner);
}

/* An untitled document nobody has touched: a file may replace it. */
gboolean
opm_window_is_pristine (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), FALSE);

  return self->file == NULL && self->document != NULL && !self->restored &&
         opm_document_get_history_length (self->document) == 0;
}

OpmCanvas *
opm_window_get_canvas (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), NULL);
  return self->canvas;
}

OpmScenario *
opm_window_get_scenario (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), NULL);
  return self->canvas != NULL ? opm_canvas_get_scenario (self->canvas) : NULL;
}

void
opm_window_set_scenario (OpmWindow   *self,
                         OpmScenario *scenario)
{
  g_return_if_fail (OPM_IS_WINDOW (self));
  g_return_if_fail (OPM_IS_SCENARIO (scenario));

  gtk_stack_set_visible_child_name (self->scenario_stack, opm_scenario_get_id (scenario));
}

/* The message of the last error shown, for tests. */
const char *
opm_window_get_last_error (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), NULL);
  return self->last_error;
}

static AdwMessageDialog *
show_error (OpmWindow  *self,
            const char *heading,
            const char *message)
{
  AdwMessageDialog *dialog;

  g_free (self->last_error);
  self->last_error = g_strdup (message);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/* Menu labels take '_' as a mnemonic: names keep theirs doubled. */
static char *
escape_mnemonics (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        g_string_append_c (out, '_');
      g_string_append_c (out, *p);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Undo and redo */

static void
update_history (OpmWindow *self)
{
  gboolean can_undo = self->document != NULL && opm_document_can_undo (self->document);
  gboolean can_redo = self->document != NULL && opm_document_can_redo (self->document);
  const char *undo = can_undo ? opm_document_get_undo_label (self->document) : NULL;
  const char *redo = can_redo ? opm_document_get_redo_label (self->document) : NULL;
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);

  if (undo != NULL && undo[0] != '\0')
    {
      g_autofree char *escaped = escape_mnemonics (undo);

      /* Translators: %s says what is undone, e.g. "Move 2 Elements" */
      undo_label = g_strdup_printf (_("_Undo %s"), escaped);
    }
  else
    undo_label = g_strdup (_("_Undo"));

  if (redo != NULL && redo[0] != '\0')
    {
      g_autofree char *escaped = escape_mnemonics (redo);

      /* Translators: %s says what is redone, e.g. "Move 2 Elements" */
      redo_label = g_strdup_printf (_("_Redo %s"), escaped);
    }
  else
    redo_label = g_strdup (_("_Redo"));

  g_menu_remove_all (self->history_section);
  g_menu_append (self->history_section, undo_label, "win.undo");
  g_menu_append (self->history_section, redo_label, "win.redo");
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);

  if (self->document == NULL)
    return;

  if (g_str_equal (action_name, "win.undo"))
    opm_document_undo (self->document);
  else
    opm_document_redo (self->document);
}

/* Recent files */

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  const char *app_name = g_get_application_name ();
  GtkRecentData data = {
    .mime_type = (char *) OPMODEL_MIME_TYPE,
    .app_name = (char *) (app_name != NULL ? app_name : "Opmodel"),
    .app_exec = (char *) "opmodel %u",
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static gint
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *ia = *(GtkRecentInfo **) a;
  GtkRecentInfo *ib = *(GtkRecentInfo **) b;

  return -g_date_time_compare (gtk_recent_info_get_modified (ia), gtk_recent_info_get_modified (ib));
}

static void
rebuild_recent_menu (OpmWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *mime = gtk_recent_info_get_mime_type (info);

      if (g_strcmp0 (mime, OPMODEL_MIME_TYPE) != 0 && !g_str_has_suffix (gtk_recent_info_get_uri (info), ".opmodel"))
        continue;
      if (gtk_recent_info_is_local (info) && !gtk_recent_info_exists (info))
        continue;
      g_ptr_array_add (shown, info);
    }

  g_ptr_array_sort (shown, compare_recent);
  if (shown->len > RECENT_MAX)
    g_ptr_array_set_size (shown, RECENT_MAX);

  /* the same name in two folders: show the folders too */
  for (guint i = 0; i < shown->len; i++)
    {
      const char *name = gtk_recent_info_get_display_name (g_ptr_array_index (shown, i));

      g_hash_table_insert (names, (gpointer) name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (names, name)) + 1));
    }

  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; i < shown->len; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (shown, i);
      const char *name = gtk_recent_info_get_display_name (info);
      g_autofree char *label = escape_mnemonics (name);
      g_autoptr(GMenuItem) item = NULL;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (names, name)) > 1)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *folder = parent != NULL ? g_file_get_parse_name (parent) : g_strdup ("");
          g_autofree char *escaped = escape_mnemonics (folder);
          char *both = g_strdup_printf ("%s — %s", label, escaped);

          g_free (label);
          label = both;
        }

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
    }

  if (shown->len == 0)
    g_menu_append (self->recent_menu, _("No Recent Models"), "win.no-recent");

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

/* The placeholder of an empty list, always disabled. */
static void
no_recent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  opm_window_open_file (OPM_WINDOW (widget), file);
}

/* Drafts: every change reaches one a few seconds later. */

static void
on_draft_write_failed (OpmWindow  *self,
                       const char *message)
{
  g_autofree char *text = NULL;

  if (self->draft_failed)
    return;

  self->draft_failed = TRUE;
  text = g_strdup_printf (_("Could not keep a copy of your changes: %s"), message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
set_draft (OpmWindow *self,
           OpmDraft  *draft)
{
  if (self->draft == draft)
    return;

  /* a draft let go stays on disk, to be offered at the next start */
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_set_object (&self->draft, draft);
  if (draft != NULL)
    g_signal_connect_object (draft, "write-failed", G_CALLBACK (on_draft_write_failed), self, G_CONNECT_SWAPPED);
}

/* Serialises now (about 0.1 s for 100,000 elements) and writes in a thread. */
static void
write_draft (OpmWindow *self)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *title = NULL;

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  if (!opm_window_get_modified (self))
    return;

  if (self->draft == NULL)
    {
      g_autoptr(OpmDraft) draft = opm_draft_new ();

      set_draft (self, draft);
    }

  title = document_name (self);
  opm_draft_set_title (self->draft, title);
  opm_draft_set_file (self->draft, self->file, &self->stamp);

  contents = opm_document_serialize (self->document);
  opm_draft_write (self->draft, contents);
}

static gboolean
autosave_timeout (gpointer data)
{
  OpmWindow *self = data;

  self->autosave_id = 0;
  write_draft (self);

  return G_SOURCE_REMOVE;
}

static void
on_document_changed (OpmWindow *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay = AUTOSAVE_DELAY_MS;

  /* the checker reads no places, sizes, colours or routes */
  if (!opm_document_get_last_change_is_look (self->document))
    schedule_check (self);

  if (self->autosave_id == 0)
    self->first_unsaved_change = now;
  else
    delay = CLAMP ((self->first_unsaved_change + AUTOSAVE_MAX_WAIT_US - now) / 1000, 0, AUTOSAVE_DELAY_MS);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add ((guint) delay, autosave_timeout, self);
}

/* The file on disk */

static void
hide_banner (OpmWindow *self)
{
  gtk_revealer_set_reveal_child (self->file_banner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.keep-mine", FALSE);
}

/* Shows the banner if another program changed the file since it was
 * loaded or saved. */
static void
check_disk (OpmWindow *self)
{
  OpmFileStamp now;

  if (self->file == NULL)
    return;

  _opm_file_stamp_query (self->file, &now);

  if (_opm_file_stamp_equal (&now, &self->stamp))
    {
      hide_banner (self);
      return;
    }

  if (self->has_dismissed && _opm_file_stamp_equal (&now, &self->dismissed))
    return;

  gtk_label_set_text (self->file_banner_label,
                      now.exists ? _("The file was changed by another program.")
                                 : _("The file was deleted or moved by another program."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", now.exists);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.keep-mine", TRUE);
  gtk_revealer_set_reveal_child (self->file_banner, TRUE);
}

static void
on_file_monitor_changed (GFileMonitor      *monitor,
                         GFile             *file,
                         GFile             *other,
                         GFileMonitorEvent  event,
                         OpmWindow         *self)
{
  check_disk (self);
}

/* @stamp: how @file looked when read or written; NULL to look now */
static void
set_file (OpmWindow          *self,
          GFile              *file,
          const OpmFileStamp *stamp)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  if (file != self->file)
    g_set_object (&self->file, file);

  if (stamp != NULL)
    self->stamp = *stamp;
  else
    _opm_file_stamp_query (file, &self->stamp);
  self->has_dismissed = FALSE;
  hide_banner (self);

  if (file != NULL)
    {
      g_autoptr(GError) error = NULL;

      self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (self->monitor != NULL)
        g_signal_connect (self->monitor, "changed", G_CALLBACK (on_file_monitor_changed), self);
      else
        g_debug ("Cannot watch %s: %s", g_file_peek_path (file), error->message);
    }
}

static void
keep_mine_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);

  /* a save still asks before it overwrites the other program's file */
  if (self->file != NULL)
    {
      _opm_file_stamp_query (self->file, &self->dismissed);
      self->has_dismissed = TRUE;
    }
  hide_banner (self);
}

/* Documents */

static void
on_document_modified (OpmWindow *self)
{
  update_title (self);
}

static void
install_document (OpmWindow          *self,
                  OpmDocument        *document,
                  GFile              *file,
                  const OpmFileStamp *stamp,
                  OpmDraft           *draft)
{
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (opm_document_get_scenarios (self->document), self);
    }

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  set_draft (self, draft);
  self->restored = draft != NULL;
  self->draft_failed = FALSE;

  g_set_object (&self->document, document);
  set_file (self, file, stamp);
  opm_simulation_panel_set_document (self->simulation_panel, document);

  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (on_document_modified), self);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
  g_signal_connect_swapped (document, "notify::can-undo", G_CALLBACK (update_history), self);
  g_signal_connect_swapped (document, "notify::can-redo", G_CALLBACK (update_history), self);
  g_signal_connect_swapped (document, "notify::undo-label", G_CALLBACK (update_history), self);
  g_signal_connect_swapped (document, "notify::redo-label", G_CALLBACK (update_history), self);
  g_signal_connect_swapped (opm_document_get_scenarios (document), "items-changed",
                            G_CALLBACK (rebuild_pages), self);

  rebuild_pages (self);
  update_title (self);
  update_history (self);

  /* a draft may be older than a change on disk */
  if (draft != NULL)
    check_disk (self);
}

void
opm_window_set_document (OpmWindow   *self,
                         OpmDocument *document,
                         GFile       *file)
{
  g_return_if_fail (OPM_IS_WINDOW (self));
  g_return_if_fail (OPM_IS_DOCUMENT (document));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  install_document (self, document, file, NULL, NULL);
}

typedef struct
{
  GFile        *file;         /* the target of Save */
  OpmDraft     *draft;        /* restoring this draft */
  char         *draft_path;
  gboolean      reload;       /* replace this window's document */
  OpmFileStamp  stamp;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->file);
  g_clear_object (&job->draft);
  g_free (job->draft_path);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  GError *error = NULL;
  gsize length = 0;
  OpmDocument *document;

  if (job->draft_path != NULL)
    {
      document = opm_document_load (job->draft_path, &error);
      goto done;
    }

  /* look before reading: a change in between shows as a change on disk */
  _opm_file_stamp_query (job->file, &job->stamp);

  path = g_file_get_path (job->file);
  name = g_file_get_parse_name (job->file);

  if (path == NULL)
    {
      /* not a local file: read it through GIO */
      if (!g_file_load_contents (job->file, cancellable, &data, &length, NULL, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      document = opm_document_load_from_data (data, length, name, &error);
    }
  else
    {
      document = opm_document_load (path, &error);
    }

done:
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OpmWindow *self = OPM_WINDOW (source);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmDocument) document = g_task_propagate_pointer (G_TASK (result), &error);
  OpmWindow *window = self;

  if (document == NULL)
    {
      g_autofree char *name = NULL;
      g_autofree char *heading = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (job->draft != NULL)
        heading = g_strdup_printf (_("Could not restore “%s”"), opm_draft_get_title (job->draft));
      else
        {
          name = g_file_get_basename (job->file);
          heading = g_strdup_printf (_("Could not open “%s”"), name);
        }
      show_error (self, heading, error->message);
      return;
    }

  if (job->reload)
    {
      /* the user chose the file over the changes */
      if (self->draft != NULL)
        opm_draft_discard (self->draft);
      set_draft (self, NULL);
    }
  else if (!opm_window_is_pristine (self))
    {
      window = opm_window_new (OPM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
    }

  install_document (window, document, job->file, &job->stamp, job->draft);

  if (job->file != NULL && job->draft == NULL && !job->reload)
    add_recent (job->file);

  if (window != self)
    gtk_window_present (GTK_WINDOW (window));
}

static void
start_load (OpmWindow *self,
            LoadJob   *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_loaded, NULL);

  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * opm_window_open_file:
 *
 * Loads @file off the main thread. The document replaces this window's if
 * that one is untouched, else it opens in a new window; a broken file shows
 * its FILE:LINE:COLUMN error and changes nothing.
 */
void
opm_window_open_file (OpmWindow *self,
                      GFile     *file)
{
  LoadJob *job;

  g_return_if_fail (OPM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (LoadJob, 1);
  job->file = g_object_ref (file);
  start_load (self, job);
}

/**
 * opm_window_restore_draft:
 * @draft: one of opm_draft_list()
 *
 * Loads @draft off the main thread, into this window if it is untouched,
 * else into a new one. The document shows as modified, Save writes to the
 * file it came from, and the draft goes once it is saved or discarded.
 */
void
opm_window_restore_draft (OpmWindow *self,
                          OpmDraft  *draft)
{
  LoadJob *job;
  GFile *file;

  g_return_if_fail (OPM_IS_WINDOW (self));
  g_return_if_fail (OPM_IS_DRAFT (draft));

  if (!opm_draft_claim (draft))
    {
      show_error (self, _("Could not restore the unsaved changes"),
                  _("Another window is already editing them."));
      return;
    }

  file = opm_draft_get_file (draft);

  job = g_new0 (LoadJob, 1);
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->draft = g_object_ref (draft);
  job->draft_path = g_strdup (opm_draft_get_path (draft));
  opm_draft_get_stamp (draft, &job->stamp);
  start_load (self, job);
}

static void
reload (OpmWindow *self)
{
  LoadJob *job;

  if (self->file == NULL)
    return;

  job = g_new0 (LoadJob, 1);
  job->file = g_object_ref (self->file);
  job->reload = TRUE;
  start_load (self, job);
}

static void
on_reload_response (AdwMessageDialog *dialog,
                    const char       *response,
                    OpmWindow        *self)
{
  if (g_str_equal (response, "reload"))
    reload (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (!opm_window_get_modified (self))
    {
      reload (self);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Reload and Discard Your Changes?"),
                                                       _("The model is read again from the file, as the other "
                                                         "program left it. Your unsaved changes will be lost.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "reload", _("_Reload"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reload_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkFileFilter *
opmodel_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Operating models"));
  gtk_file_filter_add_mime_type (filter, OPMODEL_MIME_TYPE);
  gtk_file_filter_add_suffix (filter, "opmodel");

  return filter;
}

static void
on_open_response (GtkNativeDialog *chooser,
                  int              response,
                  OpmWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        opm_window_open_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = opmodel_filter ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Open Model"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Closes the window once the dialog whose response got here is gone: a
 * dialog must not outlive its parent while it still emits. */
static gboolean
close_when_idle (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
close_soon (OpmWindow *self)
{
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_when_idle, g_object_ref (self), g_object_unref);
}

/* Saving */

static gboolean save_to (OpmWindow *self,
                         GFile     *file,
                         gboolean   overwrite_newer);

static void
on_conflict_response (AdwMessageDialog *dialog,
                      const char       *response,
                      OpmWindow        *self)
{
  if (g_str_equal (response, "overwrite") && self->file != NULL)
    save_to (self, self->file, TRUE);
  else if (g_str_equal (response, "save-as"))
    save_as_action (GTK_WIDGET (self), "win.save-as", NULL);
  else
    self->close_after_save = FALSE;
}

static void
ask_overwrite (OpmWindow *self)
{
  g_autofree char *name = document_name (self);
  g_autofree char *body = g_strdup_printf (_("Another program changed “%s” since it was opened or saved here. "
                                             "Saving replaces its changes with yours."), name);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Overwrite the Changed File?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save-as", _("Save _As…"),
                                    "overwrite", _("_Overwrite"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "save-as");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        OpmWindow        *self)
{
  if (g_str_equal (response, "save-as"))
    save_as_action (GTK_WIDGET (self), "win.save-as", NULL);
}

/*
 * Saves the document to @file, synchronously. Unless @overwrite_newer, a
 * file another program changed since it was loaded or saved is left alone
 * and the user is asked first. On failure the old file is untouched, the
 * document stays modified, its draft is brought up to date and the error is
 * shown with a way to save elsewhere.
 */
static gboolean
save_to (OpmWindow *self,
         GFile     *file,
         gboolean   overwrite_newer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  OpmFileStamp stamp;

  if (!overwrite_newer && self->file != NULL && g_file_equal (file, self->file))
    {
      _opm_file_stamp_query (file, &stamp);
      if (stamp.exists && !_opm_file_stamp_equal (&stamp, &self->stamp))
        {
          ask_overwrite (self);
          return FALSE;
        }
    }

  if (path == NULL || !opm_document_save (self->document, path, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could not save “%s”"), name);
      AdwMessageDialog *dialog;

      self->close_after_save = FALSE;
      dialog = show_error (self, heading, error != NULL ? error->message : _("Only local files can be saved."));
      adw_message_dialog_add_response (dialog, "save-as", _("Save _As…"));
      adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save-as");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_response), self, 0);

      write_draft (self);
      return FALSE;
    }

  _opm_file_stamp_query (file, &stamp);
  set_file (self, file, &stamp);
  self->restored = FALSE;
  self->draft_failed = FALSE;
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->draft != NULL)
    opm_draft_discard (self->draft);

  add_recent (file);
  update_title (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Saved")));

  if (self->close_after_save)
    {
      self->close_after_save = FALSE;
      close_soon (self);
    }

  return TRUE;
}

static void
on_save_as_response (GtkNativeDialog *chooser,
                     int              response,
                     OpmWindow       *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      if (name != NULL && !g_str_has_suffix (name, ".opmodel"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *full = g_strconcat (name, ".opmodel", NULL);

          g_set_object (&file, g_file_get_child (parent, full));
        }

      /* the chooser asked before replacing an existing file */
      save_to (self, file, TRUE);
    }
  else
    {
      self->close_after_save = FALSE;
    }

  g_clear_object (&self->chooser);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = opmodel_filter ();
  g_autofree char *name = document_name (self);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Model"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (self->file != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (self->chooser), self->file, NULL);
  else
    {
      g_autofree char *suggested = g_str_has_suffix (name, ".opmodel") ? g_strdup (name)
                                                                        : g_strconcat (name, ".opmodel", NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
    }
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_save_as_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);

  if (self->file == NULL)
    save_as_action (widget, "win.save-as", NULL);
  else
    save_to (self, self->file, FALSE);
}

/* Export */

typedef struct
{
  GBytes          *document;
  char            *scenario_id;
  char            *path;
  OpmExportFormat  format;
  OpmExportOptions options;
  OpmRect          area;
  gboolean         has_area;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_bytes_unref (job->document);
  g_free (job->scenario_id);
  g_free (job->path);
  g_free (job);
}

/* Off the main thread, on a copy of the document. */
static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(OpmDocument) copy = NULL;
  GError *error = NULL;
  OpmScenario *scenario;
  gsize length;
  const char *data = g_bytes_get_data (job->document, &length);

  copy = opm_document_load_from_data (data, length, job->path, &error);
  if (copy == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  scenario = opm_document_find_scenario (copy, job->scenario_id);
  if (job->has_area)
    job->options.area = &job->area;

  if (!opm_export_scenario (copy, scenario, job->path, job->format, &job->options, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * opm_window_export:
 * @file: where to write; replaced atomically
 * @visible_area: only what the canvas shows, else the whole scenario
 * @scale: PNG pixels per document unit
 *
 * Exports the current scenario off the main thread, from a copy of the
 * document taken now.
 */
void
opm_window_export (OpmWindow           *self,
                   GFile               *file,
                   OpmExportFormat      format,
                   gboolean             visible_area,
                   double               scale,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (OPM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, opm_window_export);

  if (self->canvas == NULL || g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Only local files can be written."));
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->document = opm_document_serialize (self->document);
  job->scenario_id = g_strdup (opm_scenario_get_id (opm_window_get_scenario (self)));
  job->path = g_strdup (g_file_peek_path (file));
  job->format = format;
  job->options.scale = scale > 0 ? scale : 1.0;
  job->options.dark = opm_canvas_get_dark (self->canvas);
  job->options.findings = self->show_findings;
  if (visible_area)
    {
      opm_canvas_get_visible_area (self->canvas, &job->area);
      job->has_area = TRUE;
    }

  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
opm_window_export_finish (OpmWindow     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  OpmWindow *self = OPM_WINDOW (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (!opm_window_export_finish (self, result, &error))
    {
      show_error (self, _("Could not export"), error->message);
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  }
}

typedef struct
{
  OpmWindow     *window;
  GtkDropDown   *format;
  GtkDropDown   *area;
  GtkSpinButton *scale;
} ExportDialog;

typedef struct
{
  OpmExportFormat format;
  gboolean        visible_area;
  double          scale;
} ExportChoice;

static void
on_export_file_chosen (GtkNativeDialog *chooser,
                       int              response,
                       ExportChoice    *choice)
{
  OpmWindow *self = g_object_get_data (G_OBJECT (chooser), "window");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      static const char *suffixes[] = { ".svg", ".pdf", ".png" };
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

      if (file != NULL && name != NULL && !g_str_has_suffix (name, suffixes[choice->format]))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *full = g_strconcat (name, suffixes[choice->format], NULL);

          g_set_object (&file, g_file_get_child (parent, full));
        }

      if (file != NULL)
        opm_window_export (self, file, choice->format, choice->visible_area, choice->scale,
                           self->cancellable, on_exported, g_object_ref (file));
    }

  g_free (choice);
  g_clear_object (&self->chooser);
}

static void
on_export_dialog_response (AdwMessageDialog *dialog,
                           const char       *response,
                           ExportDialog     *state)
{
  OpmWindow *self = state->window;
  ExportChoice *choice;
  g_autofree char *name = NULL;
  g_autofree char *suggested = NULL;
  static const char *suffixes[] = { "svg", "pdf", "png" };

  if (g_strcmp0 (response, "export") != 0 || self->canvas == NULL)
    {
      g_free (state);
      return;
    }

  choice = g_new0 (ExportChoice, 1);
  choice->format = gtk_drop_down_get_selected (state->format);
  choice->visible_area = gtk_drop_down_get_selected (state->area) == 1;
  choice->scale = gtk_spin_button_get_value (state->scale) / 100.0;
  g_free (state);

  name = document_name (self);
  if (g_str_has_suffix (name, ".opmodel"))
    name[strlen (name) - strlen (".opmodel")] = '\0';
  suggested = g_strdup_printf ("%s — %s.%s", name, opm_scenario_get_name (opm_window_get_scenario (self)),
                               suffixes[choice->format]);

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export Scenario"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  g_object_set_data (G_OBJECT (self->chooser), "window", self);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_file_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_export_format_changed (GtkDropDown   *format,
                          GParamSpec    *pspec,
                          GtkWidget     *scale_row)
{
  gtk_widget_set_sensitive (scale_row, gtk_drop_down_get_selected (format) == OPM_EXPORT_PNG);
}

static GtkWidget *
labelled (const char *text,
          GtkWidget  *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);

  return box;
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  const char *formats[] = { _("SVG (editable drawing)"), _("PDF (print, reports)"), _("PNG (slides, web)"), NULL };
  const char *areas[] = { _("Whole scenario"), _("Visible area"), NULL };
  ExportDialog *state = g_new0 (ExportDialog, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scale_row;
  AdwMessageDialog *dialog;

  state->window = self;
  state->format = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (formats));
  state->area = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (areas));
  state->scale = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (25, 800, 25));
  gtk_spin_button_set_value (state->scale, 200);

  gtk_box_append (GTK_BOX (box), labelled (_("_Format"), GTK_WIDGET (state->format)));
  gtk_box_append (GTK_BOX (box), labelled (_("_Area"), GTK_WIDGET (state->area)));
  scale_row = labelled (_("PNG _scale (%)"), GTK_WIDGET (state->scale));
  gtk_box_append (GTK_BOX (box), scale_row);
  gtk_widget_set_sensitive (scale_row, FALSE);
  g_signal_connect (state->format, "notify::selected", G_CALLBACK (on_export_format_changed), scale_row);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export Scenario"),
                                                       _("Draw the scenario as it is on screen, with a title and "
                                                         "a legend.")));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "export");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_dialog_response), state);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* View actions */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);

  if (self->canvas == NULL)
    return;

  if (g_str_equal (action_name, "win.zoom-fit"))
    {
      opm_canvas_set_max_fit_zoom (self->canvas, OPM_CANVAS_ZOOM_MAX);
      opm_canvas_zoom_to_fit (self->canvas);
      return;
    }

  if (g_str_equal (action_name, "win.zoom-in"))
    opm_canvas_zoom_in (self->canvas);
  else if (g_str_equal (action_name, "win.zoom-out"))
    opm_canvas_zoom_out (self->canvas);
  else
    opm_canvas_set_zoom (self->canvas, 1.0);

  /* a zoom chosen by hand is remembered */
  if (self->settings != NULL)
    g_settings_set_double (self->settings, "recent-zoom",
                           CLAMP (opm_canvas_get_zoom (self->canvas), 0.02, 8.0));
}

static void
scenario_step_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  GListModel *scenarios = opm_document_get_scenarios (self->document);
  guint n = g_list_model_get_n_items (scenarios);
  OpmScenario *current = opm_window_get_scenario (self);
  guint position = 0;

  if (n < 2 || current == NULL || !g_list_store_find (G_LIST_STORE (scenarios), current, &position))
    return;

  position = g_str_equal (action_name, "win.next-scenario") ? (position + 1) % n : (position + n - 1) % n;
  opm_window_set_scenario (self, opm_document_get_scenario (self->document, position));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
on_element_activated (OpmWindow  *self,
                      OpmElement *element)
{
  OpmRgba accent = { 0.21, 0.52, 0.89, 1 };
  OpmPainter *painter;

  if (self->canvas == NULL)
    return;

  painter = opm_canvas_get_painter (self->canvas);
  opm_painter_clear_highlights (painter);
  opm_painter_set_highlight (painter, element, &accent);
  opm_canvas_select (self->canvas, element, FALSE);
  opm_canvas_scroll_to (self->canvas, element);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* The simulation panel */

static void
show_simulation (OpmWindow *self,
                 gboolean   visible)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->simulation_paned));

  if (visible == gtk_widget_get_visible (GTK_WIDGET (self->simulation_panel)))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->simulation_panel), visible);

  /* the first time, a fair share of the window: the charts read at about
   * their natural size, and the diagram stays in view for the replay */
  if (visible && !self->simulation_placed && height > 0)
    {
      gtk_paned_set_position (self->simulation_paned, MAX (height / 3, height - MAX (440, height * 45 / 100)));
      self->simulation_placed = TRUE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIMULATION_VISIBLE]);
}

static void
simulation_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  OpmReplay *replay = opm_simulation_panel_get_replay (self->simulation_panel);

  if (g_str_equal (action_name, "win.cancel-simulation"))
    {
      opm_simulation_panel_cancel (self->simulation_panel);
      return;
    }

  show_simulation (self, TRUE);

  if (g_str_equal (action_name, "win.simulate"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self->simulation_panel), "simulation.run", NULL);
      return;
    }

  /* the replay's keys work wherever the focus is */
  opm_simulation_panel_set_view (self->simulation_panel, "replay");
  if (g_str_equal (action_name, "win.replay-play"))
    opm_replay_set_playing (replay, !opm_replay_get_playing (replay));
  else
    {
      opm_replay_set_playing (replay, FALSE);
      opm_replay_step (replay, g_str_equal (action_name, "win.replay-next") ? 1 : -1);
    }
}

/* The simulation's assumptions are document parameters: the inspector shows
 * them, each marked as an assumption, when nothing is selected. */
static void
review_assumptions_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);

  if (self->canvas != NULL)
    opm_canvas_unselect_all (self->canvas);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "inspector");
  opm_inspector_reveal_simulation_parameters (self->inspector);
}

/* Drop files on the window to open them. */
static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         OpmWindow     *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    opm_window_open_file (self, l->data);
  g_slist_free (files);

  return files != NULL;
}

/* Closing with unsaved changes */

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   OpmWindow        *self)
{
  if (g_str_equal (response, "discard"))
    {
      close_soon (self);
    }
  else if (g_str_equal (response, "save"))
    {
      /* the window closes once a save succeeds, whichever way it goes */
      self->close_after_save = TRUE;
      if (self->file == NULL)
        save_as_action (GTK_WIDGET (self), "win.save-as", NULL);
      else
        save_to (self, self->file, FALSE);
    }
}

static gboolean
opm_window_close_request (GtkWindow *window)
{
  OpmWindow *self = OPM_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (self->settings, "window-size", "(ii)", width, height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_set_boolean (self->settings, "sidebar-visible", adw_flap_get_reveal_flap (self->flap));
      g_settings_set_boolean (self->settings, "palette-visible", adw_flap_get_reveal_flap (self->palette_flap));
    }

  if (!self->close_confirmed && opm_window_get_modified (self))
    {
      g_autofree char *name = document_name (self);
      g_autofree char *heading = g_strdup_printf (_("Save Changes to “%s”?"), name);
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, heading,
                                                           _("Your changes will be lost if you don’t save them.")));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                        "save", _("_Save"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  /* closed normally: saved, unchanged or the changes discarded */
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  if (self->draft != NULL)
    opm_draft_discard (self->draft);

  return GTK_WINDOW_CLASS (opm_window_parent_class)->close_request (window);
}

/* Scenarios */

typedef struct
{
  OpmWindow *window;
  GtkEntry  *entry;
  char      *what;   /* "add", "rename" or "duplicate" */
} ScenarioDialog;

static void
scenario_dialog_free (ScenarioDialog *state)
{
  g_free (state->what);
  g_free (state);
}

static void
on_scenario_dialog_response (AdwMessageDialog *dialog,
                             const char       *response,
                             ScenarioDialog   *state)
{
  OpmWindow *self = state->window;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (state->entry));
  OpmScenario *current = opm_window_get_scenario (self);
  OpmScenario *made = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "apply") != 0 || self->document == NULL)
    return;

  if (g_str_equal (state->what, "rename"))
    {
      if (current != NULL)
        opm_document_set (self->document, &error, current, "name", name, NULL);
    }
  else if (g_str_equal (state->what, "duplicate"))
    made = current != NULL ? opm_document_duplicate_scenario (self->document, current, name, &error) : NULL;
  else
    made = opm_document_add_scenario (self->document, name, &error);

  if (error != NULL)
    {
      show_error (self, _("Could not change the scenarios"), error->message);
      return;
    }

  if (made != NULL)
    opm_window_set_scenario (self, made);
}

static void
ask_scenario_name (OpmWindow  *self,
                   const char *what,
                   const char *heading,
                   const char *initial,
                   const char *button)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, NULL));
  ScenarioDialog *state = g_new0 (ScenarioDialog, 1);
  GtkWidget *entry = gtk_entry_new ();

  state->window = self;
  state->entry = GTK_ENTRY (entry);
  state->what = g_strdup (what);
  g_object_set_data_full (G_OBJECT (dialog), "state", state, (GDestroyNotify) scenario_dialog_free);

  gtk_editable_set_text (GTK_EDITABLE (entry), initial);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scenario name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", button, NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_scenario_dialog_response), state);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_delete_scenario_response (AdwMessageDialog *dialog,
                             const char       *response,
                             OpmWindow        *self)
{
  g_autoptr(GError) error = NULL;
  OpmScenario *current = opm_window_get_scenario (self);

  if (g_strcmp0 (response, "delete") != 0 || current == NULL)
    return;

  if (!opm_document_remove_scenario (self->document, current, &error))
    show_error (self, _("Could not delete the scenario"), error->message);
  else
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Scenario deleted — Undo brings it back")));
}

static void
scenario_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  OpmScenario *current = opm_window_get_scenario (self);

  if (self->document == NULL)
    return;

  if (g_str_equal (action_name, "win.add-scenario"))
    ask_scenario_name (self, "add", _("New Scenario"), _("To-be"), _("_Add"));
  else if (current != NULL && g_str_equal (action_name, "win.rename-scenario"))
    ask_scenario_name (self, "rename", _("Rename Scenario"), opm_scenario_get_name (current), _("_Rename"));
  else if (current != NULL && g_str_equal (action_name, "win.duplicate-scenario"))
    {
      g_autofree char *name = g_strdup_printf (_("%s (copy)"), opm_scenario_get_name (current));
      ask_scenario_name (self, "duplicate", _("Duplicate Scenario"), name, _("_Duplicate"));
    }
  else if (current != NULL && g_str_equal (action_name, "win.delete-scenario"))
    {
      g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), opm_scenario_get_name (current));
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
        GTK_WINDOW (self), heading, _("The scenario and everything drawn in it go; Undo brings them back.")));

      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (on_delete_scenario_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

/* Editing: palette, clipboard, templates */

static void
on_palette_item_activated (OpmWindow  *self,
                           const char *payload)
{
  if (self->canvas == NULL)
    return;

  opm_canvas_add_from_payload (self->canvas, payload, NAN, NAN);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
update_edit_actions (OpmWindow *self)
{
  gboolean selected = self->canvas != NULL && opm_canvas_get_selection (self->canvas)->len > 0;
  gboolean nodes = FALSE;

  for (guint i = 0; selected && i < opm_canvas_get_selection (self->canvas)->len; i++)
    if (OPM_IS_NODE (g_ptr_array_index (opm_canvas_get_selection (self->canvas), i)))
      nodes = TRUE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cut", nodes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy", nodes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste", self->canvas != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-picture", self->canvas != NULL);
}

/* The selection as our own data plus SVG and PNG pictures, so that it pastes
 * into another model as elements and into slides as a picture. */
static gboolean
copy_selection (OpmWindow *self,
                gboolean   as_picture_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GPtrArray) elements = NULL;
  GdkContentProvider *providers[3];
  guint n = 0;
  OpmScenario *scenario;

  if (self->canvas == NULL)
    return FALSE;

  scenario = opm_canvas_get_scenario (self->canvas);
  elements = g_ptr_array_copy (opm_canvas_get_selection (self->canvas), NULL, NULL);

  /* nothing selected: a picture of the whole scenario */
  if (elements->len == 0)
    {
      g_autoptr(GPtrArray) all = opm_painter_query (opm_canvas_get_painter (self->canvas), NULL);

      if (!as_picture_only || all->len == 0)
        return FALSE;
      g_ptr_array_extend (elements, all, NULL, NULL);
    }

  if (!as_picture_only)
    {
      data = opm_clipboard_copy (scenario, elements, &error);
      if (data == NULL)
        {
          show_error (self, _("Could not copy"), error->message);
          return FALSE;
        }
      providers[n++] = gdk_content_provider_new_for_bytes (OPM_CLIPBOARD_MIME_TYPE, data);
    }

  svg = opm_clipboard_render (self->document, scenario, elements, OPM_EXPORT_SVG, 1.0, NULL);
  png = opm_clipboard_render (self->document, scenario, elements, OPM_EXPORT_PNG, 2.0, NULL);
  if (svg != NULL)
    providers[n++] = gdk_content_provider_new_for_bytes ("image/svg+xml", svg);
  if (png != NULL)
    providers[n++] = gdk_content_provider_new_for_bytes ("image/png", png);

  if (n == 0)
    return FALSE;

  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)),
                             n == 1 ? providers[0] : gdk_content_provider_new_union (providers, n));
  if (n == 1)
    g_object_unref (providers[0]);

  self->paste_count = 0;
  return TRUE;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);

  if (g_str_equal (action_name, "win.copy-picture"))
    {
      if (copy_selection (self, TRUE))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied as a picture")));
      return;
    }

  if (!copy_selection (self, FALSE))
    return;

  if (g_str_equal (action_name, "win.cut"))
    opm_canvas_delete_selection (self->canvas);
}

static void
on_paste_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(OpmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) added = NULL;
  double offset;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (stream == NULL || self->canvas == NULL || self->document == NULL)
    return;

  /* the clipboard is someone else's data: read it with a cap */
  bytes = g_input_stream_read_bytes (stream, 64 * 1024 * 1024, NULL, &error);
  if (bytes == NULL)
    return;

  offset = 20.0 * ++self->paste_count;
  added = opm_clipboard_paste (self->document, opm_canvas_get_scenario (self->canvas), bytes, offset, offset, &error);
  if (added == NULL)
    {
      show_error (self, _("Could not paste"), error->message);
      return;
    }

  opm_canvas_set_selection (self->canvas, added);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  static const char *mime_types[] = { OPM_CLIPBOARD_MIME_TYPE, NULL };

  gdk_clipboard_read_async (gtk_widget_get_clipboard (widget), mime_types, G_PRIORITY_DEFAULT,
                            self->cancellable, on_paste_read, g_object_ref (self));
}

/* New from a template */

static void
on_template_chosen (AdwMessageDialog *dialog,
                    const char       *response,
                    OpmWindow        *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmDocument) document = NULL;
  OpmWindow *window;

  if (g_strcmp0 (response, "cancel") == 0 || response == NULL)
    return;

  document = opm_document_new_from_template (response, &error);
  if (document == NULL)
    {
      show_error (self, _("Could not make the model"), error->message);
      return;
    }

  window = opm_window_is_pristine (self) ? self
                                         : opm_window_new (OPM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  opm_window_set_document (window, document, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
new_from_template_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OpmWindow *self = OPM_WINDOW (widget);
  const char * const *names = opm_document_get_template_names ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("New Model"),
                                                       _("Start from a blank canvas or a small organisation "
                                                         "that follows one of the operating models.")));
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b> — %s", opm_document_get_template_label (names[i]),
                                                         opm_document_get_template_description (names[i]));

      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      gtk_box_append (GTK_BOX (box), label);
      adw_message_dialog_add_response (dialog, names[i], opm_document_get_template_label (names[i]));
    }
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_appearance (dialog, names[0], ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, names[0]);
  g_signal_connect (dialog, "response", G_CALLBACK (on_template_chosen), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
opm_window_dispose (GObject *object)
{
  OpmWindow *self = OPM_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (opm_document_get_scenarios (self->document), self);
    }

  if (self->canvas != NULL && self->zoom_handler != 0)
    g_clear_signal_handler (&self->zoom_handler, self->canvas);
  if (self->canvas != NULL && self->selection_handler != 0)
    g_clear_signal_handler (&self->selection_handler, self->canvas);
  self->canvas = NULL;

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_signal_handlers_disconnect_by_data (gtk_recent_manager_get_default (), self);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  /* a draft not discarded stays on disk for the next start */
  set_draft (self, NULL);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), OPM_TYPE_WINDOW);

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (opm_window_parent_class)->dispose (object);
}

static void
opm_window_finalize (GObject *object)
{
  OpmWindow *self = OPM_WINDOW (object);

  g_free (self->last_error);

  G_OBJECT_CLASS (opm_window_parent_class)->finalize (object);
}

static void
opm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OpmWindow *self = OPM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->flap != NULL && adw_flap_get_reveal_flap (self->flap));
      break;
    case PROP_PALETTE_VISIBLE:
      g_value_set_boolean (value, self->palette_flap != NULL && adw_flap_get_reveal_flap (self->palette_flap));
      break;
    case PROP_SNAP_TO_GRID:
      {
        gboolean snap = TRUE;

        if (self->canvas != NULL)
          g_object_get (self->canvas, "snap-to-grid", &snap, NULL);
        g_value_set_boolean (value, snap);
        break;
      }
    case PROP_SHOW_FINDINGS:
      g_value_set_boolean (value, self->show_findings);
      break;
    case PROP_SIMULATION_VISIBLE:
      g_value_set_boolean (value, self->simulation_panel != NULL &&
                                  gtk_widget_get_visible (GTK_WIDGET (self->simulation_panel)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OpmWindow *self = OPM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      if (self->flap != NULL)
        adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    case PROP_PALETTE_VISIBLE:
      if (self->palette_flap != NULL)
        adw_flap_set_reveal_flap (self->palette_flap, g_value_get_boolean (value));
      break;
    case PROP_SNAP_TO_GRID:
      /* one setting for every scenario of the window */
      for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->scenario_stack));
           page != NULL; page = gtk_widget_get_next_sibling (page))
        g_object_set (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page)),
                      "snap-to-grid", g_value_get_boolean (value), NULL);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_SHOW_FINDINGS:
      if (self->show_findings != g_value_get_boolean (value))
        {
          self->show_findings = g_value_get_boolean (value);
          schedule_check (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SIMULATION_VISIBLE:
      if (self->simulation_panel != NULL)
        show_simulation (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_palette_revealed (OpmWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PALETTE_VISIBLE]);
}

static void
on_flap_revealed (OpmWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
opm_window_class_init (OpmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = opm_window_dispose;
  object_class->finalize = opm_window_finalize;
  object_class->get_property = opm_window_get_property;
  object_class->set_property = opm_window_set_property;
  window_class->close_request = opm_window_close_request;

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PALETTE_VISIBLE] =
    g_param_spec_boolean ("palette-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_FINDINGS] =
    g_param_spec_boolean ("show-findings", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIMULATION_VISIBLE] =
    g_param_spec_boolean ("simulation-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OPM_TYPE_OUTLINE);
  g_type_ensure (OPM_TYPE_PALETTE);
  g_type_ensure (OPM_TYPE_INSPECTOR);
  g_type_ensure (OPM_TYPE_SIMULATION_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/opmodel/Opmodel/opm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, scenario_stack);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, scenario_switcher);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, outline);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, file_banner);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, file_banner_label);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, history_section);
  gtk_widget_class_bind_template_callback (widget_class, on_element_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_palette_item_activated);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, palette_flap);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, simulation_paned);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, simulation_panel);
  gtk_widget_class_install_action (widget_class, "win.cut", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-picture", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.new-from-template", NULL, new_from_template_action);
  gtk_widget_class_install_action (widget_class, "win.add-scenario", NULL, scenario_action);
  gtk_widget_class_install_action (widget_class, "win.rename-scenario", NULL, scenario_action);
  gtk_widget_class_install_action (widget_class, "win.duplicate-scenario", NULL, scenario_action);
  gtk_widget_class_install_action (widget_class, "win.delete-scenario", NULL, scenario_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-palette", "palette-visible");
  gtk_widget_class_install_property_action (widget_class, "win.snap-to-grid", "snap-to-grid");
  gtk_widget_class_install_property_action (widget_class, "win.show-findings", "show-findings");
  gtk_widget_class_install_action (widget_class, "win.raci", NULL, raci_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-simulation", "simulation-visible");
  gtk_widget_class_install_action (widget_class, "win.simulate", NULL, simulation_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-simulation", NULL, simulation_action);
  gtk_widget_class_install_action (widget_class, "win.replay-next", NULL, simulation_action);
  gtk_widget_class_install_action (widget_class, "win.replay-previous", NULL, simulation_action);
  gtk_widget_class_install_action (widget_class, "win.replay-play", NULL, simulation_action);
  gtk_widget_class_install_action (widget_class, "win.review-assumptions", NULL, review_assumptions_action);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.no-recent", NULL, no_recent_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.keep-mine", NULL, keep_mine_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-original", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.next-scenario", NULL, scenario_step_action);
  gtk_widget_class_install_action (widget_class, "win.previous-scenario", NULL, scenario_step_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");
}

static GSettings *
settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema != NULL ? g_settings_new (APP_ID) : NULL;
}

static void
opm_window_init (OpmWindow *self)
{
  GtkDropTarget *drop;
  g_autoptr(OpmDocument) document = NULL;

  self->show_findings = TRUE;
  self->print_options.pages_across = 1;
  gtk_widget_init_template (GTK_WIDGET (self));

  self->findings = OPM_FINDINGS (opm_findings_new ());
  gtk_stack_add_titled (self->sidebar_stack, GTK_WIDGET (self->findings), "findings", _("Findings"));
  g_signal_connect_swapped (self->findings, "finding-activated", G_CALLBACK (on_finding_activated), self);

  self->cancellable = g_cancellable_new ();
  self->settings = settings_if_installed ();

  if (self->settings != NULL)
    {
      int width = 0, height = 0;

      g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "sidebar-visible"));
      adw_flap_set_reveal_flap (self->palette_flap, g_settings_get_boolean (self->settings, "palette-visible"));
    }

  g_signal_connect_object (self->palette_flap, "notify::reveal-flap", G_CALLBACK (on_palette_revealed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (on_flap_revealed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scenario_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_dark_changed), self, G_CONNECT_SWAPPED);

  self->recent_menu = g_menu_new ();
  adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (self->recent_menu));
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  rebuild_recent_menu (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.no-recent", FALSE);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  document = opm_document_new ();
  opm_window_set_document (self, document, NULL);
}

OpmWindow *
opm_window_new (OpmApplication *application)
{
  return g_object_new (OPM_TYPE_WINDOW, "application", application, NULL);
}
