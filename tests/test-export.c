/* test-export.c — SVG, PDF and PNG exports of the bundled examples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every scenario of every example is exported in the three formats and read
 * back with independent tools: pdftotext, pdfinfo and pdftoppm (poppler)
 * and qpdf for the PDF,
 * libxml2 for the SVG, cairo for the PNG and librsvg (rsvg-convert) to check
 * that the SVG shows the same picture as the PNG.
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "opm-core.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)

/* SVG (through librsvg) and PNG (through cairo) at scale 1 differ by
 * antialiasing and glyph rasterisation. Measured over the five scenarios: mean
 * 1.1–1.6 per channel, worst 64×64 block average 1.0–1.25. For scale, on
 * telco As-is: one team card left out of the SVG makes the worst block 33, one
 * team name 10, one 11-unit line of service facts 4.8; the SVG shifted by one
 * unit makes the mean 7.7, a serif font 5.8, a white background 5.3. */
#define MAX_MEAN_DIFFERENCE  3.0     /* per channel, 0–255 */
#define MAX_BLOCK_DIFFERENCE 3.0     /* per channel, 0–255, of 64×64 block averages */
#define BLOCK                64

static char *tmpdir;

typedef struct
{
  const char *file;       /* in OPM_EXAMPLES_DIR */
  const char *scenario;   /* its name */
} Case;

static const Case cases[] = {
  { "telco.opmodel", "As-is" },
  { "telco.opmodel", "To-be" },
  { "ecommerce.opmodel", "As-is" },
  { "ecommerce.opmodel", "Scale-up" },
  { "ecommerce.opmodel", "To-be" },
};

/* Helpers: documents */

static OpmDocument *
load_example (const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("OPM_EXAMPLES_DIR");
  OpmDocument *document;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, file, NULL);
  document = opm_document_load (path, &error);
  g_assert_no_error (error);

  return document;
}

static OpmScenario *
find_scenario (OpmDocument *document,
               const char  *name)
{
  OpmScenario *scenario = opm_document_find_scenario (document, name);

  g_assert_nonnull (scenario);
  g_assert_cmpstr (opm_scenario_get_name (scenario), ==, name);

  return scenario;
}

/* Teams and services: the elements that carry a name. Borrowed. */
static GPtrArray *
named_elements (OpmScenario *scenario)
{
  GListModel *lists[] = { opm_scenario_get_teams (scenario), opm_scenario_get_services (scenario) };
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      g_ptr_array_add (result, g_list_model_get_item (lists[l], i));

  g_assert_cmpuint (result->len, >, 0);
  return result;
}

/* Every element of the scenario. */
static GPtrArray *
all_elements (OpmScenario *scenario)
{
  GListModel *lists[] = {
    opm_scenario_get_teams (scenario), opm_scenario_get_services (scenario),
    opm_scenario_get_responsibilities (scenario), opm_scenario_get_dependencies (scenario),
    opm_scenario_get_notes (scenario), opm_scenario_get_groups (scenario),
  };
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < g_list_model_get_n_items (lists[l]); i++)
      g_ptr_array_add (result, g_list_model_get_item (lists[l], i));

  g_assert_cmpuint (result->len, ==, opm_scenario_get_n_elements (scenario));
  return result;
}

static const char *
element_name (OpmElement *element)
{
  if (OPM_IS_TEAM (element))
    return opm_team_get_name (OPM_TEAM (element));
  if (OPM_IS_SERVICE (element))
    return opm_service_get_name (OPM_SERVICE (element));
  return opm_element_get_label (element);
}

/* @text with every run of white space, newlines included, made one space. */
static char *
collapse_whitespace (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n\r\f\v", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", words[i]);

  return g_string_free (out, FALSE);
}

/* Helpers: exporting */

static GBytes *
export_bytes (OpmDocument            *document,
              OpmScenario            *scenario,
              OpmExportFormat         format,
              const OpmExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = opm_export_scenario_to_bytes (document, scenario, format, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);

  return bytes;
}

/* Exports to a file in the temporary folder; returns its path. */
static char *
export_file (OpmDocument            *document,
             OpmScenario            *scenario,
             const char             *name,
             const OpmExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);
  OpmExportFormat format;

  g_assert_true (opm_export_format_from_path (path, &format));
  g_assert_true (opm_export_scenario (document, scenario, path, format, options, &error));
  g_assert_no_error (error);

  return path;
}

static void
get_frame (OpmScenario            *scenario,
           const OpmExportOptions *options,
           OpmRect                *frame)
{
  g_autoptr(OpmPainter) painter = opm_painter_new (scenario);

  opm_painter_set_dark (painter, options != NULL && options->dark);
  opm_export_get_frame (painter, options, frame);
  g_assert_cmpfloat (frame->width, >, 0);
  g_assert_cmpfloat (frame->height, >, 0);
}

/* Helpers: other programs */

/* Runs @argv (NULL-terminated) in the temporary folder; returns its exit
 * status and, when asked, what it wrote. */
