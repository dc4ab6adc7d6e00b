/* opm-raci.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-raci"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-dependency.h"
#include "opm-raci.h"
#include "opm-responsibility.h"

static guint
role_of (OpmActivity activity)
{
  switch (activity)
    {
    case OPM_ACTIVITY_ACCOUNTABLE:
      return OPM_RACI_ACCOUNTABLE;
    case OPM_ACTIVITY_APPROVE_CHANGE:
      return OPM_RACI_CONSULTED;
    default:
      return OPM_RACI_RESPONSIBLE;
    }
}

static guint
index_of (GHashTable *positions,
          gpointer    element)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (positions, element)) - 1;
}

OpmRaci *
opm_raci_new (OpmScenario *scenario)
{
  OpmRaci *raci;
  GListModel *services, *teams, *lines, *dependencies;
  g_autoptr(GHashTable) service_at = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) team_at = g_hash_table_new (NULL, NULL);
  g_autofree guint8 *all = NULL;
  g_autofree gboolean *used = NULL;
  guint n_services, n_teams;

  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);

  services = opm_scenario_get_services (scenario);
  teams = opm_scenario_get_teams (scenario);
  lines = opm_scenario_get_responsibilities (scenario);
  dependencies = opm_scenario_get_dependencies (scenario);
  n_services = g_list_model_get_n_items (services);
  n_teams = g_list_model_get_n_items (teams);

  for (guint i = 0; i < n_services; i++)
    {
      g_autoptr(GObject) service = g_list_model_get_item (services, i);
      g_hash_table_insert (service_at, service, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < n_teams; i++)
    {
      g_autoptr(GObject) team = g_list_model_get_item (teams, i);
      g_hash_table_insert (team_at, team, GUINT_TO_POINTER (i + 1));
    }

  /* R, A and C from the responsibilities */
  all = g_new0 (guint8, (gsize) MAX (1, n_services) * MAX (1, n_teams));
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(OpmResponsibility) line = g_list_model_get_item (lines, i);
      OpmService *service = opm_responsibility_get_service (line);
      OpmTeam *team = opm_responsibility_get_team (line);

      if (!g_hash_table_contains (service_at, service) || !g_hash_table_contains (team_at, team))
        continue;
      all[(gsize) index_of (service_at, service) * n_teams + index_of (team_at, team)] |=
        role_of (opm_responsibility_get_activity (line));
    }

  /* I: the teams responsible for a service hear when one it needs fails */
  {
    g_autofree guint8 *informed = g_new0 (guint8, (gsize) MAX (1, n_services) * MAX (1, n_teams));

    for (guint i = 0; i < g_list_model_get_n_items (dependencies); i++)
      {
        g_autoptr(OpmDependency) dependency = g_list_model_get_item (dependencies, i);
        OpmService *from = opm_dependency_get_from (dependency);
        OpmService *to = opm_dependency_get_to (dependency);
        guint f, t;

        if (!g_hash_table_contains (service_at, from) || !g_hash_table_contains (service_at, to))
          continue;
        f = index_of (service_at, from);
        t = index_of (service_at, to);
        for (guint k = 0; k < n_teams; k++)
          if ((all[(gsize) f * n_teams + k] & OPM_RACI_RESPONSIBLE) != 0 && all[(gsize) t * n_teams + k] == 0)
            informed[(gsize) t * n_teams + k] = OPM_RACI_INFORMED;
      }
    for (gsize i = 0; i < (gsize) n_services * n_teams; i++)
      all[i] |= informed[i];
  }

  /* columns only for teams with a role */
  used = g_new0 (gboolean, MAX (1, n_teams));
  raci = g_new0 (OpmRaci, 1);
  raci->services = g_ptr_array_new_with_free_func (g_object_unref);
  raci->teams = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint s = 0; s < n_services; s++)
    for (guint k = 0; k < n_teams; k++)
      used[k] |= all[(gsize) s * n_teams + k] != 0;
  for (guint k = 0; k < n_teams; k++)
    if (used[k])
      g_ptr_array_add (raci->teams, g_list_model_get_item (teams, k));
  for (guint s = 0; s < n_services; s++)
    g_ptr_array_add (raci->services, g_list_model_get_item (services, s));

  raci->roles = g_new0 (guint8, (gsize) MAX (1, n_services) * MAX (1, raci->teams->len));
  for (guint s = 0; s < n_services; s++)
    for (guint k = 0, column = 0; k < n_teams; k++)
      if (used[k])
        raci->roles[(gsize) s * raci->teams->len + column++] = all[(gsize) s * n_teams + k];

  return raci;
}

