/* test-cli.c — opmodel-cli: commands, output and exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "opm-core.h"
#include "opm-test-cli.h"

static char *tmpdir;

static char *
path_in_tmp (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
test_help (void)
{
  const char *commands[] = { "validate", "generate", "export" };

  {
    g_auto(Run) run = { 0 };
    run_cli (&run, NULL, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "validate"));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      g_assert_nonnull (strstr (run.out, commands[i]));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "--version", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "opmodel-cli "));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "frobnicate"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, commands[i], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, commands[i]));
      g_assert_nonnull (strstr (run.out, "Exit status"));
    }
}

static void
test_generate_and_validate (void)
{
  g_autofree char *a = path_in_tmp ("a.opmodel");
  g_autofree char *b = path_in_tmp ("b.opmodel");
  g_autofree char *c = path_in_tmp ("c.opmodel");
  g_autofree char *da = NULL, *db = NULL, *dc = NULL;

  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "generate", "--teams", "12", "--services", "30", "--seed", "7", "-o", a, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "generate", "--teams", "12", "--services", "30", "--seed", "7", "-o", b, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "generate", "--teams", "12", "--services", "30", "--seed", "8", "-o", c, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  /* the same seed gives the same bytes, another seed another organisation */
  g_assert_true (g_file_get_contents (a, &da, NULL, NULL));
  g_assert_true (g_file_get_contents (b, &db, NULL, NULL));
  g_assert_true (g_file_get_contents (c, &dc, NULL, NULL));
  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);

  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "validate", a, c, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "valid"));
    g_assert_nonnull (strstr (run.out, "12 teams, 30 services"));
  }

  /* a generated organisation has every kind of operations team and real duties */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OpmDocument) document = opm_document_load (a, &error);
    OpmScenario *scenario;
    gboolean seen[10] = { FALSE };
    guint n;

    g_assert_no_error (error);
    scenario = opm_document_get_scenario (document, 0);
    n = g_list_model_get_n_items (opm_scenario_get_teams (scenario));
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(OpmTeam) team = g_list_model_get_item (opm_scenario_get_teams (scenario), i);
        seen[opm_team_get_kind (team)] = TRUE;
      }
    g_assert_true (seen[OPM_TEAM_KIND_OPS_BRIDGE]);
    g_assert_true (seen[OPM_TEAM_KIND_APP_SUPPORT]);
    g_assert_true (seen[OPM_TEAM_KIND_PROJECT_DELIVERY] || seen[OPM_TEAM_KIND_PRODUCT]);
    g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_responsibilities (scenario)), >=, 3 * 30);
    g_assert_cmpuint (g_list_model_get_n_items (opm_scenario_get_dependencies (scenario)), >, 0);
  }
}

static void
test_usage_errors (void)
{
  g_autofree char *out = path_in_tmp ("never.opmodel");
  const char *cases[][10] = {
    { "generate", NULL },
    { "generate", "--teams", "0", "--services", "3", "-o", "x.opmodel", NULL },
    { "generate", "--teams", "-4", "--services", "3", "-o", "x.opmodel", NULL },
    { "generate", "--teams", "abc", "--services", "3", "-o", "x.opmodel", NULL },
    { "generate", "--teams", "3", "--services", "3", NULL },
    { "generate", "--teams", "3", "--services", "99999999", "-o", "x.opmodel", NULL },
    { "generate", "--teams", "3", "--services", "3", "--seed", "-1", "-o", "x.opmodel", NULL },
    { "generate", "--bogus", NULL },
    { "validate", NULL },
    { "export", "a.opmodel", NULL },
    { "export", "-o", "x.opmodel", NULL },
    { "export", "a.opmodel", "-o", "x.txt", NULL },
    { "export", "a.opmodel", "-o", "x.png", "--scale", "0", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, cases[i][0], cases[i][1], cases[i][2], cases[i][3], cases[i][4], cases[i][5],
               cases[i][6], cases[i][7], cases[i][8], NULL);
      g_test_message ("%s %s: %s", cases[i][0], cases[i][1], run.err);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, "opmodel-cli"));
      g_assert_cmpstr (run.out, ==, "");
    }

  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static void