static int
run (const char * const *argv,
     char              **out,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_sync (tmpdir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               out, err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));

  return WEXITSTATUS (wait_status);
}

/* Runs @argv, which must succeed; returns what it wrote. */
static char *
run_ok (const char * const *argv)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = run (argv, &out, &err);

  if (status != 0)
    g_test_message ("%s: %s", argv[0], err);
  g_assert_cmpint (status, ==, 0);

  return out;
}

static int
run_cli (char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *cli = g_getenv ("OPM_CLI");
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return run ((const char * const *) argv->pdata, &out, err);
}

/* Helpers: SVG */

static xmlDoc *
parse_svg (GBytes *svg)
{
  gsize length;
  const char *data = g_bytes_get_data (svg, &length);
  xmlDoc *doc = xmlReadMemory (data, (int) length, "export.svg", NULL, XML_PARSE_NONET);
  xmlNode *root;

  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_nonnull (root);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");

  return doc;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *result = g_strdup ((const char *) value);

  xmlFree (value);
  return result;
}

static double
get_number (xmlNode    *node,
            const char *name)
{
  g_autofree char *value = get_attribute (node, name);
  char *end = NULL;
  double number;

  g_assert_nonnull (value);
  number = g_ascii_strtod (value, &end);
  g_assert_true (end != value && *end == '\0');

  return number;
}

/* Every <g> with an id, id → GPtrArray of xmlNode (borrowed). */
static void
index_groups (xmlNode    *node,
              GHashTable *groups)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "g"))
        {
          g_autofree char *id = get_attribute (child, "id");
          g_autofree char *klass = get_attribute (child, "class");

          /* the export's own parts (header, legend) carry a class, no id:
           * index them as ".class" */
          if (id == NULL && klass != NULL && strchr (klass, ' ') == NULL)
            id = g_strconcat (".", klass, NULL);

          if (id != NULL)
            {
              GPtrArray *list = g_hash_table_lookup (groups, id);

              if (list == NULL)
                {
                  list = g_ptr_array_new ();
                  g_hash_table_insert (groups, g_strdup (id), list);
                }
              g_ptr_array_add (list, child);
            }
        }
      index_groups (child, groups);
    }
}

static GHashTable *
svg_groups (xmlDoc *doc)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);

  index_groups (xmlDocGetRootElement (doc), groups);
  return groups;
}

/* The one <g> of @id, or NULL when there is none; fails when there are more. */
static xmlNode *
svg_group (GHashTable *groups,
           const char *id)
{
  GPtrArray *list = g_hash_table_lookup (groups, id);

  if (list == NULL)
    return NULL;

  if (list->len != 1)
    g_test_message ("%u groups have the id “%s”", list->len, id);
  g_assert_cmpuint (list->len, ==, 1);

  return g_ptr_array_index (list, 0);
}

static void
collect_text (xmlNode *node,
              GString *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "text"))
        {
          xmlChar *content = xmlNodeGetContent (child);

          g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", (const char *) content);
          xmlFree (content);
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          collect_text (child, out);
        }
    }
}

/* The contents of the <text> elements within @node, joined by spaces, with
 * white space collapsed. */
static char *
svg_text (xmlNode *node)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  collect_text (node, joined);
  return collapse_whitespace (joined->str);
}

static void
assert_no_empty_text (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "text"))
        {
          xmlChar *content = xmlNodeGetContent (child);
          g_autofree char *text = collapse_whitespace ((const char *) content);

          xmlFree (content);
          if (text[0] == '\0')
            g_test_message ("an empty <text> on line %ld", xmlGetLineNo (child));
          g_assert_cmpstr (text, !=, "");
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          assert_no_empty_text (child);
        }
    }
}

static gboolean
has_child (xmlNode    *node,
           const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child, name))
      return TRUE;

  return FALSE;
}

static xmlNode *
first_shape (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (is_element (child, "rect") || is_element (child, "path"))
        return child;
      if (child->type == XML_ELEMENT_NODE && (found = first_shape (child)) != NULL)
        return found;
    }

  return NULL;
}

/* The bounding box of all coordinates of a path of absolute M, L, C and Z,
 * control points included. */
static void
path_bounds (const char *d,
             OpmRect    *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  guint n = 0;
  const char *p = d;

  while (*p != '\0')
    {
      char *end;
      double x, y;

      if (strchr ("MLCZ", *p) != NULL || *p == ' ' || *p == ',')
        {
          p++;
          continue;
        }

      x = g_ascii_strtod (p, &end);
      g_assert_true (end != p);
      p = end;
      g_assert_true (*p == ',');
      p++;
      y = g_ascii_strtod (p, &end);
      g_assert_true (end != p);
      p = end;

      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x);
      y1 = MAX (y1, y);
      n++;
    }

  g_assert_cmpuint (n, >, 1);
  *bounds = (OpmRect) { x0, y0, x1 - x0, y1 - y0 };
}

