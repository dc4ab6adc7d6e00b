/* test-simulator.c — the incident simulator: samplers, mechanisms, calibration, CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mechanisms are tested on small documents whose parameters make every stage
 * take exactly its median (P90 = median) and every chance 0 or 1, so each
 * outcome can be worked out by hand. Calibration runs the bundled examples
 * with default parameters, as DESIGN §5 asks.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "opm-core.h"
#include "opm-simulator-private.h"
#include "opm-test-cli.h"

/* {{{ Models */

/* Every duration exactly its median; no chances taken. */
#define EXACT_PARAMETERS \
  "<parameters detect-alert-p90=\"2\" detect-report-p90=\"30\" ack-rota-p90=\"3\" ack-bridge-p90=\"10\" " \
  "l1-resolve-probability=\"0\" l1-triage-p90=\"15\" handoff-p90=\"15\" bounce-back-probability=\"0\" " \
  "contract-response-share=\"1\" backlog-p90=\"2880\" diagnose-p90=\"20\" best-efforts-p90=\"60\" " \
  "best-efforts-no-answer-probability=\"0\" fix-rollback-p90=\"15\" fix-code-p90=\"60\" code-fix-probability=\"0\" " \
  "release-pipeline-p90=\"15\" release-approval-p90=\"60\" verify-own-max=\"5\" verify-ops-max=\"10\""

#define ALL_RIGHTS "code config data deploy infrastructure alerts telemetry-read"
#define FULL_TELEMETRY "health-check alerting logs dashboards"

