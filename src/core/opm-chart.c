/* opm-chart.c — the simulation's charts, drawn through a renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two charts tell a client where restoring service takes its time: how
 * long incidents take (a histogram of time to restore on a logarithmic
 * time axis, with the P50, P90 and P99 marked) and where the time goes
 * (a waterfall of the stages, waiting apart from working).  They are
 * drawn through the renderer interface, so the window, PNG, PDF and the
 * semantic SVG show the same picture, and sized to read on a projector.
 */

#define G_LOG_DOMAIN "opm-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "opm-chart.h"
#include "opm-text.h"

#define N_BINS       36
#define TITLE_SIZE   17.0
#define LABEL_SIZE   13.0
#define SMALL_SIZE   12.0

typedef struct
{
  OpmRgba background;
  OpmRgba text;
  OpmRgba muted;
  OpmRgba grid;
  OpmRgba bar;
  OpmRgba working;
  OpmRgba waiting;
  OpmRgba marker[3];
} Colours;

static void
colours_init (Colours  *c,
              gboolean  dark)
{
  /* the GNOME palette, as the diagram uses it */
  c->background = dark ? opm_rgb (0x303030) : opm_rgb (0xffffff);
  c->text = dark ? opm_rgb (0xffffff) : opm_rgb (0x241f31);
  c->muted = dark ? opm_rgb (0xc0bfbc) : opm_rgb (0x5e5c64);
  c->grid = dark ? opm_rgb (0x4a4a4a) : opm_rgb (0xdeddda);
  c->bar = dark ? opm_rgb (0x62a0ea) : opm_rgb (0x3584e4);
  c->working = dark ? opm_rgb (0x62a0ea) : opm_rgb (0x1a5fb4);
  c->waiting = dark ? opm_rgb (0xffa348) : opm_rgb (0xe66100);
  c->marker[0] = c->text;
  c->marker[1] = dark ? opm_rgb (0xffa348) : opm_rgb (0xc64600);
  c->marker[2] = dark ? opm_rgb (0xff7b63) : opm_rgb (0xc01c28);
}

static void
draw_line (OpmRenderer    *r,
           double          x0,
           double          y0,
           double          x1,
           double          y1,
           const OpmStyle *style)
{
  g_autoptr(GArray) path = opm_path_new ();

  opm_path_move_to (path, x0, y0);
  opm_path_line_to (path, x1, y1);
  opm_renderer_draw_path (r, path, style);
}

/**
 * opm_chart_format_minutes:
 *
 * A duration as people say it in an incident review: "45 min",
 * "5 h 12 min", "2 d 3 h"; under a minute, "< 1 min".
 *
 * Returns: (transfer full): the text
 */
char *
opm_chart_format_minutes (double minutes)
{
  gint64 total, d, h, m;

  if (!isfinite (minutes) || minutes < 0)
    return g_strdup ("—");
  if (minutes < 0.5)
    return g_strdup (_("< 1 min"));

  total = (gint64) llround (minutes);
  d = total / 1440;
  h = (total / 60) % 24;
  m = total % 60;

  if (d > 0 && h > 0)
    /* Translators: days and hours */
    return g_strdup_printf (_("%" G_GINT64_FORMAT " d %" G_GINT64_FORMAT " h"), d, h);
  if (d > 0)
    return g_strdup_printf (_("%" G_GINT64_FORMAT " d"), d);
  if (h > 0 && m > 0)
    /* Translators: hours and minutes */
    return g_strdup_printf (_("%" G_GINT64_FORMAT " h %" G_GINT64_FORMAT " min"), h, m);
  if (h > 0)
    return g_strdup_printf (_("%" G_GINT64_FORMAT " h"), h);

  return g_strdup_printf (_("%" G_GINT64_FORMAT " min"), m);
}

/* A short axis label: "15 min", "4 h", "2 d", "1 w". */
static char *
format_tick (double minutes)
{
  if (minutes >= 10080 && fmod (minutes, 10080) == 0)
    return g_strdup_printf (_("%.0f w"), minutes / 10080);
  if (minutes >= 1440)
    return g_strdup_printf (_("%.0f d"), minutes / 1440);
  if (minutes >= 60)
    return g_strdup_printf (_("%.0f h"), minutes / 60);

  return g_strdup_printf (_("%.0f min"), minutes);
}