static void
shape_bounds (xmlNode *shape,
              OpmRect *bounds)
{
  if (is_element (shape, "rect"))
    {
      *bounds = (OpmRect) { get_number (shape, "x"), get_number (shape, "y"),
                            get_number (shape, "width"), get_number (shape, "height") };
    }
  else
    {
      g_autofree char *d = get_attribute (shape, "d");

      g_assert_nonnull (d);
      path_bounds (d, bounds);
    }
}

/* Helpers: pictures */

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32 ||
                 cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24);
  cairo_surface_flush (surface);

  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  const guint32 *row = (const guint32 *) (data + (gsize) y * cairo_image_surface_get_stride (surface));
  guint32 value = row[x];

  /* an opaque pixel looks the same whatever the format says of alpha */
  if (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_RGB24)
    value |= 0xff000000;

  return value;
}

static int
channel (guint32 value,
         guint   c)
{
  return (value >> (8 * c)) & 0xff;
}

/* Fails unless the picture shows something: many colours and plenty of
 * pixels off the background. */
static void
assert_not_blank (cairo_surface_t *surface,
                  OpmRgba          background)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autoptr(GHashTable) colours = g_hash_table_new (g_direct_hash, g_direct_equal);
  int bg[3] = { round (background.blue * 255), round (background.green * 255), round (background.red * 255) };
  guint64 off = 0;
  double fraction;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 value = pixel (surface, x, y);

        if (g_hash_table_size (colours) < 100000)
          g_hash_table_add (colours, GUINT_TO_POINTER (value));
        for (guint c = 0; c < 3; c++)
          if (ABS (channel (value, c) - bg[c]) > 8)
            {
              off++;
              break;
            }
      }

  fraction = off / ((double) width * height);
  g_test_message ("%d x %d: %u colours, %.1f %% off the background", width, height,
                  g_hash_table_size (colours), fraction * 100);
  g_assert_cmpuint (g_hash_table_size (colours), >, 200);
  g_assert_cmpfloat (fraction, >, 0.10);
}

/* The mean absolute difference per channel over all pixels, and the largest
 * difference of one channel between the averages of two 64×64 blocks. */
static void
compare_pictures (cairo_surface_t *a,
                  cairo_surface_t *b,
                  double          *mean,
                  double          *worst_block,
                  int             *worst_x,
                  int             *worst_y)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  guint64 total = 0;

  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);

  *worst_block = 0;
  *worst_x = *worst_y = 0;

  for (int by = 0; by < height; by += BLOCK)
    for (int bx = 0; bx < width; bx += BLOCK)
      {
        gint64 sum_a[4] = { 0 }, sum_b[4] = { 0 };
        int n = 0;

        for (int y = by; y < MIN (by + BLOCK, height); y++)
          for (int x = bx; x < MIN (bx + BLOCK, width); x++)
            {
              guint32 pa = pixel (a, x, y);
              guint32 pb = pixel (b, x, y);

              for (guint c = 0; c < 4; c++)
                {
                  sum_a[c] += channel (pa, c);
                  sum_b[c] += channel (pb, c);
                  total += ABS (channel (pa, c) - channel (pb, c));
                }
              n++;
            }

        for (guint c = 0; c < 4; c++)
          {
            double d = fabs ((double) (sum_a[c] - sum_b[c]) / n);

            if (d > *worst_block)
              {
                *worst_block = d;
                *worst_x = bx;
                *worst_y = by;
              }
          }
      }

  *mean = total / (4.0 * width * height);
}

/* Helpers: PDF */

static void
pdf_page_size (const char *path,
               guint      *pages,
               double     *width,
               double     *height)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run_ok (argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  gboolean found_size = FALSE, found_pages = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Pages:"))
        {
          *pages = (guint) g_ascii_strtoull (lines[i] + strlen ("Pages:"), NULL, 10);
          found_pages = TRUE;
        }
      else if (g_str_has_prefix (lines[i], "Page size:"))
        {
          char *p = lines[i] + strlen ("Page size:");
          char *end;

          *width = g_ascii_strtod (p, &end);
          g_assert_true (end != p);
          p = strstr (end, "x");
          g_assert_nonnull (p);
          *height = g_ascii_strtod (p + 1, &end);
          g_assert_true (end != p + 1);
          found_size = TRUE;
        }
    }

  g_assert_true (found_pages);
  g_assert_true (found_size);
}

/* The file's bytes as a string, NULs made spaces so that it can be searched. */
static char *
pdf_searchable (GBytes *pdf)
{
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  for (gsize i = 0; i < size; i++)
    if (text[i] == '\0')
      text[i] = ' ';
  text[size] = '\0';

  return text;
}