test_invalid_input (void)
{
  g_autofree char *bad = path_in_tmp ("bad.opmodel");
  g_autofree char *good = path_in_tmp ("good.opmodel");
  g_autofree char *out = path_in_tmp ("out.opmodel");
  const char *text =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<opmodel format-version=\"1\">\n"
    "  <scenario id=\"s\" name=\"As-is\">\n"
    "    <team id=\"t\" size=\"-3\"/>\n"
    "  </scenario>\n"
    "</opmodel>\n";

  g_assert_true (g_file_set_contents (bad, text, -1, NULL));

  {
    g_auto(Run) run = { 0 };
    g_autofree char *prefix = g_strdup_printf ("%s:4:", bad);

    run_cli (&run, "validate", bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, prefix));
    g_assert_nonnull (strstr (run.err, "size"));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "validate", "no-such-file.opmodel", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, "no-such-file.opmodel: "));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "export", bad, "-o", out, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }

  /* one bad file among good ones: exit 1, the good one still summarised */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "generate", "--teams", "5", "--services", "5", "-o", good, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "validate", good, bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.out, "valid"));
    g_assert_nonnull (strstr (run.err, bad));
  }
}

static void
test_export (void)
{
  g_autofree char *source = path_in_tmp ("source.opmodel");
  g_autofree char *messy = path_in_tmp ("messy.opmodel");
  g_autofree char *normal = path_in_tmp ("normal.opmodel");
  g_autofree char *again = path_in_tmp ("again.opmodel");
  g_autofree char *only = path_in_tmp ("only.opmodel");
  g_autofree char *a = NULL, *b = NULL;
  const char *text =
    "<?xml version='1.0'?>\n"
    "<opmodel   format-version='1'><!-- hand-written -->\n"
    "<scenario name='To-be' id='s2'><service name='Web' id='w' x='10.50'/></scenario>"
    "<scenario name='As-is' id='s1'>\n"
    "<responsibility activity='operate-l1' service='w' team='t' id='r'/>"
    "<service id='w' name='Web &amp; App'/><team id='t' name='Ops' sourcing='outsourced'/>"
    "</scenario></opmodel>";

  g_assert_true (g_file_set_contents (messy, text, -1, NULL));

  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "export", messy, "-o", normal, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "export", normal, "-o", again, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (normal, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (again, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);
  g_assert_nonnull (strstr (a, "<service id=\"w\" name=\"Web &amp; App\"/>"));
  g_assert_nonnull (strstr (a, "x=\"10.5\""));
  g_assert_nonnull (strstr (a, "<contract/>"));
  /* forward references are kept as they are: order is the document's */
  g_assert_true (strstr (a, "<team id=\"t\"") < strstr (a, "<responsibility id=\"r\""));

  {
    g_auto(Run) run = { 0 };
    g_autofree char *c = NULL;

    run_cli (&run, "export", normal, "-o", only, "--scenario", "As-is", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (only, &c, NULL, NULL));
    g_assert_nonnull (strstr (c, "name=\"As-is\""));
    g_assert_null (strstr (c, "name=\"To-be\""));
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "export", normal, "-o", source, "--scenario", "Nope", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Nope"));
  }
}

/* --findings draws the checker's divides and badges into the picture. */
static void
test_export_findings (void)
{
  g_autofree char *model = path_in_tmp ("divide.opmodel");
  g_autofree char *plain = path_in_tmp ("plain.svg");
  g_autofree char *marked = path_in_tmp ("marked.svg");
  g_autofree char *a = NULL, *b = NULL;
  const char *text =
    "<?xml version='1.0' encoding='UTF-8'?>\n"
    "<opmodel format-version='1'><scenario id='s' name='As-is'>\n"
    "<team id='dev' name='Delivery'/><team id='ops' name='Operations' kind='ops-bridge'/>"
    "<service id='w' name='Web Shop'/>"
    "<responsibility id='r1' team='dev' service='w' activity='build'/>"
    "<responsibility id='r2' team='ops' service='w' activity='deploy'/>"
    "<responsibility id='r3' team='ops' service='w' activity='operate-l1'/>"
    "</scenario></opmodel>\n";

  g_assert_true (g_file_set_contents (model, text, -1, NULL));
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "export", model, "-o", plain, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };
    run_cli (&run, "export", model, "--findings", "-o", marked, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (plain, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (marked, &b, NULL, NULL));
  g_assert_null (strstr (a, "opm-divides"));
  g_assert_nonnull (strstr (b, "opm-divides"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("opmodel-cli-XXXXXX", &error);
  run_cli_dir = tmpdir;
  g_assert_no_error (error);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/generate-and-validate", test_generate_and_validate);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/invalid-input", test_invalid_input);
  g_test_add_func ("/cli/export", test_export);
  g_test_add_func ("/cli/export-findings", test_export_findings);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmpdir);
  }

  return status;
}