/* The exact parameters, with those in @extra (` name="value"…`) set instead. */
static char *
parameters_with (const char *extra)
{
  g_autoptr(GRegex) attribute = g_regex_new (" ([a-z0-9-]+)=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) added = g_string_new (NULL);
  char *parameters = g_strdup (EXACT_PARAMETERS);

  g_regex_match (attribute, extra != NULL ? extra : "", 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *whole = g_match_info_fetch (match, 0);
      g_autofree char *pattern = g_strdup_printf (" %s=\"[^\"]*\"", name);
      g_autoptr(GRegex) old = g_regex_new (pattern, 0, 0, NULL);

      if (g_regex_match (old, parameters, 0, NULL))
        {
          char *replaced = g_regex_replace_literal (old, parameters, -1, 0, whole, 0, NULL);

          g_free (parameters);
          parameters = replaced;
        }
      else
        g_string_append (added, whole);
      g_match_info_next (match, NULL);
    }

  {
    char *full = g_strconcat (parameters, added->str, "/>", NULL);

    g_free (parameters);
    return full;
  }
}

static OpmDocument *
load_model (const char *extra_parameters,
            const char *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = parameters_with (extra_parameters);
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<opmodel format-version=\"1\">\n%s\n"
                                          "<scenario id=\"s\" name=\"S\">\n%s\n</scenario>\n</opmodel>\n",
                                          parameters, scenario);
  OpmDocument *document = opm_document_load_from_data (xml, strlen (xml), "model.opmodel", &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static OpmService *
service_of (OpmDocument *document,
            const char  *id)
{
  OpmElement *element = opm_scenario_lookup (opm_document_get_scenario (document, 0), id);

  g_assert_true (OPM_IS_SERVICE (element));
  return OPM_SERVICE (element);
}

/* Simulates @runs incidents in @service at @start ("Mon 10:00"). */
static OpmSimResult *
simulate_at (OpmDocument *document,
             const char  *service,
             const char  *start,
             guint        runs)
{
  g_autoptr(OpmSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;
  OpmSimOptions options;
  GDate today;
  OpmSimResult *result;

  opm_sim_options_init (&options);
  options.runs = runs;
  options.threads = 1;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, 1, 2026);
  options.today = &today;
  if (service != NULL)
    options.service = service_of (document, service);
  if (start != NULL)
    g_assert_true (opm_sim_parse_start (start, &options.start, NULL));

  simulation = opm_simulation_new (opm_document_get_scenario (document, 0), opm_document_get_parameters (document),
                                   &options, &error);
  g_assert_no_error (error);
  result = opm_simulation_run (simulation, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

/* The time to restore of an incident in @service at @start, with every
 * chance settled so that all runs are alike. */
static double
restore_minutes (OpmDocument *document,
                 const char  *service,
                 const char  *start,
                 guint       *handoffs)
{
  g_autoptr(OpmSimResult) result = simulate_at (document, service, start, 4);

  g_assert_cmpfloat_with_epsilon (result->time_to_restore.p50, result->time_to_restore.p99, 1e-9);
  if (handoffs != NULL)
    *handoffs = g_array_index (result->per_run, OpmSimRun, 0).handoffs;

  return result->time_to_restore.p50;
}

/* One team that builds, deploys, operates and fixes its service. */
#define YBIYRI(cover, pay, target, telemetry) \
  "<team id=\"t\" name=\"Shop Team\" out-of-hours=\"" cover "\" rota-size=\"4\" on-call-pay=\"" pay "\" " \
  "rights=\"" ALL_RIGHTS "\"/>\n" \
  "<service id=\"svc\" name=\"Shop\" exposure-per-hour=\"100000\" availability-target=\"" target "\" " \
  "telemetry=\"" telemetry "\"/>\n" \
  "<responsibility id=\"r1\" team=\"t\" service=\"svc\" activity=\"build\"/>\n" \
  "<responsibility id=\"r2\" team=\"t\" service=\"svc\" activity=\"deploy\"/>\n" \
  "<responsibility id=\"r3\" team=\"t\" service=\"svc\" activity=\"operate-l1\"/>\n" \
  "<responsibility id=\"r4\" team=\"t\" service=\"svc\" activity=\"support-l3\"/>\n" \
  "<responsibility id=\"r5\" team=\"t\" service=\"svc\" activity=\"accountable\"/>\n"

/* An operations bridge in front of a product team. */
#define BRIDGE(bridge_attributes, contract, dev_rights) \
  "<team id=\"ops\" name=\"Bridge\" kind=\"ops-bridge\" out-of-hours=\"shift-24x7\" rota-size=\"8\" " \
  "on-call-pay=\"standby\" rights=\"alerts telemetry-read\" " bridge_attributes ">" contract "</team>\n" \
  "<team id=\"dev\" name=\"Dev\" out-of-hours=\"own-rota\" rota-size=\"4\" on-call-pay=\"standby-callout\" " \
  "rights=\"" dev_rights "\"/>\n" \
  "<service id=\"svc\" name=\"Shop\" exposure-per-hour=\"100000\" telemetry=\"" FULL_TELEMETRY "\"/>\n" \
  "<responsibility id=\"r1\" team=\"dev\" service=\"svc\" activity=\"build\"/>\n" \
  "<responsibility id=\"r2\" team=\"dev\" service=\"svc\" activity=\"deploy\"/>\n" \
  "<responsibility id=\"r3\" team=\"ops\" service=\"svc\" activity=\"operate-l1\"/>\n" \
  "<responsibility id=\"r4\" team=\"dev\" service=\"svc\" activity=\"support-l3\"/>\n"

/* }}} */
/* {{{ Samplers and names */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
test_lognormal (void)
{
  const struct { double median, p90; } cases[] = { { 20, 60 }, { 2, 10 }, { 60, 240 }, { 15, 15 } };
  const guint n = 200000;
  g_autofree double *values = g_new (double, n);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      _opm_sim_sample_lognormal (cases[c].median, cases[c].p90, 7 + c, n, values);
      qsort (values, n, sizeof (double), compare_doubles);
      g_test_message ("median %g p90 %g: sampled %g and %g", cases[c].median, cases[c].p90, values[n / 2],
                      values[n * 9 / 10]);
      g_assert_cmpfloat (fabs (values[n / 2] - cases[c].median), <=, 0.01 * cases[c].median);
      g_assert_cmpfloat (fabs (values[n * 9 / 10] - cases[c].p90), <=, 0.02 * cases[c].p90);
      g_assert_cmpfloat (values[0], >=, 0);
    }
}

static void
test_start_times (void)
{
  const struct { const char *text; int minutes; } good[] = {
    { "Mon 08:00", 480 }, { "mon 00:00", 0 }, { "Sunday 23:59", 6 * 1440 + 1439 }, { "  Fri\t17:30 ", 4 * 1440 + 1050 },
  };
  const char *bad[] = { "", "Mon", "Mon 8:00", "Mon 24:00", "Mon 08:60", "Funday 08:00", "Mon 08:00 extra", "08:00 Mon",
                        "Mon 08:00x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      int minutes = -1;

      g_assert_true (opm_sim_parse_start (good[i].text, &minutes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minutes, ==, good[i].minutes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      int minutes = -1;

      g_assert_false (opm_sim_parse_start (bad[i], &minutes, &error));
      g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
      g_assert_nonnull (strstr (error->message, "Mon 08:00"));
    }

  {
    g_autofree char *a = opm_sim_format_start (480);
    g_autofree char *b = opm_sim_format_start (10080 + 6 * 1440 + 1439.5);

    g_assert_cmpstr (a, ==, "Mon 08:00");
    g_assert_cmpstr (b, ==, "Sun 23:59");
  }
}

static void
test_names (void)
{
  g_assert_cmpint (opm_dora_band_for (59.9), ==, OPM_DORA_BAND_ELITE);
  g_assert_cmpint (opm_dora_band_for (60), ==, OPM_DORA_BAND_HIGH);
  g_assert_cmpint (opm_dora_band_for (1439), ==, OPM_DORA_BAND_HIGH);
  g_assert_cmpint (opm_dora_band_for (1440), ==, OPM_DORA_BAND_MEDIUM);
  g_assert_cmpint (opm_dora_band_for (10080), ==, OPM_DORA_BAND_LOW);
  g_assert_cmpstr (opm_dora_band_get_nick (OPM_DORA_BAND_ELITE), ==, "elite");

  for (guint i = 0; i < OPM_SIM_N_STAGES; i++)
    {
      g_assert_nonnull (opm_sim_stage_get_nick (i));
      g_assert_nonnull (opm_sim_stage_get_label (i));
    }
  g_assert_cmpstr (opm_sim_stage_get_nick (OPM_SIM_STAGE_ESCALATE), ==, "escalate");

  {
    const struct { const char *currency; double amount; const char *text; } money[] = {
      { "$", 1500000, "$ 1,500,000" }, { "EUR", -2300.4, "−EUR 2,300" }, { "$", 999.5, "$ 1,000" },
      { "", 12345, "12,345" }, { "$", -0.2, "$ 0" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (money); i++)
      {
        g_autofree char *text = opm_sim_format_money (money[i].currency, money[i].amount);

        g_assert_cmpstr (text, ==, money[i].text);
      }
  }

  /* The new parameters are assumptions with defaults, like the others. */
  g_assert_true (opm_parameters_is_assumption (OPM_PARAM_CONTRACT_RESPONSE_SHARE));
  g_assert_true (opm_parameters_is_assumption (OPM_PARAM_BACKLOG_MEDIAN));
  g_assert_cmpfloat (opm_parameters_get_default (OPM_PARAM_BACKLOG_MEDIAN), ==, 2880);
}

/* }}} */
/* {{{ Mechanisms */

/* Detect 2 + own rota 3 + diagnose 20 + rollback 15 + verify 5. */
static void
test_baseline (void)
{
  g_autoptr(OpmDocument) document =
    load_model (NULL, YBIYRI ("own-rota", "standby-callout", "99.0", FULL_TELEMETRY));
  g_autoptr(OpmSimResult) weekday = simulate_at (document, "svc", "Mon 10:00", 8);
  g_autoptr(OpmSimResult) weekend = simulate_at (document, "svc", "Sat 10:00", 8);

  g_assert_cmpfloat (weekday->time_to_restore.p50, ==, 45);
  g_assert_cmpfloat (weekday->time_to_restore.mean, ==, 45);
  g_assert_cmpfloat (weekday->handoffs.mean, ==, 0);
  g_assert_cmpfloat (weekday->loss.p50, ==, 45.0 / 60 * 100000);
  g_assert_cmpfloat (weekday->callouts_per_incident, ==, 0);
  g_assert_cmpint (weekday->dora_band, ==, OPM_DORA_BAND_ELITE);
  g_assert_cmpfloat (weekday->stages[OPM_SIM_STAGE_DETECT].waiting, ==, 2);
  g_assert_cmpfloat (weekday->stages[OPM_SIM_STAGE_ACKNOWLEDGE].waiting, ==, 3);
  g_assert_cmpfloat (weekday->stages[OPM_SIM_STAGE_DIAGNOSE].working, ==, 20);
  g_assert_cmpfloat (weekday->stages[OPM_SIM_STAGE_FIX].working, ==, 15);
  g_assert_cmpfloat (weekday->stages[OPM_SIM_STAGE_VERIFY].working, ==, 5);
  g_assert_cmpint (g_array_index (weekday->per_run, OpmSimRun, 0).priority, ==, 2);

  /* Out of hours the paid rota answers as fast, for a callout. */
  g_assert_cmpfloat (weekend->time_to_restore.p50, ==, 45);
  g_assert_cmpfloat (weekend->callouts_per_incident, ==, 1);
  g_assert_cmpfloat (weekend->standby_cost_per_year, ==, 4 * 300 * 365.0 / 7);
  g_assert_cmpfloat (weekend->callout_cost_per_year, ==, 1 * 4 * 150);
}

static void
test_out_of_hours (void)
{
  /* No cover and a 95.0 % target: the incident waits for Monday 09:00. */
  {
    g_autoptr(OpmDocument) document = load_model (NULL, YBIYRI ("none", "none", "95.0", FULL_TELEMETRY));

    g_assert_cmpfloat (restore_minutes (document, "svc", "Mon 10:00", NULL), ==, 45);
    g_assert_cmpfloat (restore_minutes (document, "svc", "Sat 10:00", NULL), ==, 47 * 60 + 43);
    g_assert_cmpfloat (restore_minutes (document, "svc", "Mon 08:00", NULL), ==, 60 + 43);
  }

  /* A 99.0 % target needs cover: the L3 team answers on best efforts
   * (median 60), or, when nobody answers, in the morning. */
  {
    g_autoptr(OpmDocument) document = load_model (NULL, YBIYRI ("none", "none", "99.0", FULL_TELEMETRY));
    g_autoptr(OpmDocument) silent =
      load_model (" best-efforts-no-answer-probability=\"1\"", YBIYRI ("none", "none", "99.0", FULL_TELEMETRY));

    g_assert_cmpfloat (restore_minutes (document, "svc", "Sat 10:00", NULL), ==, 2 + 60 + 40);
    g_assert_cmpfloat (restore_minutes (silent, "svc", "Sat 10:00", NULL), ==, 47 * 60 + 43);
  }

  /* A rota without pay is no cover either. */
  {
    g_autoptr(OpmDocument) document = load_model (NULL, YBIYRI ("own-rota", "none", "95.0", FULL_TELEMETRY));

    g_assert_cmpfloat (restore_minutes (document, "svc", "Sat 10:00", NULL), ==, 47 * 60 + 43);
  }
}

/* Bridge (outsourced) → Dev: detect 2, acknowledge (the contract), triage
 * 15, handoff 15, diagnose 20, rollback 15, verify by operations 10. */
static void
test_uncovered_priority (void)
{
  g_autoptr(OpmDocument) covered =
    load_model (NULL, BRIDGE ("sourcing=\"outsourced\"",
                              "<contract priorities=\"p1 p2\" response-p2=\"60\" hours=\"24x7\"/>",
                              ALL_RIGHTS));
  g_autoptr(OpmDocument) uncovered =
    load_model (NULL, BRIDGE ("sourcing=\"outsourced\"",
                              "<contract priorities=\"p1\" response-p2=\"60\" hours=\"24x7\"/>",
                              ALL_RIGHTS));
  guint handoffs = 0;

  g_assert_cmpfloat (restore_minutes (covered, "svc", "Mon 10:00", &handoffs), ==, 2 + 60 + 15 + 15 + 20 + 15 + 10);
  g_assert_cmpuint (handoffs, ==, 1);
  /* A P2 the contract does not pay for waits on the backlog (median 2 days). */
  g_assert_cmpfloat (restore_minutes (uncovered, "svc", "Mon 10:00", NULL), ==, 2 + 2880 + 15 + 15 + 20 + 15 + 10);

  /* With a contract for working hours only, a Saturday incident waits for
   * Monday: the bridge is staffed around the clock but the contract says
   * when it answers. */
  {
    g_autoptr(OpmDocument) weekdays =
      load_model (NULL, BRIDGE ("sourcing=\"outsourced\"",
                                "<contract priorities=\"p1 p2\" response-p2=\"60\"/>", ALL_RIGHTS));

    g_assert_cmpfloat (restore_minutes (weekdays, "svc", "Sat 10:00", NULL), ==, 47 * 60 + 60 + 15 + 15 + 20 + 15 + 10);
  }
}

/* Every incident at a priority chosen for the run, not by the loss at stake. */
static void
test_priority_override (void)
{
  g_autoptr(OpmDocument) document =
    load_model (NULL, BRIDGE ("sourcing=\"outsourced\"",
                              "<contract priorities=\"p1 p2\" response-p2=\"60\" hours=\"24x7\"/>",
                              ALL_RIGHTS));
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  OpmSimOptions options;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, 1, 2026);
  for (guint priority = 0; priority <= 4; priority++)
    {
      g_autoptr(OpmSimulation) simulation = NULL;
      g_autoptr(OpmSimResult) result = NULL;
      g_autoptr(OpmSimTrace) trace = NULL;
      g_autoptr(GError) error = NULL;
      const OpmSimRun *run;

      opm_sim_options_init (&options);
      g_assert_cmpuint (options.priority, ==, 0);
      options.runs = 4;
      options.threads = 1;
      options.today = &today;
      options.priority = priority;
      options.service = service_of (document, "svc");
      g_assert_true (opm_sim_parse_start ("Mon 10:00", &options.start, NULL));
      simulation = opm_simulation_new (scenario, opm_document_get_parameters (document), &options, &error);
      g_assert_no_error (error);
      result = opm_simulation_run (simulation, NULL, &error);
      g_assert_no_error (error);
      run = &g_array_index (result->per_run, OpmSimRun, 0);

      /* 0: P2 by its exposure, as without the option; P3 and P4 are not
       * in the contract and wait on the backlog. */
      g_assert_cmpuint (run->priority, ==, priority == 0 ? 2 : priority);
      if (priority <= 2)
        g_assert_cmpfloat (run->time_to_restore, ==, 2 + (priority == 1 ? 15 : 60) + 15 + 15 + 20 + 15 + 10);
      else
        g_assert_cmpfloat (run->time_to_restore, ==, 2 + 2880 + 15 + 15 + 20 + 15 + 10);

      trace = opm_simulation_trace (simulation, 0);
      g_assert_cmpuint (trace->priority, ==, run->priority);
      g_assert_cmpfloat (trace->time_to_restore, ==, run->time_to_restore);
    }

  {
    g_autoptr(OpmSimulation) simulation = NULL;
    g_autoptr(GError) error = NULL;

    opm_sim_options_init (&options);
    options.priority = 5;
    simulation = opm_simulation_new (scenario, NULL, &options, &error);
    g_assert_null (simulation);
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
  }
}

static void
test_bounce_back (void)
{
  g_autoptr(OpmDocument) plain = load_model (NULL, BRIDGE ("", "", ALL_RIGHTS));
  g_autoptr(OpmDocument) bouncing = load_model (" bounce-back-probability=\"1\"", BRIDGE ("", "", ALL_RIGHTS));
  guint plain_handoffs = 0, bouncing_handoffs = 0;
  double base = restore_minutes (plain, "svc", "Mon 10:00", &plain_handoffs);
  double bounced = restore_minutes (bouncing, "svc", "Mon 10:00", &bouncing_handoffs);

  /* In-house: acknowledge 10 (bridge), handoff 15. */
  g_assert_cmpfloat (base, ==, 2 + 10 + 15 + 15 + 20 + 15 + 10);
  g_assert_cmpuint (plain_handoffs, ==, 1);
  g_assert_cmpuint (bouncing_handoffs, >, plain_handoffs);
  g_assert_cmpfloat (bounced - base, ==, (bouncing_handoffs - plain_handoffs) * 15.0);
}


/* An in-house operations bridge that operates the services of eight
 * delivery teams, two more than it can absorb (bottleneck-teams, 6): its
 * queue is 8/6 as long.  Dev: detect 2, acknowledge 10 × load, triage 15,
 * handoff 15, diagnose 20, rollback 15, verify by operations 10. */
static char *
busy_bridge (guint n_delivery)
{
  GString *xml = g_string_new ("<team id=\"ops\" name=\"Bridge\" kind=\"ops-bridge\" out-of-hours=\"shift-24x7\" "
                               "rota-size=\"8\" on-call-pay=\"standby\" rights=\"alerts telemetry-read\"/>\n");

  for (guint i = 1; i <= n_delivery; i++)
    {
      g_string_append_printf (xml,
                              "<team id=\"dev%u\" name=\"Dev %u\" out-of-hours=\"own-rota\" rota-size=\"4\" "
                              "on-call-pay=\"standby-callout\" rights=\"" ALL_RIGHTS "\"/>\n"
                              "<service id=\"svc%u\" name=\"Shop %u\" exposure-per-hour=\"100000\" "
                              "telemetry=\"" FULL_TELEMETRY "\"/>\n"
                              "<responsibility id=\"b%u\" team=\"dev%u\" service=\"svc%u\" activity=\"build\"/>\n"
                              "<responsibility id=\"d%u\" team=\"dev%u\" service=\"svc%u\" activity=\"deploy\"/>\n"
                              "<responsibility id=\"o%u\" team=\"ops\" service=\"svc%u\" activity=\"operate-l1\"/>\n"
                              "<responsibility id=\"l%u\" team=\"dev%u\" service=\"svc%u\" activity=\"support-l3\"/>\n",
                              i, i, i, i, i, i, i, i, i, i, i, i, i, i, i);
    }

  return g_string_free (xml, FALSE);
}

static void
test_busy_operations (void)
{
  g_autofree char *six = busy_bridge (6);
  g_autofree char *eight = busy_bridge (8);
  g_autoptr(OpmDocument) within = load_model (NULL, six);
  g_autoptr(OpmDocument) over = load_model (NULL, eight);
  g_autoptr(OpmDocument) wider = load_model (" bottleneck-teams=\"8\"", eight);
  double base = 2 + 10 + 15 + 15 + 20 + 15 + 10;

  g_assert_cmpfloat (restore_minutes (within, "svc1", "Mon 10:00", NULL), ==, base);
  g_assert_cmpfloat_with_epsilon (restore_minutes (over, "svc1", "Mon 10:00", NULL), base + 10 * (8.0 / 6 - 1), 1e-9);
  g_assert_cmpfloat (restore_minutes (wider, "svc1", "Mon 10:00", NULL), ==, base);

  /* the replayed incident says why it waits */
  {
    g_autoptr(OpmSimulation) simulation = NULL;
    g_autoptr(OpmSimTrace) trace = NULL;
    OpmSimOptions options;
    gboolean said = FALSE;

    opm_sim_options_init (&options);
    options.runs = 1;
    options.service = service_of (over, "svc1");
    g_assert_true (opm_sim_parse_start ("Mon 10:00", &options.start, NULL));
    simulation = opm_simulation_new (opm_document_get_scenario (over, 0), opm_document_get_parameters (over),
                                     &options, NULL);
    g_assert_nonnull (simulation);
    trace = opm_simulation_trace (simulation, 0);
    for (guint i = 0; i < trace->steps->len; i++)
      {
        const OpmSimStep *step = &g_array_index (trace->steps, OpmSimStep, i);

        if (step->stage == OPM_SIM_STAGE_ACKNOWLEDGE && strstr (step->why, "8 delivery teams") != NULL)
          said = TRUE;
      }
    g_assert_true (said);
  }
}

static void
test_rights_gap (void)
{
  g_autoptr(OpmDocument) full = load_model (NULL, BRIDGE ("", "", ALL_RIGHTS));
  g_autoptr(OpmDocument) no_telemetry = load_model (NULL, BRIDGE ("", "", "code config deploy"));
  g_autoptr(OpmDocument) no_config = load_model (NULL, BRIDGE ("", "", "code telemetry-read"));
  g_autoptr(OpmDocument) no_code =
    load_model (" code-fix-probability=\"1\"", BRIDGE ("", "", "config deploy telemetry-read"));
  g_autoptr(OpmDocument) code =
    load_model (" code-fix-probability=\"1\"", BRIDGE ("", "", ALL_RIGHTS));
  double base = restore_minutes (full, "svc", "Mon 10:00", NULL);
  guint handoffs = 0;

  /* Each missing right costs one more handoff. */
  g_assert_cmpfloat (restore_minutes (no_telemetry, "svc", "Mon 10:00", &handoffs), ==, base + 15);
  g_assert_cmpuint (handoffs, ==, 2);
  g_assert_cmpfloat (restore_minutes (no_config, "svc", "Mon 10:00", &handoffs), ==, base + 15);
  g_assert_cmpuint (handoffs, ==, 2);

  /* A code fix (60) instead of a rollback (15), released through the team's
   * own pipeline (15). */
  g_assert_cmpfloat (restore_minutes (code, "svc", "Mon 10:00", NULL), ==, base - 15 + 60 + 15);
  g_assert_cmpfloat (restore_minutes (no_code, "svc", "Mon 10:00", &handoffs), ==, base - 15 + 60 + 15 + 15);
  g_assert_cmpuint (handoffs, ==, 2);
}

/* A project team that has ended is found the working day after next. */
static void
test_ended_team (void)
{
  g_autoptr(OpmDocument) document =
    load_model (" code-fix-probability=\"1\"",
                "<team id=\"ops\" name=\"Bridge\" kind=\"ops-bridge\" out-of-hours=\"shift-24x7\" "
                "rights=\"telemetry-read\"/>\n"
                "<team id=\"dev\" name=\"Dev\" kind=\"project-delivery\" lifecycle=\"project\" end-date=\"2025-06-30\" "
                "rights=\"" ALL_RIGHTS "\"/>\n"
                "<service id=\"svc\" name=\"Shop\" exposure-per-hour=\"100000\" telemetry=\"" FULL_TELEMETRY "\"/>\n"
                "<responsibility id=\"r1\" team=\"dev\" service=\"svc\" activity=\"build\"/>\n"
                "<responsibility id=\"r2\" team=\"dev\" service=\"svc\" activity=\"deploy\"/>\n"
                "<responsibility id=\"r3\" team=\"ops\" service=\"svc\" activity=\"operate-l1\"/>\n"
                "<responsibility id=\"r4\" team=\"dev\" service=\"svc\" activity=\"support-l3\"/>\n");

  /* Monday 10:27 after triage; found Wednesday 09:00; then handoff 15,
   * diagnose 20, code fix 60, pipeline 15, verify 10: Wednesday 11:00. */
  g_assert_cmpfloat (restore_minutes (document, "svc", "Mon 10:00", NULL), ==, 49 * 60);
}

/* Checkout ($300K/h) depends on Content ($10K/h); an incident in Content. */
static OpmDocument *
load_dependants (const char *dependency_attributes,
                 const char *content_telemetry)
{
  g_autofree char *scenario =
    g_strdup_printf (YBIYRI ("own-rota", "standby", "99.0", FULL_TELEMETRY)
                     "<team id=\"c\" name=\"Content Team\" out-of-hours=\"own-rota\" rota-size=\"4\" "
                     "on-call-pay=\"standby\" rights=\"" ALL_RIGHTS "\"/>\n"
                     "<service id=\"content\" name=\"Content\" exposure-per-hour=\"10000\" telemetry=\"%s\"/>\n"
                     "<service id=\"checkout\" name=\"Checkout\" exposure-per-hour=\"300000\" "
                     "availability-target=\"99.9\" "
                     "telemetry=\"" FULL_TELEMETRY "\"/>\n"
                     "<responsibility id=\"c1\" team=\"c\" service=\"content\" activity=\"build\"/>\n"
                     "<responsibility id=\"c2\" team=\"c\" service=\"content\" activity=\"operate-l1\"/>\n"
                     "<dependency id=\"d1\" from=\"checkout\" to=\"content\" %s/>\n"
                     "<dependency id=\"d2\" from=\"svc\" to=\"checkout\"/>\n",
                     content_telemetry, dependency_attributes);

  return load_model (NULL, scenario);
}

static const OpmSimServiceResult *
service_result (const OpmSimResult *result,
                const char         *id)
{
  for (guint i = 0; i < result->services->len; i++)
    {
      const OpmSimServiceResult *entry = &g_array_index (result->services, OpmSimServiceResult, i);

      if (g_str_equal (opm_element_get_id (OPM_ELEMENT (entry->service)), id))
        return entry;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_propagation (void)
{
  /* Synchronous and unsoftened: Checkout and, through it, Shop go down. */
  {
    g_autoptr(OpmDocument) document = load_dependants ("", FULL_TELEMETRY);
    g_autoptr(OpmSimResult) result = simulate_at (document, "content", "Mon 10:00", 4);
    const OpmSimServiceResult *checkout = service_result (result, "checkout");
    double hours = 45.0 / 60;

    g_assert_cmpfloat (result->time_to_restore.p50, ==, 45);
    g_assert_cmpfloat (result->loss.p50, ==, hours * (10000 + 300000 + 100000));
    g_assert_cmpint (g_array_index (result->per_run, OpmSimRun, 0).priority, ==, 1);
    g_assert_cmpfloat (result->incidents_per_year, ==, 4);
    g_assert_cmpfloat (result->loss_per_year, ==, 4 * hours * 410000);
    g_assert_cmpfloat (checkout->incidents_per_year, ==, 4);
    g_assert_cmpfloat (checkout->loss_per_year, ==, 4 * hours * 300000);
    g_assert_cmpfloat (checkout->flpe, ==,
                       opm_selector_flpe (300000, OPM_AVAILABILITY_99_9, 4 * hours * 300000, 365.0 / 7));

    /* A replay names what goes down with it: Content first, then Checkout
     * and Shop, all down. */
    {
      g_autoptr(OpmSimulation) simulation = NULL;
      g_autoptr(OpmSimTrace) trace = NULL;
      g_autoptr(OpmSimTrace) copy = NULL;
      OpmSimOptions options;
      const char *ids[] = { "content", "checkout", "svc" };

      opm_sim_options_init (&options);
      options.runs = 1;
      options.service = service_of (document, "content");
      simulation = opm_simulation_new (opm_document_get_scenario (document, 0), NULL, &options, NULL);
      trace = opm_simulation_trace (simulation, 0);
      copy = opm_sim_trace_copy (trace);
      g_assert_cmpuint (trace->affected->len, ==, 3);
      g_assert_cmpuint (copy->affected->len, ==, 3);
      for (guint i = 0; i < 3; i++)
        {
          const OpmSimAffected *entry = &g_array_index (trace->affected, OpmSimAffected, i);

          g_assert_cmpstr (opm_element_get_id (OPM_ELEMENT (entry->service)), ==, ids[i]);
          g_assert_cmpfloat (entry->impact, ==, 1.0);
          g_assert_true (g_array_index (copy->affected, OpmSimAffected, i).service == entry->service);
        }
    }
  }

  /* Asynchronous: nothing else goes down. */
  {
    g_autoptr(OpmDocument) document = load_dependants ("mode=\"asynchronous\"", FULL_TELEMETRY);
    g_autoptr(OpmSimResult) result = simulate_at (document, "content", "Mon 10:00", 4);

    g_assert_cmpfloat (result->loss.p50, ==, 45.0 / 60 * 10000);
    g_assert_cmpint (g_array_index (result->per_run, OpmSimRun, 0).priority, ==, 2);
    g_assert_cmpfloat (service_result (result, "checkout")->loss_per_year, ==, 0);
  }

  /* A missing health check: the alert comes from Checkout, and tracing the
   * symptom back takes another diagnosis (20). */
  {
    g_autoptr(OpmDocument) document = load_dependants ("", "alerting logs dashboards");

    g_assert_cmpfloat (restore_minutes (document, "content", "Mon 10:00", NULL), ==, 45 + 20);
  }

  /* No alerting and nothing to raise one: customers report it (30). */
  {
    g_autoptr(OpmDocument) document = load_dependants ("mode=\"asynchronous\"", "logs dashboards");

    g_assert_cmpfloat (restore_minutes (document, "content", "Mon 10:00", NULL), ==, 45 - 2 + 30);
  }
}

static void
test_softened (void)
{
  g_autoptr(OpmDocument) document = load_dependants ("softening=\"cache\"", FULL_TELEMETRY);
  g_autoptr(OpmSimResult) result = simulate_at (document, "content", "Mon 10:00", 4);

  /* Checkout loses 0.3 of its exposure, and so does Shop through it. */
  g_assert_cmpfloat_with_epsilon (result->loss.p50, 45.0 / 60 * (10000 + 0.3 * 300000 + 0.3 * 100000), 1e-6);
  g_assert_cmpint (g_array_index (result->per_run, OpmSimRun, 0).priority, ==, 2);
  g_assert_cmpfloat_with_epsilon (service_result (result, "checkout")->loss_per_year, 4 * 0.75 * 0.3 * 300000, 1e-6);
}

static void
test_release_window (void)
{
  const char *scenario =
    "<team id=\"ops\" name=\"Bridge\" kind=\"ops-bridge\" out-of-hours=\"shift-24x7\" rights=\"telemetry-read\"/>\n"
    "<team id=\"sup\" name=\"Support\" kind=\"app-support\" out-of-hours=\"shared-rota\" rota-size=\"4\" "
    "on-call-pay=\"standby\" rights=\"config deploy telemetry-read\"/>\n"
    "<team id=\"dev\" name=\"Dev\" rights=\"code telemetry-read\"/>\n"
    "<service id=\"svc\" name=\"Shop\" exposure-per-hour=\"100000\" telemetry=\"" FULL_TELEMETRY "\" "
    "release-window=\"overnight\" change-approval=\"normal\"/>\n"
    "<responsibility id=\"r1\" team=\"dev\" service=\"svc\" activity=\"build\"/>\n"
    "<responsibility id=\"r2\" team=\"sup\" service=\"svc\" activity=\"deploy\"/>\n"
    "<responsibility id=\"r3\" team=\"ops\" service=\"svc\" activity=\"operate-l1\"/>\n"
    "<responsibility id=\"r4\" team=\"sup\" service=\"svc\" activity=\"support-l2\"/>\n"
    "<responsibility id=\"r5\" team=\"dev\" service=\"svc\" activity=\"support-l3\"/>\n";
  g_autoptr(OpmDocument) rollback = load_model (NULL, scenario);
  g_autoptr(OpmDocument) code = load_model (" code-fix-probability=\"1\"", scenario);
  guint handoffs = 0;

  /* Support rolls back, as an emergency change (60):
   * 2 + 10 + 15 + 15 + 40 + 60 + 15 + 10. */
  g_assert_cmpfloat (restore_minutes (rollback, "svc", "Mon 10:00", &handoffs), ==, 167);
  g_assert_cmpuint (handoffs, ==, 1);

  /* A code fix goes on to Dev (handoff 15, diagnose 20, fix 60) and back to
   * Support (15) to release after approval (60); a P2 waits for the
   * overnight window at 22:00, then deploys (15) and operations verify (10). */
  g_assert_cmpfloat (restore_minutes (code, "svc", "Mon 10:00", &handoffs), ==, 12 * 60 + 15 + 10);
  g_assert_cmpuint (handoffs, ==, 3);
}

static void
test_trace (void)
{
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("OPM_EXAMPLES_DIR"), "telco.opmodel", NULL);
  g_autoptr(OpmSimulation) simulation = NULL;
  g_autoptr(OpmSimResult) result = NULL;
  OpmSimOptions options;

  document = opm_document_load (path, &error);
  g_assert_no_error (error);
  opm_sim_options_init (&options);
  options.runs = 200;
  simulation = opm_simulation_new (opm_document_get_scenario (document, 0), opm_document_get_parameters (document),
                                   &options, &error);
  g_assert_no_error (error);
  result = opm_simulation_run (simulation, NULL, &error);
  g_assert_no_error (error);

  /* A median incident, a bad one and the worst. */
  {
    guint median = opm_sim_result_typical_run (result, 0.5);
    guint bad = opm_sim_result_typical_run (result, 0.9);
    guint worst = opm_sim_result_typical_run (result, 1.0);
    guint shorter = 0;

    for (guint i = 0; i < result->per_run->len; i++)
      if (g_array_index (result->per_run, OpmSimRun, i).time_to_restore <
          g_array_index (result->per_run, OpmSimRun, median).time_to_restore)
        shorter++;
    g_assert_cmpuint (shorter, ==, 100);
    g_assert_cmpfloat (g_array_index (result->per_run, OpmSimRun, bad).time_to_restore, <=,
                       g_array_index (result->per_run, OpmSimRun, worst).time_to_restore);
    for (guint i = 0; i < result->per_run->len; i++)
      g_assert_cmpfloat (g_array_index (result->per_run, OpmSimRun, i).time_to_restore, <=,
                         g_array_index (result->per_run, OpmSimRun, worst).time_to_restore);
  }

  for (guint run = 0; run < 200; run += 7)
    {
      g_autoptr(OpmSimTrace) trace = opm_simulation_trace (simulation, run);
      g_autoptr(OpmSimTrace) copy = opm_sim_trace_copy (trace);
      const OpmSimRun *outcome = &g_array_index (result->per_run, OpmSimRun, run);
      double t = trace->start, total = 0;

      /* The replay is that run, step after step. */
      g_assert_cmpfloat (trace->time_to_restore, ==, outcome->time_to_restore);
      g_assert_cmpuint (trace->handoffs, ==, outcome->handoffs);
      g_assert_cmpfloat (trace->loss, ==, outcome->loss);
      g_assert_cmpuint (trace->steps->len, >, 3);
      for (guint i = 0; i < trace->steps->len; i++)
        {
          const OpmSimStep *step = &g_array_index (trace->steps, OpmSimStep, i);

          g_assert_cmpfloat_with_epsilon (step->time, t, 1e-6);
          g_assert_cmpfloat (step->duration, >=, 0);
          g_assert_nonnull (step->why);
          g_assert_cmpstr (step->why, !=, "");
          t += step->duration;
          total += step->duration;
        }
      g_assert_cmpfloat_with_epsilon (total, trace->time_to_restore, 1e-6);
      g_assert_cmpuint (copy->steps->len, ==, trace->steps->len);
      g_assert_cmpstr (g_array_index (copy->steps, OpmSimStep, 0).why, ==,
                       g_array_index (trace->steps, OpmSimStep, 0).why);
    }
}

static void
test_errors (void)
{
  g_autoptr(OpmDocument) empty = opm_document_new ();
  g_autoptr(OpmDocument) other = load_model (NULL, YBIYRI ("none", "none", "95.0", FULL_TELEMETRY));
  g_autoptr(OpmDocument) document = load_model (NULL, YBIYRI ("none", "none", "95.0", FULL_TELEMETRY));
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  OpmSimOptions options;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OpmSimulation) simulation =
      opm_simulation_new (opm_document_get_scenario (empty, 0), NULL, NULL, &error);

    g_assert_null (simulation);
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
    g_assert_nonnull (strstr (error->message, "no services"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OpmSimulation) simulation = NULL;

    opm_sim_options_init (&options);
    options.service = service_of (other, "svc");
    simulation = opm_simulation_new (scenario, NULL, &options, &error);
    g_assert_null (simulation);
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OpmSimulation) simulation = NULL;

    opm_sim_options_init (&options);
    options.start = 10080;
    simulation = opm_simulation_new (scenario, NULL, &options, &error);
    g_assert_null (simulation);
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
  }
  /* A synchronous chain of 4,500 services: failures would reach over ten
   * million services in all. Refused, not ground through. */
  {
    g_autoptr(GString) chain = g_string_new (NULL);
    g_autoptr(OpmDocument) hostile = NULL;
    g_autoptr(OpmSimulation) simulation = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < 4500; i++)
      g_string_append_printf (chain, "<service id=\"s%u\" name=\"S%u\"/>\n", i, i);
    for (guint i = 1; i < 4500; i++)
      g_string_append_printf (chain, "<dependency id=\"d%u\" from=\"s%u\" to=\"s%u\"/>\n", i, i, i - 1);
    hostile = load_model (NULL, chain->str);
    simulation = opm_simulation_new (opm_document_get_scenario (hostile, 0), NULL, NULL, &error);
    g_assert_null (simulation);
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
    g_assert_nonnull (strstr (error->message, "too deep"));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(OpmSimulation) simulation = NULL;

    opm_sim_options_init (&options);
    options.runs = 10000001;
    simulation = opm_simulation_new (scenario, NULL, &options, &error);
    g_assert_null (simulation);
    g_assert_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE);
  }
}

/* }}} */
/* {{{ Determinism, progress and cancel */

static void
test_threads (void)
{
  g_autoptr(OpmDocument) document = opm_generate_organisation (20, 200, 3);
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(OpmSimResult) reference = NULL;
  const guint threads[] = { 1, 2, 3, 8 };

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(OpmSimulation) simulation = NULL;
      g_autoptr(OpmSimResult) result = NULL;
      g_autoptr(GError) error = NULL;
      OpmSimOptions options;

      opm_sim_options_init (&options);
      options.runs = 20000;
      options.threads = threads[i];
      options.has_seed = TRUE;
      options.seed = 99;
      simulation = opm_simulation_new (scenario, NULL, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (opm_simulation_get_threads (simulation), ==, threads[i]);
      result = opm_simulation_run (simulation, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (opm_simulation_get_progress (simulation), ==, 1.0);

      if (reference == NULL)
        {
          reference = g_steal_pointer (&result);
          continue;
        }

      g_assert_cmpmem (result->per_run->data, result->per_run->len * sizeof (OpmSimRun),
                       reference->per_run->data, reference->per_run->len * sizeof (OpmSimRun));
      g_assert_cmpmem (&result->time_to_restore, sizeof (OpmSimSummary), &reference->time_to_restore,
                       sizeof (OpmSimSummary));
      g_assert_cmpmem (result->stages, sizeof result->stages, reference->stages, sizeof reference->stages);
      g_assert_cmpfloat (result->loss_per_year, ==, reference->loss_per_year);
      for (guint s = 0; s < result->services->len; s++)
        g_assert_cmpfloat (g_array_index (result->services, OpmSimServiceResult, s).loss_per_year, ==,
                           g_array_index (reference->services, OpmSimServiceResult, s).loss_per_year);
    }

  /* Another seed, another outcome. */
  {
    g_autoptr(OpmSimulation) simulation = NULL;
    g_autoptr(OpmSimResult) result = NULL;
    OpmSimOptions options;

    opm_sim_options_init (&options);
    options.runs = 20000;
    options.has_seed = TRUE;
    options.seed = 100;
    simulation = opm_simulation_new (scenario, NULL, &options, NULL);
    result = opm_simulation_run (simulation, NULL, NULL);
    g_assert_cmpfloat (result->time_to_restore.mean, !=, reference->time_to_restore.mean);
  }
}

typedef struct
{
  GMainLoop    *loop;
  OpmSimResult *result;
  GError       *error;
  gint64        finished;
} Async;

static void
run_done (GObject      *source,
          GAsyncResult *res,
          gpointer      data)
{
  Async *async = data;

  async->result = opm_simulation_run_finish (OPM_SIMULATION (source), res, &async->error);
  async->finished = g_get_monotonic_time ();
  g_main_loop_quit (async->loop);
}

static gboolean
cancel_when_started (gpointer data)
{
  gpointer *pair = data;
  OpmSimulation *simulation = pair[0];
  GCancellable *cancellable = pair[1];
  gint64 *cancelled_at = pair[2];
  double progress = opm_simulation_get_progress (simulation);

  g_assert_cmpfloat (progress, >=, 0);
  g_assert_cmpfloat (progress, <=, 1);
  if (progress < 0.01)
    return G_SOURCE_CONTINUE;

  *cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(OpmDocument) document = opm_generate_organisation (60, 1000, 5);
  g_autoptr(OpmSimulation) simulation = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Async async = { loop, NULL, NULL, 0 };
  gint64 cancelled_at = 0;
  gpointer pair[] = { NULL, cancellable, &cancelled_at };
  OpmSimOptions options;

  opm_sim_options_init (&options);
  options.runs = 10000000;
  options.threads = 2;
  simulation = opm_simulation_new (opm_document_get_scenario (document, 0), NULL, &options, NULL);
  pair[0] = simulation;

  opm_simulation_run_async (simulation, cancellable, run_done, &async);
  g_timeout_add (5, cancel_when_started, pair);
  g_main_loop_run (loop);

  g_assert_null (async.result);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (cancelled_at, >, 0);
  g_test_message ("cancelled after %.1f ms", (async.finished - cancelled_at) / 1000.0);
  /* DESIGN asks for 200 ms; allow for a loaded test machine. */
  g_assert_cmpint (async.finished - cancelled_at, <, G_USEC_PER_SEC);
  g_assert_cmpfloat (opm_simulation_get_progress (simulation), <, 1);
  g_clear_error (&async.error);

  /* The same simulation runs again to the end. */
  {
    g_autoptr(OpmDocument) small = load_model (NULL, YBIYRI ("own-rota", "standby", "99.0", FULL_TELEMETRY));
    g_autoptr(OpmSimulation) again = opm_simulation_new (opm_document_get_scenario (small, 0), NULL, NULL, NULL);

    async.error = NULL;
    opm_simulation_run_async (again, NULL, run_done, &async);
    g_main_loop_run (loop);
    g_assert_no_error (async.error);
    g_assert_nonnull (async.result);
    g_assert_cmpuint (async.result->runs, ==, 10000);
    g_clear_pointer (&async.result, opm_sim_result_unref);
  }
}

/* }}} */
/* {{{ Calibration (DESIGN §5) */

static OpmSimResult *
simulate_example (const char *file,
                  const char *scenario_name,
                  const char *service,
                  const char *start,
                  GDate      *today)
{
  g_autofree char *path = g_build_filename (g_getenv ("OPM_EXAMPLES_DIR"), file, NULL);
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(OpmSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;
  OpmScenario *scenario;
  OpmSimOptions options;
  OpmSimResult *result;

  document = opm_document_load (path, &error);
  g_assert_no_error (error);
  scenario = opm_document_find_scenario (document, scenario_name);
  g_assert_nonnull (scenario);

  opm_sim_options_init (&options);
  options.today = today;
  if (service != NULL)
    {
      options.service = OPM_SERVICE (opm_scenario_lookup (scenario, service));
      g_assert_nonnull (options.service);
    }
  if (start != NULL)
    g_assert_true (opm_sim_parse_start (start, &options.start, NULL));

  simulation = opm_simulation_new (scenario, opm_document_get_parameters (document), &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opm_simulation_get_runs (simulation), ==, 10000);
  result = opm_simulation_run (simulation, NULL, &error);
  g_assert_no_error (error);

  g_test_message ("%s %s: P50 %.0f min, P90 %.0f min, mean %.0f min; loss P50 %.0f", file, scenario_name,
                  result->time_to_restore.p50, result->time_to_restore.p90, result->time_to_restore.mean,
                  result->loss.p50);

  return result;
}

static void
test_calibration (void)
{
  GDate dates[3];

  /* On two dates and today: project teams end as time goes by. */
  g_date_clear (dates, 3);
  g_date_set_dmy (&dates[0], 15, 1, 2026);
  g_date_set_dmy (&dates[1], 1, 1, 2030);

  for (guint d = 0; d < 3; d++)
    {
      GDate *today = d < 2 ? &dates[d] : NULL;
      g_autoptr(OpmSimResult) telco = simulate_example ("telco.opmodel", "As-is", NULL, NULL, today);
      g_autoptr(OpmSimResult) telco_to_be = simulate_example ("telco.opmodel", "To-be", NULL, NULL, today);
      g_autoptr(OpmSimResult) shop =
        simulate_example ("ecommerce.opmodel", "As-is", "svc-content", "Mon 08:00", today);
      g_autoptr(OpmSimResult) shop_to_be = simulate_example ("ecommerce.opmodel", "To-be", NULL, NULL, today);

      g_assert_cmpfloat (telco->time_to_restore.p50, >=, 4.5 * 60);
      g_assert_cmpfloat (telco->time_to_restore.p50, <=, 8 * 60);
      g_assert_cmpfloat (shop->time_to_restore.p50, >=, 3.5 * 60);
      g_assert_cmpfloat (shop->time_to_restore.p50, <=, 6.5 * 60);
      g_assert_cmpfloat (shop->loss.p50, >=, 1.0e6);
      g_assert_cmpfloat (shop->loss.p50, <=, 2.0e6);
      g_assert_cmpfloat (telco_to_be->time_to_restore.p50, <, 60);
      g_assert_cmpfloat (shop_to_be->time_to_restore.p50, <, 60);
      g_assert_cmpint (telco_to_be->dora_band, ==, OPM_DORA_BAND_ELITE);
      g_assert_cmpint (telco->dora_band, ==, OPM_DORA_BAND_HIGH);

      /* The target model restores faster, with fewer handoffs, for less. */
      g_assert_cmpfloat (telco_to_be->handoffs.mean, <, telco->handoffs.mean);
      g_assert_cmpfloat (telco_to_be->loss.mean, <, telco->loss.mean);
    }

  /* Growing to 25 delivery teams under Ops Run It: the same incident waits
   * in the operations teams' queues, at least half an hour longer. */
  {
    g_autoptr(OpmSimResult) shop =
      simulate_example ("ecommerce.opmodel", "As-is", "svc-content", "Mon 08:00", &dates[0]);
    g_autoptr(OpmSimResult) grown =
      simulate_example ("ecommerce.opmodel", "Scale-up", "svc-content", "Mon 08:00", &dates[0]);

    g_assert_cmpfloat (grown->time_to_restore.p50, >, shop->time_to_restore.p50 + 30);
    g_assert_cmpfloat (grown->stages[OPM_SIM_STAGE_ACKNOWLEDGE].waiting, >,
                       shop->stages[OPM_SIM_STAGE_ACKNOWLEDGE].waiting);
  }
}

/* }}} */
/* {{{ The command line */

static char *
example_path (const char *file)
{
  return g_build_filename (g_getenv ("OPM_EXAMPLES_DIR"), file, NULL);
}

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_cli_simulate (void)
{
  g_autofree char *telco = example_path ("telco.opmodel");
  g_autofree char *shop = example_path ("ecommerce.opmodel");

  /* JSON, the same whatever the number of threads. */
  {
    g_auto(Run) one = { 0 };
    g_auto(Run) two = { 0 };
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root, *ttr, *loss;
    JsonArray *stages;

    run_cli (&one, "simulate", telco, "--runs", "3000", "--seed", "7", "--threads", "1", "--format", "json",
             "--today", "2026-01-15", NULL);
    run_cli (&two, "simulate", telco, "--runs", "3000", "--seed", "7", "--threads", "2", "--format", "json",
             "--today", "2026-01-15", NULL);
    g_assert_cmpint (one.status, ==, 0);
    g_assert_cmpint (two.status, ==, 0);
    g_assert_cmpstr (one.out, ==, two.out);

    root = parse_object (one.out, parser);
    g_assert_cmpstr (json_object_get_string_member (root, "scenario"), ==, "As-is");
    g_assert_cmpint (json_object_get_int_member (root, "runs"), ==, 3000);
    g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 7);
    ttr = json_object_get_object_member (root, "time_to_restore_minutes");
    g_assert_cmpfloat (json_object_get_double_member (ttr, "p50"), <=, json_object_get_double_member (ttr, "p90"));
    g_assert_cmpfloat (json_object_get_double_member (ttr, "p90"), <=, json_object_get_double_member (ttr, "p99"));
    g_assert_true (json_object_has_member (ttr, "mean"));
    g_assert_true (json_object_has_member (json_object_get_object_member (root, "handoffs"), "mean"));
    g_assert_true (json_object_has_member (json_object_get_object_member (root, "handoffs"), "p90"));
    loss = json_object_get_object_member (root, "loss");
    g_assert_true (json_object_has_member (loss, "p50"));
    g_assert_true (json_object_has_member (loss, "mean"));
    g_assert_true (json_object_has_member (loss, "per_year"));
    g_assert_cmpstr (json_object_get_string_member (loss, "currency"), ==, "USD");
    stages = json_object_get_array_member (root, "stages");
    g_assert_cmpuint (json_array_get_length (stages), ==, OPM_SIM_N_STAGES);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stages, 0), "name"), ==, "detect");
    g_assert_true (json_object_has_member (json_array_get_object_element (stages, 0), "waiting_minutes_mean"));
    g_assert_true (json_object_has_member (json_array_get_object_element (stages, 0), "working_minutes_mean"));
    g_assert_cmpstr (json_object_get_string_member (root, "dora_band"), ==, "high");
  }

  /* Text, with a replayed run. */
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "simulate", shop, "--runs", "500", "--service", "Content service (CMS)", "--start", "Mon 08:00",
             "--trace", "3", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "As-is: 500 runs, seed 1"));
    g_assert_nonnull (strstr (run.out, "Time to restore: P50"));
    g_assert_nonnull (strstr (run.out, "Run 3: P1 incident in Content service (CMS) at Mon 08:00"));
  }

  /* CSV: a header and one row per run. */
  {
    g_auto(Run) run = { 0 };
    g_auto(GStrv) lines = NULL;

    run_cli (&run, "simulate", shop, "--scenario", "To-be", "--runs", "50", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    lines = g_strsplit (run.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 52); /* and the empty string after the last newline */
    g_assert_cmpstr (lines[0], ==,
                     "run,service,start,priority,time_to_restore_minutes,handoffs,waiting_minutes,working_minutes,"
                     "loss,callouts");
    g_assert_true (g_str_has_prefix (lines[1], "0,svc-"));
  }

  /* A fixed priority: every run has it. */
  {
    g_auto(Run) run = { 0 };
    g_auto(GStrv) lines = NULL;

    run_cli (&run, "simulate", shop, "--runs", "40", "--priority", "P3", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    lines = g_strsplit (run.out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 42);
    for (guint i = 1; i <= 40; i++)
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

        g_assert_cmpstr (fields[3], ==, "P3");
      }
  }
}

