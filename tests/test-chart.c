/* test-chart.c — the simulation's charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>

#include "opm-core.h"
#include "opm-svg-renderer.h"

static const OpmRect frame = { 0, 0, OPM_CHART_WIDTH, OPM_CHART_HEIGHT };

typedef struct
{
  const double  *minutes;
  gsize          n;
  const double  *percentiles;
  OpmChartStage *stages;
  guint          n_stages;
} Chart;

static void
draw_histogram (OpmRenderer *renderer,
                double       detail,
                gpointer     data)
{
  Chart *c = data;

  opm_chart_draw_histogram (renderer, &frame, "Time to restore", c->minutes, c->n, c->percentiles, FALSE);
}

static void
draw_waterfall (OpmRenderer *renderer,
                double       detail,
                gpointer     data)
{
  Chart *c = data;

  opm_chart_draw_waterfall (renderer, &frame, "Where the time goes", c->stages, c->n_stages, FALSE);
}

static char *
to_svg (OpmExportDrawFunc draw,
        Chart            *chart)
{
  OpmExportInfo info = { "Chart" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = opm_export_drawing_to_bytes (OPM_EXPORT_SVG, &frame, &info, draw, chart, &error);
  gsize length;
  const char *data;
  xmlDoc *doc;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  doc = xmlReadMemory (data, (int) length, "chart.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);   /* well-formed */
  xmlFreeDoc (doc);

  return g_strndup (data, length);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* The text of the first group of class @kind (whose <title> is @title,
 * unless NULL), up to its end. */
static char *
group (const char *svg,
       const char *kind,
       const char *title)
{
  g_autofree char *open = g_strdup_printf ("class=\"%s\"", kind);
  g_autofree char *titled = g_strdup_printf ("<title>%s</title>", title != NULL ? title : "");

  for (const char *start = strstr (svg, open); start != NULL; start = strstr (start + 1, open))
    {
      const char *end = strstr (start, "</g>");
      const char *t = strstr (start, "<title>");

      g_assert_nonnull (end);
      if (title == NULL || (t != NULL && t < end && g_str_has_prefix (t, titled)))
        return g_strndup (start, end - start);
    }

  g_error ("no group %s titled %s", kind, title);
}

