/* opm-pdf-renderer.c — PDF, written directly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cairo's PDF surface works out the outline of every stroke to analyse the
 * page, which for a large model with many dashed connectors costs seconds.
 * This back end writes the page itself, as the SVG renderer does: shapes
 * as PDF paths with the dash patterns the other renderers use, alpha
 * through shared graphics states, and text as real text in Type 3 fonts
 * whose glyphs are the outlines of the fonts Pango shaped with (the UI
 * font is a variable font, which PDF cannot embed), with a ToUnicode map so
 * that the text can be selected, searched and extracted.
 */

#define G_LOG_DOMAIN "opm-pdf-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <pango/pangocairo.h>

#include "opm-pdf-renderer.h"
#include "opm-renderer-private.h"
#include "opm-text.h"

#define GLYPH_UNITS   1000.0   /* glyph space units per em */
#define CODES_PER_FONT 256
#define NO_FONT       G_MAXUINT
#define CHUNK_SIZE    (1024 * 1024)
#define MIN_ADJUST    50         /* hundredths of a glyph unit: 1/2000 em */

/* A glyph as it is drawn: the same glyph standing for other text gets
 * another code, so that every code maps to one text. */
typedef struct
{
  PangoGlyph  glyph;
  const char *text;
} GlyphKey;

typedef struct
{
  guint  font;   /* index in self->fonts */
  guint8 code;
} GlyphCode;

/* A font face at any size: the glyphs used from it. */
typedef struct
{
  cairo_scaled_font_t *outlines;   /* at GLYPH_UNITS per em */
  GHashTable          *codes;      /* GlyphKey → GlyphCode */
  guint                current;    /* the Type 3 font being filled */
} Face;

/* One Type 3 font: up to 256 glyphs of one face. */
typedef struct
{
  Face      *face;
  GArray    *glyphs;   /* PangoGlyph by code */
  GPtrArray *texts;    /* const char * by code, owned by face->codes */
  GArray    *widths;   /* double by code, in glyph space, as written */
} Type3Font;

struct _OpmPdfRenderer
{
  OpmRenderer   parent_instance;

  /* owned */
  GString      *content;
  char         *title;
  char         *author;
  char         *subject;
  GArray       *alphas;         /* guint: fill × 256 + stroke, in hundredths */
  GHashTable   *face_of_font;   /* PangoFont → Face (borrowed) */
  GHashTable   *faces;          /* description without size → Face */
  GPtrArray    *fonts;          /* Type3Font */
  PangoLayout  *layout;         /* for text of several lines */
  cairo_t      *outline_cr;
  GByteArray   *packed;         /* the content compressed so far */
  GConverter   *compressor;
  GThread      *packer;         /* compresses the content as it grows */
  GAsyncQueue  *chunks;         /* Chunk, for the packer */

  double        width;          /* the page, in points */
  double        height;

  /* the graphics state the content has set; -1 when unknown */
  int           fill[3];        /* thousandths */
  int           stroke[3];
  int           fill_alpha;     /* hundredths */
  int           stroke_alpha;
  int           line_width;     /* hundredths */
  int           dash;
  int           dash_offset;
  int           round_caps;
  guint         text_font;
  int           text_size;      /* hundredths */
};

G_DEFINE_FINAL_TYPE (OpmPdfRenderer, opm_pdf_renderer, OPM_TYPE_RENDERER)

static inline int
hundredths (double value)
{
  return (int) lround (value * 100);
}

static inline void
append_hundredths (GString *out,
                   int      value)
{
  _opm_string_append_number (out, value / 100.0);
}

/* 0 to 1000 as 0 to 1, three decimals */
static void
append_thousandths (GString *out,
                    int      value)
{
  char buf[8];
  int n = 0;

  if (value <= 0)
    {
      g_string_append_c (out, '0');
      return;
    }
  if (value >= 1000)
    {
      g_string_append_c (out, '1');
      return;
    }

  buf[n++] = '0';
  buf[n++] = '.';
  buf[n++] = '0' + value / 100;
  buf[n++] = '0' + value / 10 % 10;
  buf[n++] = '0' + value % 10;
  while (buf[n - 1] == '0')
    n--;
  g_string_append_len (out, buf, n);
}

static void
append_point (GString *out,
              double   x,
              double   y)
{
  _opm_string_append_number (out, x);
  g_string_append_c (out, ' ');
  _opm_string_append_number (out, y);
  g_string_append_c (out, ' ');
}

static guint
glyph_key_hash (gconstpointer data)
{
  const GlyphKey *key = data;

  return key->glyph * 16777619u ^ g_str_hash (key->text);
}

static gboolean
glyph_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const GlyphKey *x = a;
  const GlyphKey *y = b;

  return x->glyph == y->glyph && strcmp (x->text, y->text) == 0;
}

static GlyphKey *
glyph_key_new (PangoGlyph  glyph,
               const char *text)
{
  gsize length = strlen (text) + 1;
  GlyphKey *key = g_malloc (sizeof (GlyphKey) + length);

  key->glyph = glyph;
  key->text = memcpy ((char *) (key + 1), text, length);

  return key;
}

