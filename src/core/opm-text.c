/* opm-text.c — measuring and breaking text the same way for every renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The painter decides line breaks and ellipses itself, from measurements
 * made with unhinted metrics, so that the screen, PDF, PNG and SVG show the
 * same lines at the same places. Widths are cached per thread.
 */

#define G_LOG_DOMAIN "opm-text"

#include "config.h"

#include <string.h>

#include <pango/pangocairo.h>

#include "opm-text.h"

typedef struct
{
  PangoContext *context;
  PangoLayout  *layout;
  GHashTable   *widths;   /* TextKey → double* */
  GHashTable   *shapes;   /* TextKey → OpmShapedText* */
} Measurer;

/* What a width depends on. */
typedef struct
{
  double      size;
  gboolean    bold;
  const char *text;
} TextKey;

static guint
text_key_hash (gconstpointer data)
{
  const TextKey *key = data;

  return g_str_hash (key->text) * 31 + g_double_hash (&key->size) * 2 + (guint) key->bold;
}

static gboolean
text_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TextKey *x = a;
  const TextKey *y = b;

  return x->size == y->size && x->bold == y->bold && strcmp (x->text, y->text) == 0;
}

static void
shaped_text_free (gpointer data)
{
  OpmShapedText *shaped = data;

  g_slist_free_full (shaped->runs, (GDestroyNotify) pango_glyph_item_free);
  g_free (shaped);
}

/* A key in one block with its own copy of the text after it. */
static TextKey *
text_key_new (const char *text,
              double      size,
              gboolean    bold)
{
  gsize length = strlen (text) + 1;
  TextKey *key = g_malloc (sizeof (TextKey) + length);

  key->size = size;
  key->bold = !!bold;
  key->text = memcpy ((char *) (key + 1), text, length);

  return key;
}

static void
measurer_free (gpointer data)
{
  Measurer *m = data;

  g_clear_object (&m->layout);
  g_clear_object (&m->context);
  g_clear_pointer (&m->widths, g_hash_table_unref);
  g_clear_pointer (&m->shapes, g_hash_table_unref);
  g_free (m);
}

static GPrivate measurer_key = G_PRIVATE_INIT (measurer_free);

/**
 * opm_text_context_new:
 *
 * Returns: (transfer full): a Pango context with the font options all
 *   renderers use: no hinting, no metric hinting
 */
PangoContext *
opm_text_context_new (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_context_set_round_glyph_positions (context, FALSE);
  cairo_font_options_destroy (options);

  return context;
}

static Measurer *
get_measurer (void)
{
  Measurer *m = g_private_get (&measurer_key);

  if (m == NULL)
    {
      m = g_new0 (Measurer, 1);
      m->context = opm_text_context_new ();
      m->layout = pango_layout_new (m->context);
      m->widths = g_hash_table_new_full (text_key_hash, text_key_equal, g_free, g_free);
      m->shapes = g_hash_table_new_full (text_key_hash, text_key_equal, g_free, shaped_text_free);
      g_private_set (&measurer_key, m);
    }

  return m;
}