static void
draw_title (OpmRenderer   *r,
            const OpmRect *frame,
            const char    *title,
            const Colours *c)
{
  OpmStyle style = opm_style_fill (c->background);

  opm_renderer_draw_rect (r, frame->x, frame->y, frame->width, frame->height, 12, &style);
  if (title != NULL && title[0] != '\0')
    {
      g_autofree char *text = opm_text_ellipsize (title, TITLE_SIZE, TRUE, frame->width - 40);

      opm_renderer_draw_text (r, frame->x + 20, frame->y + 30, text, TITLE_SIZE, TRUE, OPM_TEXT_ALIGN_START, c->text);
    }
}

static void
draw_empty (OpmRenderer   *r,
            const OpmRect *frame,
            const char    *message,
            const Colours *c)
{
  opm_renderer_draw_text (r, frame->x + frame->width / 2, frame->y + frame->height / 2 + 5, message, LABEL_SIZE,
                          FALSE, OPM_TEXT_ALIGN_CENTRE, c->muted);
}

/* The time axis: whole minutes, hours, days and weeks that fall in
 * [lo, hi], thinned to at most @max_ticks. */
static guint
time_ticks (double  lo,
            double  hi,
            guint   max_ticks,
            double *ticks)
{
  static const double candidates[] = {
    1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080, 20160, 40320, 80640,
  };
  double all[G_N_ELEMENTS (candidates)];
  guint n = 0, step, out = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] >= lo * 0.999 && candidates[i] <= hi * 1.001)
      all[n++] = candidates[i];

  step = (n + max_ticks - 1) / MAX (max_ticks, 1);
  step = MAX (step, 1);
  for (guint i = 0; i < n; i += step)
    ticks[out++] = all[i];

  return out;
}

/* A round step for an axis of @range split in about @parts. */
static double
nice_step (double range,
           guint  parts)
{
  double raw = range / MAX (parts, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 2.5)
    return 2.5 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;

  return 10 * magnitude;
}

/* A whole number of minutes, hours or days that splits @range in at most
 * about @parts. */
