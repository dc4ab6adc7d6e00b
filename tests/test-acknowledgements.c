/* test-acknowledgements.c — accepting findings: the model, undo, files, the checker and the CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "opm-core.h"
#include "opm-test-cli.h"

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/* Ops is on call for a service Product builds (OPS-01) and is not paid for
 * it (OPS-04, an error, about Ops); nobody is accountable for the service
 * (OPS-02, an error, about Search); Product's rota is too small and paid per
 * callout (OPS-10, OPS-05, about Product); Search depends on a data store
 * with a lower availability target (OPS-18, about the dependency). */
static const char base_document[] =
  XML_DECL
  "<opmodel format-version=\"1\">\n"
  "  <metadata/>\n"
  "  <scenario id=\"as-is\" name=\"As-is\">\n"
  "    <team id=\"ops\" name=\"Ops\" kind=\"app-support\"/>\n"
  "    <team id=\"prod\" name=\"Product\" kind=\"project-delivery\" out-of-hours=\"own-rota\" rota-size=\"2\" "
  "on-call-pay=\"callout-only\" x=\"400\"/>\n"
  "    <service id=\"svc\" name=\"Search\" availability-target=\"99.9\"/>\n"
  "    <service id=\"db\" name=\"Search index\" class=\"data-store\" availability-target=\"99.0\"/>\n"
  "    <responsibility id=\"r1\" team=\"prod\" service=\"svc\" activity=\"build\"/>\n"
  "    <responsibility id=\"r2\" team=\"ops\" service=\"svc\" activity=\"on-call\"/>\n"
  "    <dependency id=\"d1\" from=\"svc\" to=\"db\"/>\n"
  "  </scenario>\n"
  "</opmodel>\n";

/* Helpers */