static void
face_free (gpointer data)
{
  Face *face = data;

  cairo_scaled_font_destroy (face->outlines);
  g_hash_table_unref (face->codes);
  g_free (face);
}

static void
type3_font_free (gpointer data)
{
  Type3Font *font = data;

  g_array_unref (font->glyphs);
  g_ptr_array_unref (font->texts);
  g_array_unref (font->widths);
  g_free (font);
}

/* Compressing */

typedef struct
{
  GString  *data;
  gboolean  last;
} Chunk;

static void
deflate_append (GConverter *compressor,
                GByteArray *packed,
                const char *data,
                gsize       length,
                gboolean    last)
{
  guint8 buf[64 * 1024];

  while (length > 0 || last)
    {
      g_autoptr(GError) error = NULL;
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (compressor, data, length, buf, sizeof buf,
                                    last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                    &bytes_read, &bytes_written, &error);
      if (result == G_CONVERTER_ERROR)
        g_error ("cannot compress a PDF stream: %s", error->message);

      g_byte_array_append (packed, buf, bytes_written);
      data += bytes_read;
      length -= bytes_read;
      if (result == G_CONVERTER_FINISHED)
        break;
    }
}

static GConverter *
compressor_new (void)
{
  /* the fastest level: most of the size goes anyway, and time matters */
  return G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1));
}

static gpointer
pack_chunks (gpointer data)
{
  OpmPdfRenderer *self = data;
  gboolean last = FALSE;

  while (!last)
    {
      Chunk *chunk = g_async_queue_pop (self->chunks);

      last = chunk->last;
      deflate_append (self->compressor, self->packed, chunk->data->str, chunk->data->len, last);
      g_string_free (chunk->data, TRUE);
      g_free (chunk);
    }

  return NULL;
}

/* Hands the content so far to the packer. */
static void
push_content (OpmPdfRenderer *self,
              gboolean        last)
{
  Chunk *chunk = g_new (Chunk, 1);

  if (self->packer == NULL)
    self->packer = g_thread_new ("opm-pdf-packer", pack_chunks, self);

  chunk->data = self->content;
  chunk->last = last;
  self->content = last ? NULL : g_string_sized_new (CHUNK_SIZE + 64 * 1024);
  g_async_queue_push (self->chunks, chunk);
}

static inline void
content_done (OpmPdfRenderer *self)
{
  if (self->content->len >= CHUNK_SIZE)
    push_content (self, FALSE);
}

/* Graphics state */

static void
set_alpha (OpmPdfRenderer *self,
           int             fill_alpha,
           int             stroke_alpha)
{
  guint pair;
  guint index;

  if (fill_alpha == self->fill_alpha && stroke_alpha == self->stroke_alpha)
    return;

  pair = (guint) fill_alpha * 256 + (guint) stroke_alpha;
  for (index = 0; index < self->alphas->len; index++)
    if (g_array_index (self->alphas, guint, index) == pair)
      break;
  if (index == self->alphas->len)
    g_array_append_val (self->alphas, pair);

  g_string_append_printf (self->content, "/A%u gs\n", index);
  self->fill_alpha = fill_alpha;
  self->stroke_alpha = stroke_alpha;
}

static void
set_colour (OpmPdfRenderer *self,
            int            *state,
            OpmRgba         colour,
            const char     *op)
{
  int channels[3] = {
    (int) lround (CLAMP (colour.red, 0, 1) * 1000),
    (int) lround (CLAMP (colour.green, 0, 1) * 1000),
    (int) lround (CLAMP (colour.blue, 0, 1) * 1000),
  };

  if (memcmp (channels, state, sizeof channels) == 0)
    return;

  for (guint i = 0; i < 3; i++)
    {
      append_thousandths (self->content, channels[i]);
      g_string_append_c (self->content, ' ');
    }
  g_string_append (self->content, op);
  memcpy (state, channels, sizeof channels);
}

static int
alpha_of (OpmRgba colour)
{
  return CLAMP (hundredths (colour.alpha), 0, 100);
}

static void
set_line (OpmPdfRenderer *self,
          const OpmStyle *style)
{
  GString *out = self->content;
  int width = hundredths (style->line_width);
  const OpmDashPattern *pattern = opm_dash_get_pattern (style->dash);
  int offset = pattern->n_lengths > 0 ? hundredths (style->dash_offset) : 0;

  if (width != self->line_width)
    {
      append_hundredths (out, width);
      g_string_append (out, " w\n");
      self->line_width = width;
    }

  if ((int) pattern->round_caps != self->round_caps)
    {
      g_string_append (out, pattern->round_caps ? "1 J\n" : "0 J\n");
      self->round_caps = pattern->round_caps;
    }

  if ((int) style->dash != self->dash || offset != self->dash_offset)
    {
      g_string_append_c (out, '[');
      for (guint i = 0; i < pattern->n_lengths; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          _opm_string_append_number (out, pattern->lengths[i]);
        }
      g_string_append (out, "] ");
      append_hundredths (out, offset);
      g_string_append (out, " d\n");
      self->dash = style->dash;
      self->dash_offset = offset;
    }
}