static void
set_font (PangoLayout *layout,
          double       size,
          gboolean     bold)
{
  PangoFontDescription *desc = pango_font_description_from_string (OPM_FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

double
opm_text_width (const char *text,
                double      size,
                gboolean    bold)
{
  Measurer *m = get_measurer ();
  TextKey lookup = { size, !!bold, text };
  double *cached = g_hash_table_lookup (m->widths, &lookup);
  PangoRectangle logical;

  if (cached != NULL)
    return *cached;

  if (g_hash_table_size (m->widths) > 100000)
    g_hash_table_remove_all (m->widths);

  set_font (m->layout, size, bold);
  pango_layout_set_text (m->layout, text, -1);
  pango_layout_get_extents (m->layout, NULL, &logical);

  cached = g_new (double, 1);
  *cached = logical.width / (double) PANGO_SCALE;
  g_hash_table_insert (m->widths, text_key_new (text, size, bold), cached);

  return *cached;
}

/**
 * opm_text_shape:
 * @text: one line of text
 *
 * Shapes @text once per thread and keeps the glyphs, so that drawing the
 * same label again (activity names, kinds, repeated team names) skips
 * Pango's itemising and shaping.
 *
 * Returns: (transfer none) (nullable): the glyph runs, valid until the
 *   next call; %NULL when @text does not fit on one line (it holds a line
 *   break)
 */
const OpmShapedText *
opm_text_shape (const char *text,
                double      size,
                gboolean    bold)
{
  Measurer *m = get_measurer ();
  TextKey lookup = { size, !!bold, text };
  OpmShapedText *shaped = g_hash_table_lookup (m->shapes, &lookup);
  PangoLayoutLine *line;
  PangoRectangle logical;

  if (shaped != NULL)
    return shaped;

  set_font (m->layout, size, bold);
  pango_layout_set_text (m->layout, text, -1);
  if (pango_layout_get_line_count (m->layout) != 1)
    return NULL;

  if (g_hash_table_size (m->shapes) > 50000)
    g_hash_table_remove_all (m->shapes);

  pango_layout_get_extents (m->layout, NULL, &logical);
  line = pango_layout_get_line_readonly (m->layout, 0);
  shaped = g_new0 (OpmShapedText, 1);
  shaped->width = logical.width / (double) PANGO_SCALE;
  shaped->baseline = pango_layout_get_baseline (m->layout) / (double) PANGO_SCALE;
  for (GSList *l = line->runs; l != NULL; l = l->next)
    shaped->runs = g_slist_prepend (shaped->runs, pango_glyph_item_copy (l->data));
  shaped->runs = g_slist_reverse (shaped->runs);

  g_hash_table_insert (m->shapes, text_key_new (text, size, bold), shaped);

  return shaped;
}

/* Distance from the top of a line to its baseline. */
double
opm_text_ascent (double size)
{
  Measurer *m = get_measurer ();

  set_font (m->layout, size, FALSE);
  pango_layout_set_text (m->layout, "Ag", -1);

  return pango_layout_get_baseline (m->layout) / (double) PANGO_SCALE;
}

/**
 * opm_text_ellipsize:
 *
 * Returns: (transfer full): @text, shortened with "…" to fit @max_width
 */
char *
opm_text_ellipsize (const char *text,
                    double      size,
                    gboolean    bold,
                    double      max_width)
{
  glong n;
  glong lo, hi;

  if (opm_text_width (text, size, bold) <= max_width)
    return g_strdup (text);

  n = g_utf8_strlen (text, -1);
  lo = 0;
  hi = n;

  /* The longest prefix that fits with the ellipsis. */
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;
      g_autofree char *prefix = g_utf8_substring (text, 0, mid);
      g_autofree char *candidate = g_strconcat (g_strchomp (prefix), "…", NULL);

      if (opm_text_width (candidate, size, bold) <= max_width)
        lo = mid;
      else
        hi = mid - 1;
    }

  if (lo == 0)
    return g_strdup ("…");

  {
    g_autofree char *prefix = g_utf8_substring (text, 0, lo);
    return g_strconcat (g_strchomp (prefix), "…", NULL);
  }
}

/**
 * opm_text_wrap:
 *
 * Breaks @text at spaces (and explicit newlines) into lines no wider than
 * @max_width; the last allowed line is ellipsized.
 *
 * Returns: (transfer full) (element-type utf8): the lines
 */
GPtrArray *
opm_text_wrap (const char *text,
               double      size,
               gboolean    bold,
               double      max_width,
               guint       max_lines)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) paragraphs = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint p = 0; paragraphs[p] != NULL && lines->len < max_lines; p++)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (paragraphs[p]), " ", -1);
      GString *line = g_string_new (NULL);
      guint w = 0;

      while (words[w] != NULL && lines->len < max_lines)
        {
          g_autofree char *candidate = NULL;

          if (words[w][0] == '\0')
            {
              w++;
              continue;
            }

          candidate = line->len > 0 ? g_strconcat (line->str, " ", words[w], NULL) : g_strdup (words[w]);

          if (opm_text_width (candidate, size, bold) <= max_width || line->len == 0)
            {
              g_string_assign (line, candidate);
              w++;
              if (line->len > 0 && opm_text_width (line->str, size, bold) > max_width)
                {
                  /* a single word too long for the line */
                  g_ptr_array_add (lines, opm_text_ellipsize (line->str, size, bold, max_width));
                  g_string_truncate (line, 0);
                }
            }
          else
            {
              if (lines->len + 1 == max_lines)
                break;
              g_ptr_array_add (lines, g_strdup (line->str));
              g_string_truncate (line, 0);
            }
        }

      if (lines->len < max_lines && line->len > 0)
        {
          gboolean more = words[w] != NULL || paragraphs[p + 1] != NULL;

          if (more && lines->len + 1 == max_lines)
            {
              g_autofree char *rest = g_strconcat (line->str, " …", NULL);
              g_ptr_array_add (lines, opm_text_ellipsize (words[w] != NULL ? rest : line->str,
                                                          size, bold, max_width));
            }
          else
            {
              g_ptr_array_add (lines, g_strdup (line->str));
            }
        }

      g_string_free (line, TRUE);
    }

  return lines;
}