static double
time_step (double range,
           guint  parts)
{
  static const double steps[] = {
    1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 4320, 10080, 20160, 40320,
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (range / steps[i] <= parts)
      return steps[i];

  return ceil (range / parts / 10080) * 10080;
}

/**
 * opm_chart_draw_histogram:
 * @frame: where to draw; the chart fills it
 * @minutes: (array length=n_minutes): time to restore of each run
 * @percentiles: the P50, P90 and P99 to mark
 *
 * How long incidents take: the share of runs by time to restore, on a
 * logarithmic axis from minutes to weeks, with the percentiles marked and
 * labelled.
 */
void
opm_chart_draw_histogram (OpmRenderer   *r,
                          const OpmRect *frame,
                          const char    *title,
                          const double  *minutes,
                          gsize          n_minutes,
                          const double   percentiles[3],
                          gboolean       dark)
{
  static const char *names[3] = { "P50", "P90", "P99" };
  static const OpmDash dashes[3] = { OPM_DASH_SOLID, OPM_DASH_DASHED, OPM_DASH_DASH_DOT };
  Colours c;
  OpmStyle style;
  guint counts[N_BINS] = { 0 };
  guint peak = 0;
  double lo = G_MAXDOUBLE, hi = 0;
  double ticks[18];
  guint n_ticks;
  double left, right, top, bottom, y_max, y_step;
  double log_lo, log_hi;
  double label_start[3], label_end[3];
  guint label_row[3];

  g_return_if_fail (OPM_IS_RENDERER (r));
  g_return_if_fail (frame != NULL);
  g_return_if_fail (minutes != NULL || n_minutes == 0);

  colours_init (&c, dark);
  opm_renderer_begin_group (r, NULL, "opm-chart-histogram", title);
  draw_title (r, frame, title, &c);

  for (gsize i = 0; i < n_minutes; i++)
    if (isfinite (minutes[i]) && minutes[i] >= 0)
      {
        lo = MIN (lo, minutes[i]);
        hi = MAX (hi, minutes[i]);
      }

  if (hi <= 0)
    {
      draw_empty (r, frame, n_minutes == 0 ? _("No runs yet") : _("Every incident was restored at once"), &c);
      opm_renderer_end_group (r);
      return;
    }

  /* whole ticks around the data, at least a factor of four wide */
  lo = MAX (lo, 1.0);
  lo = MIN (lo, hi / 4);
  lo = MAX (lo, 0.5);
  log_lo = floor (log10 (lo) * 4) / 4;
  log_hi = ceil (log10 (hi) * 4) / 4;
  if (log_hi - log_lo < 0.6)
    log_hi = log_lo + 0.6;

  for (gsize i = 0; i < n_minutes; i++)
    if (isfinite (minutes[i]) && minutes[i] >= 0)
      {
        double v = log10 (MAX (minutes[i], pow (10, log_lo)));
        int bin = (int) floor ((v - log_lo) / (log_hi - log_lo) * N_BINS);

        bin = CLAMP (bin, 0, N_BINS - 1);
        counts[bin]++;
        peak = MAX (peak, counts[bin]);
      }

  left = frame->x + 64;
  right = frame->x + frame->width - 24;
  top = frame->y + 86;
  bottom = frame->y + frame->height - 46;

  /* share of runs: gridlines at round percentages */
  y_max = 100.0 * peak / n_minutes;
  y_step = nice_step (y_max, 4);
  y_max = ceil (y_max / y_step) * y_step;
  style = opm_style_stroke (c.grid, 1, OPM_DASH_SOLID);
  for (double v = 0; v <= y_max + y_step / 2; v += y_step)
    {
      double y = bottom - (bottom - top) * v / y_max;
      g_autofree char *text = g_strdup_printf ("%g %%", v);

      draw_line (r, left, y, right, y, &style);
      opm_renderer_draw_text (r, left - 8, y + 4, text, SMALL_SIZE, FALSE, OPM_TEXT_ALIGN_END, c.muted);
    }

  /* the bars */
  style = opm_style_fill (c.bar);
  for (guint i = 0; i < N_BINS; i++)
    {
      double x0 = left + (right - left) * i / N_BINS;
      double x1 = left + (right - left) * (i + 1) / N_BINS;
      double h = (bottom - top) * (100.0 * counts[i] / n_minutes) / y_max;

      if (counts[i] > 0)
        opm_renderer_draw_rect (r, x0 + 1, bottom - MAX (h, 1.5), x1 - x0 - 2, MAX (h, 1.5), 0, &style);
    }

  /* the time axis */
  style = opm_style_stroke (c.muted, 1.2, OPM_DASH_SOLID);
  draw_line (r, left, bottom, right, bottom, &style);
  n_ticks = time_ticks (pow (10, log_lo), pow (10, log_hi), 8, ticks);
  for (guint i = 0; i < n_ticks; i++)
    {
      double x = left + (right - left) * (log10 (ticks[i]) - log_lo) / (log_hi - log_lo);
      g_autofree char *text = format_tick (ticks[i]);

      draw_line (r, x, bottom, x, bottom + 5, &style);
      opm_renderer_draw_text (r, x, bottom + 20, text, SMALL_SIZE, FALSE, OPM_TEXT_ALIGN_CENTRE, c.muted);
    }
  opm_renderer_draw_text (r, right, bottom + 38, _("time to restore (logarithmic)"), SMALL_SIZE, FALSE,
                          OPM_TEXT_ALIGN_END, c.muted);
  opm_renderer_draw_text (r, frame->x + 20, bottom + 38, _("share of runs"), SMALL_SIZE, FALSE,
                          OPM_TEXT_ALIGN_START, c.muted);

  /* the percentiles: a line each, labels kept apart in up to three rows */
  for (guint i = 0; i < 3; i++)
    {
      double v = percentiles != NULL ? percentiles[i] : NAN;
      g_autofree char *value = NULL;
      g_autofree char *text = NULL;
      double x, width, label_y;
      gboolean end;
      guint row;

      label_row[i] = G_MAXUINT;
      if (!isfinite (v) || v < 0)
        continue;

      x = left + (right - left) * (log10 (MAX (v, pow (10, log_lo))) - log_lo) / (log_hi - log_lo);
      x = CLAMP (x, left, right);
      value = opm_chart_format_minutes (v);
      text = g_strdup_printf ("%s %s", names[i], value);
      width = opm_text_width (text, LABEL_SIZE, TRUE);

      end = x + width + 6 > right;
      label_start[i] = end ? x - 6 - width : x + 6;

      /* the first of three rows where the label clears the others */
      for (row = 0; row < 2; row++)
        {
          gboolean clear = TRUE;

          for (guint j = 0; j < i; j++)
            if (label_row[j] == row && label_start[i] < label_end[j] + 10 && label_start[j] < label_start[i] + width + 10)
              clear = FALSE;
          if (clear)
            break;
        }

      label_y = top - 38 + row * 16;
      style = opm_style_stroke (c.marker[i], i == 0 ? 2.5 : 2, dashes[i]);
      draw_line (r, x, label_y + 4, x, bottom, &style);
      opm_renderer_draw_text (r, end ? x - 6 : x + 6, label_y, text, LABEL_SIZE, TRUE,
                              end ? OPM_TEXT_ALIGN_END : OPM_TEXT_ALIGN_START, c.marker[i]);
      label_end[i] = label_start[i] + width;
      label_row[i] = row;
    }

  opm_renderer_end_group (r);
}

/**
 * opm_chart_draw_waterfall:
 * @stages: (array length=n_stages): the stages in the order an incident
 *   meets them, with mean minutes waiting and working
 *
 * Where the time goes: one row per stage, each bar starting where the
 * previous stage ended, waiting drawn apart from working, and a total.
 */
void
opm_chart_draw_waterfall (OpmRenderer         *r,
                          const OpmRect       *frame,
                          const char          *title,
                          const OpmChartStage *stages,
                          guint                n_stages,
                          gboolean             dark)
{
  Colours c;
  OpmStyle style;
  double total = 0, elapsed = 0;
  double left, right, top, bottom, row_height, scale, step;
  guint shown = 0, row = 0;
  double name_width = 0;

  g_return_if_fail (OPM_IS_RENDERER (r));
  g_return_if_fail (frame != NULL);
  g_return_if_fail (stages != NULL || n_stages == 0);

  colours_init (&c, dark);
  opm_renderer_begin_group (r, NULL, "opm-chart-waterfall", title);
  draw_title (r, frame, title, &c);

  for (guint i = 0; i < n_stages; i++)
    {
      double t = MAX (stages[i].waiting, 0) + MAX (stages[i].working, 0);

      if (!isfinite (t) || t <= 0)
        continue;
      total += t;
      shown++;
      name_width = MAX (name_width, opm_text_width (stages[i].name, LABEL_SIZE, FALSE));
    }

  if (shown == 0 || !(total > 0))
    {
      draw_empty (r, frame, _("No runs yet"), &c);
      opm_renderer_end_group (r);
      return;
    }

  name_width = MAX (name_width, opm_text_width (_("Total"), LABEL_SIZE, TRUE));
  left = frame->x + 20 + MIN (name_width, frame->width * 0.3) + 14;
  right = frame->x + frame->width - 120;
  top = frame->y + 50;
  bottom = frame->y + frame->height - 62;
  row_height = (bottom - top) / (shown + 1);
  scale = (right - left) / total;

  /* time gridlines */
  step = time_step (total, 5);
  style = opm_style_stroke (c.grid, 1, OPM_DASH_SOLID);
  for (double v = 0; v <= total + step / 100; v += step)
    {
      double x = left + v * scale;
      g_autofree char *text = opm_chart_format_minutes (v);

      draw_line (r, x, top, x, bottom, &style);
      opm_renderer_draw_text (r, x, bottom + 18, v == 0 ? "0" : text, SMALL_SIZE, FALSE, OPM_TEXT_ALIGN_CENTRE, c.muted);
    }

  for (guint i = 0; i < n_stages; i++)
    {
      double waiting = MAX (stages[i].waiting, 0);
      double working = MAX (stages[i].working, 0);
      double t = waiting + working;
      double y = top + row * row_height;
      double bar = MIN (row_height * 0.62, 26);
      double by = y + (row_height - bar) / 2;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      g_autofree char *label = NULL;

      if (!isfinite (t) || t <= 0)
        continue;

      name = opm_text_ellipsize (stages[i].name, LABEL_SIZE, FALSE, left - frame->x - 34);
      opm_renderer_begin_group (r, NULL, "opm-chart-stage", stages[i].name);
      opm_renderer_draw_text (r, left - 14, by + bar / 2 + 4.5, name, LABEL_SIZE, FALSE, OPM_TEXT_ALIGN_END, c.text);

      if (waiting > 0)
        {
          style = opm_style_box (opm_rgba_mix (c.background, c.waiting, 0.35), c.waiting, 1.5, OPM_DASH_SOLID);
          opm_renderer_draw_rect (r, left + elapsed * scale, by, MAX (waiting * scale, 1.5), bar, 0, &style);
        }
      if (working > 0)
        {
          style = opm_style_fill (c.working);
          opm_renderer_draw_rect (r, left + (elapsed + waiting) * scale, by, MAX (working * scale, 1.5), bar, 0, &style);
        }

      value = opm_chart_format_minutes (t);
      opm_renderer_draw_text (r, left + (elapsed + t) * scale + 8, by + bar / 2 + 4.5, value, LABEL_SIZE, TRUE,
                              OPM_TEXT_ALIGN_START, c.text);
      opm_renderer_end_group (r);

      elapsed += t;
      row++;
    }

  /* the total, with its share of waiting */
  {
    double waiting = 0;
    double y = top + row * row_height;
    double bar = MIN (row_height * 0.62, 26);
    double by = y + (row_height - bar) / 2;
    g_autofree char *value = opm_chart_format_minutes (total);
    g_autofree char *share = NULL;

    for (guint i = 0; i < n_stages; i++)
      if (isfinite (stages[i].waiting) && stages[i].waiting > 0 && isfinite (stages[i].working))
        waiting += stages[i].waiting;

    opm_renderer_begin_group (r, NULL, "opm-chart-total", _("Total"));
    opm_renderer_draw_text (r, left - 14, by + bar / 2 + 4.5, _("Total"), LABEL_SIZE, TRUE, OPM_TEXT_ALIGN_END, c.text);
    style = opm_style_box (opm_rgba_mix (c.background, c.waiting, 0.35), c.waiting, 1.5, OPM_DASH_SOLID);
    opm_renderer_draw_rect (r, left, by, waiting * scale, bar, 0, &style);
    style = opm_style_fill (c.working);
    opm_renderer_draw_rect (r, left + waiting * scale, by, (total - waiting) * scale, bar, 0, &style);
    opm_renderer_draw_text (r, right + 8, by + bar / 2 + 4.5, value, LABEL_SIZE, TRUE, OPM_TEXT_ALIGN_START, c.text);
    opm_renderer_end_group (r);

    /* the key */
    share = g_strdup_printf (_("Waiting %.0f %%"), 100 * waiting / total);
    style = opm_style_box (opm_rgba_mix (c.background, c.waiting, 0.35), c.waiting, 1.5, OPM_DASH_SOLID);
    opm_renderer_draw_rect (r, left, frame->y + frame->height - 30, 16, 12, 0, &style);
    opm_renderer_draw_text (r, left + 22, frame->y + frame->height - 19.5, share, SMALL_SIZE, FALSE,
                            OPM_TEXT_ALIGN_START, c.text);
    g_clear_pointer (&share, g_free);
    share = g_strdup_printf (_("Working %.0f %%"), 100 * (total - waiting) / total);
    style = opm_style_fill (c.working);
    opm_renderer_draw_rect (r, left + 150, frame->y + frame->height - 30, 16, 12, 0, &style);
    opm_renderer_draw_text (r, left + 172, frame->y + frame->height - 19.5, share, SMALL_SIZE, FALSE,
                            OPM_TEXT_ALIGN_START, c.text);
  }

  opm_renderer_end_group (r);
}