/* Paints the path just written, as begin_paint() set the state. */
static void
paint (OpmPdfRenderer *self,
       const OpmStyle *style)
{
  gboolean fill = style->fill.alpha > 0;
  gboolean stroke = style->stroke.alpha > 0 && style->line_width > 0;
  GString *out = self->content;

  if (!fill && !stroke)
    {
      g_string_append (out, "n\n");
      return;
    }

  if (fill)
    g_string_append (out, stroke ? "B\n" : "f\n");
  else
    g_string_append (out, "S\n");
  content_done (self);
}

static void
begin_paint (OpmPdfRenderer *self,
             const OpmStyle *style)
{
  gboolean fill = style->fill.alpha > 0;
  gboolean stroke = style->stroke.alpha > 0 && style->line_width > 0;

  if (fill)
    set_colour (self, self->fill, style->fill, "rg\n");
  if (stroke)
    {
      set_colour (self, self->stroke, style->stroke, "RG\n");
      set_line (self, style);
    }
  if (fill || stroke)
    set_alpha (self,
               fill ? alpha_of (style->fill) : self->fill_alpha,
               stroke ? alpha_of (style->stroke) : self->stroke_alpha);
}

/* Shapes */

static void
append_path (GString *out,
             GArray  *path)
{
  for (guint i = 0; i < path->len; i++)
    {
      const OpmPathPoint *p = &g_array_index (path, OpmPathPoint, i);

      switch (p->op)
        {
        case OPM_PATH_MOVE:
          append_point (out, p->x, p->y);
          g_string_append (out, "m\n");
          break;
        case OPM_PATH_LINE:
          append_point (out, p->x, p->y);
          g_string_append (out, "l\n");
          break;
        case OPM_PATH_CURVE:
          if (i + 2 < path->len)
            {
              for (guint k = 0; k < 3; k++)
                append_point (out, p[k].x, p[k].y);
              g_string_append (out, "c\n");
              i += 2;
            }
          break;
        case OPM_PATH_CLOSE:
          g_string_append (out, "h\n");
          break;
        default:
          break;
        }
    }
}

static void
opm_pdf_renderer_draw_rect (OpmRenderer    *renderer,
                            double          x,
                            double          y,
                            double          width,
                            double          height,
                            double          radius,
                            const OpmStyle *style)
{
  OpmPdfRenderer *self = OPM_PDF_RENDERER (renderer);
  GString *out = self->content;

  begin_paint (self, style);

  if (radius <= 0)
    {
      append_point (out, x, y);
      append_point (out, width, height);
      g_string_append (out, "re\n");
    }
  else
    {
      g_autoptr(GArray) path = opm_path_new ();

      opm_path_rounded_rect (path, x, y, width, height, radius);
      append_path (out, path);
    }

  paint (self, style);
}

static void
opm_pdf_renderer_draw_ellipse (OpmRenderer    *renderer,
                               double          cx,
                               double          cy,
                               double          rx,
                               double          ry,
                               const OpmStyle *style)
{
  OpmPdfRenderer *self = OPM_PDF_RENDERER (renderer);
  g_autoptr(GArray) path = NULL;

  if (rx <= 0 || ry <= 0)
    return;

  begin_paint (self, style);
  path = opm_path_new ();
  opm_path_ellipse (path, cx, cy, rx, ry);
  append_path (self->content, path);
  paint (self, style);
}

static void
opm_pdf_renderer_draw_path (OpmRenderer    *renderer,
                            GArray         *path,
                            const OpmStyle *style)
{
  OpmPdfRenderer *self = OPM_PDF_RENDERER (renderer);

  begin_paint (self, style);
  append_path (self->content, path);
  paint (self, style);
}

/* Text */

static Face *
get_face (OpmPdfRenderer *self,
          PangoFont      *font)
{
  Face *face = g_hash_table_lookup (self->face_of_font, font);
  PangoFontDescription *desc;
  char *name;

  if (face != NULL)
    return face;

  /* Glyphs belong to the face, whatever the size. */
  desc = pango_font_describe (font);
  pango_font_description_unset_fields (desc, PANGO_FONT_MASK_SIZE);
  name = pango_font_description_to_string (desc);
  pango_font_description_free (desc);

  face = g_hash_table_lookup (self->faces, name);
  if (face == NULL)
    {
      cairo_scaled_font_t *scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font));
      cairo_font_options_t *options = cairo_font_options_create ();
      cairo_matrix_t matrix;
      cairo_matrix_t identity;

      cairo_scaled_font_get_font_options (scaled, options);
      cairo_matrix_init_scale (&matrix, GLYPH_UNITS, GLYPH_UNITS);
      cairo_matrix_init_identity (&identity);

      face = g_new0 (Face, 1);
      face->outlines = cairo_scaled_font_create (cairo_scaled_font_get_font_face (scaled), &matrix, &identity,
                                                 options);
      face->codes = g_hash_table_new_full (glyph_key_hash, glyph_key_equal, g_free, g_free);
      face->current = NO_FONT;
      cairo_font_options_destroy (options);
      g_hash_table_insert (self->faces, name, face);
    }
  else
    {
      g_free (name);
    }

  g_hash_table_insert (self->face_of_font, g_object_ref (font), face);

  return face;
}