static char *
serialize (OpmDocument *document)
{
  g_autoptr(GBytes) bytes = opm_document_serialize (document);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static OpmDocument *
load_base (void)
{
  g_autoptr(GError) error = NULL;
  OpmDocument *document = opm_document_load_from_data (base_document, strlen (base_document), "base.opmodel",
                                                       &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static OpmElement *
element (OpmDocument *document,
         const char  *id)
{
  OpmElement *found = opm_scenario_lookup (opm_document_get_scenario (document, 0), id);

  g_assert_nonnull (found);
  return found;
}

/* The findings of @rule about @subject, the element they are about. */
static GPtrArray *
findings_about (GPtrArray  *findings,
                const char *rule,
                OpmElement *subject)
{
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < findings->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (opm_finding_get_rule_id (finding), rule) && opm_finding_get_element (finding) == subject)
        g_ptr_array_add (result, finding);
    }

  return result;
}

/* Checks the first scenario and asserts that @rule has findings about
 * @subject, all acknowledged with @reason (or all open, with NULL). */
static void
assert_findings (OpmDocument *document,
                 const char  *rule,
                 const char  *subject,
                 const char  *reason)
{
  g_autoptr(GPtrArray) findings = opm_check_scenario (opm_document_get_scenario (document, 0), NULL);
  g_autoptr(GPtrArray) about = findings_about (findings, rule, element (document, subject));

  g_assert_cmpuint (about->len, >, 0);
  for (guint i = 0; i < about->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (about, i);

      g_assert_cmpint (opm_finding_is_acknowledged (finding), ==, reason != NULL);
      g_assert_cmpstr (opm_finding_get_acknowledgement_reason (finding), ==, reason);
    }
}

static OpmAcknowledgement *
acknowledge (OpmDocument *document,
             const char  *subject,
             const char  *rule,
             const char  *reason)
{
  g_autoptr(GError) error = NULL;
  OpmAcknowledgement *acknowledgement = opm_document_acknowledge (document, element (document, subject), rule,
                                                                   reason, &error);

  g_assert_no_error (error);
  g_assert_nonnull (acknowledgement);

  return acknowledgement;
}

static guint
n_acknowledgements (OpmScenario *scenario)
{
  return g_list_model_get_n_items (opm_scenario_get_acknowledgements (scenario));
}

/* Asserts that an edit was refused with @code and changed nothing. */
#define assert_refused(document, before, steps, error, code)                        \
  G_STMT_START                                                                       \
  {                                                                                  \
    g_autofree char *after_ = serialize (document);                                  \
                                                                                     \
    g_assert_error (error, OPM_MODEL_ERROR, code);                                   \
    g_test_message ("refused: %s", (error)->message);                                \
    g_clear_error (&(error));                                                        \
    g_assert_cmpstr (after_, ==, before);                                            \
    g_assert_cmpuint (opm_document_get_history_length (document), ==, steps);       \
  }                                                                                  \
  G_STMT_END

/* Acknowledge, edit the reason, withdraw: each an undoable step */

static void
test_commands (void)
{
  g_autoptr(OpmDocument) document = load_base ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  OpmAcknowledgement *acknowledgement;
  g_autofree char *before = serialize (document);
  guint changed = 0;
  g_autoptr(GError) error = NULL;

  g_signal_connect_swapped (document, "changed", G_CALLBACK (g_atomic_int_inc), &changed);
  g_assert_false (opm_document_get_modified (document));
  assert_findings (document, "OPS-02", "svc", NULL);

  /* acknowledge: the finding stays, marked, with its reason */
  acknowledgement = acknowledge (document, "svc", "OPS-02", "The product owner signs off until the reorganisation");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (opm_document_get_history_length (document), ==, 1);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Acknowledge Finding");
  g_assert_true (opm_document_get_modified (document));
  g_assert_cmpuint (n_acknowledgements (scenario), ==, 1);
  g_assert_true (opm_scenario_find_acknowledgement (scenario, "OPS-02", element (document, "svc")) == acknowledgement);
  g_assert_null (opm_scenario_find_acknowledgement (scenario, "OPS-13", element (document, "svc")));
  g_assert_true (opm_acknowledgement_get_scenario (acknowledgement) == scenario);
  g_assert_true (opm_acknowledgement_get_element (acknowledgement) == element (document, "svc"));
  g_assert_cmpstr (opm_acknowledgement_get_rule_id (acknowledgement), ==, "OPS-02");
  assert_findings (document, "OPS-02", "svc", "The product owner signs off until the reorganisation");
  /* only that rule, only that element */
  assert_findings (document, "OPS-13", "svc", NULL);
  assert_findings (document, "OPS-04", "ops", NULL);

  /* undo and redo */
  g_assert_true (opm_document_undo (document));
  g_assert_false (opm_document_get_modified (document));
  g_assert_cmpuint (n_acknowledgements (scenario), ==, 0);
  g_assert_null (opm_acknowledgement_get_scenario (acknowledgement));
  assert_findings (document, "OPS-02", "svc", NULL);
  {
    g_autofree char *undone = serialize (document);
    g_assert_cmpstr (undone, ==, before);
  }
  g_assert_true (opm_document_redo (document));
  g_assert_true (opm_document_get_modified (document));
  g_assert_true (opm_scenario_find_acknowledgement (scenario, "OPS-02", element (document, "svc")) == acknowledgement);
  assert_findings (document, "OPS-02", "svc", "The product owner signs off until the reorganisation");
  g_assert_cmpuint (changed, ==, 3);

  /* refusals change nothing */
  {
    g_autofree char *now = serialize (document);
    guint steps = opm_document_get_history_length (document);
    g_autofree char *too_long = g_strnfill (OPM_ACKNOWLEDGEMENT_REASON_MAX_LENGTH + 1, 'x');
    g_autoptr(OpmDocument) other = load_base ();

    g_assert_null (opm_document_acknowledge (document, element (document, "svc"), "OPS-02", "Again", &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_DUPLICATE);
    g_assert_null (opm_document_acknowledge (document, element (document, "svc"), "OPS-21", "No such rule", &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_INVALID_VALUE);
    g_assert_null (opm_document_acknowledge (document, element (document, "svc"), "OPS-13", " \t ", &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_INVALID_VALUE);
    g_assert_null (opm_document_acknowledge (document, element (document, "svc"), "OPS-13", "", &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_INVALID_VALUE);
    g_assert_null (opm_document_acknowledge (document, element (document, "svc"), "OPS-13", "two\nlines", &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_INVALID_VALUE);
    g_assert_null (opm_document_acknowledge (document, element (document, "svc"), "OPS-13", too_long, &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_INVALID_VALUE);
    g_assert_null (opm_document_acknowledge (document, element (other, "svc"), "OPS-13", "Elsewhere", &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_WRONG_SCENARIO);
    g_assert_false (opm_document_set_acknowledgement_reason (document, acknowledgement, "", &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_INVALID_VALUE);
    g_assert_false (opm_document_set_acknowledgement_reason (other, acknowledgement, "Elsewhere", &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_WRONG_SCENARIO);
    g_assert_false (opm_document_withdraw_acknowledgement (other, acknowledgement, &error));
    assert_refused (document, now, steps, error, OPM_MODEL_ERROR_WRONG_SCENARIO);
    /* the same reason again is no step */
    g_assert_true (opm_document_set_acknowledgement_reason (document, acknowledgement,
                                                            "The product owner signs off until the reorganisation",
                                                            &error));
    g_assert_no_error (error);
    g_assert_cmpuint (opm_document_get_history_length (document), ==, steps);
  }

  /* a rule id is taken in any case and kept as the checker spells it */
  {
    OpmAcknowledgement *lower = acknowledge (document, "svc", "ops-13", "Alerting arrives with the platform");

    g_assert_cmpstr (opm_acknowledgement_get_rule_id (lower), ==, "OPS-13");
    assert_findings (document, "OPS-13", "svc", "Alerting arrives with the platform");
    g_assert_true (opm_document_undo (document));
  }

  /* a saved state is clean again exactly there */
  opm_document_set_unmodified (document);

  /* edit the reason */
  g_assert_true (opm_document_set_acknowledgement_reason (document, acknowledgement, "Signed off by the CIO", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Edit Acknowledgement Reason");
  g_assert_cmpstr (opm_acknowledgement_get_reason (acknowledgement), ==, "Signed off by the CIO");
  assert_findings (document, "OPS-02", "svc", "Signed off by the CIO");
  g_assert_true (opm_document_get_modified (document));
  g_assert_true (opm_document_undo (document));
  g_assert_cmpstr (opm_acknowledgement_get_reason (acknowledgement), ==,
                   "The product owner signs off until the reorganisation");
  g_assert_false (opm_document_get_modified (document));
  g_assert_true (opm_document_redo (document));
  assert_findings (document, "OPS-02", "svc", "Signed off by the CIO");

  /* withdraw */
  g_assert_true (opm_document_withdraw_acknowledgement (document, acknowledgement, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Withdraw Acknowledgement");
  g_assert_cmpuint (n_acknowledgements (scenario), ==, 0);
  assert_findings (document, "OPS-02", "svc", NULL);
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_scenario_find_acknowledgement (scenario, "OPS-02", element (document, "svc")) == acknowledgement);
  assert_findings (document, "OPS-02", "svc", "Signed off by the CIO");
  g_assert_true (opm_document_redo (document));
  g_assert_null (opm_scenario_find_acknowledgement (scenario, "OPS-02", element (document, "svc")));

  /* back to the start */
  while (opm_document_undo (document))
    ;
  {
    g_autofree char *start = serialize (document);
    g_assert_cmpstr (start, ==, before);
  }
}

/* Deleting an element takes the acknowledgements about it, and about the
 * responsibilities and dependencies that go with it, in the same step. */
static void
test_delete_cascade (void)
{
  g_autoptr(OpmDocument) document = load_base ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *undone = NULL;
  guint steps;

  assert_findings (document, "OPS-18", "d1", NULL);
  acknowledge (document, "svc", "OPS-02", "Signed off");
  acknowledge (document, "d1", "OPS-18", "The index is rebuilt in minutes");
  acknowledge (document, "prod", "OPS-10", "Two people for now");
  acknowledge (document, "svc", "OPS-13", "Alerting arrives with the platform");
  before = serialize (document);
  steps = opm_document_get_history_length (document);

  g_assert_true (opm_document_remove_element (document, element (document, "svc"), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (opm_document_get_history_length (document), ==, steps + 1);
  g_assert_cmpstr (opm_document_get_undo_label (document), ==, "Delete Service");
  g_assert_cmpuint (n_acknowledgements (scenario), ==, 1);
  g_assert_nonnull (opm_scenario_find_acknowledgement (scenario, "OPS-10", element (document, "prod")));
  assert_findings (document, "OPS-10", "prod", "Two people for now");

  g_assert_true (opm_document_undo (document));
  g_assert_cmpuint (n_acknowledgements (scenario), ==, 4);
  undone = serialize (document);
  g_assert_cmpstr (undone, ==, before);
  assert_findings (document, "OPS-18", "d1", "The index is rebuilt in minutes");
  assert_findings (document, "OPS-02", "svc", "Signed off");

  g_assert_true (opm_document_redo (document));
  g_assert_cmpuint (n_acknowledgements (scenario), ==, 1);

  /* deleting a dependency alone takes only its own */
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_remove_element (document, element (document, "d1"), &error));
  g_assert_cmpuint (n_acknowledgements (scenario), ==, 3);
  g_assert_null (opm_scenario_find_acknowledgement (scenario, "OPS-18", element (document, "svc")));

  /* and a team inside a larger gesture, undone in one step */
  opm_document_begin_group (document, "Delete 2 Elements");
  g_assert_true (opm_document_remove_element (document, element (document, "prod"), &error));
  g_assert_true (opm_document_remove_element (document, element (document, "ops"), &error));
  opm_document_end_group (document);
  g_assert_no_error (error);
  g_assert_cmpuint (n_acknowledgements (scenario), ==, 2);
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_undo (document));
  {
    g_autofree char *again = serialize (document);
    g_assert_cmpstr (again, ==, before);
  }
}

/* A duplicated scenario keeps the acknowledgements, about its own elements. */
static void
test_duplicate_scenario (void)
{
  g_autoptr(OpmDocument) document = load_base ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  OpmScenario *copy;
  OpmAcknowledgement *copied;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  guint acknowledged = 0;

  acknowledge (document, "svc", "OPS-02", "Signed off");
  acknowledge (document, "ops", "OPS-04", "Ops are paid a flat fee");

  copy = opm_document_duplicate_scenario (document, scenario, "To-be", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_acknowledgements (copy), ==, 2);
  copied = opm_scenario_find_acknowledgement (copy, "OPS-04", opm_scenario_lookup (copy, "ops"));
  g_assert_nonnull (copied);
  g_assert_true (opm_acknowledgement_get_scenario (copied) == copy);
  g_assert_true (opm_acknowledgement_get_element (copied) != element (document, "ops"));
  g_assert_cmpstr (opm_acknowledgement_get_reason (copied), ==, "Ops are paid a flat fee");

  findings = opm_check_scenario (copy, NULL);
  opm_check_summarise (findings, NULL, NULL, NULL, NULL, &acknowledged);
  g_assert_cmpuint (acknowledged, ==, 2);

  /* the two are independent */
  g_assert_true (opm_document_withdraw_acknowledgement (document, copied, &error));
  g_assert_cmpuint (n_acknowledgements (copy), ==, 1);
  g_assert_cmpuint (n_acknowledgements (scenario), ==, 2);

  /* undoing the duplicate and redoing it brings the same copy back */
  g_assert_true (opm_document_undo (document));
  g_assert_true (opm_document_undo (document));
  g_assert_cmpuint (g_list_model_get_n_items (opm_document_get_scenarios (document)), ==, 1);
  g_assert_true (opm_document_redo (document));
  g_assert_cmpuint (n_acknowledgements (opm_document_get_scenario (document, 1)), ==, 2);
}

/* Save → load → save is byte-identical; version 2 only with acknowledgements */
static void
test_round_trip (void)
{
  g_autoptr(OpmDocument) document = load_base ();
  g_autoptr(OpmDocument) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;
  g_autofree char *plain = serialize (document);
  const char *lines[] = {
    "    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"Signed off &amp; minuted &lt;2026&gt; &quot;for now&quot;\"/>\n",
    "    <acknowledgement rule=\"OPS-10\" element=\"prod\" reason=\"Zwei Leute — für jetzt\"/>\n",
    "    <acknowledgement rule=\"OPS-18\" element=\"d1\" reason=\"Rebuilt in minutes\"/>\n",
  };
  const char *previous = NULL;

  g_assert_nonnull (strstr (plain, "<opmodel format-version=\"1\">"));

  /* made in another order than the file's */
  acknowledge (document, "d1", "OPS-18", "Rebuilt in minutes");
  acknowledge (document, "prod", "OPS-10", "Zwei Leute — für jetzt");
  acknowledge (document, "svc", "OPS-02", "Signed off & minuted <2026> \"for now\"");

  saved = serialize (document);
  g_test_message ("%s", saved);
  g_assert_nonnull (strstr (saved, "<opmodel format-version=\"2\">"));
  /* after the elements, by rule and then by element id */
  g_assert_true (strstr (saved, "<acknowledgement") > strstr (saved, "<dependency"));
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const char *at = strstr (saved, lines[i]);

      g_assert_nonnull (at);
      g_assert_true (at > previous);
      previous = at;
    }

  reloaded = opm_document_load_from_data (saved, strlen (saved), "saved.opmodel", &error);
  g_assert_no_error (error);
  g_assert_false (opm_document_get_modified (reloaded));
  again = serialize (reloaded);
  g_assert_cmpstr (again, ==, saved);
  assert_findings (reloaded, "OPS-02", "svc", "Signed off & minuted <2026> \"for now\"");
  assert_findings (reloaded, "OPS-18", "d1", "Rebuilt in minutes");

  /* without acknowledgements, version 1 again, as before */
  while (opm_document_undo (document))
    ;
  {
    g_autofree char *back = serialize (document);
    g_assert_cmpstr (back, ==, plain);
  }

  /* and through a file */
  {
    g_autofree char *dir = g_dir_make_tmp ("opm-ack-XXXXXX", &error);
    g_autofree char *path = g_build_filename (dir, "saved.opmodel", NULL);
    g_autoptr(OpmDocument) from_file = NULL;
    g_autofree char *contents = NULL;

    g_assert_no_error (error);
    g_assert_true (opm_document_save (reloaded, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
    g_assert_cmpstr (contents, ==, saved);
    from_file = opm_document_load (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (n_acknowledgements (opm_document_get_scenario (from_file, 0)), ==, 3);
    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }
}

/* The reader refuses a bad acknowledgement at its line and column, and
 * never gives half a document. */

typedef struct
{
  const char *what;
  const char *line;    /* replaces the <!-- HERE --> line */
  int         code;
  int         column;
  const char *message; /* a part of it */
} ReaderCase;

static void
test_reader_errors (void)
{
  g_autofree char *too_long = g_strnfill (OPM_ACKNOWLEDGEMENT_REASON_MAX_LENGTH + 1, 'x');
  g_autofree char *long_line = g_strdup_printf ("    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"%s\"/>",
                                                too_long);
  g_autofree char *longest = g_strnfill (OPM_ACKNOWLEDGEMENT_REASON_MAX_LENGTH, 'x');
  g_autofree char *longest_line = g_strdup_printf ("    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"%s\"/>",
                                                   longest);
  const ReaderCase cases[] = {
    { "an unknown rule", "    <acknowledgement rule=\"OPS-21\" element=\"svc\" reason=\"r\"/>",
      OPM_FILE_ERROR_INVALID, 22, "no rule “OPS-21”" },
    { "a rule spelt otherwise", "    <acknowledgement rule=\"ops-02\" element=\"svc\" reason=\"r\"/>",
      OPM_FILE_ERROR_INVALID, 22, "no rule “ops-02”" },
    { "a dangling element", "    <acknowledgement rule=\"OPS-02\" element=\"gone\" reason=\"r\"/>",
      OPM_FILE_ERROR_DANGLING_REFERENCE, 36, "element=\"gone\" names no element" },
    { "an element of another scenario", "    <acknowledgement rule=\"OPS-02\" element=\"elsewhere\" reason=\"r\"/>",
      OPM_FILE_ERROR_DANGLING_REFERENCE, 36, "names no element of scenario “As-is”" },
    { "a duplicate", "    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"r\"/>\n"
                     "    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"again\"/>",
      OPM_FILE_ERROR_DUPLICATE_ID, 5, "already acknowledged" },
    { "an over-long reason", long_line, OPM_FILE_ERROR_TOO_LARGE, 50, "more than the limit of 1024" },
    { "a blank reason", "    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"  \"/>",
      OPM_FILE_ERROR_INVALID, 50, "needs a reason" },
    { "a reason of two lines", "    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"a&#10;b\"/>",
      OPM_FILE_ERROR_INVALID, 5, "single line" },
    { "no reason", "    <acknowledgement rule=\"OPS-02\" element=\"svc\"/>",
      OPM_FILE_ERROR_INVALID, 5, "needs the attribute “reason”" },
    { "no element", "    <acknowledgement rule=\"OPS-02\" reason=\"r\"/>",
      OPM_FILE_ERROR_INVALID, 5, "needs the attribute “element”" },
    { "an unknown attribute", "    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"r\" by=\"me\"/>",
      OPM_FILE_ERROR_INVALID, 61, "has no attribute “by”" },
    { "text as the reason", "    <acknowledgement rule=\"OPS-02\" element=\"svc\">why</acknowledgement>",
      OPM_FILE_ERROR_INVALID, 5, "needs the attribute “reason”" },
    { "text inside", "    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"r\">why</acknowledgement>",
      OPM_FILE_ERROR_INVALID, -1, "unexpected text" },
    { "a child", "    <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"r\"><team id=\"t\"/></acknowledgement>",
      OPM_FILE_ERROR_INVALID, 61, "unexpected <team> in <acknowledgement>" },
    { "an acknowledgement outside a scenario", NULL, OPM_FILE_ERROR_INVALID, 3,
      "unexpected <acknowledgement> in <opmodel>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const ReaderCase *c = &cases[i];
      g_autoptr(GString) data = g_string_new (XML_DECL "<opmodel format-version=\"2\">\n");
      g_autoptr(OpmDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      int line;

      if (c->line == NULL)
        g_string_append (data, "  <acknowledgement rule=\"OPS-02\" element=\"svc\" reason=\"r\"/>\n");
      g_string_append (data,
                       "  <scenario id=\"as-is\" name=\"As-is\">\n"
                       "    <team id=\"ops\" name=\"Ops\"/>\n"
                       "    <service id=\"svc\" name=\"Search\"/>\n");
      line = 6;
      if (c->line != NULL)
        {
          g_string_append_printf (data, "%s\n", c->line);
          if (strchr (c->line, '\n') != NULL)
            line++;
        }
      g_string_append (data,
                       "  </scenario>\n"
                       "  <scenario id=\"to-be\" name=\"To-be\">\n"
                       "    <team id=\"elsewhere\" name=\"Elsewhere\"/>\n"
                       "  </scenario>\n"
                       "</opmodel>\n");
      if (c->line == NULL)
        line = 3;

      document = opm_document_load_from_data (data->str, data->len, "bad.opmodel", &error);
      g_test_message ("%s: %s", c->what, error != NULL ? error->message : "loaded");
      g_assert_null (document);
      g_assert_error (error, OPM_FILE_ERROR, c->code);
      g_assert_true (g_str_has_prefix (error->message, "bad.opmodel:"));
      g_assert_cmpint (opm_file_error_get_line (error), ==, line);
      if (c->column > 0)
        g_assert_cmpint (opm_file_error_get_column (error), ==, c->column);
      else
        g_assert_cmpint (opm_file_error_get_column (error), >, 0);
      g_assert_nonnull (strstr (error->message, c->message));
    }

  /* a version 1 document cannot hold acknowledgements: an older reader
   * would have refused it as unknown */
  {
    const char *data = XML_DECL "<opmodel format-version=\"1\">\n"
                       "  <scenario id=\"as-is\" name=\"As-is\">\n"
                       "    <service id=\"svc\" name=\"Search\"/>\n"
                       "    <acknowledgement rule=\"OPS-13\" element=\"svc\" reason=\"r\"/>\n"
                       "  </scenario>\n"
                       "</opmodel>\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(OpmDocument) document = opm_document_load_from_data (data, strlen (data), "old.opmodel", &error);

    g_assert_null (document);
    g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_INVALID);
    g_assert_cmpint (opm_file_error_get_line (error), ==, 5);
    g_assert_cmpint (opm_file_error_get_column (error), ==, 5);
    g_assert_nonnull (strstr (error->message, "needs format version 2"));
  }

  /* the longest reason loads */
  {
    g_autofree char *data = g_strdup_printf (XML_DECL "<opmodel format-version=\"2\">\n"
                                             "  <scenario id=\"as-is\" name=\"As-is\">\n"
                                             "    <service id=\"svc\" name=\"Search\"/>\n"
                                             "%s\n"
                                             "  </scenario>\n"
                                             "</opmodel>\n", longest_line);
    g_autoptr(GError) error = NULL;
    g_autoptr(OpmDocument) document = opm_document_load_from_data (data, strlen (data), "long.opmodel", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (n_acknowledgements (opm_document_get_scenario (document, 0)), ==, 1);
  }
}

/* The checker keeps acknowledged findings; the canvas draws the open ones */
static void
test_checker (void)
{
  g_autoptr(OpmDocument) document = load_base ();
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GPtrArray) before = opm_check_scenario (scenario, NULL);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) open = NULL;
  guint errors_before, warnings_before, divides_before, acknowledged_before;
  guint errors, warnings, infos, divides, acknowledged;
  guint n_marked = 0;
  g_autofree char *summary = NULL;

  opm_check_summarise (before, &errors_before, &warnings_before, NULL, &divides_before, &acknowledged_before);
  g_assert_cmpuint (errors_before, >=, 2);
  g_assert_cmpuint (divides_before, ==, 1);
  g_assert_cmpuint (acknowledged_before, ==, 0);

  /* the OPS-04 finding names Ops first and Search second: it is about Ops */
  {
    g_autoptr(GPtrArray) about_ops = findings_about (before, "OPS-04", element (document, "ops"));

    g_assert_cmpuint (about_ops->len, ==, 1);
    g_assert_true (opm_finding_involves (g_ptr_array_index (about_ops, 0), element (document, "svc")));
  }
  acknowledge (document, "svc", "OPS-04", "Names Search, but is not about it");
  acknowledge (document, "svc", "OPS-01", "Ops keep the on-call until the team is staffed");
  acknowledge (document, "svc", "OPS-02", "Signed off");
  /* about an element without such a finding: it waits, harmless */
  acknowledge (document, "db", "OPS-02", "Not a digital service");

  after = opm_check_scenario (scenario, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (after, i);
      OpmFinding *earlier = g_ptr_array_index (before, i);

      /* the same findings in the same order */
      g_assert_cmpstr (opm_finding_get_message (finding), ==, opm_finding_get_message (earlier));
      g_assert_false (opm_finding_is_acknowledged (earlier));
      if (opm_finding_is_acknowledged (finding))
        {
          n_marked++;
          g_assert_true (opm_finding_get_element (finding) == element (document, "svc"));
          g_assert_true (g_str_equal (opm_finding_get_rule_id (finding), "OPS-01") ||
                         g_str_equal (opm_finding_get_rule_id (finding), "OPS-02"));
        }
    }
  g_assert_cmpuint (n_marked, ==, 2);
  assert_findings (document, "OPS-04", "ops", NULL);

  opm_check_summarise (after, &errors, &warnings, &infos, &divides, &acknowledged);
  g_assert_cmpuint (errors, ==, errors_before - 1);
  g_assert_cmpuint (warnings, ==, warnings_before - 1);
  g_assert_cmpuint (divides, ==, 0);
  g_assert_cmpuint (acknowledged, ==, 2);
  summary = opm_check_format_summary (errors, warnings, infos, divides, acknowledged);
  g_assert_true (g_str_has_suffix (summary, " · 2 acknowledged"));

  /* the one about the data store matches no finding */
  {
    g_autoptr(GPtrArray) unmatched = opm_check_unmatched_acknowledgements (scenario, after);

    g_assert_cmpuint (unmatched->len, ==, 2);
    for (guint i = 0; i < unmatched->len; i++)
      {
        OpmAcknowledgement *acknowledgement = g_ptr_array_index (unmatched, i);

        g_assert_true ((g_str_equal (opm_acknowledgement_get_rule_id (acknowledgement), "OPS-02") &&
                        opm_acknowledgement_get_element (acknowledgement) == element (document, "db")) ||
                       (g_str_equal (opm_acknowledgement_get_rule_id (acknowledgement), "OPS-04") &&
                        opm_acknowledgement_get_element (acknowledgement) == element (document, "svc")));
      }
  }

  open = opm_check_filter_open (after);
  g_assert_cmpuint (open->len, ==, after->len - 2);
  for (guint i = 0; i < open->len; i++)
    g_assert_false (opm_finding_is_acknowledged (g_ptr_array_index (open, i)));

  /* a finding that goes away leaves its acknowledgement unmatched, and
   * acknowledged again when it comes back */
  {
    g_autoptr(GError) error = NULL;
    OpmAcknowledgement *small_rota = acknowledge (document, "prod", "OPS-10", "Two people for now");
    g_autoptr(GPtrArray) fixed = NULL;
    g_autoptr(GPtrArray) unmatched = NULL;

    assert_findings (document, "OPS-10", "prod", "Two people for now");
    g_assert_true (opm_document_set (document, &error, element (document, "prod"), "rota-size", 5, NULL));
    g_assert_no_error (error);
    fixed = opm_check_scenario (scenario, NULL);
    unmatched = opm_check_unmatched_acknowledgements (scenario, fixed);
    g_assert_cmpuint (unmatched->len, ==, 3);
    g_assert_true (g_ptr_array_find (unmatched, small_rota, NULL));
    g_assert_true (opm_document_undo (document));
    assert_findings (document, "OPS-10", "prod", "Two people for now");
    g_assert_true (opm_document_undo (document));
  }

  /* the painter, given the open findings, draws no divide for Search */
  {
    g_autoptr(OpmPainter) painter = opm_painter_new (scenario);

    opm_painter_show_findings (painter, open);
    g_assert_cmpuint (opm_painter_get_n_divides (painter), ==, 0);
    opm_painter_show_findings (painter, after);
    g_assert_cmpuint (opm_painter_get_n_divides (painter), ==, 1);
  }
}

/* opmodel-cli check: marked in text and JSON; exit 3 only for open errors */
static void
test_cli (void)
{
  g_autoptr(OpmDocument) document = load_base ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("opm-ack-cli-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "acknowledged.opmodel", NULL);

  g_assert_no_error (error);

  acknowledge (document, "svc", "OPS-02", "Signed off by the CIO");
  g_assert_true (opm_document_save (document, path, &error));
  g_assert_no_error (error);

  /* one error left open: 3 */
  {
    g_auto(Run) run = { 0 };
    g_auto(GStrv) lines = NULL;
    gboolean marked = FALSE;
    guint n;

    run_cli (&run, "check", path, NULL);
    g_test_message ("%s", run.out);
    g_assert_cmpint (run.status, ==, 3);
    lines = g_strsplit (run.out, "\n", -1);
    n = g_strv_length (lines);
    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "error OPS-02 Search: "))
        {
          g_assert_true (g_str_has_suffix (lines[i], " (acknowledged: Signed off by the CIO)"));
          marked = TRUE;
        }
      else
        g_assert_null (strstr (lines[i], "(acknowledged"));
    g_assert_true (marked);
    g_assert_true (g_str_has_prefix (lines[n - 2], "As-is: 1 divide, 1 error, "));
    g_assert_true (g_str_has_suffix (lines[n - 2], " · 1 acknowledged"));
  }

  /* JSON: per finding and in the summary, the other keys kept */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root, *summary;
    JsonArray *findings;
    guint n_acknowledged = 0, open_errors = 0;

    run_cli (&run, "check", path, "--format", "json", NULL);
    g_assert_cmpint (run.status, ==, 3);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    findings = json_object_get_array_member (root, "findings");
    for (guint i = 0; i < json_array_get_length (findings); i++)
      {
        JsonObject *finding = json_array_get_object_element (findings, i);
        gboolean acknowledged = json_object_get_boolean_member (finding, "acknowledged");

        g_assert_true (json_object_has_member (finding, "rule"));
        g_assert_true (json_object_has_member (finding, "elements"));
        if (acknowledged)
          {
            n_acknowledged++;
            g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, "OPS-02");
            g_assert_cmpstr (json_object_get_string_member (finding, "reason"), ==, "Signed off by the CIO");
          }
        else
          {
            g_assert_true (json_object_get_null_member (finding, "reason"));
            if (g_str_equal (json_object_get_string_member (finding, "severity"), "error"))
              open_errors++;
          }
      }
    g_assert_cmpuint (n_acknowledged, ==, 1);
    summary = json_object_get_object_member (root, "summary");
    g_assert_cmpint (json_object_get_int_member (summary, "acknowledged"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (summary, "error"), ==, open_errors);
    g_assert_cmpint (open_errors, ==, 1);
    g_assert_true (json_object_has_member (summary, "warning"));
    g_assert_true (json_object_has_member (summary, "info"));
    g_assert_true (json_object_has_member (summary, "divides"));
  }

  /* every error acknowledged: 0, though they are still listed */
  acknowledge (document, "ops", "OPS-04", "Ops are paid a flat fee");
  g_assert_true (opm_document_save (document, path, &error));
  g_assert_no_error (error);
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "check", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\nerror OPS-04 Ops, Search: "));
    g_assert_nonnull (strstr (run.out, "(acknowledged: Ops are paid a flat fee)\n"));
    g_assert_nonnull (strstr (run.out, " · 2 acknowledged\n"));
  }

  /* exports draw the divide of an open OPS-01 finding, not of an acknowledged one */
  {
    g_autoptr(GPtrArray) findings = opm_check_scenario (opm_document_get_scenario (document, 0), NULL);
    g_autoptr(GArray) divides = opm_check_merge_divides (findings);
    g_autofree char *label = NULL;
    g_autofree char *svg_path = g_build_filename (dir, "findings.svg", NULL);

    g_assert_cmpuint (divides->len, ==, 1);
    label = g_markup_escape_text (g_array_index (divides, OpmDivide, 0).label, -1);
    for (guint pass = 0; pass < 2; pass++)
      {
        g_auto(Run) run = { 0 };
        g_autofree char *svg = NULL;

        run_cli (&run, "export", path, "-o", svg_path, "--findings", NULL);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_true (g_file_get_contents (svg_path, &svg, NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpint (strstr (svg, label) != NULL, ==, pass == 0);

        if (pass == 0)
          {
            acknowledge (document, "svc", "OPS-01", "Ops keep the on-call until the team is staffed");
            g_assert_true (opm_document_save (document, path, &error));
            g_assert_no_error (error);
          }
      }
    g_assert_cmpint (g_unlink (svg_path), ==, 0);
  }

  /* validate counts them */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "validate", path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "As-is: 2 teams, 2 services, 2 responsibilities, 1 dependency, "
                                       "3 acknowledgements\n"));
  }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/acknowledgements/commands", test_commands);
  g_test_add_func ("/acknowledgements/delete-cascade", test_delete_cascade);
  g_test_add_func ("/acknowledgements/duplicate-scenario", test_duplicate_scenario);
  g_test_add_func ("/acknowledgements/round-trip", test_round_trip);
  g_test_add_func ("/acknowledgements/reader-errors", test_reader_errors);
  g_test_add_func ("/acknowledgements/checker", test_checker);
  g_test_add_func ("/acknowledgements/cli", test_cli);

  return g_test_run ();
}