static void
test_format_minutes (void)
{
  static const struct { double minutes; const char *text; } cases[] = {
    { 0, "< 1 min" }, { 0.4, "< 1 min" }, { 0.6, "1 min" }, { 45, "45 min" }, { 60, "1 h" },
    { 312, "5 h 12 min" }, { 1440, "1 d" }, { 1440 * 2 + 180, "2 d 3 h" }, { 1440 + 59, "1 d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = opm_chart_format_minutes (cases[i].minutes);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_autofree char *negative = opm_chart_format_minutes (-1);
    g_autofree char *nan_text = opm_chart_format_minutes (NAN);

    g_assert_cmpstr (negative, ==, "—");
    g_assert_cmpstr (nan_text, ==, "—");
  }
}

static void
test_histogram (void)
{
  g_autoptr(GArray) minutes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  double percentiles[3] = { 300, 900, 2000 };
  g_autofree char *svg = NULL;
  g_autofree char *bars = NULL;
  Chart chart = { 0 };
  guint filled = 0;

  /* two clusters: quick restores and overnight waits */
  for (guint i = 0; i < 900; i++)
    {
      double v = g_rand_double_range (rand, 200, 400);

      g_array_append_val (minutes, v);
    }
  for (guint i = 0; i < 100; i++)
    {
      double v = g_rand_double_range (rand, 1000, 1500);

      g_array_append_val (minutes, v);
    }

  chart.minutes = (double *) minutes->data;
  chart.n = minutes->len;
  chart.percentiles = percentiles;
  svg = to_svg (draw_histogram, &chart);

  g_assert_nonnull (strstr (svg, ">Time to restore</text>"));
  g_assert_nonnull (strstr (svg, ">P50 5 h</text>"));
  g_assert_nonnull (strstr (svg, ">P90 15 h</text>"));
  g_assert_nonnull (strstr (svg, ">P99 1 d 9 h</text>"));
  /* the time axis is labelled in hours between the clusters */
  g_assert_nonnull (strstr (svg, ">4 h</text>"));
  g_assert_nonnull (strstr (svg, ">8 h</text>"));

  /* bars only where there are runs: nothing between 400 and 1000 minutes
   * means two separate runs of bars, each a handful of bins wide */
  bars = group (svg, "opm-chart-histogram", NULL);
  filled = count (bars, "<rect") - 1;   /* less the background */
  g_assert_cmpuint (filled, >=, 4);
  g_assert_cmpuint (filled, <, 36);
}

static void
test_histogram_empty (void)
{
  Chart chart = { 0 };
  double zero = 0;
  g_autofree char *svg = to_svg (draw_histogram, &chart);
  g_autofree char *instant = NULL;

  g_assert_nonnull (strstr (svg, ">No runs yet</text>"));
  g_assert_null (strstr (svg, "P50"));

  chart.minutes = &zero;
  chart.n = 1;
  instant = to_svg (draw_histogram, &chart);
  g_assert_nonnull (strstr (instant, ">Every incident was restored at once</text>"));
}

static void
test_waterfall (void)
{
  OpmChartStage stages[] = {
    { "Detect", 0, 30 },
    { "Acknowledge", 10, 0 },
    { "Handoffs", 120, 15 },
    { "Nothing here", 0, 0 },
    { "Fix", 0, 60 },
  };
  Chart chart = { .stages = stages, .n_stages = G_N_ELEMENTS (stages) };
  g_autofree char *svg = to_svg (draw_waterfall, &chart);
  g_autofree char *handoffs = NULL;
  g_autofree char *total = NULL;

  g_assert_nonnull (strstr (svg, ">Where the time goes</text>"));
  g_assert_cmpuint (count (svg, "class=\"opm-chart-stage\""), ==, 4);   /* the empty stage is left out */
  g_assert_null (strstr (svg, "Nothing here"));

  handoffs = group (svg, "opm-chart-stage", "Handoffs");
  g_assert_cmpuint (count (handoffs, "<rect"), ==, 2);   /* waiting and working */
  g_assert_nonnull (strstr (handoffs, ">2 h 15 min</text>"));

  total = group (svg, "opm-chart-total", NULL);
  g_assert_nonnull (strstr (total, ">3 h 55 min</text>"));
  g_assert_nonnull (strstr (svg, ">Waiting 55 %</text>"));
  g_assert_nonnull (strstr (svg, ">Working 45 %</text>"));
}

static void
test_png (void)
{
  OpmChartStage stages[] = { { "Detect", 5, 10 } };
  Chart chart = { .stages = stages, .n_stages = 1 };
  OpmExportInfo info = { "Chart", NULL, NULL, 2.0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = opm_export_drawing_to_bytes (OPM_EXPORT_PNG, &frame, &info, draw_waterfall, &chart, &error);
  g_autoptr(GBytes) pdf = NULL;
  const guint8 *data;
  gsize length;

  g_assert_no_error (error);
  data = g_bytes_get_data (png, &length);
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  /* twice the chart's size */
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 16)), ==, 2 * OPM_CHART_WIDTH);
  g_assert_cmpuint (GUINT32_FROM_BE (*(guint32 *) (data + 20)), ==, 2 * OPM_CHART_HEIGHT);

  pdf = opm_export_drawing_to_bytes (OPM_EXPORT_PDF, &frame, &info, draw_waterfall, &chart, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (pdf, &length);
  g_assert_cmpmem (data, 5, "%PDF-", 5);
}

static void
test_nothing_to_draw (void)
{
  OpmRect empty = { 0, 0, 0, 100 };
  OpmExportInfo info = { "Chart" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = opm_export_drawing_to_bytes (OPM_EXPORT_PNG, &empty, &info, draw_waterfall, NULL, &error);

  g_assert_null (bytes);
  g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/format-minutes", test_format_minutes);
  g_test_add_func ("/chart/histogram", test_histogram);
  g_test_add_func ("/chart/histogram/empty", test_histogram_empty);
  g_test_add_func ("/chart/waterfall", test_waterfall);
  g_test_add_func ("/chart/png-pdf", test_png);
  g_test_add_func ("/chart/nothing-to-draw", test_nothing_to_draw);

  return g_test_run ();
}