static const GlyphCode *
get_code (OpmPdfRenderer *self,
          Face           *face,
          PangoGlyph      glyph,
          const char     *text,
          gsize           length)
{
  char buf[64];
  g_autofree char *heap = NULL;
  GlyphKey lookup = { glyph, NULL };
  GlyphKey *key;
  GlyphCode *code;
  Type3Font *font;
  cairo_glyph_t cairo_glyph = { glyph, 0, 0 };
  cairo_text_extents_t extents;
  double width;

  if (length < sizeof buf)
    {
      memcpy (buf, text, length);
      buf[length] = '\0';
      lookup.text = buf;
    }
  else
    {
      lookup.text = heap = g_strndup (text, length);
    }

  code = g_hash_table_lookup (face->codes, &lookup);
  if (code != NULL)
    return code;

  if (face->current == NO_FONT ||
      ((Type3Font *) g_ptr_array_index (self->fonts, face->current))->glyphs->len == CODES_PER_FONT)
    {
      font = g_new0 (Type3Font, 1);
      font->face = face;
      font->glyphs = g_array_new (FALSE, FALSE, sizeof (PangoGlyph));
      font->texts = g_ptr_array_new ();
      font->widths = g_array_new (FALSE, FALSE, sizeof (double));
      face->current = self->fonts->len;
      g_ptr_array_add (self->fonts, font);

      /* Code 0 draws nothing and is half an em wide: text extractors
       * (poppler's) guess the scale of a Type 3 font from its first glyph
       * taking it to be that wide, and find word breaks by that scale. */
      {
        PangoGlyph none = PANGO_GLYPH_EMPTY;
        double half = GLYPH_UNITS / 2;

        g_array_append_val (font->glyphs, none);
        g_ptr_array_add (font->texts, (gpointer) "");
        g_array_append_val (font->widths, half);
      }
    }
  font = g_ptr_array_index (self->fonts, face->current);

  cairo_scaled_font_glyph_extents (face->outlines, &cairo_glyph, 1, &extents);
  width = hundredths (extents.x_advance) / 100.0;

  key = glyph_key_new (glyph, lookup.text);
  code = g_new (GlyphCode, 1);
  code->font = face->current;
  code->code = (guint8) font->glyphs->len;
  g_array_append_val (font->glyphs, glyph);
  g_ptr_array_add (font->texts, (gpointer) key->text);
  g_array_append_val (font->widths, width);
  g_hash_table_insert (face->codes, key, code);

  return code;
}

/* The bytes of @text that glyph @i of @run stands for: all of its cluster
 * for the cluster's first glyph in logical order, nothing for the others. */
static gsize
cluster_text (const char      *text,
              PangoGlyphItem  *run,
              int              i,
              const char     **start)
{
  const int *clusters = run->glyphs->log_clusters;
  int n = run->glyphs->num_glyphs;
  int cluster = clusters[i];
  int end;
  int j;

  *start = text + run->item->offset + cluster;

  if (run->item->analysis.level % 2 == 0)
    {
      if (i > 0 && clusters[i - 1] == cluster)
        return 0;
      for (j = i + 1; j < n && clusters[j] == cluster; j++)
        ;
      end = j < n ? clusters[j] : run->item->length;
    }
  else
    {
      if (i + 1 < n && clusters[i + 1] == cluster)
        return 0;
      for (j = i - 1; j >= 0 && clusters[j] == cluster; j--)
        ;
      end = j >= 0 ? clusters[j] : run->item->length;
    }

  return end > cluster ? (gsize) (end - cluster) : 0;
}

static void
set_text_matrix (GString *out,
                 double   x,
                 double   y)
{
  g_string_append (out, "1 0 0 -1 ");
  append_point (out, x, y);
  g_string_append (out, "Tm\n");
}

