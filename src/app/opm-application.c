/* opm-application.c — the Opmodel application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "opm-application.h"
#include "opm-draft.h"
#include "opm-window.h"

struct _OpmApplication
{
  AdwApplication parent_instance;

  gboolean       drafts_offered;
};

G_DEFINE_FINAL_TYPE (OpmApplication, opm_application, ADW_TYPE_APPLICATION)

static OpmWindow *
new_window (OpmApplication *self)
{
  OpmWindow *window = opm_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Restoring drafts left by a crash */

typedef struct
{
  OpmApplication *application;
  GtkWindow      *parent;     /* weak */
  GPtrArray      *drafts;     /* of OpmDraft */
  GPtrArray      *checks;     /* of GtkCheckButton, one per draft */
} RestoreDialog;

static void
restore_dialog_free (RestoreDialog *state)
{
  g_object_unref (state->application);
  g_clear_weak_pointer (&state->parent);
  g_ptr_array_unref (state->drafts);
  g_ptr_array_unref (state->checks);
  g_free (state);
}

static void
on_restore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RestoreDialog    *state)
{
  gboolean restore = g_str_equal (response, "restore");
  gboolean discard = g_str_equal (response, "discard");

  /* closed without a choice: asked again at the next start */
  for (guint i = 0; i < state->drafts->len && (restore || discard); i++)
    {
      OpmDraft *draft = g_ptr_array_index (state->drafts, i);
      GtkWindow *active;

      if (!gtk_check_button_get_active (g_ptr_array_index (state->checks, i)))
        continue;

      if (discard)
        {
          if (opm_draft_claim (draft))
            opm_draft_discard (draft);
          continue;
        }

      active = state->parent;
      if (active == NULL || !OPM_IS_WINDOW (active))
        active = GTK_WINDOW (new_window (state->application));

      /* into the untouched window, else into a new one */
      opm_window_restore_draft (OPM_WINDOW (active), draft);
    }

  restore_dialog_free (state);
}

static GtkWidget *
draft_row (OpmDraft       *draft,
           GtkCheckButton *check)
{
  GtkWidget *row = adw_action_row_new ();
  GFile *file = opm_draft_get_file (draft);
  GDateTime *written = opm_draft_get_written (draft);
  g_autofree char *where = NULL;
  g_autofree char *when = written != NULL ? g_date_time_format (written, "%c") : g_strdup ("");
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;

  if (file != NULL)
    {
      where = g_file_get_parse_name (file);
      title = g_file_get_basename (file);
    }
  else
    {
      where = g_strdup (_("Never saved"));
      title = g_strdup (opm_draft_get_title (draft));
    }

  /* Translators: where the model's file is, then when the draft was written */
  subtitle = g_strdup_printf (_("%s — changed %s"), where, when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_check_button_set_active (check, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (check), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), GTK_WIDGET (check));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (check));

  return row;
}

/**
 * opm_application_offer_drafts:
 * @parent: the window the question belongs to
 *
 * Asks whether to restore the drafts a crash or a kill left behind, if there
 * are any.
 *
 * Returns: (nullable) (transfer none): the dialog asking, or %NULL
 */
GtkWindow *
opm_application_offer_drafts (OpmApplication *self,
                              GtkWindow      *parent)
{
  g_autoptr(GPtrArray) drafts = NULL;
  RestoreDialog *state;
  AdwMessageDialog *dialog;
  GtkWidget *list;

  g_return_val_if_fail (OPM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  drafts = opm_draft_list ();
  if (drafts->len == 0)
    return NULL;

  state = g_new0 (RestoreDialog, 1);
  state->application = g_object_ref (self);
  g_set_weak_pointer (&state->parent, parent);
  state->drafts = g_ptr_array_ref (drafts);
  state->checks = g_ptr_array_new ();

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < drafts->len; i++)
    {
      GtkWidget *check = gtk_check_button_new ();

      g_ptr_array_add (state->checks, check);
      gtk_list_box_append (GTK_LIST_BOX (list), draft_row (g_ptr_array_index (drafts, i), GTK_CHECK_BUTTON (check)));
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Restore Unsaved Changes?"),
                                                       g_dngettext (GETTEXT_PACKAGE,
                                                                    "Opmodel was closed before this model "
                                                                    "was saved. Its changes were kept.",
                                                                    "Opmodel was closed before these models "
                                                                    "were saved. Their changes were kept.",
                                                                    drafts->len)));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "discard", _("_Discard"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response), state);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}

/* Once per run, at the first activation or opening. */
static void
offer_drafts_once (OpmApplication *self,
                   GtkWindow      *parent)
{
  if (self->drafts_offered || parent == NULL)
    return;

  self->drafts_offered = TRUE;
  opm_application_offer_drafts (self, parent);
}

static void
opm_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (new_window (OPM_APPLICATION (application)));

  gtk_window_present (window);
  offer_drafts_once (OPM_APPLICATION (application), window);
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

  if (n_files > 0)
    offer_drafts_once (self, gtk_application_get_active_window (GTK_APPLICATION (application)));
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
    { "win.print", { "<Control>p", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-fit", { "<Control>0", NULL } },
    { "win.zoom-original", { "<Control>1", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.toggle-palette", { "F8", NULL } },
    { "win.show-findings", { "<Control><Shift>f", NULL } },
    { "win.raci", { "<Control><Shift>r", NULL } },
    { "win.toggle-simulation", { "F7", NULL } },
    { "win.simulate", { "F5", NULL } },
    { "win.cancel-simulation", { "<Shift>F5", NULL } },
    { "win.replay-previous", { "<Alt>Left", NULL } },
    { "win.replay-next", { "<Alt>Right", NULL } },
    { "win.replay-play", { "F6", NULL } },
    { "win.add-scenario", { "<Control>t", NULL } },
    { "win.next-scenario", { "<Control>Page_Down", NULL } },
    { "win.previous-scenario", { "<Control>Page_Up", NULL } },
  };

  g_autoptr(GtkCssProvider) banner_css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (opm_application_parent_class)->startup (application);

  /* style.css comes with AdwApplication; the banner's rules are its own */
  gtk_css_provider_load_from_resource (banner_css, "/io/github/opmodel/Opmodel/opm-banner.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (banner_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

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