/* The page's content stream, inflated. */
static char *
pdf_content (GBytes *pdf)
{
  g_autoptr(GConverter) inflater = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  g_autofree char *text = pdf_searchable (pdf);
  const char *object = strstr (text, "\n4 0 obj\n");
  const char *length;
  const char *stream;
  GString *out = g_string_new (NULL);
  gsize left;

  g_assert_nonnull (object);
  length = strstr (object, "/Length ");
  stream = strstr (object, "stream\n");
  g_assert_nonnull (length);
  g_assert_nonnull (stream);
  g_assert_nonnull (strstr (object, "/FlateDecode"));
  left = g_ascii_strtoull (length + strlen ("/Length "), NULL, 10);
  stream += strlen ("stream\n");
  g_assert_cmpuint ((gsize) (stream - text) + left, <=, size);
  data += stream - text;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      char buf[64 * 1024];
      gsize bytes_read = 0, bytes_written = 0;
      GConverterResult result = g_converter_convert (inflater, data, left, buf, sizeof buf, G_CONVERTER_INPUT_AT_END,
                                                     &bytes_read, &bytes_written, &error);

      g_assert_no_error (error);
      g_string_append_len (out, buf, bytes_written);
      data += bytes_read;
      left -= bytes_read;
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_string_free (out, FALSE);
}

/* Tests: one scenario */

static void
test_pdf (gconstpointer data)
{
  const Case *tc = data;
  g_autoptr(OpmDocument) document = load_example (tc->file);
  OpmScenario *scenario = find_scenario (document, tc->scenario);
  g_autoptr(GPtrArray) named = named_elements (scenario);
  g_autofree char *path = export_file (document, scenario, "scenario.pdf", NULL);
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *raw = run_ok (argv);
  g_autofree char *text = collapse_whitespace (raw);
  double width = 0, height = 0;
  guint pages = 0;
  OpmRect frame;

  for (guint i = 0; i < named->len; i++)
    {
      g_autofree char *name = collapse_whitespace (element_name (g_ptr_array_index (named, i)));

      if (strstr (text, name) == NULL)
        g_test_message ("“%s” is not in the PDF’s text", name);
      g_assert_nonnull (strstr (text, name));
    }

  get_frame (scenario, NULL, &frame);
  pdf_page_size (path, &pages, &width, &height);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpfloat_with_epsilon (width, frame.width * 0.75, 0.05);
  g_assert_cmpfloat_with_epsilon (height, frame.height * 0.75, 0.05);
}

static void
test_svg (gconstpointer data)
{
  const Case *tc = data;
  g_autoptr(OpmDocument) document = load_example (tc->file);
  OpmScenario *scenario = find_scenario (document, tc->scenario);
  g_autoptr(GPtrArray) elements = all_elements (scenario);
  g_autoptr(GBytes) svg = export_bytes (document, scenario, OPM_EXPORT_SVG, NULL);
  g_autoptr(xmlDoc) doc = parse_svg (svg);
  g_autoptr(GHashTable) groups = svg_groups (doc);
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autofree char *view_box = get_attribute (root, "viewBox");

  g_assert_nonnull (view_box);
  assert_no_empty_text (root);

  for (guint i = 0; i < elements->len; i++)
    {
      OpmElement *element = g_ptr_array_index (elements, i);
      const char *id = opm_element_get_id (element);
      xmlNode *group = svg_group (groups, id);

      if (group == NULL)
        g_test_message ("no <g id=\"%s\">", id);
      g_assert_nonnull (group);
      g_assert_true (has_child (group, "title"));

      if (OPM_IS_TEAM (element) || OPM_IS_SERVICE (element))
        {
          g_autofree char *name = collapse_whitespace (element_name (element));
          g_autofree char *text = svg_text (group);

          if (strstr (text, name) == NULL)
            g_test_message ("<g id=\"%s\"> says “%s”, not “%s”", id, text, name);
          g_assert_nonnull (strstr (text, name));
        }
    }
}

static void
test_png (gconstpointer data)
{
  const Case *tc = data;
  const double scales[] = { 1, 0.5 };
  g_autoptr(OpmDocument) document = load_example (tc->file);
  OpmScenario *scenario = find_scenario (document, tc->scenario);
  g_autoptr(OpmPainter) painter = opm_painter_new (scenario);

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      OpmExportOptions options = { .scale = scales[i] };
      g_autofree char *path = export_file (document, scenario, "scenario.png", &options);
      g_autoptr(cairo_surface_t) png = load_png (path);
      OpmRect frame;

      get_frame (scenario, &options, &frame);
      g_assert_cmpint (cairo_image_surface_get_width (png), ==, (int) ceil (frame.width * scales[i]));
      g_assert_cmpint (cairo_image_surface_get_height (png), ==, (int) ceil (frame.height * scales[i]));
      assert_not_blank (png, opm_painter_get_background (painter));
    }
}