/* Shows glyph runs as Pango placed them, the first at (@x, @baseline). */
static void
show_runs (OpmPdfRenderer *self,
           const char     *text,
           GSList         *runs,
           double          x,
           double          baseline,
           double          size)
{
  static const char hex[] = "0123456789abcdef";
  GString *out = self->content;
  int size_100 = hundredths (size);
  double pen_x = x;
  double pen_y = baseline;
  gboolean in_array = FALSE;

  if (size_100 <= 0)
    return;

  g_string_append (out, "BT\n");
  set_text_matrix (out, pen_x, pen_y);

  for (GSList *l = runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      PangoGlyphString *glyphs = run->glyphs;
      Face *face = get_face (self, run->item->analysis.font);

      for (int i = 0; i < glyphs->num_glyphs; i++)
        {
          const PangoGlyphInfo *info = &glyphs->glyphs[i];
          double gx = x + info->geometry.x_offset / (double) PANGO_SCALE;
          double gy = baseline + info->geometry.y_offset / (double) PANGO_SCALE;
          const GlyphCode *code;
          const char *start;
          gsize length;
          int adjust;

          x += info->geometry.width / (double) PANGO_SCALE;

          if (info->glyph == PANGO_GLYPH_EMPTY || (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0)
            continue;

          length = cluster_text (text, run, i, &start);
          code = get_code (self, face, info->glyph, start, length);

          if (code->font != self->text_font || size_100 != self->text_size)
            {
              if (in_array)
                g_string_append (out, ">] TJ\n");
              in_array = FALSE;
              g_string_append_printf (out, "/F%u ", code->font);
              append_hundredths (out, size_100);
              g_string_append (out, " Tf\n");
              self->text_font = code->font;
              self->text_size = size_100;
            }

          if (fabs (gy - pen_y) >= 0.005)
            {
              if (in_array)
                g_string_append (out, ">] TJ\n");
              in_array = FALSE;
              set_text_matrix (out, gx, gy);
              pen_x = gx;
              pen_y = gy;
            }

          if (!in_array)
            {
              g_string_append (out, "[<");
              in_array = TRUE;
            }

          /* A positive number moves the next glyph left, in thousandths
           * of the font size; the advances differ from Pango's by rounding
           * only, so move when the difference adds up to something. */
          adjust = hundredths ((pen_x - gx) * GLYPH_UNITS / size);
          if (ABS (adjust) >= MIN_ADJUST)
            {
              g_string_append_c (out, '>');
              append_hundredths (out, adjust);
              g_string_append_c (out, '<');
              pen_x -= adjust / 100.0 * size / GLYPH_UNITS;
            }

          g_string_append_c (out, hex[code->code >> 4]);
          g_string_append_c (out, hex[code->code & 15]);
          pen_x += g_array_index (((Type3Font *) g_ptr_array_index (self->fonts, code->font))->widths, double,
                                  code->code) * size / GLYPH_UNITS;
        }
    }

  if (in_array)
    g_string_append (out, ">] TJ\n");
  g_string_append (out, "ET\n");
  content_done (self);
}

static void
opm_pdf_renderer_draw_text (OpmRenderer  *renderer,
                            double        x,
                            double        baseline,
                            const char   *text,
                            double        size,
                            gboolean      bold,
                            OpmTextAlign  align,
                            OpmRgba       colour)
{
  OpmPdfRenderer *self = OPM_PDF_RENDERER (renderer);
  const OpmShapedText *shaped;
  PangoFontDescription *desc;
  PangoLayoutIter *iter;
  PangoRectangle logical;
  double top;

  if (colour.alpha <= 0 || text[0] == '\0')
    return;

  set_colour (self, self->fill, colour, "rg\n");
  set_alpha (self, alpha_of (colour), self->stroke_alpha);

  shaped = opm_text_shape (text, size, bold);
  if (shaped != NULL)
    {
      if (align == OPM_TEXT_ALIGN_CENTRE)
        x -= shaped->width / 2;
      else if (align == OPM_TEXT_ALIGN_END)
        x -= shaped->width;

      show_runs (self, text, shaped->runs, x, baseline, size);
      return;
    }

  /* Several lines: as the cairo renderer shows a layout. */
  if (self->layout == NULL)
    {
      PangoContext *context = opm_text_context_new ();

      self->layout = pango_layout_new (context);
      g_object_unref (context);
    }
  desc = pango_font_description_from_string (OPM_FONT_FAMILY);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (self->layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (self->layout, text, -1);
  pango_layout_get_extents (self->layout, NULL, &logical);

  if (align == OPM_TEXT_ALIGN_CENTRE)
    x -= logical.width / (double) PANGO_SCALE / 2;
  else if (align == OPM_TEXT_ALIGN_END)
    x -= logical.width / (double) PANGO_SCALE;
  top = baseline - pango_layout_get_baseline (self->layout) / (double) PANGO_SCALE;

  iter = pango_layout_get_iter (self->layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle extents;

      pango_layout_iter_get_line_extents (iter, NULL, &extents);
      show_runs (self, pango_layout_get_text (self->layout), line->runs, x + extents.x / (double) PANGO_SCALE,
                 top + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE, size);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* The file */

static void
append_packed (GString    *out,
               GByteArray *packed)
{
  g_string_append_printf (out, "<< /Length %u /Filter /FlateDecode >>\nstream\n", packed->len);
  g_string_append_len (out, (const char *) packed->data, packed->len);
  g_string_append (out, "\nendstream\n");
}

static void
append_stream (GString    *out,
               const char *data,
               gsize       length,
               gboolean    compress)
{
  g_autoptr(GConverter) compressor = NULL;
  g_autoptr(GByteArray) packed = NULL;

  if (!compress)
    {
      g_string_append_printf (out, "<< /Length %" G_GSIZE_FORMAT " >>\nstream\n", length);
      g_string_append_len (out, data, length);
      g_string_append (out, "\nendstream\n");
      return;
    }

  compressor = compressor_new ();
  packed = g_byte_array_sized_new (length / 4 + 1024);
  deflate_append (compressor, packed, data, length, TRUE);
  append_packed (out, packed);
}

static void
begin_object (GString *out,
              GArray  *offsets,
              guint    number)
{
  gsize offset = out->len;

  g_assert (number == offsets->len);
  g_array_append_val (offsets, offset);
  g_string_append_printf (out, "%u 0 obj\n", number);
}

/* A text string, as UTF-16BE so that any name survives. */
static void
append_text_string (GString    *out,
                    const char *text)
{
  g_autofree gunichar2 *utf16 = NULL;
  glong length = 0;

  utf16 = g_utf8_to_utf16 (text, -1, NULL, &length, NULL);
  g_string_append (out, "<feff");
  for (glong i = 0; utf16 != NULL && i < length; i++)
    g_string_append_printf (out, "%04x", utf16[i]);
  g_string_append_c (out, '>');
}

static void
append_glyph_proc (OpmPdfRenderer *self,
                   GString        *out,
                   Face           *face,
                   PangoGlyph      glyph,
                   double          width,
                   double          bbox[4])
{
  g_autoptr(GString) proc = g_string_new (NULL);
  cairo_glyph_t cairo_glyph = { glyph, 0, 0 };
  cairo_text_extents_t extents;
  cairo_path_t *path;

  if (glyph == PANGO_GLYPH_EMPTY)
    {
      _opm_string_append_number (proc, width);
      g_string_append (proc, " 0 0 0 0 0 d1\n");
      append_stream (out, proc->str, proc->len, FALSE);
      return;
    }

  cairo_scaled_font_glyph_extents (face->outlines, &cairo_glyph, 1, &extents);
  cairo_new_path (self->outline_cr);
  cairo_set_scaled_font (self->outline_cr, face->outlines);
  cairo_glyph_path (self->outline_cr, &cairo_glyph, 1);
  path = cairo_copy_path (self->outline_cr);

  _opm_string_append_number (proc, width);
  if (path->status != CAIRO_STATUS_SUCCESS || path->num_data == 0 || extents.width <= 0)
    {
      g_string_append (proc, " 0 0 0 0 0 d1\n");
    }
  else
    {
      double box[4] = {
        floor (extents.x_bearing),
        floor (-(extents.y_bearing + extents.height)),
        ceil (extents.x_bearing + extents.width),
        ceil (-extents.y_bearing),
      };

      g_string_append (proc, " 0 ");
      for (guint i = 0; i < 4; i++)
        {
          append_hundredths (proc, (int) box[i] * 100);
          g_string_append_c (proc, ' ');
        }
      g_string_append (proc, "d1\n");
      bbox[0] = MIN (bbox[0], box[0]);
      bbox[1] = MIN (bbox[1], box[1]);
      bbox[2] = MAX (bbox[2], box[2]);
      bbox[3] = MAX (bbox[3], box[3]);

      /* glyph space is y up */
      for (int i = 0; i < path->num_data; i += path->data[i].header.length)
        {
          cairo_path_data_t *data = &path->data[i];

          switch (data->header.type)
            {
            case CAIRO_PATH_MOVE_TO:
              append_point (proc, data[1].point.x, -data[1].point.y);
              g_string_append (proc, "m\n");
              break;
            case CAIRO_PATH_LINE_TO:
              append_point (proc, data[1].point.x, -data[1].point.y);
              g_string_append (proc, "l\n");
              break;
            case CAIRO_PATH_CURVE_TO:
              for (int k = 1; k <= 3; k++)
                append_point (proc, data[k].point.x, -data[k].point.y);
              g_string_append (proc, "c\n");
              break;
            case CAIRO_PATH_CLOSE_PATH:
              g_string_append (proc, "h\n");
              break;
            default:
              break;
            }
        }
      g_string_append (proc, "f\n");
    }
  cairo_path_destroy (path);

  append_stream (out, proc->str, proc->len, FALSE);
}

static void
append_to_unicode (GString   *out,
                   Type3Font *font)
{
  g_autoptr(GString) cmap = g_string_new (NULL);
  guint n = 0;

  g_string_append (cmap,
                   "/CIDInit /ProcSet findresource begin\n"
                   "12 dict begin\n"
                   "begincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n"
                   "/CMapType 2 def\n"
                   "1 begincodespacerange\n<00> <ff>\nendcodespacerange\n");

  for (guint code = 0; code < font->texts->len; code++)
    {
      const char *text = g_ptr_array_index (font->texts, code);
      g_autofree gunichar2 *utf16 = NULL;
      glong length = 0;

      if (text[0] == '\0')
        continue;
      utf16 = g_utf8_to_utf16 (text, -1, NULL, &length, NULL);
      if (utf16 == NULL || length == 0)
        continue;

      if (n % 100 == 0)
        {
          guint left = 0;

          if (n > 0)
            g_string_append (cmap, "endbfchar\n");
          for (guint c = code; c < font->texts->len; c++)
            left += ((const char *) g_ptr_array_index (font->texts, c))[0] != '\0';
          g_string_append_printf (cmap, "%u beginbfchar\n", MIN (left, 100));
        }
      g_string_append_printf (cmap, "<%02x> <", code);
      for (glong i = 0; i < length; i++)
        g_string_append_printf (cmap, "%04x", utf16[i]);
      g_string_append (cmap, ">\n");
      n++;
    }
  if (n > 0)
    g_string_append (cmap, "endbfchar\n");

  g_string_append (cmap,
                   "endcmap\n"
                   "CMapName currentdict /CMap defineresource pop\n"
                   "end\n"
                   "end\n");

  append_stream (out, cmap->str, cmap->len, TRUE);
}

static void
opm_pdf_renderer_finalize (GObject *object)
{
  OpmPdfRenderer *self = OPM_PDF_RENDERER (object);

  if (self->packer != NULL)
    {
      push_content (self, TRUE);
      g_thread_join (g_steal_pointer (&self->packer));
    }
  if (self->content != NULL)
    g_string_free (self->content, TRUE);
  g_clear_pointer (&self->chunks, g_async_queue_unref);
  g_clear_object (&self->compressor);
  g_clear_pointer (&self->packed, g_byte_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->alphas, g_array_unref);
  g_clear_pointer (&self->fonts, g_ptr_array_unref);
  g_clear_pointer (&self->face_of_font, g_hash_table_unref);
  g_clear_pointer (&self->faces, g_hash_table_unref);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->outline_cr, cairo_destroy);

  G_OBJECT_CLASS (opm_pdf_renderer_parent_class)->finalize (object);
}

static void
opm_pdf_renderer_class_init (OpmPdfRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OpmRendererClass *renderer_class = OPM_RENDERER_CLASS (klass);

  object_class->finalize = opm_pdf_renderer_finalize;

  renderer_class->draw_rect = opm_pdf_renderer_draw_rect;
  renderer_class->draw_ellipse = opm_pdf_renderer_draw_ellipse;
  renderer_class->draw_path = opm_pdf_renderer_draw_path;
  renderer_class->draw_text = opm_pdf_renderer_draw_text;
}

static void
opm_pdf_renderer_init (OpmPdfRenderer *self)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);

  self->alphas = g_array_new (FALSE, FALSE, sizeof (guint));
  self->fonts = g_ptr_array_new_with_free_func (type3_font_free);
  self->face_of_font = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->faces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, face_free);
  self->outline_cr = cairo_create (surface);
  cairo_surface_destroy (surface);
  self->chunks = g_async_queue_new ();
  self->compressor = compressor_new ();
  self->packed = g_byte_array_new ();

  for (guint i = 0; i < 3; i++)
    self->fill[i] = self->stroke[i] = -1;
  /* PDF's initial state, but for the joins set first */
  self->fill_alpha = 100;
  self->stroke_alpha = 100;
  self->line_width = 100;
  self->dash = OPM_DASH_SOLID;
  self->dash_offset = 0;
  self->round_caps = FALSE;
  self->text_font = NO_FONT;
  self->text_size = -1;
}

