/* test-documents.c — drafts, crashes, changes on disk and failed saves, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test runs with XDG_DATA_HOME in a folder of its own, so drafts and
 * recent files never touch the user's. The crash test runs this program
 * again as a child ("--child-edit FILE") that edits a document and is
 * killed once its draft is on disk.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "opm-application.h"
#include "opm-draft.h"
#include "opm-window.h"
#include "opm-test-util.h"

#define CHILD_NAME     "Renamed before the crash"

/* longer than the window waits before it writes a draft */
#define AUTOSAVE_WAIT_MS 3500

static OpmApplication *app;
static char *data_home;

/* Main loop helpers */

/* Runs the main loop for @ms milliseconds. */
static void
run_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint wake = g_timeout_add (10, wake_up, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

/* Files */

static char *
example_path (const char *name)
{
  const char *dir = g_getenv ("OPM_EXAMPLES_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A copy of an example in a new temporary folder. */
static char *
copy_example (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-documents-XXXXXX", &error);
  g_autofree char *source = example_path (name);
  g_autofree char *contents = read_file (source);
  char *path;

  g_assert_no_error (error);
  path = g_build_filename (dir, "model.opmodel", NULL);
  write_file (path, contents);

  return path;
}

static void
remove_copy (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  remove_tree (dir);
}

static guint
count_files (const char *folder,
             const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (suffix == NULL || g_str_has_suffix (name, suffix))
      n++;

  return n;
}

static guint
count_draft_files (void)
{
  g_autofree char *folder = opm_draft_get_folder ();

  return count_files (folder, ".draft");
}

static void
clear_drafts (void)
{
  g_autofree char *folder = opm_draft_get_folder ();

  remove_tree (folder);
}

static guint
count_listed_drafts (void)
{
  g_autoptr(GPtrArray) drafts = opm_draft_list ();

  return drafts->len;
}

/* The model */

static OpmTeam *
first_team (OpmDocument *document)
{
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(OpmTeam) team = g_list_model_get_item (opm_scenario_get_teams (scenario), 0);

  g_assert_nonnull (team);
  return team;   /* the scenario keeps it */
}

static void
rename_first_team (OpmDocument *document,
                   const char  *name)
{
  g_autoptr(GError) error = NULL;

  opm_document_set (document, &error, first_team (document), "name", name, NULL);
  g_assert_no_error (error);
}

/* Windows and dialogs */

static OpmWindow *
new_window (void)
{
  OpmWindow *window = opm_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
window_shows (OpmWindow  *window,
              const char *path)
{
  GFile *file = opm_window_get_file (window);

  return file != NULL && g_strcmp0 (g_file_peek_path (file), path) == 0;
}

static OpmWindow *
open_file (const char *path)
{
  OpmWindow *window = new_window ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  opm_window_open_file (window, file);
  wait_until (window_shows (window, path));
  return window;
}

static void
destroy_window (OpmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* The visible message dialog of @parent that offers @response, if any. */
static AdwMessageDialog *
find_dialog (GtkWindow  *parent,
             const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == parent &&
          adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (window), response))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* Clicks the button of @response in the dialog @parent shows. */
static void
respond (GtkWindow  *parent,
         const char *response)
{
  AdwMessageDialog *dialog;
  GtkWidget *button;
  gpointer weak;

  wait_until ((dialog = find_dialog (parent, response)) != NULL);
  button = find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, response));
  g_assert_nonnull (button);

  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_signal_emit_by_name (button, "clicked");
  wait_until (weak == NULL);
}

static gboolean
draft_written (OpmWindow *window)
{
  OpmDraft *draft = opm_window_get_draft (window);

  return draft != NULL && opm_draft_exists (draft) && !opm_draft_is_writing (draft);
}

static gboolean
draft_gone (OpmDraft *draft)
{
  return !opm_draft_exists (draft) && !opm_draft_is_writing (draft);
}

static void
save (OpmWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  drain ();
}

/* 1. Drafts come a few seconds after a change, not before, and go when the
 *    changes are discarded. */

static void
test_drafts_untitled (void)
{
  OpmWindow *window;
  OpmDocument *document;
  OpmDraft *draft;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autoptr(OpmDocument) copy = NULL;
  gpointer weak;
  gint64 edited;

  clear_drafts ();
  window = new_window ();
  document = opm_window_get_document (window);

  /* nothing to keep in an untouched window */
  run_for (AUTOSAVE_WAIT_MS);
  g_assert_null (opm_window_get_draft (window));
  g_assert_cmpuint (count_draft_files (), ==, 0);

  g_assert_true (opm_document_set (document, &error, document, "title", "Kept while untitled", NULL));
  g_assert_no_error (error);
  edited = g_get_monotonic_time ();

  /* not at once */
  run_for (1000);
  g_assert_cmpuint (count_draft_files (), ==, 0);

  wait_until (draft_written (window));
  g_assert_cmpint (g_get_monotonic_time () - edited, >=, 2500 * 1000);
  draft = opm_window_get_draft (window);
  g_assert_cmpuint (count_draft_files (), ==, 1);

  /* it holds the change, and no file to save to */
  copy = opm_document_load (opm_draft_get_path (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opm_document_get_title (copy), ==, "Kept while untitled");
  {
    g_autofree char *folder = opm_draft_get_folder ();
    g_autofree char *name = g_strconcat (opm_draft_get_id (draft), ".draft", NULL);
    g_autofree char *path = g_build_filename (folder, name, NULL);

    g_assert_true (g_key_file_load_from_file (info, path, G_KEY_FILE_NONE, &error));
    g_assert_no_error (error);
    g_assert_false (g_key_file_has_key (info, "Draft", "file", NULL));
    g_assert_cmpstr (g_key_file_get_string (info, "Draft", "title", NULL), ==, "Kept while untitled");
  }

  /* this window edits it: nobody else is offered it */
  g_assert_cmpuint (count_listed_drafts (), ==, 0);

  /* closing and discarding the changes removes it */
  g_object_ref (draft);
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  respond (GTK_WINDOW (window), "discard");
  wait_until (weak == NULL);
  wait_until (draft_gone (draft));
  g_assert_cmpuint (count_draft_files (), ==, 0);
  g_object_unref (draft);
}

/* 2. A save removes the draft; the file goes to the recent files. */

static void
test_drafts_saved (void)
{
  g_autofree char *path = copy_example ("telco.opmodel");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *contents = NULL;
  OpmWindow *window;
  OpmDocument *document;
  g_autoptr(OpmDraft) draft = NULL;
  GtkRecentManager *recent = gtk_recent_manager_get_default ();
  gpointer weak;

  clear_drafts ();
  window = open_file (path);
  document = opm_window_get_document (window);
  g_assert_true (gtk_recent_manager_has_item (recent, uri));

  rename_first_team (document, "Saved Team");
  g_assert_true (opm_window_get_modified (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  wait_until (draft_written (window));
  draft = g_object_ref (opm_window_get_draft (window));

  {
    g_autoptr(GKeyFile) info = g_key_file_new ();
    g_autofree char *folder = opm_draft_get_folder ();
    g_autofree char *name = g_strconcat (opm_draft_get_id (draft), ".draft", NULL);
    g_autofree char *info_path = g_build_filename (folder, name, NULL);
    g_autofree char *recorded = NULL;

    g_assert_true (g_key_file_load_from_file (info, info_path, G_KEY_FILE_NONE, NULL));
    recorded = g_key_file_get_string (info, "Draft", "file", NULL);
    g_assert_cmpstr (recorded, ==, uri);
  }

  save (window);
  g_assert_null (find_dialog (GTK_WINDOW (window), "close"));
  g_assert_false (opm_window_get_modified (window));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  contents = read_file (path);
  g_assert_nonnull (strstr (contents, "Saved Team"));
  wait_until (draft_gone (draft));
  g_assert_cmpuint (count_draft_files (), ==, 0);

  /* our own save is no change by another program */
  run_for (1000);
  g_assert_false (opm_window_get_changed_on_disk (window));

  /* an unmodified window closes without asking */
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  wait_until (weak == NULL);

  remove_copy (path);
}

/* 3. A draft left behind is offered; discarding it removes it. */

static void
test_drafts_discarded (void)
{
  OpmWindow *window = new_window ();
  OpmWindow *parent;
  OpmDocument *document = opm_window_get_document (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  GtkWindow *dialog;

  clear_drafts ();
  opm_document_set (document, &error, document, "title", "Left behind", NULL);
  g_assert_no_error (error);
  wait_until (draft_written (window));

  /* destroyed without closing, as in a crash: the draft stays */
  destroy_window (window);
  drafts = opm_draft_list ();
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_null (opm_draft_get_file (g_ptr_array_index (drafts, 0)));
  g_assert_cmpstr (opm_draft_get_title (g_ptr_array_index (drafts, 0)), ==, "Left behind");

  parent = new_window ();
  dialog = opm_application_offer_drafts (app, GTK_WINDOW (parent));
  g_assert_nonnull (dialog);
  respond (GTK_WINDOW (parent), "discard");
  g_assert_cmpuint (count_draft_files (), ==, 0);
  g_assert_cmpuint (count_listed_drafts (), ==, 0);
  g_assert_true (opm_window_is_pristine (parent));

  /* nothing left to offer */
  g_assert_null (opm_application_offer_drafts (app, GTK_WINDOW (parent)));
  destroy_window (parent);
}

/* 4. Killed a few seconds after an edit, the next start restores it. */

static int
child_edit (const char *path)
{
  g_autoptr(GError) error = NULL;
  OpmWindow *window;

  gtk_init ();
  adw_init ();
  app = opm_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  window = open_file (path);
  rename_first_team (opm_window_get_document (window), CHILD_NAME);

  /* until killed */
  for (;;)
    g_main_context_iteration (NULL, TRUE);

  return 1;
}

static void
test_crash_restore (void)
{
  g_autofree char *path = copy_example ("telco.opmodel");
  g_autofree char *original = read_file (path);
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *saved = NULL;
  OpmDraft *draft;
  OpmWindow *window;
  GtkWindow *active;

  g_assert_nonnull (self_path);
  clear_drafts ();

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, self_path, "--child-edit", path, NULL);
  g_assert_no_error (error);

  wait_until (count_draft_files () > 0 || g_subprocess_get_identifier (child) == NULL);
  g_assert_nonnull (g_subprocess_get_identifier (child));

  /* the living child holds its draft */
  g_assert_cmpuint (count_listed_drafts (), ==, 0);

  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  /* the file never saw the edit; the draft did */
  saved = read_file (path);
  g_assert_cmpstr (saved, ==, original);
  drafts = opm_draft_list ();
  g_assert_cmpuint (drafts->len, ==, 1);
  draft = g_ptr_array_index (drafts, 0);
  g_assert_nonnull (opm_draft_get_file (draft));
  g_assert_cmpstr (g_file_peek_path (opm_draft_get_file (draft)), ==, path);
  g_assert_cmpstr (opm_draft_get_title (draft), ==, "model.opmodel");

  /* the next start offers it */
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_application_activate (G_APPLICATION (app));
  active = NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (OPM_IS_WINDOW (l->data))
      {
        g_assert_null (active);
        active = l->data;
      }
  g_assert_nonnull (active);
  window = OPM_WINDOW (active);
  g_assert_true (opm_window_is_pristine (window));
  respond (GTK_WINDOW (window), "restore");
  wait_until (window_shows (window, path));

  g_assert_cmpstr (opm_team_get_name (first_team (opm_window_get_document (window))), ==, CHILD_NAME);
  g_assert_true (opm_window_get_modified (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_false (opm_window_get_changed_on_disk (window));
  g_assert_nonnull (opm_window_get_draft (window));
  g_assert_cmpstr (opm_draft_get_id (opm_window_get_draft (window)), ==, opm_draft_get_id (draft));
  g_assert_cmpuint (count_listed_drafts (), ==, 0);

  /* Save writes the original file and the draft goes */
  save (window);
  g_assert_null (find_dialog (GTK_WINDOW (window), "overwrite"));
  g_free (saved);
  saved = read_file (path);
  g_assert_nonnull (strstr (saved, CHILD_NAME));
  g_assert_false (opm_window_get_modified (window));
  wait_until (draft_gone (opm_window_get_draft (window)));
  g_assert_cmpuint (count_draft_files (), ==, 0);

  destroy_window (window);
  remove_copy (path);
}

/* 5. Another program changes the file under a modified document. */

static void
test_changed_on_disk (void)
{
  g_autofree char *path = copy_example ("telco.opmodel");
  g_autofree char *ecommerce_path = example_path ("ecommerce.opmodel");
  g_autofree char *theirs = read_file (ecommerce_path);
  g_autofree char *contents = NULL;
  g_autoptr(OpmDocument) their_document = NULL;
  g_autoptr(GError) error = NULL;
  OpmWindow *window;

  clear_drafts ();
  their_document = opm_document_load (ecommerce_path, &error);
  g_assert_no_error (error);

  window = open_file (path);
  rename_first_team (opm_window_get_document (window), "Mine");
  g_assert_false (opm_window_get_changed_on_disk (window));

  write_file (path, theirs);
  wait_until (opm_window_get_changed_on_disk (window));

  /* saving asks, and leaves their file alone until told */
  save (window);
  g_assert_nonnull (find_dialog (GTK_WINDOW (window), "overwrite"));
  g_assert_true (adw_message_dialog_has_response (find_dialog (GTK_WINDOW (window), "overwrite"), "save-as"));
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, theirs);
  respond (GTK_WINDOW (window), "cancel");
  g_free (contents);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, theirs);
  g_assert_true (opm_window_get_modified (window));

  /* Keep Mine hides the banner; a save still asks */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-mine", NULL);
  g_assert_false (opm_window_get_changed_on_disk (window));
  save (window);
  respond (GTK_WINDOW (window), "overwrite");
  g_free (contents);
  contents = read_file (path);
  g_assert_nonnull (strstr (contents, "Mine"));
  g_assert_false (opm_window_get_modified (window));
  run_for (500);
  g_assert_false (opm_window_get_changed_on_disk (window));

  /* Reload: asks first when there are changes, then shows their file */
  rename_first_team (opm_window_get_document (window), "Mine again");
  write_file (path, theirs);
  wait_until (opm_window_get_changed_on_disk (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL);
  respond (GTK_WINDOW (window), "reload");
  wait_until (!opm_window_get_modified (window));
  g_assert_cmpstr (opm_document_get_title (opm_window_get_document (window)), ==,
                   opm_document_get_title (their_document));
  g_assert_cmpstr (opm_team_get_name (first_team (opm_window_get_document (window))), ==,
                   opm_team_get_name (first_team (their_document)));
  g_assert_false (opm_window_get_changed_on_disk (window));
  g_assert_true (window_shows (window, path));

  /* an unmodified document saves over an unchanged file without asking */
  rename_first_team (opm_window_get_document (window), "Ours at last");
  save (window);
  g_assert_null (find_dialog (GTK_WINDOW (window), "overwrite"));
  g_free (contents);
  contents = read_file (path);
  g_assert_nonnull (strstr (contents, "Ours at last"));

  destroy_window (window);
  clear_drafts ();
  remove_copy (path);
}

/* 6. A save that fails half-way (disk full) loses nothing. */

static void
test_save_fails (void)
{
  g_autofree char *path = copy_example ("telco.opmodel");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  OpmWindow *window;
  OpmDraft *draft;

  clear_drafts ();
  window = open_file (path);
  rename_first_team (opm_window_get_document (window), "Never Saved");
  wait_until (draft_written (window));
  draft = opm_window_get_draft (window);
  before = read_file (path);

  _opm_file_inject_fault (OPM_FILE_FAULT_WRITE);
  save (window);

  after = read_file (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (count_files (dir, NULL), ==, 1);    /* no temporary file left */
  g_assert_true (opm_window_get_modified (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• "));
  g_assert_true (opm_draft_exists (draft));
  g_assert_nonnull (opm_window_get_last_error (window));
  g_assert_nonnull (strstr (opm_window_get_last_error (window), g_strerror (ENOSPC)));

  /* the error is shown, with Save As */
  g_assert_nonnull (find_dialog (GTK_WINDOW (window), "save-as"));
  respond (GTK_WINDOW (window), "close");

  /* the draft has the change */
  wait_until (!opm_draft_is_writing (draft));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OpmDocument) copy = opm_document_load (opm_draft_get_path (draft), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (opm_team_get_name (first_team (copy)), ==, "Never Saved");
  }

  /* once there is room again */
  save (window);
  g_free (after);
  after = read_file (path);
  g_assert_nonnull (strstr (after, "Never Saved"));
  g_assert_false (opm_window_get_modified (window));
  wait_until (draft_gone (draft));

  destroy_window (window);
  remove_copy (path);
}

/* 7. Undo and redo, in the menu with what they undo */

static GMenuModel *
history_section (OpmWindow *window)
{
  GtkMenuButton *primary = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  GMenuModel *menu;

  g_ptr_array_add (stack, window);
  while (stack->len > 0 && primary == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
        primary = GTK_MENU_BUTTON (widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }

  g_assert_nonnull (primary);
  menu = gtk_menu_button_get_menu_model (primary);
  return g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
}

static char *
menu_label (GMenuModel *menu,
            guint       i)
{
  char *label = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  return label;
}

static void
test_history (void)
{
  g_autofree char *path = copy_example ("telco.opmodel");
  OpmWindow *window = open_file (path);
  OpmDocument *document = opm_window_get_document (window);
  g_autofree char *name = g_strdup (opm_team_get_name (first_team (document)));
  g_autoptr(GMenuModel) section = history_section (window);
  g_autofree char *undo_label = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *label = NULL;

  /* nothing to undo yet */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_assert_false (opm_document_get_modified (document));
  label = menu_label (section, 0);
  g_assert_cmpstr (label, ==, "_Undo");

  rename_first_team (document, "Undone");
  undo_label = g_strdup (opm_document_get_undo_label (document));
  g_assert_nonnull (undo_label);
  expected = g_strdup_printf ("_Undo %s", undo_label);
  g_free (label);
  label = menu_label (section, 0);
  g_assert_cmpstr (label, ==, expected);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpstr (opm_team_get_name (first_team (document)), ==, name);
  g_assert_false (opm_window_get_modified (window));
  g_free (label);
  label = menu_label (section, 1);
  g_free (expected);
  expected = g_strdup_printf ("_Redo %s", undo_label);
  g_assert_cmpstr (label, ==, expected);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (opm_team_get_name (first_team (document)), ==, "Undone");
  g_assert_true (opm_window_get_modified (window));

  /* the shortcuts */
  {
    g_auto(GStrv) undo = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.undo");
    g_auto(GStrv) redo = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.redo");

    g_assert_true (g_strv_contains ((const char * const *) undo, "<Control>z"));
    g_assert_true (g_strv_contains ((const char * const *) redo, "<Shift><Control>z"));
    g_assert_true (g_strv_contains ((const char * const *) redo, "<Control>y"));
  }

  destroy_window (window);
  clear_drafts ();
  remove_copy (path);
}

/* 8. Recent files in the Open button's menu */

static gboolean
menu_offers (GMenuModel *menu,
             const char *uri)
{
  for (guint i = 0; i < (guint) g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        continue;
      target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
      if (g_str_equal (action, "win.open-recent") && target != NULL &&
          g_str_equal (g_variant_get_string (target, NULL), uri))
        return TRUE;
    }

  return FALSE;
}

static void
test_recent (void)
{
  g_autofree char *path = copy_example ("ecommerce.opmodel");
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  OpmWindow *window = open_file (path);
  OpmWindow *other;
  AdwSplitButton *button = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  GMenuModel *menu;

  g_ptr_array_add (stack, window);
  while (stack->len > 0 && button == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (ADW_IS_SPLIT_BUTTON (widget))
        button = ADW_SPLIT_BUTTON (widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  g_assert_nonnull (button);
  menu = adw_split_button_get_menu_model (button);

  /* the recent manager tells of new items a little later */
  wait_until (menu_offers (menu, uri));

  /* opening it from the menu of an untitled window: into that window */
  other = new_window ();
  gtk_widget_activate_action (GTK_WIDGET (other), "win.open-recent", "s", uri);
  wait_until (window_shows (other, path));

  destroy_window (other);
  destroy_window (window);
  remove_copy (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  if (argc == 3 && g_str_equal (argv[1], "--child-edit"))
    return child_edit (argv[2]);

  /* before anything asks GLib for it */
  data_home = g_dir_make_tmp ("test-documents-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  tolerate_gtk_races ();
  adw_init ();

  app = opm_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/documents/drafts/untitled", test_drafts_untitled);
  g_test_add_func ("/documents/drafts/saved", test_drafts_saved);
  g_test_add_func ("/documents/drafts/discarded", test_drafts_discarded);
  g_test_add_func ("/documents/crash-restore", test_crash_restore);
  g_test_add_func ("/documents/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/documents/save-fails", test_save_fails);
  g_test_add_func ("/documents/history", test_history);
  g_test_add_func ("/documents/recent", test_recent);

  ret = g_test_run ();

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_object_unref (app);
  remove_tree (data_home);
  g_free (data_home);

  return ret;
}