static void
test_svg_matches_png (gconstpointer data)
{
  const Case *tc = data;
  g_autoptr(OpmDocument) document = load_example (tc->file);
  OpmScenario *scenario = find_scenario (document, tc->scenario);
  OpmExportOptions options = { .scale = 1 };
  g_autofree char *png_path = export_file (document, scenario, "picture.png", &options);
  g_autofree char *svg_path = export_file (document, scenario, "picture.svg", &options);
  g_autofree char *rendered_path = g_build_filename (tmpdir, "picture-rsvg.png", NULL);
  g_autoptr(cairo_surface_t) png = load_png (png_path);
  g_autoptr(cairo_surface_t) rendered = NULL;
  g_autofree char *width = g_strdup_printf ("%d", cairo_image_surface_get_width (png));
  g_autofree char *height = g_strdup_printf ("%d", cairo_image_surface_get_height (png));
  const char *argv[] = { "rsvg-convert", "-w", width, "-h", height, "-f", "png", "-o", rendered_path,
                         svg_path, NULL };
  g_autofree char *out = run_ok (argv);
  double mean, worst;
  int worst_x, worst_y;

  rendered = load_png (rendered_path);
  compare_pictures (png, rendered, &mean, &worst, &worst_x, &worst_y);
  g_test_message ("%s %s: SVG vs PNG mean difference %.3f per channel, worst 64x64 block %.2f at %d,%d",
                  tc->file, tc->scenario, mean, worst, worst_x, worst_y);
  g_assert_cmpfloat (mean, <=, MAX_MEAN_DIFFERENCE);
  g_assert_cmpfloat (worst, <=, MAX_BLOCK_DIFFERENCE);
}

static void
test_geometry (gconstpointer data)
{
  const Case *tc = data;
  g_autoptr(OpmDocument) document = load_example (tc->file);
  OpmScenario *scenario = find_scenario (document, tc->scenario);
  g_autoptr(OpmPainter) painter = opm_painter_new (scenario);
  g_autoptr(GPtrArray) named = named_elements (scenario);
  g_autoptr(GBytes) svg = export_bytes (document, scenario, OPM_EXPORT_SVG, NULL);
  g_autoptr(xmlDoc) doc = parse_svg (svg);
  g_autoptr(GHashTable) groups = svg_groups (doc);

  for (guint i = 0; i < named->len; i++)
    {
      OpmElement *element = g_ptr_array_index (named, i);
      xmlNode *group = svg_group (groups, opm_element_get_id (element));
      xmlNode *shape;
      OpmRect expected, drawn;

      g_assert_nonnull (group);
      shape = first_shape (group);
      g_assert_nonnull (shape);
      g_assert_true (opm_painter_get_element_bounds (painter, element, &expected));
      shape_bounds (shape, &drawn);

      if (fabs (drawn.x - expected.x) > 0.5 || fabs (drawn.y - expected.y) > 0.5 ||
          fabs (drawn.width - expected.width) > 0.5 || fabs (drawn.height - expected.height) > 0.5)
        g_test_message ("%s: drawn at %g,%g %gx%g, the painter says %g,%g %gx%g", opm_element_get_id (element),
                        drawn.x, drawn.y, drawn.width, drawn.height,
                        expected.x, expected.y, expected.width, expected.height);
      g_assert_cmpfloat_with_epsilon (drawn.x, expected.x, 0.5);
      g_assert_cmpfloat_with_epsilon (drawn.y, expected.y, 0.5);
      g_assert_cmpfloat_with_epsilon (drawn.width, expected.width, 0.5);
      g_assert_cmpfloat_with_epsilon (drawn.height, expected.height, 0.5);
    }
}

/* Tests: writing files */

/* Fails unless @folder holds exactly the file @name. */
static void
assert_only_file (const char *folder,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, &error);
  const char *entry;
  guint n = 0;

  g_assert_no_error (error);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_assert_cmpstr (entry, ==, name);
      n++;
    }
  g_assert_cmpuint (n, ==, 1);
}

static void
assert_file_contents (const char *path,
                      const void *data,
                      gsize       length)
{
  g_autofree char *contents = NULL;
  gsize contents_length;

  g_assert_true (g_file_get_contents (path, &contents, &contents_length, NULL));
  g_assert_cmpmem (contents, contents_length, data, length);
}