/**
 * opm_pdf_renderer_new:
 * @x: left edge of the area, in document units
 * @y: top edge of the area
 * @width: width of the area
 * @height: height of the area
 * @points: points per document unit
 * @title: (nullable): the document's title
 * @author: (nullable): its author
 * @subject: (nullable): what it shows
 *
 * A renderer that makes a one-page PDF of the area.
 */
OpmRenderer *
opm_pdf_renderer_new (double      x,
                      double      y,
                      double      width,
                      double      height,
                      double      points,
                      const char *title,
                      const char *author,
                      const char *subject)
{
  OpmPdfRenderer *self;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (width > 0 && height > 0 && points > 0, NULL);

  self = g_object_new (OPM_TYPE_PDF_RENDERER, NULL);
  self->title = g_strdup (title);
  self->author = g_strdup (author);
  self->subject = g_strdup (subject);
  self->width = width * points;
  self->height = height * points;
  self->content = g_string_sized_new (256 * 1024);

  /* document units, y down, to points, y up */
  g_string_append (self->content, g_ascii_formatd (buf, sizeof buf, "%.9g", points));
  g_string_append (self->content, " 0 0 ");
  g_string_append (self->content, g_ascii_formatd (buf, sizeof buf, "%.9g", -points));
  g_string_append_c (self->content, ' ');
  g_string_append (self->content, g_ascii_formatd (buf, sizeof buf, "%.4f", -x * points));
  g_string_append_c (self->content, ' ');
  g_string_append (self->content, g_ascii_formatd (buf, sizeof buf, "%.4f", (y + height) * points));
  g_string_append (self->content, " cm\n1 j\n");

  return OPM_RENDERER (self);
}

