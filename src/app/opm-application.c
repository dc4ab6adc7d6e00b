/* opm-application.c — the Opmodel application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "opm-application.h"
#include "opm-window.h"

struct _OpmApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (OpmApplication, opm_application, ADW_TYPE_APPLICATION)

static OpmWindow *
new_window (OpmApplication *self)
{
  OpmWindow *window = opm_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
opm_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (new_window (OPM_APPLICATION (application)));

  gtk_window_present (window);
}

static void
opm_application_open (GApplication  *application,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  OpmApplication *self = OPM_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (application));
      OpmWindow *window;

      /* an untouched untitled window takes the first file */
      if (active != NULL && OPM_IS_WINDOW (active) && opm_window_is_pristine (OPM_WINDOW (active)))
        window = OPM_WINDOW (active);
      else
        window = new_window (self);

      opm_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* closing each window asks about unsaved changes */
  for (GList *l = g_list_copy (windows); l != NULL; l = g_list_delete_link (l, l))
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  new_window (OPM_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { "The Opmodel developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APP_ID,
                        "application-name", _("Opmodel"),
                        "developer-name", _("The Opmodel developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Draw an IT organisation’s operating model, see where Plan, Build and "
                                      "Run are split across teams, simulate incidents and compare the current "
                                      "model with a target."),
                        "website", "https://github.com/opmodel/opmodel",
                        "issue-url", "https://github.com/opmodel/opmodel/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "copyright", "© 2026 The Opmodel developers",
                        NULL);

  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about),
                                                _("The ideas come from"),
                                                (const char *[]) {
                                                  _("The “You Build It You Run It” playbook https://www.youbuilditrunit.com"),
                                                  NULL
                                                });
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("Operating model rules"),
                                      NULL, GTK_LICENSE_CUSTOM,
                                      _("The checker rules, selector bands and incident figures encode, in "
                                        "Opmodel’s own words, the recommendations of the public “You Build It You "
                                        "Run It” playbook. Figures without a source are marked as assumptions."));

  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "new-window", new_window_action },
  { "about", about_action },
};

static void
opm_application_startup (GApplication *application)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.new-window", { "<Control>n", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-fit", { "<Control>0", NULL } },
    { "win.zoom-original", { "<Control>1", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.next-scenario", { "<Control>Page_Down", NULL } },
    { "win.previous-scenario", { "<Control>Page_Up", NULL } },
  };

  G_APPLICATION_CLASS (opm_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions, G_N_ELEMENTS (app_actions), application);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), accels[i].action, accels[i].accels);
}

static void
opm_application_class_init (OpmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = opm_application_activate;
  app_class->open = opm_application_open;
  app_class->startup = opm_application_startup;
}

static void
opm_application_init (OpmApplication *self)
{
}

OpmApplication *
opm_application_new (GApplicationFlags flags)
{
  return g_object_new (OPM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/opmodel/Opmodel",
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