static void
test_cli_compare (void)
{
  g_autofree char *shop = example_path ("ecommerce.opmodel");
  g_auto(Run) run = { 0 };
  g_auto(Run) text = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *delta, *from, *to;

  run_cli (&run, "compare", shop, "--from", "As-is", "--to", "To-be", "--runs", "2000", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (run.out, parser);
  from = json_object_get_object_member (root, "from");
  to = json_object_get_object_member (root, "to");
  delta = json_object_get_object_member (root, "delta");
  g_assert_cmpstr (json_object_get_string_member (from, "scenario"), ==, "As-is");
  g_assert_cmpstr (json_object_get_string_member (to, "scenario"), ==, "To-be");
  g_assert_cmpfloat (json_object_get_double_member (delta, "time_to_restore_p50_minutes"), <, 0);
  g_assert_cmpfloat (json_object_get_double_member (delta, "time_to_restore_p90_minutes"), <, 0);
  g_assert_cmpfloat (json_object_get_double_member (delta, "handoffs_mean"), <, 0);
  g_assert_cmpfloat (json_object_get_double_member (delta, "loss_per_year"), <, 0);
  g_assert_true (json_object_has_member (delta, "on_call_cost_per_year"));
  g_assert_cmpint (json_object_get_int_member (delta, "findings"), <, 0);
  g_assert_cmpint (json_object_get_int_member (from, "findings"), >, json_object_get_int_member (to, "findings"));

  run_cli (&text, "compare", shop, "--from", "As-is", "--to", "To-be", "--runs", "500", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "From As-is to To-be:"));
}