static void
test_atomic (void)
{
  const OpmFileFault faults[] = {
    OPM_FILE_FAULT_CREATE, OPM_FILE_FAULT_WRITE, OPM_FILE_FAULT_SYNC, OPM_FILE_FAULT_RENAME,
  };
  const char *old = "old contents";
  g_autoptr(OpmDocument) document = load_example ("telco.opmodel");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(GBytes) expected = export_bytes (document, scenario, OPM_EXPORT_SVG, NULL);
  g_autofree char *folder = g_build_filename (tmpdir, "atomic", NULL);
  g_autofree char *path = g_build_filename (folder, "picture.svg", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, old, -1, NULL));

  /* a failure at any step leaves the old file as it was, and nothing else */
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autoptr(GError) error = NULL;

      _opm_file_inject_fault (faults[i]);
      g_assert_false (opm_export_scenario (document, scenario, path, OPM_EXPORT_SVG, NULL, &error));
      g_assert_error (error, OPM_FILE_ERROR, OPM_FILE_ERROR_IO);
      assert_file_contents (path, old, strlen (old));
      assert_only_file (folder, "picture.svg");
    }

  /* success replaces it, with no temporary file left behind */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (opm_export_scenario (document, scenario, path, OPM_EXPORT_SVG, NULL, &error));
    g_assert_no_error (error);
    assert_file_contents (path, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
    assert_only_file (folder, "picture.svg");
  }

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static void
test_missing_folder (void)
{
  const OpmExportFormat formats[] = { OPM_EXPORT_SVG, OPM_EXPORT_PDF, OPM_EXPORT_PNG };
  g_autoptr(OpmDocument) document = load_example ("telco.opmodel");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autofree char *path = g_build_filename (tmpdir, "no-such-folder", "picture.svg", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (opm_export_scenario (document, scenario, path, formats[i], NULL, &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}


/* Two runs of the tool write the same bytes, findings included (their
 * badges were once drawn in the order of a hash table of addresses). */
static void
test_cli_same_bytes (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("OPM_EXAMPLES_DIR"), "telco.opmodel", NULL);
  const char *names[] = { "again.svg", "again.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *contents[2] = { NULL, NULL };
      gsize length[2] = { 0, 0 };

      for (guint run = 0; run < 2; run++)
        {
          g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);
          g_autofree char *err = NULL;

          g_assert_cmpint (run_cli (&err, "export", source, "--findings", "-o", path, NULL), ==, 0);
          g_assert_true (g_file_get_contents (path, &contents[run], &length[run], NULL));
        }
      g_assert_cmpmem (contents[0], length[0], contents[1], length[1]);
      g_free (contents[0]);
      g_free (contents[1]);
    }
}

static void
test_cli (void)
{
  const char *names[] = { "cli.svg", "cli.pdf", "cli.png" };
  const char *signatures[] = { "<?xml", "%PDF-", "\x89PNG" };
  g_autofree char *source = g_build_filename (g_getenv ("OPM_EXAMPLES_DIR"), "ecommerce.opmodel", NULL);
  g_autoptr(OpmDocument) document = load_example ("ecommerce.opmodel");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, names[i], NULL);
      g_autofree char *err = NULL;
      g_autofree char *contents = NULL;

      g_assert_cmpint (run_cli (&err, "export", source, "-o", path, NULL), ==, 0);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, signatures[i]));
    }

  /* the same bytes as the library writes, the first scenario by default */
  {
    g_autofree char *cli_path = g_build_filename (tmpdir, "cli.svg", NULL);
    g_autofree char *lib_path = export_file (document, opm_document_get_scenario (document, 0), "lib.svg", NULL);
    g_autofree char *a = NULL, *b = NULL;
    gsize la, lb;

    g_assert_true (g_file_get_contents (cli_path, &a, &la, NULL));
    g_assert_true (g_file_get_contents (lib_path, &b, &lb, NULL));
    g_assert_cmpmem (a, la, b, lb);
  }

  /* --scenario picks it: its name is in the header */
  for (guint i = 0; i < g_list_model_get_n_items (opm_document_get_scenarios (document)); i++)
    {
      OpmScenario *scenario = opm_document_get_scenario (document, i);
      const char *name = opm_scenario_get_name (scenario);
      g_autofree char *path = g_build_filename (tmpdir, "cli-scenario.svg", NULL);
      g_autofree char *err = NULL;
      g_autoptr(GBytes) svg = NULL;
      g_autoptr(xmlDoc) doc = NULL;
      g_autoptr(GHashTable) groups = NULL;
      g_autofree char *header = NULL;
      g_autofree char *expected = g_strdup_printf ("Scenario: %s", name);
      g_autoptr(GBytes) library = export_bytes (document, scenario, OPM_EXPORT_SVG, NULL);
      char *contents;
      gsize length;

      g_assert_cmpint (run_cli (&err, "export", source, "-o", path, "--scenario", name, NULL), ==, 0);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      svg = g_bytes_new_take (contents, length);
      g_assert_true (g_bytes_equal (svg, library));

      doc = parse_svg (svg);
      groups = svg_groups (doc);
      g_assert_nonnull (svg_group (groups, ".opm-header"));
      header = svg_text (svg_group (groups, ".opm-header"));
      g_assert_nonnull (strstr (header, expected));
    }

  {
    g_autofree char *path = g_build_filename (tmpdir, "cli-unknown.svg", NULL);
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (&err, "export", source, "-o", path, "--scenario", "No such scenario", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "No such scenario"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

/* Tests: options */

static void
test_dark (void)
{
  g_autoptr(OpmDocument) document = load_example ("telco.opmodel");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(OpmPainter) painter = opm_painter_new (scenario);
  OpmExportOptions light_options = { .scale = 0.5 };
  OpmExportOptions dark_options = { .scale = 0.5, .dark = TRUE };
  g_autofree char *light_path = export_file (document, scenario, "light.png", &light_options);
  g_autofree char *dark_path = export_file (document, scenario, "dark.png", &dark_options);
  g_autoptr(cairo_surface_t) light = load_png (light_path);
  g_autoptr(cairo_surface_t) dark = load_png (dark_path);
  g_autoptr(GBytes) light_svg = export_bytes (document, scenario, OPM_EXPORT_SVG, &light_options);
  g_autoptr(GBytes) dark_svg = export_bytes (document, scenario, OPM_EXPORT_SVG, &dark_options);
  double mean, worst;
  int worst_x, worst_y;

  g_assert_false (g_bytes_equal (light_svg, dark_svg));

  compare_pictures (light, dark, &mean, &worst, &worst_x, &worst_y);
  g_test_message ("light vs dark: mean difference %.1f per channel", mean);
  g_assert_cmpfloat (mean, >, 50);

  opm_painter_set_dark (painter, TRUE);
  assert_not_blank (dark, opm_painter_get_background (painter));
}

static void
test_area (void)
{
  g_autoptr(OpmDocument) document = load_example ("ecommerce.opmodel");
  OpmScenario *scenario = opm_document_get_scenario (document, 0);
  g_autoptr(OpmPainter) painter = opm_painter_new (scenario);
  g_autoptr(GPtrArray) named = named_elements (scenario);
  g_autoptr(OpmTeam) team = g_list_model_get_item (opm_scenario_get_teams (scenario), 0);
  OpmElement *far = NULL;
  double far_distance = 0;
  OpmRect bounds, area, far_bounds = { 0 };
  OpmExportOptions options = { .area = &area };
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GHashTable) groups = NULL;

  g_assert_nonnull (team);
  g_assert_true (opm_painter_get_element_bounds (painter, OPM_ELEMENT (team), &bounds));
  area = (OpmRect) { bounds.x - 20, bounds.y - 20, bounds.width + 40, bounds.height + 40 };

  /* the team or service farthest from it */
  for (guint i = 0; i < named->len; i++)
    {
      OpmElement *element = g_ptr_array_index (named, i);
      OpmRect b;
      double d;

      g_assert_true (opm_painter_get_element_bounds (painter, element, &b));
      d = hypot (b.x + b.width / 2 - (bounds.x + bounds.width / 2), b.y + b.height / 2 - (bounds.y + bounds.height / 2));
      if (d > far_distance)
        {
          far = element;
          far_distance = d;
          far_bounds = b;
        }
    }
  g_assert_nonnull (far);
  g_assert_false (far_bounds.x < area.x + area.width && area.x < far_bounds.x + far_bounds.width &&
                  far_bounds.y < area.y + area.height && area.y < far_bounds.y + far_bounds.height);

  svg = export_bytes (document, scenario, OPM_EXPORT_SVG, &options);
  doc = parse_svg (svg);
  groups = svg_groups (doc);
  g_assert_nonnull (svg_group (groups, opm_element_get_id (OPM_ELEMENT (team))));
  g_assert_null (svg_group (groups, opm_element_get_id (far)));
  /* the area export has no legend */
  g_assert_null (svg_group (groups, ".opm-legend"));
}

/* Element ids never clash with the export's own parts. */
static void
test_reserved_ids (void)
{
  const char *text =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<opmodel format-version=\"1\">\n"
    "  <scenario id=\"s\" name=\"As-is\">\n"
    "    <team id=\"header\" name=\"Header Team\"/>\n"
    "    <service id=\"legend\" name=\"Legend Service\" y=\"300\"/>\n"
    "    <service id=\"opm-legend\" name=\"Other\" x=\"400\" y=\"300\"/>\n"
    "  </scenario>\n"
    "</opmodel>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmDocument) document = opm_document_load_from_data (text, strlen (text), "reserved", &error);
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autofree char *team_text = NULL;

  g_assert_no_error (error);
  svg = export_bytes (document, opm_document_get_scenario (document, 0), OPM_EXPORT_SVG, NULL);
  doc = parse_svg (svg);
  groups = svg_groups (doc);

  g_assert_nonnull (svg_group (groups, "header"));
  g_assert_nonnull (svg_group (groups, "legend"));
  g_assert_nonnull (svg_group (groups, "opm-legend"));
  g_assert_nonnull (svg_group (groups, ".opm-legend"));
  g_assert_nonnull (svg_group (groups, ".opm-header"));
  team_text = svg_text (svg_group (groups, "header"));
  g_assert_nonnull (strstr (team_text, "Header Team"));
}

/* The file is well formed: qpdf finds nothing wrong, poppler draws it
 * without a complaint, and the same scenario makes the same bytes. */
static void
test_pdf_valid (void)
{
  g_autoptr(OpmDocument) document = load_example ("telco.opmodel");
  OpmScenario *scenario = find_scenario (document, "As-is");
  g_autofree char *path = export_file (document, scenario, "valid.pdf", NULL);
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");
  const char *render[] = { "pdftoppm", "-r", "24", "-png", path, "valid", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GBytes) a = export_bytes (document, scenario, OPM_EXPORT_PDF, NULL);
  g_autoptr(GBytes) b = export_bytes (document, scenario, OPM_EXPORT_PDF, NULL);

  g_assert_cmpint (run (render, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_bytes_equal (a, b));

  if (qpdf != NULL)
    {
      const char *check[] = { "qpdf", "--check", path, NULL };
      g_autofree char *report = run_ok (check);

      g_assert_nonnull (strstr (report, "No syntax or stream encoding errors"));
    }
  else
    {
      g_test_message ("qpdf is not installed: not checked with it");
    }
}

/* Accents, dashes, ligatures and other scripts come back as they were
 * written. */
static void
test_pdf_unicode (void)
{
  const char *names[] = {
    "Équipe Ops — Zürich", "ﬁnance desk", "Office efficiency", "Ομάδα λειτουργιών",
  };
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<opmodel format-version=\"1\">\n"
                                         "  <scenario id=\"s\" name=\"Zoë’s plan\">\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(OpmDocument) document = NULL;
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", NULL, "-", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (xml, "    <team id=\"t%u\" name=\"%s\" x=\"%u\"/>\n", i, names[i], i * 300);
  g_string_append (xml, "  </scenario>\n</opmodel>\n");
  document = opm_document_load_from_data (xml->str, xml->len, "unicode", &error);
  g_assert_no_error (error);

  path = export_file (document, opm_document_get_scenario (document, 0), "unicode.pdf", NULL);
  argv[4] = path;
  raw = run_ok (argv);
  {
    g_autofree char *collapsed = collapse_whitespace (raw);

    /* a viewer may give a ligature back as the letters it joins */
    text = g_utf8_normalize (collapsed, -1, G_NORMALIZE_ALL_COMPOSE);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_utf8_normalize (names[i], -1, G_NORMALIZE_ALL_COMPOSE);

      if (strstr (text, name) == NULL)
        g_test_message ("“%s” is not in the PDF’s text: %s", names[i], text);
      g_assert_nonnull (strstr (text, name));
    }
  g_assert_nonnull (strstr (text, "Zoë’s plan"));
}

/* Strokes keep their dash patterns and caps, fills their transparency. */
static void
test_pdf_content (void)
{
  g_autoptr(OpmDocument) document = load_example ("ecommerce.opmodel");
  g_autoptr(GBytes) pdf = export_bytes (document, find_scenario (document, "As-is"), OPM_EXPORT_PDF, NULL);
  g_autofree char *content = pdf_content (pdf);
  g_autofree char *file = pdf_searchable (pdf);

  g_assert_nonnull (strstr (content, "[7 5] "));          /* run: dashed */
  g_assert_nonnull (strstr (content, "[0.1 3.5] "));      /* plan: dotted */
  g_assert_nonnull (strstr (content, "\n1 J\n"));         /* with round caps */
  g_assert_nonnull (strstr (content, "\n[] 0 d\n"));      /* solid again */
  g_assert_nonnull (strstr (content, " c\n"));            /* rounded corners */
  g_assert_nonnull (strstr (content, " gs\n"));
  g_assert_nonnull (strstr (content, " TJ\n"));
  g_assert_nonnull (strstr (file, "/Type /ExtGState /ca 0."));
  g_assert_nonnull (strstr (file, "/Subtype /Type3"));
  g_assert_nonnull (strstr (file, "/ToUnicode "));
  g_assert_nonnull (strstr (file, "/Creator (Opmodel "));
}

static void
remove_tmpdir (void)
{
  g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_remove (path);
    }
  g_rmdir (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("opmodel-export-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const struct { const char *name; GTestDataFunc func; } kinds[] = {
        { "pdf", test_pdf },
        { "svg", test_svg },
        { "png", test_png },
        { "svg-matches-png", test_svg_matches_png },
        { "geometry", test_geometry },
      };
      g_autofree char *example = g_strndup (cases[i].file, strcspn (cases[i].file, "."));

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *path = g_strdup_printf ("/export/%s/%s/%s", example, cases[i].scenario, kinds[k].name);
          g_test_add_data_func (path, &cases[i], kinds[k].func);
        }
    }

  g_test_add_func ("/export/atomic", test_atomic);
  g_test_add_func ("/export/missing-folder", test_missing_folder);
  g_test_add_func ("/export/cli", test_cli);
  g_test_add_func ("/export/cli/same-bytes", test_cli_same_bytes);
  g_test_add_func ("/export/dark", test_dark);
  g_test_add_func ("/export/reserved-ids", test_reserved_ids);
  g_test_add_func ("/export/area", test_area);
  g_test_add_func ("/export/pdf/valid", test_pdf_valid);
  g_test_add_func ("/export/pdf/unicode", test_pdf_unicode);
  g_test_add_func ("/export/pdf/content", test_pdf_content);

  status = g_test_run ();

  remove_tmpdir ();
  g_free (tmpdir);

  return status;
}
