/* opm-window.c — a window showing one document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "opm-canvas.h"
#include "opm-outline.h"
#include "opm-window.h"

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

  /* owned */
  OpmDocument         *document;
  GFile               *file;
  GSettings           *settings;
  GCancellable        *cancellable;
  char                *last_error;
  GtkFileChooserNative *chooser;

  /* borrowed */
  OpmCanvas           *canvas;
  gulong               zoom_handler;
  gboolean             close_confirmed;
};

G_DEFINE_FINAL_TYPE (OpmWindow, opm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_title (OpmWindow *self);
static void rebuild_pages (OpmWindow *self);

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
  gboolean modified = self->document != NULL && opm_document_get_modified (self->document);

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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-original", has_canvas);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-scenario", n > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-scenario", n > 1);
}

static void
on_visible_page_changed (OpmWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->scenario_stack);
  OpmCanvas *canvas = page != NULL ? OPM_CANVAS (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page))) : NULL;

  if (self->canvas != NULL && self->zoom_handler != 0)
    g_clear_signal_handler (&self->zoom_handler, self->canvas);

  self->canvas = canvas;

  if (canvas != NULL)
    {
      self->zoom_handler = g_signal_connect_swapped (canvas, "notify::zoom", G_CALLBACK (update_zoom_label), self);
      opm_outline_set_scenario (self->outline, opm_canvas_get_scenario (canvas));
    }
  else
    {
      opm_outline_set_scenario (self->outline, NULL);
    }

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
}

/* Documents */

static void
on_document_modified (OpmWindow *self)
{
  update_title (self);
}

void
opm_window_set_document (OpmWindow   *self,
                         OpmDocument *document,
                         GFile       *file)
{
  g_return_if_fail (OPM_IS_WINDOW (self));
  g_return_if_fail (OPM_IS_DOCUMENT (document));

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (opm_document_get_scenarios (self->document), self);
    }

  g_set_object (&self->document, document);
  g_set_object (&self->file, file);

  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (on_document_modified), self);
  g_signal_connect_swapped (opm_document_get_scenarios (document), "items-changed",
                            G_CALLBACK (rebuild_pages), self);

  rebuild_pages (self);
  update_title (self);
}

OpmDocument *
opm_window_get_document (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), NULL);
  return self->document;
}

GFile *
opm_window_get_file (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), NULL);
  return self->file;
}

/* An untitled document nobody has touched: a file may replace it. */
gboolean
opm_window_is_pristine (OpmWindow *self)
{
  g_return_val_if_fail (OPM_IS_WINDOW (self), FALSE);

  return self->file == NULL && self->document != NULL &&
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

static void
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
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *data = NULL;
  GError *error = NULL;
  gsize length = 0;
  OpmDocument *document;

  if (path == NULL)
    {
      /* not a local file: read it through GIO */
      if (!g_file_load_contents (file, cancellable, &data, &length, NULL, &error))
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
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmDocument) document = g_task_propagate_pointer (G_TASK (result), &error);

  if (document == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could not open “%s”"), name);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, heading, error->message);
      return;
    }

  if (opm_window_is_pristine (self))
    {
      opm_window_set_document (self, document, file);
    }
  else
    {
      OpmWindow *window = opm_window_new (OPM_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));

      opm_window_set_document (window, document, file);
      gtk_window_present (GTK_WINDOW (window));
    }
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
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OPM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, self->cancellable, on_loaded, NULL);
  g_task_set_source_tag (task, opm_window_open_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

static GtkFileFilter *
opmodel_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Operating models"));
  gtk_file_filter_add_mime_type (filter, "application/x-opmodel+xml");
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

static gboolean
save_to (OpmWindow *self,
         GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL || !opm_document_save (self->document, path, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *heading = g_strdup_printf (_("Could not save “%s”"), name);

      show_error (self, heading, error != NULL ? error->message : _("Only local files can be saved."));
      return FALSE;
    }

  g_set_object (&self->file, file);
  update_title (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Saved")));
  return TRUE;
}

static void
on_save_as_response (GtkNativeDialog *chooser,
                     int              response,
                     OpmWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

      if (file != NULL && name != NULL && !g_str_has_suffix (name, ".opmodel"))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *full = g_strconcat (name, ".opmodel", NULL);

          g_set_object (&file, g_file_get_child (parent, full));
        }

      if (file != NULL)
        save_to (self, file);
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
    save_to (self, self->file);
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
  opm_painter_clear_overlays (painter);
  opm_painter_set_highlight (painter, element, &accent);
  opm_canvas_scroll_to (self->canvas, element);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
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
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_str_equal (response, "save"))
    {
      if (self->file == NULL)
        save_as_action (GTK_WIDGET (self), "win.save-as", NULL);
      else if (save_to (self, self->file))
        {
          self->close_confirmed = TRUE;
          gtk_window_close (GTK_WINDOW (self));
        }
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
    }

  if (!self->close_confirmed && self->document != NULL && opm_document_get_modified (self->document))
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
      g_signal_connect (dialog, "response", G_CALLBACK (on_close_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (opm_window_parent_class)->close_request (window);
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
  self->canvas = NULL;

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), OPM_TYPE_WINDOW);

  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

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
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (OPM_TYPE_OUTLINE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/opmodel/Opmodel/opm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, scenario_stack);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, scenario_switcher);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, OpmWindow, outline);
  gtk_widget_class_bind_template_callback (widget_class, on_element_activated);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
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

  gtk_widget_init_template (GTK_WIDGET (self));

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
    }

  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (on_flap_revealed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scenario_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_dark_changed), self, G_CONNECT_SWAPPED);

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