/* --service takes the name, the id, the name in any case, or the start or
 * a part of the name when only one service has it. */
static void
test_cli_service_names (void)
{
  g_autofree char *shop = example_path ("ecommerce.opmodel");
  g_auto(Run) full = { 0 };
  const char *same[] = { "svc-content", "content service (cms)", "content", "CMS" };

  run_cli (&full, "simulate", shop, "--runs", "300", "--service", "Content service (CMS)", "--format", "json", NULL);
  g_assert_cmpint (full.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "simulate", shop, "--runs", "300", "--service", same[i], "--format", "json", NULL);
      g_test_message ("--service %s → %d: %s", same[i], run.status, run.err);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.out, ==, full.out);
    }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "simulate", shop, "--runs", "300", "--service", "service", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Content service (CMS)"));
    g_assert_nonnull (strstr (run.err, "Payment service provider"));
    g_assert_cmpstr (run.out, ==, "");
  }
}

static void
test_cli_errors (void)
{
  g_autofree char *shop = example_path ("ecommerce.opmodel");
  g_autofree char *dir = g_dir_make_tmp ("opm-test-simulator-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.opmodel", NULL);
  const struct { const char *args[6]; int status; const char *says; } cases[] = {
    { { "--runs", "0" }, 2, "--runs" },
    { { "--runs", "lots" }, 2, "lots" },
    { { "--runs", "10000001" }, 2, "--runs" },
    { { "--seed", "-1" }, 2, "--seed" },
    { { "--seed", "x" }, 2, "--seed" },
    { { "--threads", "0" }, 2, "--threads" },
    { { "--threads", "1000" }, 2, "--threads" },
    { { "--start", "Mon 25:00" }, 2, "Mon 08:00" },
    { { "--start", "Someday" }, 2, "Someday" },
    { { "--format", "xml" }, 2, "xml" },
    { { "--today", "15/01/2026" }, 2, "--today" },
    { { "--priority", "P5" }, 2, "P5" },
    { { "--priority", "urgent" }, 2, "--priority" },
    { { "--trace", "-2" }, 2, "--trace" },
    { { "--scenario", "Nowhere" }, 1, "Nowhere" },
    { { "--service", "Nothing" }, 1, "Nothing" },
  };

  g_assert_true (g_file_set_contents (empty,
                                      "<opmodel format-version=\"1\"><scenario id=\"s\" name=\"Empty\"/></opmodel>",
                                      -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, "simulate", shop, "--runs", "100", cases[i].args[0], cases[i].args[1], NULL);
      g_test_message ("%s %s → %d: %s", cases[i].args[0], cases[i].args[1], run.status, run.err);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_nonnull (strstr (run.err, cases[i].says));
      g_assert_cmpstr (run.out, ==, "");
    }

  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "simulate", empty, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "no services"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "simulate", "/nonexistent/model.opmodel", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "simulate", NULL, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "compare", shop, "--from", "As-is", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "compare", shop, "--from", "As-is", "--to", "Later", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Later"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli (&run, "compare", shop, "--from", "As-is", "--to", "To-be", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  g_unlink (empty);
  g_rmdir (dir);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/simulator/lognormal", test_lognormal);
  g_test_add_func ("/simulator/start-times", test_start_times);
  g_test_add_func ("/simulator/names", test_names);
  g_test_add_func ("/simulator/baseline", test_baseline);
  g_test_add_func ("/simulator/out-of-hours", test_out_of_hours);
  g_test_add_func ("/simulator/uncovered-priority", test_uncovered_priority);
  g_test_add_func ("/simulator/priority-override", test_priority_override);
  g_test_add_func ("/simulator/bounce-back", test_bounce_back);
  g_test_add_func ("/simulator/busy-operations", test_busy_operations);
  g_test_add_func ("/simulator/rights-gap", test_rights_gap);
  g_test_add_func ("/simulator/ended-team", test_ended_team);
  g_test_add_func ("/simulator/propagation", test_propagation);
  g_test_add_func ("/simulator/softened", test_softened);
  g_test_add_func ("/simulator/release-window", test_release_window);
  g_test_add_func ("/simulator/trace", test_trace);
  g_test_add_func ("/simulator/errors", test_errors);
  g_test_add_func ("/simulator/threads", test_threads);
  g_test_add_func ("/simulator/cancel", test_cancel);
  g_test_add_func ("/simulator/calibration", test_calibration);
  g_test_add_func ("/simulator/cli/simulate", test_cli_simulate);
  g_test_add_func ("/simulator/cli/compare", test_cli_compare);
  g_test_add_func ("/simulator/cli/errors", test_cli_errors);
  g_test_add_func ("/simulator/cli/service-names", test_cli_service_names);

  return g_test_run ();
}

/* vim:set foldmethod=marker: */