/**
 * opm_pdf_renderer_finish:
 *
 * Returns: (transfer full): the PDF file; the renderer is spent
 */
GBytes *
opm_pdf_renderer_finish (OpmPdfRenderer *self)
{
  g_autoptr(GString) content = NULL;
  g_autoptr(GArray) offsets = NULL;
  g_autofree char *id = NULL;
  GString *out;
  guint first_font = 6;
  guint number;
  gsize xref;

  g_return_val_if_fail (OPM_IS_PDF_RENDERER (self), NULL);
  g_return_val_if_fail (self->content != NULL, NULL);

  /* the last of the content, compressed on this thread if it is all */
  if (self->packer != NULL)
    {
      push_content (self, TRUE);
      g_thread_join (g_steal_pointer (&self->packer));
    }
  else
    {
      content = g_steal_pointer (&self->content);
      deflate_append (self->compressor, self->packed, content->str, content->len, TRUE);
    }
  id = g_compute_checksum_for_data (G_CHECKSUM_MD5, self->packed->data, self->packed->len);
  out = g_string_sized_new (self->packed->len + 64 * 1024);
  offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_append_val (offsets, (gsize) { 0 });

  g_string_append (out, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");

  begin_object (out, offsets, 1);
  g_string_append (out, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");

  begin_object (out, offsets, 2);
  g_string_append (out, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");

  /* each font is its dictionary, its ToUnicode map and a procedure a glyph */
  begin_object (out, offsets, 3);
  g_string_append (out, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ");
  _opm_string_append_number (out, self->width);
  g_string_append_c (out, ' ');
  _opm_string_append_number (out, self->height);
  g_string_append (out, "]\n   /Contents 4 0 R\n   /Resources << /ExtGState <<");
  for (guint i = 0; i < self->alphas->len; i++)
    {
      guint pair = g_array_index (self->alphas, guint, i);

      g_string_append_printf (out, " /A%u << /Type /ExtGState /ca ", i);
      append_hundredths (out, (int) (pair / 256));
      g_string_append (out, " /CA ");
      append_hundredths (out, (int) (pair % 256));
      g_string_append (out, " >>");
    }
  g_string_append (out, " >>\n   /Font <<");
  number = first_font;
  for (guint i = 0; i < self->fonts->len; i++)
    {
      Type3Font *font = g_ptr_array_index (self->fonts, i);

      g_string_append_printf (out, " /F%u %u 0 R", i, number);
      number += 2 + font->glyphs->len;
    }
  g_string_append (out, " >> >> >>\nendobj\n");

  begin_object (out, offsets, 4);
  append_packed (out, self->packed);
  g_string_append (out, "endobj\n");

  begin_object (out, offsets, 5);
  g_string_append (out, "<<");
  if (self->title != NULL)
    {
      g_string_append (out, " /Title ");
      append_text_string (out, self->title);
    }
  if (self->author != NULL)
    {
      g_string_append (out, " /Author ");
      append_text_string (out, self->author);
    }
  if (self->subject != NULL)
    {
      g_string_append (out, " /Subject ");
      append_text_string (out, self->subject);
    }
  g_string_append (out, " /Creator (Opmodel " PACKAGE_VERSION ") /Producer (Opmodel " PACKAGE_VERSION ") >>\nendobj\n");

  number = first_font;
  for (guint i = 0; i < self->fonts->len; i++)
    {
      Type3Font *font = g_ptr_array_index (self->fonts, i);
      guint n = font->glyphs->len;
      guint procs = number + 2;
      double bbox[4] = { 0, 0, 0, 0 };
      g_autoptr(GString) body = g_string_new (NULL);
      g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gsize));

      /* the procedures first, to know the bounding box */
      for (guint code = 0; code < n; code++)
        {
          append_glyph_proc (self, body, font->face, g_array_index (font->glyphs, PangoGlyph, code),
                             g_array_index (font->widths, double, code), bbox);
          g_array_append_val (ends, body->len);
        }

      begin_object (out, offsets, number);
      g_string_append (out, "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0]\n   /FontBBox [");
      for (guint k = 0; k < 4; k++)
        {
          if (k > 0)
            g_string_append_c (out, ' ');
          _opm_string_append_number (out, bbox[k]);
        }
      g_string_append_printf (out, "]\n   /FirstChar 0 /LastChar %u /Widths [", n - 1);
      for (guint code = 0; code < n; code++)
        {
          if (code > 0)
            g_string_append_c (out, ' ');
          _opm_string_append_number (out, g_array_index (font->widths, double, code));
        }
      g_string_append (out, "]\n   /Encoding << /Type /Encoding /Differences [0");
      for (guint code = 0; code < n; code++)
        g_string_append_printf (out, " /g%u", code);
      g_string_append (out, "] >>\n   /CharProcs <<");
      for (guint code = 0; code < n; code++)
        g_string_append_printf (out, " /g%u %u 0 R", code, procs + code);
      g_string_append_printf (out, " >>\n   /Resources << >> /ToUnicode %u 0 R >>\nendobj\n", number + 1);

      begin_object (out, offsets, number + 1);
      append_to_unicode (out, font);
      g_string_append (out, "endobj\n");

      for (guint code = 0; code < n; code++)
        {
          gsize start = code > 0 ? g_array_index (ends, gsize, code - 1) : 0;

          begin_object (out, offsets, procs + code);
          g_string_append_len (out, body->str + start, g_array_index (ends, gsize, code) - start);
          g_string_append (out, "endobj\n");
        }

      number += 2 + n;
    }

  xref = out->len;
  g_string_append_printf (out, "xref\n0 %u\n0000000000 65535 f \n", offsets->len);
  for (guint i = 1; i < offsets->len; i++)
    g_string_append_printf (out, "%010" G_GSIZE_FORMAT " 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (out, "trailer\n<< /Size %u /Root 1 0 R /Info 5 0 R /ID [<%s> <%s>] >>\n", offsets->len,
                          id, id);
  g_string_append_printf (out, "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);

  return g_string_free_to_bytes (out);
}