void
opm_raci_free (OpmRaci *raci)
{
  if (raci == NULL)
    return;

  g_ptr_array_unref (raci->services);
  g_ptr_array_unref (raci->teams);
  g_free (raci->roles);
  g_free (raci);
}

guint
opm_raci_get_roles (OpmRaci *raci,
                    guint    service,
                    guint    team)
{
  g_return_val_if_fail (raci != NULL, 0);
  g_return_val_if_fail (service < raci->services->len && team < raci->teams->len, 0);

  return raci->roles[(gsize) service * raci->teams->len + team];
}

/* How many teams are accountable for the @service-th service: anything but
 * one is a problem (OPS-16). */
guint
opm_raci_count_accountable (OpmRaci *raci,
                            guint    service)
{
  guint n = 0;

  g_return_val_if_fail (raci != NULL && service < raci->services->len, 0);

  for (guint k = 0; k < raci->teams->len; k++)
    n += (opm_raci_get_roles (raci, service, k) & OPM_RACI_ACCOUNTABLE) != 0;

  return n;
}

/**
 * opm_raci_format_roles:
 *
 * Returns: (transfer full): e.g. "A, R", or "" for none
 */
char *
opm_raci_format_roles (guint roles)
{
  GString *text = g_string_new (NULL);
  static const struct { guint role; const char *letter; } letters[] = {
    { OPM_RACI_ACCOUNTABLE, "A" }, { OPM_RACI_RESPONSIBLE, "R" },
    { OPM_RACI_CONSULTED, "C" }, { OPM_RACI_INFORMED, "I" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (letters); i++)
    if ((roles & letters[i].role) != 0)
      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", letters[i].letter);

  return g_string_free (text, FALSE);
}

/* A CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break; a leading = + - @ is quoted too, so spreadsheets do not run it. */
static void
append_field (GString    *csv,
              const char *text)
{
  gboolean formula = text[0] != '\0' && strchr ("=+-@", text[0]) != NULL;
  gboolean quote = formula || strpbrk (text, ",\"\r\n") != NULL;

  if (csv->len > 0 && csv->str[csv->len - 1] != '\n')
    g_string_append_c (csv, ',');
  if (!quote)
    {
      g_string_append (csv, text);
      return;
    }

  g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/**
 * opm_raci_to_csv:
 *
 * One row per service, one column per team, and a last column naming the
 * accountability problem of the row, if any.
 *
 * Returns: (transfer full): the table as CSV, lines ended by CRLF
 */
char *
opm_raci_to_csv (OpmRaci *raci)
{
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (raci != NULL, NULL);

  append_field (csv, _("Service"));
  for (guint k = 0; k < raci->teams->len; k++)
    append_field (csv, opm_element_get_label (g_ptr_array_index (raci->teams, k)));
  append_field (csv, _("Problem"));
  g_string_append (csv, "\r\n");

  for (guint s = 0; s < raci->services->len; s++)
    {
      guint accountable = opm_raci_count_accountable (raci, s);

      append_field (csv, opm_element_get_label (g_ptr_array_index (raci->services, s)));
      for (guint k = 0; k < raci->teams->len; k++)
        {
          g_autofree char *roles = opm_raci_format_roles (opm_raci_get_roles (raci, s, k));
          append_field (csv, roles);
        }
      if (accountable == 0)
        append_field (csv, _("no accountable team"));
      else if (accountable > 1)
        {
          g_autofree char *problem = g_strdup_printf (_("%u accountable teams"), accountable);
          append_field (csv, problem);
        }
      else
        append_field (csv, "");
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

/**
 * opm_raci_save_csv:
 *
 * Writes opm_raci_to_csv() to @file, replacing it in one step.
 */
gboolean
opm_raci_save_csv (OpmRaci  *raci,
                   GFile    *file,
                   GError  **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (raci != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = opm_raci_to_csv (raci);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}
