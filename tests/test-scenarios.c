/* test-scenarios.c — managing scenarios from the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "opm-core.h"
#include "opm-window.h"

static OpmApplication *app;

static void
spin (guint n)
{
  for (guint i = 0; i < n; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* The message dialog transient for @window, after waiting for it. */
static AdwMessageDialog *
find_dialog (GtkWindow *window)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (w) == window &&
              gtk_widget_get_visible (GTK_WIDGET (w)))
            return ADW_MESSAGE_DIALOG (w);
        }
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_not_reached ();
  return NULL;
}

static void
answer (OpmWindow  *window,
        const char *action,
        const char *name,
        const char *response)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (window), action, NULL);
  dialog = find_dialog (GTK_WINDOW (window));
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), name);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (20);
}

static void
test_manage (void)
{
  OpmWindow *window = opm_window_new (app);
  OpmDocument *document = opm_window_get_document (window);
  GListModel *scenarios = opm_document_get_scenarios (document);
  g_autofree char *start = NULL;
  g_autoptr(GBytes) bytes = opm_document_serialize (document);

  start = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  gtk_window_present (GTK_WINDOW (window));
  spin (50);

  /* add, and the new scenario is shown */
  answer (window, "win.add-scenario", "Target", "apply");
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_cmpstr (opm_scenario_get_name (opm_window_get_scenario (window)), ==, "Target");

  /* a clashing name is refused, nothing changes */
  answer (window, "win.add-scenario", "Target", "apply");
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_nonnull (opm_window_get_last_error (window));
  {
    AdwMessageDialog *error = find_dialog (GTK_WINDOW (window));
    gtk_window_destroy (GTK_WINDOW (error));
  }

  /* rename, duplicate, delete */
  answer (window, "win.rename-scenario", "Target 2030", "apply");
  g_assert_nonnull (opm_document_find_scenario (document, "Target 2030"));
  answer (window, "win.duplicate-scenario", "Target copy", "apply");
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 3);
  g_assert_cmpstr (opm_scenario_get_name (opm_window_get_scenario (window)), ==, "Target copy");
  answer (window, "win.delete-scenario", NULL, "delete");
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);
  g_assert_null (opm_document_find_scenario (document, "Target copy"));

  /* cancelled dialogs change nothing */
  answer (window, "win.add-scenario", "Never", "cancel");
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 2);

  /* every step undoes */
  while (opm_document_can_undo (document))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  {
    g_autoptr(GBytes) now = opm_document_serialize (document);
    g_autofree char *text = g_strndup (g_bytes_get_data (now, NULL), g_bytes_get_size (now));

    g_assert_cmpstr (text, ==, start);
  }
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);

  g_object_set (window, "application", NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = opm_application_new (G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/scenarios/manage", test_manage);

  status = g_test_run ();
  g_object_unref (app);
  return status;
}
