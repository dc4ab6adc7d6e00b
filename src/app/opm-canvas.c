/* opm-canvas.c — the diagram of one scenario, zoomable and scrollable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The canvas draws through the core painter. GTK repaints the whole widget
 * every frame, so the diagram is rendered once into tiles of 512 device
 * pixels, kept as textures until the zoom, the theme or the document
 * changes; a frame then only places the visible tiles and draws the hover
 * outline on top. The painter's grid culls what a tile does not show and
 * its level of detail drops text when zoomed out.
 */

#define G_LOG_DOMAIN "opm-canvas"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "opm-canvas.h"

/* Tiles are 512 pixels; zoomed out, where every tile meets most of the
 * diagram, 1024 so that there are fewer to draw. */
#define TILE_SIZE   (self->zoom < OPM_PAINTER_SCALE_TEXT ? 1024 : 512)
#define MAX_TILES   160
#define MARGIN      200.0
#define ZOOM_STEP   1.2

struct _OpmCanvas
{
  GtkWidget      parent_instance;

  OpmScenario   *scenario;
  OpmPainter    *painter;
  gulong         painter_changed_id;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
  guint          dark : 1;
  guint          fit_pending : 1;
  guint          fitted : 1;       /* showing the whole scenario: stays so when resized */
  guint          fitting : 1;
  guint          space_held : 1;

  double         zoom;
  double         max_fit_zoom;
  gboolean       keep_view;        /* set once the view was placed */
  int            allocated_width;
  int            allocated_height;
  OpmRect        content;          /* scrollable area, document units */
  double         offset_x;         /* centring when the content is smaller */
  double         offset_y;

  GHashTable    *tiles;            /* tile key → cairo_surface_t */
  GHashTable    *stale;            /* tiles that show an older drawing → what changed
                                    * (OpmRect, document units), NULL for all */
  guint          refresh_id;
  cairo_surface_t *redraw;         /* a stale tile being drawn again, a slice an idle */
  gint64         redraw_key;
  gint64         redraw_tx;
  gint64         redraw_ty;
  OpmRect        redraw_area;      /* what is drawn again, in document units */
  double         redraw_pixels[4]; /* the pixels to take: x0, y0, x1, y1; all when x1 is 0 */
  guint          redraw_next;      /* elements drawn so far */
  guint          configure_id;     /* scrolling follows the diagram after a step */
  double         tiles_zoom;
  int            tiles_scale;
  guint          tiles_generation;

  OpmElement    *hover;
  double         pointer_x;
  double         pointer_y;
  double         drag_start_h;
  double         drag_start_v;
  double         zoom_gesture_start;
  guint          notify_zoom_id;

  GPtrArray     *selection;        /* of OpmElement, strong refs, in selection order */

  /* editing */
  gboolean       snap;
  int            drag_mode;
  gboolean       drag_started;
  double         press_x;          /* document units */
  double         press_y;
  double         pointer_doc_x;
  double         pointer_doc_y;
  GPtrArray     *drag_nodes;
  GArray        *drag_origins;     /* x, y, width, height per node */
  OpmElement    *connect_source;
  gboolean       drop_active;
  char          *drop_payload;
  OpmElement    *drop_target;
  GtkWidget     *popover;
};

enum {
  DRAG_NONE,
  DRAG_MOVE,
  DRAG_RESIZE,
  DRAG_CONNECT,
  DRAG_RUBBER,
};

#define GRID            10.0
#define HANDLE_SIZE     10.0
#define DRAG_THRESHOLD  3.0

static void opm_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OpmCanvas, opm_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, opm_canvas_scrollable_init))

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_ZOOM,
  PROP_DARK,
  PROP_SNAP_TO_GRID,
  N_PROPS,
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
opm_canvas_scrollable_init (GtkScrollableInterface *iface)
{
}

/* Geometry */

static void
update_content (OpmCanvas *self)
{
  OpmRect bounds;

  opm_painter_get_bounds (self->painter, &bounds);
  self->content.x = bounds.x - MARGIN;
  self->content.y = bounds.y - MARGIN;
  self->content.width = bounds.width + 2 * MARGIN;
  self->content.height = bounds.height + 2 * MARGIN;
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         lower,
                      double         length,
                      double         page,
                      double        *offset)
{
  double value;

  if (adjustment == NULL)
    return;

  /* content smaller than the view: centre it */
  if (length < page)
    {
      *offset = (page - length) / 2;
      length = page;
    }
  else
    {
      *offset = 0;
    }

  value = CLAMP (gtk_adjustment_get_value (adjustment), lower, lower + length - page);
  gtk_adjustment_configure (adjustment, value, lower, lower + length, page * 0.1, page * 0.9, page);
}

static void
configure_adjustments (OpmCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  gboolean keep = self->keep_view && width > 1 && height > 1 &&
                  self->hadjustment != NULL && self->vadjustment != NULL;
  double x0 = 0, y0 = 0;

  update_content (self);

  /* What is in view stays where it is and scrollable, so that the view never
   * jumps when the diagram grows or shrinks while smaller than the window. */
  if (keep)
    {
      double x1, y1;

      x0 = (gtk_adjustment_get_value (self->hadjustment) - self->offset_x) / self->zoom;
      y0 = (gtk_adjustment_get_value (self->vadjustment) - self->offset_y) / self->zoom;
      x1 = MAX (self->content.x + self->content.width, x0 + width / self->zoom);
      y1 = MAX (self->content.y + self->content.height, y0 + height / self->zoom);

      self->content.x = MIN (self->content.x, x0);
      self->content.y = MIN (self->content.y, y0);
      self->content.width = x1 - self->content.x;
      self->content.height = y1 - self->content.y;
    }

  configure_adjustment (self->hadjustment, self->content.x * self->zoom, self->content.width * self->zoom,
                        width, &self->offset_x);
  configure_adjustment (self->vadjustment, self->content.y * self->zoom, self->content.height * self->zoom,
                        height, &self->offset_y);

  if (keep)
    {
      gtk_adjustment_set_value (self->hadjustment, x0 * self->zoom + self->offset_x);
      gtk_adjustment_set_value (self->vadjustment, y0 * self->zoom + self->offset_y);
    }
}

static double
hvalue (OpmCanvas *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
vvalue (OpmCanvas *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

void
opm_canvas_widget_to_document (OpmCanvas *self,
                               double     widget_x,
                               double     widget_y,
                               double    *x,
                               double    *y)
{
  g_return_if_fail (OPM_IS_CANVAS (self));

  *x = (hvalue (self) + widget_x - self->offset_x) / self->zoom;
  *y = (vvalue (self) + widget_y - self->offset_y) / self->zoom;
}

/**
 * opm_canvas_get_visible_area:
 *
 * The part of the document in view, in document units.
 */
void
opm_canvas_get_visible_area (OpmCanvas *self,
                             OpmRect   *area)
{
  double x, y;

  g_return_if_fail (OPM_IS_CANVAS (self));

  opm_canvas_widget_to_document (self, 0, 0, &x, &y);
  area->x = x;
  area->y = y;
  area->width = gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom;
  area->height = gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom;
}

/* Tiles */

static gint64
tile_key (gint64 tx,
          gint64 ty)
{
  return (tx << 32) ^ (ty & 0xffffffff);
}

static void
abort_redraw (OpmCanvas *self)
{
  g_clear_pointer (&self->redraw, cairo_surface_destroy);
}

static void
drop_tiles (OpmCanvas *self)
{
  abort_redraw (self);
  g_hash_table_remove_all (self->stale);
  g_hash_table_remove_all (self->tiles);
}

/* An empty tile: an image the size of TILE_SIZE device-independent pixels. */
static cairo_surface_t *
tile_surface_new (OpmCanvas *self,
                  int        scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_SIZE * scale, TILE_SIZE * scale);

  cairo_surface_set_device_scale (surface, scale, scale);
  return surface;
}

/* Draws the tile (@tx, @ty) of the diagram at the current zoom onto
 * @surface; with @area (document units), only what meets it, from the
 * @first such element and at most @max, as the whole tile draws it there.
 * Returns how many elements meet @area. */
static guint
draw_tile (OpmCanvas       *self,
           cairo_surface_t *surface,
           gint64           tx,
           gint64           ty,
           int              scale,
           const OpmRect   *area,
           guint            first,
           guint            max)
{
  g_autoptr(OpmRenderer) renderer = NULL;
  double z = self->zoom;
  OpmRect visible = { tx * TILE_SIZE / z, ty * TILE_SIZE / z, TILE_SIZE / z, TILE_SIZE / z };
  cairo_t *cr = cairo_create (surface);
  guint n = 0;

  cairo_translate (cr, -(double) tx * TILE_SIZE, -(double) ty * TILE_SIZE);
  cairo_scale (cr, z, z);

  renderer = opm_cairo_renderer_new (cr);
  if (area != NULL)
    n = opm_painter_draw_part (self->painter, renderer, &visible, area, z * scale, first, max);
  else
    opm_painter_draw (self->painter, renderer, &visible, z * scale);
  g_clear_object (&renderer);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return n;
}

static cairo_surface_t *
render_tile (OpmCanvas *self,
             gint64     tx,
             gint64     ty,
             int        scale)
{
  cairo_surface_t *surface = tile_surface_new (self, scale);

  draw_tile (self, surface, tx, ty, scale, NULL, 0, G_MAXUINT);
  return surface;
}

/* Starts drawing a stale tile again. With @part (document units) small
 * against the tile, only what meets it is drawn, on a scratch tile and
 * unclipped so that every line is rasterised as in a whole tile, and the
 * part's pixels are copied over at the end: an edit costs the area it
 * changed. */
static void
begin_redraw (OpmCanvas     *self,
              gint64         tx,
              gint64         ty,
              const OpmRect *part,
              int            scale)
{
  double z = self->zoom;
  double size = TILE_SIZE;
  gint64 key = tile_key (tx, ty);

  self->redraw = tile_surface_new (self, scale);
  self->redraw_key = key;
  self->redraw_tx = tx;
  self->redraw_ty = ty;
  self->redraw_next = 0;
  self->redraw_area = (OpmRect) { tx * size / z, ty * size / z, size / z, size / z };
  memset (self->redraw_pixels, 0, sizeof self->redraw_pixels);

  if (part != NULL && g_hash_table_contains (self->tiles, &key) &&
      part->width * part->height * z * z < size * size / 2)
    {
      double *px = self->redraw_pixels;
      double margin;

      /* the part in the tile's device pixels, out to whole ones */
      px[0] = CLAMP (floor ((part->x * z - tx * size) * scale), 0, size * scale);
      px[1] = CLAMP (floor ((part->y * z - ty * size) * scale), 0, size * scale);
      px[2] = MAX (px[0], CLAMP (ceil (((part->x + part->width) * z - tx * size) * scale), 0, size * scale));
      px[3] = MAX (px[1], CLAMP (ceil (((part->y + part->height) * z - ty * size) * scale), 0, size * scale));

      /* what may reach into those pixels: strokes and label pills stand
       * out a little from the shapes the painter culls by, antialiasing
       * a pixel */
      margin = 4 + 2 / (z * scale);
      self->redraw_area = (OpmRect) { (tx * size + px[0] / scale) / z - margin, (ty * size + px[1] / scale) / z - margin,
                                      (px[2] - px[0]) / scale / z + 2 * margin,
                                      (px[3] - px[1]) / scale / z + 2 * margin };
      if (px[2] == 0)
        px[2] = -1; /* nothing of the tile to take */
    }
}

#define REDRAW_SLICE 48                               /* elements */
#define REDRAW_TIME  (8 * G_TIME_SPAN_MILLISECOND)    /* of drawing an idle */

/* Draws slices of the tile for a while; TRUE when it is done. */
static gboolean
continue_redraw (OpmCanvas *self,
                 int        scale)
{
  gint64 start = g_get_monotonic_time ();

  do
    {
      guint n = draw_tile (self, self->redraw, self->redraw_tx, self->redraw_ty, scale, &self->redraw_area,
                           self->redraw_next, REDRAW_SLICE);

      self->redraw_next += REDRAW_SLICE;
      if (self->redraw_next >= n)
        return TRUE;
    }
  while (g_get_monotonic_time () - start < REDRAW_TIME);

  return FALSE;
}

/* Puts the tile drawn again in place of the stale one. */
static void
finish_redraw (OpmCanvas *self)
{
  const double *px = self->redraw_pixels;
  cairo_surface_t *tile = g_hash_table_lookup (self->tiles, &self->redraw_key);

  if (px[2] == 0)
    {
      g_hash_table_insert (self->tiles, g_memdup2 (&self->redraw_key, sizeof self->redraw_key),
                           g_steal_pointer (&self->redraw));
    }
  else if (tile != NULL && px[2] > px[0] && px[3] > px[1])
    {
      int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      cairo_t *cr = cairo_create (tile);

      cairo_rectangle (cr, px[0] / scale, px[1] / scale, (px[2] - px[0]) / scale, (px[3] - px[1]) / scale);
      cairo_clip (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_set_source_surface (cr, self->redraw, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_flush (tile);
    }

  g_hash_table_remove (self->stale, &self->redraw_key);
  abort_redraw (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void draw_editing (OpmCanvas *self,
                          cairo_t   *cr);

static void
draw_overlays (OpmCanvas *self,
               cairo_t   *cr)
{
  g_autoptr(OpmRenderer) renderer = NULL;

  cairo_save (cr);
  cairo_translate (cr, -hvalue (self) + self->offset_x, -vvalue (self) + self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
  renderer = opm_cairo_renderer_new (cr);
  {
    OpmRect visible = { (hvalue (self) - self->offset_x) / self->zoom, (vvalue (self) - self->offset_y) / self->zoom,
                        gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom,
                        gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom };

    opm_painter_draw_overlays_in (self->painter, renderer, &visible, self->zoom);
  }
  g_clear_object (&renderer);
  draw_editing (self, cr);
  cairo_restore (cr);
}

/* Draws one visible tile that shows an older drawing again, a slice of
 * some milliseconds an idle, so that an edit never holds the main loop;
 * the older drawing shows until the new one is done. */
static gboolean
refresh_stale_tile (gpointer data)
{
  OpmCanvas *self = data;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double left = hvalue (self) - self->offset_x;
  double top = vvalue (self) - self->offset_y;
  gint64 tx0 = (gint64) floor (left / TILE_SIZE);
  gint64 ty0 = (gint64) floor (top / TILE_SIZE);
  gint64 tx1 = (gint64) floor ((left + width) / TILE_SIZE);
  gint64 ty1 = (gint64) floor ((top + height) / TILE_SIZE);

  if (self->redraw == NULL)
    for (gint64 ty = ty0; ty <= ty1 && self->redraw == NULL; ty++)
      for (gint64 tx = tx0; tx <= tx1 && self->redraw == NULL; tx++)
        {
          gint64 key = tile_key (tx, ty);
          OpmRect *part = NULL;

          if (g_hash_table_lookup_extended (self->stale, &key, NULL, (gpointer *) &part))
            begin_redraw (self, tx, ty, part, scale);
        }

  if (self->redraw != NULL)
    {
      if (continue_redraw (self, scale))
        finish_redraw (self);
      return G_SOURCE_CONTINUE;
    }

  /* out of sight: forget them rather than keep old drawings */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->stale);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_hash_table_remove (self->tiles, key);
    g_hash_table_remove_all (self->stale);
  }

  self->refresh_id = 0;
  return G_SOURCE_REMOVE;
}

static void
opm_canvas_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  OpmCanvas *self = OPM_CANVAS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  double left = hvalue (self) - self->offset_x;
  double top = vvalue (self) - self->offset_y;
  gint64 tx0, ty0, tx1, ty1;
  GdkRGBA background;
  guint generation = opm_painter_get_generation (self->painter);
  cairo_t *cr;

  if (self->tiles_zoom != self->zoom || self->tiles_scale != scale || self->tiles_generation != generation)
    {
      drop_tiles (self);
      self->tiles_zoom = self->zoom;
      self->tiles_scale = scale;
      self->tiles_generation = generation;
    }

  {
    OpmRgba bg = opm_painter_get_background (self->painter);

    background = (GdkRGBA) { bg.red, bg.green, bg.blue, 1.f };
  }

  tx0 = (gint64) floor (left / TILE_SIZE);
  ty0 = (gint64) floor (top / TILE_SIZE);
  tx1 = (gint64) floor ((left + width) / TILE_SIZE);
  ty1 = (gint64) floor ((top + height) / TILE_SIZE);

  /* One cairo node paints the cached tiles and the overlays: cheaper for
   * GTK's renderers than a texture node per tile. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_paint (cr);

  for (gint64 ty = ty0; ty <= ty1; ty++)
    for (gint64 tx = tx0; tx <= tx1; tx++)
      {
        gint64 key = tile_key (tx, ty);
        cairo_surface_t *tile = g_hash_table_lookup (self->tiles, &key);

        if (tile == NULL)
          {
            gint64 *k = g_new (gint64, 1);

            if (g_hash_table_size (self->tiles) >= MAX_TILES)
              g_hash_table_remove_all (self->tiles);

            *k = key;
            tile = render_tile (self, tx, ty, scale);
            g_hash_table_insert (self->tiles, k, tile);
            g_hash_table_remove (self->stale, &key);
          }

        else if (g_hash_table_contains (self->stale, &key) && self->refresh_id == 0)
          {
            /* show the older drawing now, the new one in a moment */
            self->refresh_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_stale_tile, self, NULL);
          }

        cairo_set_source_surface (cr, tile, tx * TILE_SIZE - left, ty * TILE_SIZE - top);
        cairo_paint (cr);
      }

  draw_overlays (self, cr);
  cairo_destroy (cr);
}

static gboolean
notify_zoom_idle (gpointer data)
{
  OpmCanvas *self = data;

  self->notify_zoom_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  return G_SOURCE_REMOVE;
}

static void
opm_canvas_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  OpmCanvas *self = OPM_CANVAS (widget);

  if ((self->fit_pending || (self->fitted && (width != self->allocated_width || height != self->allocated_height))) &&
      width > 1 && height > 1)
    {
      OpmRect bounds;
      double zoom;

      /* no notification during allocation: listeners would resize widgets */
      self->fit_pending = FALSE;
      self->fitting = TRUE;
      opm_painter_get_bounds (self->painter, &bounds);
      zoom = MIN ((width - 32) / (bounds.width + 48), (height - 32) / (bounds.height + 48));
      self->zoom = CLAMP (MIN (zoom, self->max_fit_zoom), OPM_CANVAS_ZOOM_MIN, OPM_CANVAS_ZOOM_MAX);
      configure_adjustments (self);
      if (self->hadjustment != NULL)
        gtk_adjustment_set_value (self->hadjustment, (bounds.x + bounds.width / 2) * self->zoom - width / 2.0 + self->offset_x);
      if (self->vadjustment != NULL)
        gtk_adjustment_set_value (self->vadjustment, (bounds.y + bounds.height / 2) * self->zoom - height / 2.0 + self->offset_y);
      if (self->notify_zoom_id == 0)
        self->notify_zoom_id = g_idle_add (notify_zoom_idle, self);
      self->fitting = FALSE;
      self->fitted = TRUE;
      self->keep_view = TRUE;
      self->allocated_width = width;
      self->allocated_height = height;
      return;
    }

  /* Only a new size changes the adjustments here: changes of the diagram
   * reconfigure them when they happen, outside the layout phase. */
  if (width != self->allocated_width || height != self->allocated_height)
    {
      self->allocated_width = width;
      self->allocated_height = height;
      configure_adjustments (self);
    }
}

static void
opm_canvas_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  *minimum = 1;
  *natural = 600;
}

/* Scrolling and zoom */

static void
on_adjustment_value_changed (OpmCanvas *self)
{
  if (!self->fitting)
    self->fitted = FALSE;   /* scrolled: the view is the user's now */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (OpmCanvas      *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed, self);
      g_clear_object (slot);
    }

  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
  self->allocated_width = 0;   /* configure the new adjustment at the next allocation */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
opm_canvas_zoom_at (OpmCanvas *self,
                    double     zoom,
                    double     widget_x,
                    double     widget_y)
{
  double x, y;

  g_return_if_fail (OPM_IS_CANVAS (self));

  zoom = CLAMP (zoom, OPM_CANVAS_ZOOM_MIN, OPM_CANVAS_ZOOM_MAX);
  if (zoom == self->zoom)
    return;

  self->fitted = FALSE;
  /* keep the document point under (widget_x, widget_y) where it is */
  opm_canvas_widget_to_document (self, widget_x, widget_y, &x, &y);
  self->zoom = zoom;
  {
    gboolean keep = self->keep_view;

    self->keep_view = FALSE;
    configure_adjustments (self);
    self->keep_view = keep;
  }
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, x * zoom - widget_x + self->offset_x);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, y * zoom - widget_y + self->offset_y);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
opm_canvas_set_zoom (OpmCanvas *self,
                     double     zoom)
{
  g_return_if_fail (OPM_IS_CANVAS (self));

  opm_canvas_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                      gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

double
opm_canvas_get_zoom (OpmCanvas *self)
{
  g_return_val_if_fail (OPM_IS_CANVAS (self), 1.0);
  return self->zoom;
}

void
opm_canvas_zoom_in (OpmCanvas *self)
{
  opm_canvas_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
opm_canvas_zoom_out (OpmCanvas *self)
{
  opm_canvas_set_zoom (self, self->zoom / ZOOM_STEP);
}

/* Shows the whole scenario. Before the canvas has a size, it waits for one. */
void
opm_canvas_zoom_to_fit (OpmCanvas *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  OpmRect bounds;
  double zoom;

  g_return_if_fail (OPM_IS_CANVAS (self));

  if (width <= 1 || height <= 1)
    {
      self->fit_pending = TRUE;
      return;
    }

  opm_painter_get_bounds (self->painter, &bounds);
  zoom = MIN ((width - 32) / (bounds.width + 2 * 24), (height - 32) / (bounds.height + 2 * 24));
  zoom = CLAMP (MIN (zoom, self->max_fit_zoom), OPM_CANVAS_ZOOM_MIN, OPM_CANVAS_ZOOM_MAX);

  self->zoom = zoom;
  self->fitting = TRUE;
  {
    gboolean keep = self->keep_view;

    self->keep_view = FALSE;
    configure_adjustments (self);
    self->keep_view = keep;
  }
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, (bounds.x + bounds.width / 2) * zoom - width / 2.0 + self->offset_x);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, (bounds.y + bounds.height / 2) * zoom - height / 2.0 + self->offset_y);
  self->fitting = FALSE;
  self->fitted = TRUE;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* Brings @element into view, keeping the zoom when it fits. */
void
opm_canvas_scroll_to (OpmCanvas  *self,
                      OpmElement *element)
{
  OpmRect b;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_return_if_fail (OPM_IS_CANVAS (self));

  if (!opm_painter_get_element_bounds (self->painter, element, &b))
    return;

  if (b.width * self->zoom > width * 0.9 || b.height * self->zoom > height * 0.9)
    {
      gboolean keep = self->keep_view;

      self->zoom = CLAMP (MIN (width * 0.8 / b.width, height * 0.8 / b.height), OPM_CANVAS_ZOOM_MIN, OPM_CANVAS_ZOOM_MAX);
      self->keep_view = FALSE;
      configure_adjustments (self);
      self->keep_view = keep;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }

  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, (b.x + b.width / 2) * self->zoom - width / 2.0 + self->offset_x);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, (b.y + b.height / 2) * self->zoom - height / 2.0 + self->offset_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Input */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           OpmCanvas                *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double x = self->pointer_x;
  double y = self->pointer_y;

  if ((state & GDK_CONTROL_MASK) == 0)
    return FALSE;   /* the scrolled window scrolls */

  opm_canvas_zoom_at (self, self->zoom * pow (ZOOM_STEP, -dy), x, y);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           OpmCanvas                *self)
{
  double dx, dy;
  OpmElement *hit;

  self->pointer_x = x;
  self->pointer_y = y;
  opm_canvas_widget_to_document (self, x, y, &dx, &dy);
  hit = opm_painter_hit_test (self->painter, dx, dy, 6 / self->zoom);

  if (hit != self->hover)
    {
      self->hover = hit;
      opm_painter_set_hover (self->painter, hit);
      gtk_widget_queue_draw (GTK_WIDGET (self));

      if (hit != NULL)
        {
          g_autofree char *text = opm_element_dup_description (hit);

          gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
        }
      else
        gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
    }
}

static void
on_leave (GtkEventControllerMotion *controller,
          OpmCanvas                *self)
{
  if (self->hover != NULL)
    {
      self->hover = NULL;
      opm_painter_set_hover (self->painter, NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double          x,
              double          y,
              OpmCanvas      *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  /* middle button, or the primary one with space held */
  if (button != GDK_BUTTON_MIDDLE && !(button == GDK_BUTTON_PRIMARY && self->space_held))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->drag_start_h = hvalue (self);
  self->drag_start_v = vvalue (self);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double          dx,
               double          dy,
               OpmCanvas      *self)
{
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, self->drag_start_h - dx);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, self->drag_start_v - dy);
}

static void
on_pan_end (GtkGestureDrag *gesture,
            double          dx,
            double          dy,
            OpmCanvas      *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->space_held ? "grab" : NULL);
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               OpmCanvas        *self)
{
  self->zoom_gesture_start = self->zoom;
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       OpmCanvas      *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }

  opm_canvas_zoom_at (self, self->zoom_gesture_start * scale, x, y);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                OpmCanvas             *self)
{
  if (keyval == GDK_KEY_space && !self->space_held)
    {
      self->space_held = TRUE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
      return TRUE;
    }

  return FALSE;
}

static void
on_key_released (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 OpmCanvas             *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_held = FALSE;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
    }
}

/* Before the frame clock's layout and paint (G_PRIORITY_HIGH_IDLE + 20). */
static gboolean
configure_in_idle (gpointer data)
{
  OpmCanvas *self = data;

  self->configure_id = 0;
  if (self->allocated_width > 1)
    configure_adjustments (self);

  return G_SOURCE_REMOVE;
}

/* Only the tiles that show a changed area are drawn again. */
static void
on_painter_changed (OpmCanvas *self)
{
  g_autoptr(GArray) areas = NULL;

  if (opm_painter_take_damage (self->painter, &areas))
    {
      GHashTableIter iter;
      gpointer key;

      /* everything changed: every tile is stale, drawn again one by one */
      abort_redraw (self);
      g_hash_table_iter_init (&iter, self->tiles);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          gint64 *k = g_new (gint64, 1);

          *k = *(gint64 *) key;
          g_hash_table_replace (self->stale, k, NULL);
        }
    }
  else
    {
      for (guint i = 0; i < areas->len; i++)
        {
          const OpmRect *area = &g_array_index (areas, OpmRect, i);
          gint64 tx0 = (gint64) floor (area->x * self->zoom / TILE_SIZE);
          gint64 ty0 = (gint64) floor (area->y * self->zoom / TILE_SIZE);
          gint64 tx1 = (gint64) floor ((area->x + area->width) * self->zoom / TILE_SIZE);
          gint64 ty1 = (gint64) floor ((area->y + area->height) * self->zoom / TILE_SIZE);

          for (gint64 ty = ty0; ty <= ty1; ty++)
            for (gint64 tx = tx0; tx <= tx1; tx++)
              {
                gint64 key = tile_key (tx, ty);
                OpmRect *part = NULL;

                if (!g_hash_table_contains (self->tiles, &key))
                  continue;
                if (self->redraw != NULL && key == self->redraw_key)
                  abort_redraw (self);

                /* the tile's stale part grows to cover the area */
                if (g_hash_table_lookup_extended (self->stale, &key, NULL, (gpointer *) &part))
                  {
                    if (part != NULL)
                      {
                        double x1 = MAX (part->x + part->width, area->x + area->width);
                        double y1 = MAX (part->y + part->height, area->y + area->height);

                        part->x = MIN (part->x, area->x);
                        part->y = MIN (part->y, area->y);
                        part->width = x1 - part->x;
                        part->height = y1 - part->y;
                      }
                  }
                else
                  {
                    g_hash_table_insert (self->stale, g_memdup2 (&key, sizeof key), g_memdup2 (area, sizeof *area));
                  }
              }
        }
    }

  /* tiles follow the painter from here on */
  self->tiles_generation = opm_painter_get_generation (self->painter);

  /* deleted elements (or undone additions) leave the selection */
  {
    gboolean dropped = FALSE;

    for (guint i = self->selection->len; i > 0; i--)
      if (opm_element_get_scenario (g_ptr_array_index (self->selection, i - 1)) != self->scenario)
        {
          g_ptr_array_remove_index (self->selection, i - 1);
          dropped = TRUE;
        }
    if (dropped)
      g_signal_emit (self, signals[SELECTION_CHANGED], 0);
    if (self->hover != NULL && opm_element_get_scenario (self->hover) != self->scenario)
      {
        self->hover = NULL;
        opm_painter_set_hover (self->painter, NULL);
      }
  }

  /* after the step, not within it: a step that removes a team and its
   * lines changes several lists, and each would lay the diagram out again */
  if (self->allocated_width > 1 && self->configure_id == 0)
    self->configure_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, configure_in_idle, self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OpmCanvas *self = OPM_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.zoom-in"))
    opm_canvas_zoom_in (self);
  else if (g_str_equal (action_name, "canvas.zoom-out"))
    opm_canvas_zoom_out (self);
  else if (g_str_equal (action_name, "canvas.zoom-fit"))
    opm_canvas_zoom_to_fit (self);
  else if (g_str_equal (action_name, "canvas.zoom-original"))
    opm_canvas_set_zoom (self, 1.0);
}

/* Editing */

static OpmDocument *
canvas_document (OpmCanvas *self)
{
  return self->scenario != NULL ? opm_scenario_get_document (self->scenario) : NULL;
}

static double
snap_value (OpmCanvas *self,
            double     value)
{
  return self->snap ? round (value / GRID) * GRID : round (value);
}

static gboolean
is_edge_node (OpmElement *element)
{
  return OPM_IS_TEAM (element) || OPM_IS_SERVICE (element);
}

static void
node_bounds (OpmElement *element,
             OpmRect    *rect)
{
  rect->x = opm_node_get_x (OPM_NODE (element));
  rect->y = opm_node_get_y (OPM_NODE (element));
  rect->width = opm_node_get_width (OPM_NODE (element));
  rect->height = opm_node_get_height (OPM_NODE (element));
}

/* The single selected node, if exactly one node is selected. */
static OpmElement *
single_node (OpmCanvas *self)
{
  if (self->selection->len == 1 && OPM_IS_NODE (g_ptr_array_index (self->selection, 0)))
    return g_ptr_array_index (self->selection, 0);
  return NULL;
}

static gboolean
over_resize_handle (OpmCanvas *self,
                    double     x,
                    double     y)
{
  OpmElement *node = single_node (self);
  double size = HANDLE_SIZE / self->zoom;
  OpmRect r;

  if (node == NULL)
    return FALSE;

  node_bounds (node, &r);
  return x >= r.x + r.width - size && x <= r.x + r.width + size / 2 &&
         y >= r.y + r.height - size && y <= r.y + r.height + size / 2;
}

/* The connect handle: a dot at the middle of the bottom edge of the team
 * or service under the pointer or selected. */
static void
connect_handle (OpmElement *node,
                double     *x,
                double     *y)
{
  OpmRect r;

  node_bounds (node, &r);
  *x = r.x + r.width / 2;
  *y = r.y + r.height;
}

static OpmElement *
over_connect_handle (OpmCanvas *self,
                     double     x,
                     double     y)
{
  OpmElement *candidates[2] = { self->hover, single_node (self) };
  double radius = 9 / self->zoom;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      double hx, hy;

      if (candidates[i] == NULL || !is_edge_node (candidates[i]))
        continue;
      connect_handle (candidates[i], &hx, &hy);
      if (hypot (x - hx, y - hy) <= radius)
        return candidates[i];
    }

  return NULL;
}

static void
close_popover (OpmCanvas *self)
{
  if (self->popover != NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      gtk_widget_unparent (self->popover);
      self->popover = NULL;
    }
}

static void
on_popover_closed (GtkPopover *popover,
                   OpmCanvas  *self)
{
  if (self->popover == GTK_WIDGET (popover))
    {
      g_idle_add_once ((GSourceOnceFunc) close_popover, g_object_ref (self));
    }
}

static void
show_popover (OpmCanvas *self,
              GtkWidget *popover,
              double     doc_x,
              double     doc_y)
{
  GdkRectangle rect;

  close_popover (self);

  rect.x = (int) (doc_x * self->zoom - hvalue (self) + self->offset_x);
  rect.y = (int) (doc_y * self->zoom - vvalue (self) + self->offset_y);
  rect.width = rect.height = 1;

  self->popover = popover;
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &rect);
  g_signal_connect (popover, "closed", G_CALLBACK (on_popover_closed), self);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static const char *
activity_name (OpmActivity activity)
{
  switch (activity)
    {
    case OPM_ACTIVITY_PLAN: return _("Plan");
    case OPM_ACTIVITY_BUILD: return _("Build");
    case OPM_ACTIVITY_DEPLOY: return _("Deploy");
    case OPM_ACTIVITY_OPERATE_L1: return _("Operate (L1)");
    case OPM_ACTIVITY_SUPPORT_L2: return _("Support (L2)");
    case OPM_ACTIVITY_SUPPORT_L3: return _("Support (L3)");
    case OPM_ACTIVITY_ON_CALL: return _("On call");
    case OPM_ACTIVITY_PROBLEM_FIX: return _("Fix problems");
    case OPM_ACTIVITY_APPROVE_CHANGE: return _("Approve changes");
    case OPM_ACTIVITY_ACCOUNTABLE: return _("Accountable");
    default: return "";
    }
}

/* A choice popover: a titled list of buttons, each calling @callback with
 * its index. */
typedef void (*ChoiceFunc) (OpmCanvas *self,
                            guint      index,
                            gpointer   data);

typedef struct
{
  OpmCanvas     *canvas;
  ChoiceFunc     func;
  gpointer       data;
  GDestroyNotify destroy;
} Choice;

static void
choice_free (Choice *choice)
{
  if (choice->destroy != NULL)
    choice->destroy (choice->data);
  g_free (choice);
}

static void
on_choice_clicked (GtkButton *button,
                   Choice    *choice)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  OpmCanvas *self = choice->canvas;

  choice->func (self, index, choice->data);
  close_popover (self);
}

static void
show_choices (OpmCanvas      *self,
              const char     *title,
              const char    **labels,
              guint           n_labels,
              double          doc_x,
              double          doc_y,
              ChoiceFunc      func,
              gpointer        data,
              GDestroyNotify  destroy)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  Choice *choice = g_new0 (Choice, 1);

  choice->canvas = self;
  choice->func = func;
  choice->data = data;
  choice->destroy = destroy;
  g_object_set_data_full (G_OBJECT (popover), "choice", choice, (GDestroyNotify) choice_free);

  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);

  for (guint i = 0; i < n_labels; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (labels[i]);

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (button)), GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked), choice);
      gtk_box_append (GTK_BOX (list), button);
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (popover), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  show_popover (self, popover, doc_x, doc_y);
}

static void
report_error (OpmCanvas *self,
              GError    *error)
{
  if (error == NULL)
    return;

  gtk_widget_error_bell (GTK_WIDGET (self));
  g_message ("%s", error->message);
}

/* Responsibilities */

typedef struct
{
  OpmElement *team;
  OpmElement *service;
  GPtrArray  *options;   /* teams or services to choose from, or NULL */
  gboolean    choose_team;
  int         activity;  /* -1: ask */
} Duty;

static void
duty_free (Duty *duty)
{
  g_clear_object (&duty->team);
  g_clear_object (&duty->service);
  g_clear_pointer (&duty->options, g_ptr_array_unref);
  g_free (duty);
}

static void
add_responsibility (OpmCanvas   *self,
                    OpmElement  *team,
                    OpmElement  *service,
                    OpmActivity  activity)
{
  g_autoptr(OpmResponsibility) r = opm_responsibility_new (OPM_TEAM (team), OPM_SERVICE (service), activity);
  g_autoptr(GError) error = NULL;

  if (opm_document_add_element (canvas_document (self), self->scenario, OPM_ELEMENT (r), &error))
    opm_canvas_select (self, OPM_ELEMENT (r), FALSE);
  else
    report_error (self, error);
}

static void ask_activity (OpmCanvas *self, Duty *duty, double x, double y);

static void
on_activity_chosen (OpmCanvas *self,
                    guint      index,
                    gpointer   data)
{
  Duty *duty = data;

  add_responsibility (self, duty->team, duty->service, (OpmActivity) index);
}

static void
ask_activity (OpmCanvas *self,
              Duty      *duty,
              double     x,
              double     y)
{
  const char *labels[10];
  g_autofree char *title = g_strdup_printf (_("What does %s do for %s?"), opm_element_get_label (duty->team),
                                            opm_element_get_label (duty->service));

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    labels[i] = activity_name ((OpmActivity) i);

  show_choices (self, title, labels, G_N_ELEMENTS (labels), x, y, on_activity_chosen, duty,
                (GDestroyNotify) duty_free);
}

static void
on_partner_chosen (OpmCanvas *self,
                   guint      index,
                   gpointer   data)
{
  Duty *duty = data;
  OpmElement *partner = g_ptr_array_index (duty->options, index);

  if (duty->choose_team)
    g_set_object (&duty->team, partner);
  else
    g_set_object (&duty->service, partner);

  add_responsibility (self, duty->team, duty->service, (OpmActivity) duty->activity);
}

/* A responsibility dropped on a team or service: ask for the other end. */
static void
ask_partner (OpmCanvas   *self,
             OpmElement  *target,
             OpmActivity  activity,
             double       x,
             double       y)
{
  Duty *duty = g_new0 (Duty, 1);
  GListModel *list = OPM_IS_SERVICE (target) ? opm_scenario_get_teams (self->scenario)
                                             : opm_scenario_get_services (self->scenario);
  guint n = g_list_model_get_n_items (list);
  g_autofree const char **labels = g_new0 (const char *, MAX (n, 1));
  g_autofree char *title = NULL;

  duty->choose_team = OPM_IS_SERVICE (target);
  duty->activity = activity;
  duty->options = g_ptr_array_new_with_free_func (g_object_unref);
  if (duty->choose_team)
    duty->service = g_object_ref (target);
  else
    duty->team = g_object_ref (target);

  for (guint i = 0; i < n; i++)
    {
      OpmElement *element = g_list_model_get_item (list, i);

      g_ptr_array_add (duty->options, element);
      labels[i] = opm_element_get_label (element);
    }

  if (n == 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      duty_free (duty);
      return;
    }

  title = duty->choose_team
    ? g_strdup_printf (_("Which team does “%s” for %s?"), activity_name (activity), opm_element_get_label (target))
    : g_strdup_printf (_("For which service does %s do “%s”?"), opm_element_get_label (target), activity_name (activity));

  show_choices (self, title, labels, n, x, y, on_partner_chosen, duty, (GDestroyNotify) duty_free);
}

/* Adding from the palette */

static gboolean
parse_payload (const char *payload,
               char      **kind,
               int        *value)
{
  g_auto(GStrv) parts = NULL;

  if (payload == NULL || !g_str_has_prefix (payload, "opmodel-palette:"))
    return FALSE;

  parts = g_strsplit (payload + strlen ("opmodel-palette:"), ":", 2);
  if (parts[0] == NULL)
    return FALSE;

  *value = 0;
  if (g_str_equal (parts[0], "team") || g_str_equal (parts[0], "service") ||
      g_str_equal (parts[0], "responsibility"))
    {
      GType type = g_str_equal (parts[0], "team") ? opm_team_kind_get_type ()
                 : g_str_equal (parts[0], "service") ? opm_service_kind_get_type ()
                 : opm_activity_get_type ();
      GEnumClass *klass = g_type_class_ref (type);
      GEnumValue *ev = parts[1] != NULL ? g_enum_get_value_by_nick (klass, parts[1]) : NULL;

      g_type_class_unref (klass);
      if (ev == NULL)
        return FALSE;
      *value = ev->value;
    }
  else if (!g_str_equal (parts[0], "note"))
    {
      return FALSE;
    }

  *kind = g_strdup (parts[0]);
  return TRUE;
}

static const char *
new_team_name (OpmTeamKind kind)
{
  switch (kind)
    {
    case OPM_TEAM_KIND_PRODUCT: return _("New Product Team");
    case OPM_TEAM_KIND_PROJECT_DELIVERY: return _("New Delivery Team");
    case OPM_TEAM_KIND_OPS_BRIDGE: return _("Operations Bridge");
    case OPM_TEAM_KIND_SERVICE_DESK: return _("Service Desk");
    case OPM_TEAM_KIND_APP_SUPPORT: return _("Application Support");
    case OPM_TEAM_KIND_PLATFORM: return _("Platform Team");
    case OPM_TEAM_KIND_SRE: return _("Site Reliability Team");
    case OPM_TEAM_KIND_SPECIALIST: return _("Specialists");
    case OPM_TEAM_KIND_CHANGE_MANAGEMENT: return _("Change Advisory Board");
    case OPM_TEAM_KIND_INCIDENT_MANAGEMENT: return _("Incident Management");
    default: return _("New Team");
    }
}

/**
 * opm_canvas_add_from_payload:
 * @payload: a palette payload, e.g. "opmodel-palette:team:ops-bridge"
 * @x: where, in document units; NAN for the centre of the view
 *
 * Adds what the payload names at the point, as one undoable step, and
 * selects it. A responsibility needs a team or service at the point and asks
 * for the other end; dropped on a responsibility, it changes its activity.
 *
 * Returns: whether the payload was understood
 */
gboolean
opm_canvas_add_from_payload (OpmCanvas  *self,
                             const char *payload,
                             double      x,
                             double      y)
{
  g_autofree char *kind = NULL;
  g_autoptr(OpmElement) element = NULL;
  g_autoptr(GError) error = NULL;
  OpmDocument *document;
  int value = 0;
  double width, height;

  g_return_val_if_fail (OPM_IS_CANVAS (self), FALSE);

  document = canvas_document (self);
  if (document == NULL || !parse_payload (payload, &kind, &value))
    return FALSE;

  if (isnan (x) || isnan (y))
    opm_canvas_get_view_centre (self, &x, &y);

  if (g_str_equal (kind, "responsibility"))
    {
      OpmElement *target = opm_painter_hit_test (self->painter, x, y, 6 / self->zoom);

      if (target != NULL && OPM_IS_RESPONSIBILITY (target))
        {
          if (!opm_document_set (document, &error, target, "activity", value, NULL))
            report_error (self, error);
          opm_canvas_select (self, target, FALSE);
          return TRUE;
        }

      if (target == NULL || !is_edge_node (target))
        {
          /* from the keyboard: the selected team or service */
          target = single_node (self);
          if (target == NULL || !is_edge_node (target))
            {
              gtk_widget_error_bell (GTK_WIDGET (self));
              return TRUE;
            }
          {
            OpmRect r;

            node_bounds (target, &r);
            x = r.x + r.width / 2;
            y = r.y + r.height;
          }
        }

      ask_partner (self, target, (OpmActivity) value, x, y);
      return TRUE;
    }

  if (g_str_equal (kind, "team"))
    {
      element = OPM_ELEMENT (opm_team_new ());
      width = 220;
      height = 120;
      g_object_set (element, "kind", value, "name", new_team_name (value), NULL);
      if (value == OPM_TEAM_KIND_PROJECT_DELIVERY)
        g_object_set (element, "lifecycle", OPM_LIFECYCLE_PROJECT, NULL);
    }
  else if (g_str_equal (kind, "service"))
    {
      element = OPM_ELEMENT (opm_service_new ());
      width = 190;
      height = 110;
      g_object_set (element, "class", value, "name",
                    value == OPM_SERVICE_KIND_DATA_STORE ? _("New Data Store")
                    : value == OPM_SERVICE_KIND_FOUNDATIONAL ? _("New System") : _("New Service"),
                    NULL);
    }
  else
    {
      element = OPM_ELEMENT (opm_note_new ());
      width = 200;
      height = 120;
      g_object_set (element, "text", _("Note"), NULL);
    }

  g_object_set (element,
                "x", snap_value (self, x - width / 2),
                "y", snap_value (self, y - height / 2),
                "width", width,
                "height", height,
                NULL);

  if (!opm_document_add_element (document, self->scenario, element, &error))
    {
      report_error (self, error);
      return TRUE;
    }

  opm_canvas_select (self, element, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  return TRUE;
}

/* Rename in place */

static const char *
text_property (OpmElement *element)
{
  if (OPM_IS_NOTE (element))
    return "text";
  if (OPM_IS_TEAM (element) || OPM_IS_SERVICE (element) || OPM_IS_GROUP (element))
    return "name";
  return NULL;
}

static void
on_rename_activate (GtkEntry  *entry,
                    OpmCanvas *self)
{
  OpmElement *element = g_object_get_data (G_OBJECT (entry), "element");
  g_autoptr(GError) error = NULL;

  if (element != NULL && opm_element_get_scenario (element) == self->scenario)
    {
      if (!opm_document_set (canvas_document (self), &error, element, text_property (element),
                             gtk_editable_get_text (GTK_EDITABLE (entry)), NULL))
        {
          gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
          gtk_widget_error_bell (GTK_WIDGET (entry));
          return;
        }
    }

  close_popover (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* Opens the rename field for the single selected element. */
void
opm_canvas_rename (OpmCanvas *self)
{
  OpmElement *element;
  const char *property;
  g_autofree char *current = NULL;
  GtkWidget *popover, *entry;
  OpmRect r;

  g_return_if_fail (OPM_IS_CANVAS (self));

  if (self->selection->len != 1)
    return;

  element = g_ptr_array_index (self->selection, 0);
  property = text_property (element);
  if (property == NULL)
    return;

  g_object_get (element, property, &current, NULL);
  node_bounds (element, &r);

  popover = gtk_popover_new ();
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), current);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  g_object_set_data_full (G_OBJECT (entry), "element", g_object_ref (element), g_object_unref);
  g_signal_connect (entry, "activate", G_CALLBACK (on_rename_activate), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  OPM_IS_NOTE (element) ? _("Note text") : _("Name"), -1);
  gtk_popover_set_child (GTK_POPOVER (popover), entry);
  show_popover (self, popover, r.x + r.width / 2, r.y + 18);
  gtk_widget_grab_focus (entry);
}

/* Selection edits */

static GPtrArray *
selected_nodes (OpmCanvas *self)
{
  GPtrArray *nodes = g_ptr_array_new ();

  for (guint i = 0; i < self->selection->len; i++)
    if (OPM_IS_NODE (g_ptr_array_index (self->selection, i)))
      g_ptr_array_add (nodes, g_ptr_array_index (self->selection, i));

  return nodes;
}

/* Deletes the selection as one undoable step. */
void
opm_canvas_delete_selection (OpmCanvas *self)
{
  OpmDocument *document = canvas_document (self);
  g_autoptr(GPtrArray) doomed = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (OPM_IS_CANVAS (self));

  if (document == NULL || self->selection->len == 0)
    return;

  doomed = g_ptr_array_copy (self->selection, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (doomed, g_object_unref);
  label = self->selection->len == 1
    ? g_strdup_printf (_("Delete %s"), opm_element_get_kind_name (g_ptr_array_index (doomed, 0)))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Element", "Delete %u Elements",
                                    self->selection->len), self->selection->len);

  opm_canvas_unselect_all (self);
  opm_document_begin_group (document, label);
  for (guint i = 0; i < doomed->len; i++)
    {
      OpmElement *element = g_ptr_array_index (doomed, i);

      /* a connector may have gone with its team or service */
      if (opm_element_get_scenario (element) == self->scenario)
        opm_document_remove_element (document, element, NULL);
    }
  opm_document_end_group (document);
}

static OpmElement *
clone_element (OpmElement *element)
{
  OpmElement *copy = g_object_new (G_OBJECT_TYPE (element), NULL);
  guint n = 0;
  g_autofree GParamSpec **pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (element), &n);

  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) value = G_VALUE_INIT;

      if (g_str_equal (pspec->name, "id") || (pspec->flags & G_PARAM_WRITABLE) == 0 ||
          (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (element), pspec->name, &value);
      g_object_set_property (G_OBJECT (copy), pspec->name, &value);
    }

  return copy;
}

/* Duplicates the selected nodes, and the connectors among them, beside the
 * originals as one undoable step; the copies become the selection. */
void
opm_canvas_duplicate_selection (OpmCanvas *self)
{
  OpmDocument *document = canvas_document (self);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GHashTable) copies = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);

  g_return_if_fail (OPM_IS_CANVAS (self));

  nodes = selected_nodes (self);
  if (document == NULL || nodes->len == 0)
    return;

  copies = g_hash_table_new (NULL, NULL);
  opm_document_begin_group (document, _("Duplicate"));

  for (guint i = 0; i < nodes->len; i++)
    {
      OpmElement *node = g_ptr_array_index (nodes, i);
      OpmElement *copy = clone_element (node);

      g_object_set (copy, "x", opm_node_get_x (OPM_NODE (node)) + 4 * GRID,
                    "y", opm_node_get_y (OPM_NODE (node)) + 4 * GRID, NULL);
      if (OPM_IS_TEAM (node))
        {
          OpmContract *from = opm_team_get_contract (OPM_TEAM (node));
          OpmContract *to = opm_team_get_contract (OPM_TEAM (copy));
          guint np = 0;
          g_autofree GParamSpec **cp = g_object_class_list_properties (G_OBJECT_GET_CLASS (from), &np);

          for (guint k = 0; k < np; k++)
            {
              g_auto(GValue) value = G_VALUE_INIT;

              g_value_init (&value, cp[k]->value_type);
              g_object_get_property (G_OBJECT (from), cp[k]->name, &value);
              g_object_set_property (G_OBJECT (to), cp[k]->name, &value);
            }
        }
      if (opm_document_add_element (document, self->scenario, copy, NULL))
        {
          g_hash_table_insert (copies, node, copy);
          g_ptr_array_add (added, copy);
        }
      else
        g_object_unref (copy);
    }

  /* connectors whose two ends were copied */
  for (guint k = 2; k <= 3; k++)
    {
      GListModel *list = opm_scenario_get_elements (self->scenario, types[k]);
      guint n = g_list_model_get_n_items (list);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OpmConnector) connector = g_list_model_get_item (list, i);
          OpmElement *source = g_hash_table_lookup (copies, opm_connector_get_source (connector));
          OpmElement *target = g_hash_table_lookup (copies, opm_connector_get_target (connector));
          OpmElement *copy;

          if (source == NULL || target == NULL)
            continue;

          copy = clone_element (OPM_ELEMENT (connector));
          if (OPM_IS_RESPONSIBILITY (copy))
            g_object_set (copy, "team", source, "service", target, NULL);
          else
            g_object_set (copy, "from", source, "to", target, NULL);
          g_object_set (copy, "waypoints", "", NULL);
          if (opm_document_add_element (document, self->scenario, copy, NULL))
            g_ptr_array_add (added, copy);
          else
            g_object_unref (copy);
        }
    }

  opm_document_end_group (document);
  opm_canvas_set_selection (self, added);
}

static void
move_selection_by (OpmCanvas  *self,
                   double      dx,
                   double      dy,
                   const char *label)
{
  OpmDocument *document = canvas_document (self);
  g_autoptr(GPtrArray) nodes = selected_nodes (self);

  if (document == NULL || nodes->len == 0)
    return;

  opm_document_begin_group (document, label);
  for (guint i = 0; i < nodes->len; i++)
    {
      OpmNode *node = g_ptr_array_index (nodes, i);

      opm_document_set (document, NULL, node, "x", opm_node_get_x (node) + dx,
                        "y", opm_node_get_y (node) + dy, NULL);
    }
  opm_document_end_group (document);
}

/**
 * opm_canvas_align_selection:
 * @how: "left", "centre", "right", "top", "middle", "bottom",
 *   "distribute-horizontally" or "distribute-vertically"
 */
void
opm_canvas_align_selection (OpmCanvas  *self,
                            const char *how)
{
  OpmDocument *document = canvas_document (self);
  g_autoptr(GPtrArray) nodes = selected_nodes (self);
  OpmRect all = { 0 };
  gboolean distribute = g_str_has_prefix (how, "distribute-");
  gboolean horizontal = g_str_equal (how, "distribute-horizontally");

  g_return_if_fail (OPM_IS_CANVAS (self));

  if (document == NULL || nodes->len < (distribute ? 3u : 2u))
    return;

  for (guint i = 0; i < nodes->len; i++)
    {
      OpmRect r;

      node_bounds (g_ptr_array_index (nodes, i), &r);
      if (i == 0)
        all = r;
      else
        {
          double x2 = MAX (all.x + all.width, r.x + r.width);
          double y2 = MAX (all.y + all.height, r.y + r.height);

          all.x = MIN (all.x, r.x);
          all.y = MIN (all.y, r.y);
          all.width = x2 - all.x;
          all.height = y2 - all.y;
        }
    }

  opm_document_begin_group (document, distribute ? _("Distribute") : _("Align"));

  if (distribute)
    {
      double total = 0, gap, pos;

      /* order by position along the axis */
      for (guint i = 0; i < nodes->len; i++)
        for (guint j = i + 1; j < nodes->len; j++)
          {
            OpmNode *a = g_ptr_array_index (nodes, i);
            OpmNode *b = g_ptr_array_index (nodes, j);

            if ((horizontal ? opm_node_get_x (b) < opm_node_get_x (a) : opm_node_get_y (b) < opm_node_get_y (a)))
              {
                nodes->pdata[i] = b;
                nodes->pdata[j] = a;
              }
          }

      for (guint i = 0; i < nodes->len; i++)
        total += horizontal ? opm_node_get_width (g_ptr_array_index (nodes, i))
                            : opm_node_get_height (g_ptr_array_index (nodes, i));

      gap = ((horizontal ? all.width : all.height) - total) / (nodes->len - 1);
      pos = horizontal ? all.x : all.y;
      for (guint i = 0; i < nodes->len; i++)
        {
          OpmNode *node = g_ptr_array_index (nodes, i);

          opm_document_set (document, NULL, node, horizontal ? "x" : "y", round (pos), NULL);
          pos += (horizontal ? opm_node_get_width (node) : opm_node_get_height (node)) + gap;
        }
    }
  else
    {
      for (guint i = 0; i < nodes->len; i++)
        {
          OpmNode *node = g_ptr_array_index (nodes, i);
          double w = opm_node_get_width (node), h = opm_node_get_height (node);

          if (g_str_equal (how, "left"))
            opm_document_set (document, NULL, node, "x", all.x, NULL);
          else if (g_str_equal (how, "centre"))
            opm_document_set (document, NULL, node, "x", round (all.x + all.width / 2 - w / 2), NULL);
          else if (g_str_equal (how, "right"))
            opm_document_set (document, NULL, node, "x", all.x + all.width - w, NULL);
          else if (g_str_equal (how, "top"))
            opm_document_set (document, NULL, node, "y", all.y, NULL);
          else if (g_str_equal (how, "middle"))
            opm_document_set (document, NULL, node, "y", round (all.y + all.height / 2 - h / 2), NULL);
          else if (g_str_equal (how, "bottom"))
            opm_document_set (document, NULL, node, "y", all.y + all.height - h, NULL);
        }
    }

  opm_document_end_group (document);
}

static void
restack_selection (OpmCanvas *self,
                   gboolean   front)
{
  OpmDocument *document = canvas_document (self);

  if (document == NULL || self->selection->len == 0)
    return;

  opm_document_begin_group (document, front ? _("Bring to Front") : _("Send to Back"));
  for (guint i = 0; i < self->selection->len; i++)
    opm_document_move_element (document, g_ptr_array_index (self->selection, i), front ? G_MAXUINT : 0, NULL);
  opm_document_end_group (document);
}

/* Primary-button gestures: select, move, resize, connect, rubber band */

static void
end_drag_rendering (OpmCanvas *self)
{
  opm_painter_set_excluded (self->painter, NULL);
  g_clear_pointer (&self->drag_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->drag_origins, g_array_unref);
}

static void
on_edit_begin (GtkGestureDrag *gesture,
               double          wx,
               double          wy,
               OpmCanvas      *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
  double x, y;
  OpmElement *hit;
  OpmElement *source;

  self->drag_mode = DRAG_NONE;
  self->drag_started = FALSE;

  if (self->space_held || canvas_document (self) == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));
  close_popover (self);
  opm_canvas_widget_to_document (self, wx, wy, &x, &y);
  self->press_x = self->pointer_doc_x = x;
  self->press_y = self->pointer_doc_y = y;

  if (!extend && over_resize_handle (self, x, y))
    {
      OpmRect r;
      OpmElement *node = single_node (self);

      self->drag_mode = DRAG_RESIZE;
      self->drag_nodes = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->drag_nodes, g_object_ref (node));
      node_bounds (node, &r);
      self->drag_origins = g_array_new (FALSE, FALSE, sizeof (OpmRect));
      g_array_append_val (self->drag_origins, r);
      return;
    }

  if (!extend && (source = over_connect_handle (self, x, y)) != NULL)
    {
      self->drag_mode = DRAG_CONNECT;
      self->connect_source = source;
      return;
    }

  hit = opm_painter_hit_test (self->painter, x, y, 6 / self->zoom);

  if (hit == NULL)
    {
      if (!extend)
        opm_canvas_unselect_all (self);
      self->drag_mode = DRAG_RUBBER;
      return;
    }

  if (extend)
    {
      if (opm_canvas_is_selected (self, hit))
        opm_canvas_unselect (self, hit);
      else
        opm_canvas_select (self, hit, TRUE);
      return;
    }

  if (!opm_canvas_is_selected (self, hit))
    opm_canvas_select (self, hit, FALSE);

  self->drag_nodes = g_ptr_array_new_with_free_func (g_object_unref);
  self->drag_origins = g_array_new (FALSE, FALSE, sizeof (OpmRect));
  for (guint i = 0; i < self->selection->len; i++)
    {
      OpmElement *element = g_ptr_array_index (self->selection, i);
      OpmRect r;

      if (!OPM_IS_NODE (element))
        continue;
      node_bounds (element, &r);
      g_ptr_array_add (self->drag_nodes, g_object_ref (element));
      g_array_append_val (self->drag_origins, r);
    }

  if (self->drag_nodes->len > 0)
    self->drag_mode = DRAG_MOVE;
  else
    end_drag_rendering (self);
}

static void
on_edit_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                OpmCanvas      *self)
{
  OpmDocument *document = canvas_document (self);
  double dx = offset_x / self->zoom;
  double dy = offset_y / self->zoom;

  if (self->drag_mode == DRAG_NONE || document == NULL)
    return;

  self->pointer_doc_x = self->press_x + dx;
  self->pointer_doc_y = self->press_y + dy;

  if (!self->drag_started)
    {
      if (hypot (offset_x, offset_y) < DRAG_THRESHOLD)
        return;

      self->drag_started = TRUE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);

      if (self->drag_mode == DRAG_MOVE)
        {
          g_autofree char *label = self->drag_nodes->len == 1
            ? g_strdup_printf (_("Move %s"), opm_element_get_kind_name (g_ptr_array_index (self->drag_nodes, 0)))
            : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u Element", "Move %u Elements",
                                            self->drag_nodes->len), self->drag_nodes->len);

          opm_document_begin_group (document, label);
          opm_painter_set_excluded (self->painter, self->drag_nodes);
        }
      else if (self->drag_mode == DRAG_RESIZE)
        {
          opm_document_begin_group (document, _("Resize"));
          opm_painter_set_excluded (self->painter, self->drag_nodes);
        }
    }

  if (self->drag_mode == DRAG_MOVE)
    {
      const OpmRect *first = &g_array_index (self->drag_origins, OpmRect, 0);
      double ddx = snap_value (self, first->x + dx) - first->x;
      double ddy = snap_value (self, first->y + dy) - first->y;

      for (guint i = 0; i < self->drag_nodes->len; i++)
        {
          const OpmRect *o = &g_array_index (self->drag_origins, OpmRect, i);

          opm_document_set (document, NULL, g_ptr_array_index (self->drag_nodes, i),
                            "x", o->x + ddx, "y", o->y + ddy, NULL);
        }
    }
  else if (self->drag_mode == DRAG_RESIZE)
    {
      const OpmRect *o = &g_array_index (self->drag_origins, OpmRect, 0);
      double w = MAX (40, snap_value (self, o->x + o->width + dx) - o->x);
      double h = MAX (30, snap_value (self, o->y + o->height + dy) - o->y);

      opm_document_set (document, NULL, g_ptr_array_index (self->drag_nodes, 0), "width", w, "height", h, NULL);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
finish_connect (OpmCanvas *self,
                double     x,
                double     y)
{
  OpmElement *source = self->connect_source;
  OpmElement *target = opm_painter_hit_test (self->painter, x, y, 6 / self->zoom);
  g_autoptr(GError) error = NULL;

  self->connect_source = NULL;

  if (target == NULL || target == source || !is_edge_node (target))
    return;

  if (OPM_IS_TEAM (source) && OPM_IS_TEAM (target))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (OPM_IS_SERVICE (source) && OPM_IS_SERVICE (target))
    {
      g_autoptr(OpmDependency) dep = opm_dependency_new (OPM_SERVICE (source), OPM_SERVICE (target));

      if (opm_document_add_element (canvas_document (self), self->scenario, OPM_ELEMENT (dep), &error))
        opm_canvas_select (self, OPM_ELEMENT (dep), FALSE);
      else
        report_error (self, error);
      return;
    }

  {
    Duty *duty = g_new0 (Duty, 1);

    duty->team = g_object_ref (OPM_IS_TEAM (source) ? source : target);
    duty->service = g_object_ref (OPM_IS_SERVICE (source) ? source : target);
    ask_activity (self, duty, x, y);
  }
}

static void
on_edit_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             OpmCanvas      *self)
{
  OpmDocument *document = canvas_document (self);
  int mode = self->drag_mode;
  gboolean started = self->drag_started;
  double x = self->press_x + offset_x / self->zoom;
  double y = self->press_y + offset_y / self->zoom;

  self->drag_mode = DRAG_NONE;
  self->drag_started = FALSE;

  if ((mode == DRAG_MOVE || mode == DRAG_RESIZE) && started && document != NULL)
    opm_document_end_group (document);

  if (mode == DRAG_CONNECT && started)
    finish_connect (self, x, y);

  if (mode == DRAG_RUBBER && started)
    {
      OpmRect area = { MIN (self->press_x, x), MIN (self->press_y, y), fabs (x - self->press_x),
                       fabs (y - self->press_y) };
      g_autoptr(GPtrArray) met = opm_painter_query (self->painter, &area);
      GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
      g_autoptr(GPtrArray) chosen = g_ptr_array_new ();

      if ((state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
        for (guint i = 0; i < self->selection->len; i++)
          g_ptr_array_add (chosen, g_ptr_array_index (self->selection, i));

      for (guint i = 0; i < met->len; i++)
        {
          OpmElement *element = g_ptr_array_index (met, i);
          OpmRect b;

          /* groups and connectors only when wholly inside */
          if (!opm_painter_get_element_bounds (self->painter, element, &b))
            continue;
          if ((OPM_IS_GROUP (element) || OPM_IS_CONNECTOR (element)) &&
              !(b.x >= area.x && b.y >= area.y && b.x + b.width <= area.x + area.width &&
                b.y + b.height <= area.y + area.height))
            continue;
          if (!g_ptr_array_find (chosen, element, NULL))
            g_ptr_array_add (chosen, element);
        }

      opm_canvas_set_selection (self, chosen);
    }

  self->connect_source = NULL;
  end_drag_rendering (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_double_click (GtkGestureClick *gesture,
                 int              n_press,
                 double           wx,
                 double           wy,
                 OpmCanvas       *self)
{
  double x, y;
  OpmElement *hit;

  if (n_press != 2)
    return;

  opm_canvas_widget_to_document (self, wx, wy, &x, &y);
  hit = opm_painter_hit_test (self->painter, x, y, 6 / self->zoom);
  if (hit != NULL && text_property (hit) != NULL)
    {
      opm_canvas_select (self, hit, FALSE);
      opm_canvas_rename (self);
    }
}

/* Context menu */

static void
on_context_click (GtkGestureClick *gesture,
                  int              n_press,
                  double           wx,
                  double           wy,
                  OpmCanvas       *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  double x, y;
  OpmElement *hit;
  GtkWidget *popover;

  if (canvas_document (self) == NULL)
    return;

  opm_canvas_widget_to_document (self, wx, wy, &x, &y);
  self->press_x = x;
  self->press_y = y;
  hit = opm_painter_hit_test (self->painter, x, y, 6 / self->zoom);

  if (hit != NULL)
    {
      g_autoptr(GMenu) edit = g_menu_new ();
      g_autoptr(GMenu) arrange = g_menu_new ();

      if (!opm_canvas_is_selected (self, hit))
        opm_canvas_select (self, hit, FALSE);

      if (self->selection->len == 1 && text_property (hit) != NULL)
        g_menu_append (edit, _("_Rename"), "canvas.rename");
      g_menu_append (edit, _("D_uplicate"), "canvas.duplicate");
      g_menu_append (edit, _("_Delete"), "canvas.delete");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

      g_menu_append (arrange, _("Bring to _Front"), "canvas.bring-to-front");
      g_menu_append (arrange, _("Send to _Back"), "canvas.send-to-back");
      if (self->selection->len >= 2)
        {
          g_autoptr(GMenu) align = g_menu_new ();

          g_menu_append (align, _("Align _Left"), "canvas.align::left");
          g_menu_append (align, _("Align _Centre"), "canvas.align::centre");
          g_menu_append (align, _("Align _Right"), "canvas.align::right");
          g_menu_append (align, _("Align _Top"), "canvas.align::top");
          g_menu_append (align, _("Align _Middle"), "canvas.align::middle");
          g_menu_append (align, _("Align _Bottom"), "canvas.align::bottom");
          g_menu_append (align, _("Distribute _Horizontally"), "canvas.align::distribute-horizontally");
          g_menu_append (align, _("Distribute _Vertically"), "canvas.align::distribute-vertically");
          g_menu_append_submenu (arrange, _("_Align"), G_MENU_MODEL (align));
        }
      g_menu_append_section (menu, NULL, G_MENU_MODEL (arrange));
    }
  else
    {
      g_autoptr(GMenu) add = g_menu_new ();
      g_autoptr(GMenu) select = g_menu_new ();

      g_menu_append (add, _("Add _Team Here"), "canvas.add-here::opmodel-palette:team:product");
      g_menu_append (add, _("Add _Service Here"), "canvas.add-here::opmodel-palette:service:digital");
      g_menu_append (add, _("Add _Note Here"), "canvas.add-here::opmodel-palette:note:");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (add));
      g_menu_append (select, _("Select _All"), "canvas.select-all");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (select));
    }

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  show_popover (self, popover, x, y);
}

/* Drops from the palette */

static gboolean
on_drop_accept (GtkDropTarget *target,
                GdkDrop       *drop,
                OpmCanvas     *self)
{
  return canvas_document (self) != NULL &&
         gdk_content_formats_contain_gtype (gdk_drop_get_formats (drop), G_TYPE_STRING);
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         wx,
                double         wy,
                OpmCanvas     *self)
{
  const GValue *value = gtk_drop_target_get_value (target);
  double x, y;

  opm_canvas_widget_to_document (self, wx, wy, &x, &y);
  self->drop_active = TRUE;
  self->pointer_doc_x = x;
  self->pointer_doc_y = y;

  if (value != NULL && G_VALUE_HOLDS_STRING (value))
    {
      g_free (self->drop_payload);
      self->drop_payload = g_value_dup_string (value);
    }

  self->drop_target = opm_painter_hit_test (self->painter, x, y, 6 / self->zoom);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target,
               OpmCanvas     *self)
{
  self->drop_active = FALSE;
  self->drop_target = NULL;
  g_clear_pointer (&self->drop_payload, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         wx,
         double         wy,
         OpmCanvas     *self)
{
  double x, y;
  gboolean done;

  self->drop_active = FALSE;
  self->drop_target = NULL;
  g_clear_pointer (&self->drop_payload, g_free);

  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;

  opm_canvas_widget_to_document (self, wx, wy, &x, &y);
  done = opm_canvas_add_from_payload (self, g_value_get_string (value), x, y);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return done;
}

/* Actions */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OpmCanvas *self = OPM_CANVAS (widget);

  if (g_str_equal (action_name, "canvas.delete"))
    opm_canvas_delete_selection (self);
  else if (g_str_equal (action_name, "canvas.duplicate"))
    opm_canvas_duplicate_selection (self);
  else if (g_str_equal (action_name, "canvas.select-all"))
    opm_canvas_select_all (self);
  else if (g_str_equal (action_name, "canvas.select-none"))
    opm_canvas_unselect_all (self);
  else if (g_str_equal (action_name, "canvas.rename"))
    opm_canvas_rename (self);
  else if (g_str_equal (action_name, "canvas.bring-to-front"))
    restack_selection (self, TRUE);
  else if (g_str_equal (action_name, "canvas.send-to-back"))
    restack_selection (self, FALSE);
  else if (g_str_equal (action_name, "canvas.align"))
    opm_canvas_align_selection (self, g_variant_get_string (parameter, NULL));
  else if (g_str_equal (action_name, "canvas.add-here"))
    opm_canvas_add_from_payload (self, g_variant_get_string (parameter, NULL), self->press_x, self->press_y);
  else if (g_str_equal (action_name, "canvas.add"))
    opm_canvas_add_from_payload (self, g_variant_get_string (parameter, NULL), NAN, NAN);
  else if (g_str_equal (action_name, "canvas.context-menu"))
    {
      double x, y;
      OpmRect b;

      /* the keyboard's menu key: at the selection, else the view's centre */
      if (self->selection->len > 0 &&
          opm_painter_get_element_bounds (self->painter, g_ptr_array_index (self->selection, 0), &b))
        {
          x = b.x + b.width / 2;
          y = b.y + b.height / 2;
        }
      else
        opm_canvas_get_view_centre (self, &x, &y);

      on_context_click (NULL, 1, x * self->zoom - hvalue (self) + self->offset_x,
                        y * self->zoom - vvalue (self) + self->offset_y, self);
    }
  else if (g_str_equal (action_name, "canvas.toggle-snap"))
    {
      self->snap = !self->snap;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
    }
}

static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OpmCanvas *self = OPM_CANVAS (widget);
  double dx = 0, dy = 0;
  int big = 0;
  const char *direction = NULL;

  g_variant_get (parameter, "(&si)", &direction, &big);
  if (g_str_equal (direction, "left"))
    dx = -1;
  else if (g_str_equal (direction, "right"))
    dx = 1;
  else if (g_str_equal (direction, "up"))
    dy = -1;
  else
    dy = 1;

  move_selection_by (self, dx * (big ? 10 * GRID : GRID), dy * (big ? 10 * GRID : GRID), _("Move"));
}

/* Drawing the editing state over everything else */

static void
draw_editing (OpmCanvas *self,
              cairo_t   *cr)
{
  OpmRgba accent = { 0.21, 0.52, 0.89, 1 };
  double px = 1.0 / self->zoom;

  /* elements being dragged, over the cached drawing */
  if (self->drag_nodes != NULL && self->drag_started)
    {
      g_autoptr(OpmRenderer) renderer = opm_cairo_renderer_new (cr);
      opm_painter_draw_excluded (self->painter, renderer, self->zoom);
    }

  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.95);
  cairo_set_line_width (cr, 2 * px);

  for (guint i = 0; i < self->selection->len; i++)
    {
      OpmElement *element = g_ptr_array_index (self->selection, i);
      OpmRect b;
      double pad = 4 * px;

      if (OPM_IS_NODE (element))
        node_bounds (element, &b);
      else if (!opm_painter_get_element_bounds (self->painter, element, &b))
        continue;

      {
        double dash[] = { 6 * px, 4 * px };

        cairo_set_dash (cr, OPM_IS_CONNECTOR (element) ? dash : NULL, OPM_IS_CONNECTOR (element) ? 2 : 0, 0);
      }
      cairo_rectangle (cr, b.x - pad, b.y - pad, b.width + 2 * pad, b.height + 2 * pad);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);

  /* resize handle */
  if (single_node (self) != NULL)
    {
      OpmRect b;
      double size = HANDLE_SIZE * px;

      node_bounds (single_node (self), &b);
      cairo_rectangle (cr, b.x + b.width - size / 2, b.y + b.height - size / 2, size, size);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, accent.red, accent.green, accent.blue);
      cairo_stroke (cr);
    }

  /* connect handle on the team or service under the pointer */
  {
    OpmElement *candidates[2] = { self->hover, single_node (self) };

    for (guint i = 0; i < 2; i++)
      if (candidates[i] != NULL && is_edge_node (candidates[i]) && self->drag_mode != DRAG_MOVE)
        {
          double hx, hy;

          connect_handle (candidates[i], &hx, &hy);
          cairo_arc (cr, hx, hy, 6 * px, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, accent.red, accent.green, accent.blue);
          cairo_fill (cr);
          cairo_arc (cr, hx, hy, 2.5 * px, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill (cr);
        }
  }

  /* the connection being drawn */
  if (self->drag_mode == DRAG_CONNECT && self->drag_started && self->connect_source != NULL)
    {
      double hx, hy;
      double dash[] = { 6 * px, 4 * px };

      connect_handle (self->connect_source, &hx, &hy);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 2.5 * px);
      cairo_set_source_rgb (cr, accent.red, accent.green, accent.blue);
      cairo_move_to (cr, hx, hy);
      cairo_line_to (cr, self->pointer_doc_x, self->pointer_doc_y);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }

  /* the rubber band */
  if (self->drag_mode == DRAG_RUBBER && self->drag_started)
    {
      cairo_rectangle (cr, MIN (self->press_x, self->pointer_doc_x), MIN (self->press_y, self->pointer_doc_y),
                       fabs (self->pointer_doc_x - self->press_x), fabs (self->pointer_doc_y - self->press_y));
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.12);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.8);
      cairo_set_line_width (cr, 1 * px);
      cairo_stroke (cr);
    }

  /* where a palette drop will land */
  if (self->drop_active)
    {
      g_autofree char *kind = NULL;
      int value = 0;

      if (self->drop_payload != NULL && parse_payload (self->drop_payload, &kind, &value) &&
          g_str_equal (kind, "responsibility"))
        {
          OpmRect b;

          if (self->drop_target != NULL &&
              opm_painter_get_element_bounds (self->painter, self->drop_target, &b) &&
              (is_edge_node (self->drop_target) || OPM_IS_RESPONSIBILITY (self->drop_target)))
            {
              cairo_set_line_width (cr, 3 * px);
              cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.9);
              cairo_rectangle (cr, b.x - 6 * px, b.y - 6 * px, b.width + 12 * px, b.height + 12 * px);
              cairo_stroke (cr);
            }
        }
      else
        {
          double w = 200, h = 110;
          double dash[] = { 6 * px, 4 * px };

          cairo_rectangle (cr, snap_value (self, self->pointer_doc_x - w / 2), snap_value (self, self->pointer_doc_y - h / 2), w, h);
          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.15);
          cairo_fill_preserve (cr);
          cairo_set_dash (cr, dash, 2, 0);
          cairo_set_line_width (cr, 2 * px);
          cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.9);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
    }
}

/* GObject */

static void
opm_canvas_dispose (GObject *object)
{
  OpmCanvas *self = OPM_CANVAS (object);

  if (self->painter != NULL)
    g_clear_signal_handler (&self->painter_changed_id, self->painter);
  g_clear_object (&self->painter);
  g_clear_object (&self->scenario);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  abort_redraw (self);
  g_clear_handle_id (&self->configure_id, g_source_remove);
  g_clear_pointer (&self->selection, g_ptr_array_unref);
  g_clear_handle_id (&self->notify_zoom_id, g_source_remove);
  close_popover (self);
  g_clear_pointer (&self->drag_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->drag_origins, g_array_unref);
  g_clear_pointer (&self->drop_payload, g_free);
  self->hover = NULL;

  G_OBJECT_CLASS (opm_canvas_parent_class)->dispose (object);
}

static void
opm_canvas_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OpmCanvas *self = OPM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_canvas_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OpmCanvas *self = OPM_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_assert (self->scenario == NULL);
      self->scenario = g_value_dup_object (value);
      if (self->scenario != NULL)
        {
          self->painter = opm_painter_new (self->scenario);
          opm_painter_set_dark (self->painter, self->dark);
          /* there are no tiles yet to be stale */
          {
            g_autoptr(GArray) areas = NULL;

            opm_painter_take_damage (self->painter, &areas);
          }
          self->painter_changed_id = g_signal_connect_swapped (self->painter, "changed",
                                                               G_CALLBACK (on_painter_changed), self);
        }
      break;
    case PROP_ZOOM:
      opm_canvas_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_DARK:
      opm_canvas_set_dark (self, g_value_get_boolean (value));
      break;
    case PROP_SNAP_TO_GRID:
      if (self->snap != g_value_get_boolean (value))
        {
          self->snap = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_canvas_class_init (OpmCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opm_canvas_dispose;
  object_class->get_property = opm_canvas_get_property;
  object_class->set_property = opm_canvas_set_property;

  widget_class->snapshot = opm_canvas_snapshot;
  widget_class->size_allocate = opm_canvas_size_allocate;
  widget_class->measure = opm_canvas_measure;

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL, OPM_TYPE_SCENARIO,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, OPM_CANVAS_ZOOM_MIN, OPM_CANVAS_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * OpmCanvas::selection-changed:
   *
   * The selected elements changed; see opm_canvas_get_selection().
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.duplicate", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-none", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.rename", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.bring-to-front", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.send-to-back", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.align", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.add-here", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.add", "s", edit_action);
  gtk_widget_class_install_property_action (widget_class, "canvas.snap-to-grid", "snap-to-grid");
  gtk_widget_class_install_action (widget_class, "canvas.context-menu", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "canvas.nudge", "(si)", nudge_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "canvas.select-none", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "canvas.select-none", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "canvas.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "canvas.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "canvas.nudge", "(si)", "left", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "canvas.nudge", "(si)", "right", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "canvas.nudge", "(si)", "up", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "canvas.nudge", "(si)", "down", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, "canvas.nudge", "(si)", "left", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, "canvas.nudge", "(si)", "right", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_SHIFT_MASK, "canvas.nudge", "(si)", "up", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_SHIFT_MASK, "canvas.nudge", "(si)", "down", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "canvas.context-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "canvas.context-menu", NULL);
  /* the clipboard keys belong to the canvas: in an entry they copy text */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "win.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);

  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-original", NULL, zoom_action);

  gtk_widget_class_set_css_name (widget_class, "opmcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
opm_canvas_init (OpmCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->max_fit_zoom = OPM_CANVAS_ZOOM_MAX;
  self->selection = g_ptr_array_new_with_free_func (g_object_unref);
  self->snap = TRUE;
  self->tiles = g_hash_table_new_full (opm_cell_hash, g_int64_equal, g_free, (GDestroyNotify) cairo_surface_destroy);
  self->stale = g_hash_table_new_full (opm_cell_hash, g_int64_equal, g_free, g_free);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_pan_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_pan_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_edit_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_edit_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_edit_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_double_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_context_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

    gtk_drop_target_set_preload (drop, TRUE);
    g_signal_connect (drop, "accept", G_CALLBACK (on_drop_accept), self);
    g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
    g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
    g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
opm_canvas_new (OpmScenario *scenario)
{
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);

  return g_object_new (OPM_TYPE_CANVAS, "scenario", scenario, NULL);
}

OpmScenario *
opm_canvas_get_scenario (OpmCanvas *self)
{
  g_return_val_if_fail (OPM_IS_CANVAS (self), NULL);
  return self->scenario;
}

OpmPainter *
opm_canvas_get_painter (OpmCanvas *self)
{
  g_return_val_if_fail (OPM_IS_CANVAS (self), NULL);
  return self->painter;
}

gboolean
opm_canvas_get_dark (OpmCanvas *self)
{
  g_return_val_if_fail (OPM_IS_CANVAS (self), FALSE);
  return self->dark;
}

void
opm_canvas_set_dark (OpmCanvas *self,
                     gboolean   dark)
{
  g_return_if_fail (OPM_IS_CANVAS (self));

  dark = !!dark;
  if (self->dark == (guint) dark)
    return;

  self->dark = dark;
  if (self->painter != NULL)
    opm_painter_set_dark (self->painter, dark);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

OpmElement *
opm_canvas_get_hover (OpmCanvas *self)
{
  g_return_val_if_fail (OPM_IS_CANVAS (self), NULL);
  return self->hover;
}

/* Showing everything never zooms in beyond @zoom: small models stay legible. */
void
opm_canvas_set_max_fit_zoom (OpmCanvas *self,
                             double     zoom)
{
  g_return_if_fail (OPM_IS_CANVAS (self));
  self->max_fit_zoom = CLAMP (zoom, OPM_CANVAS_ZOOM_MIN, OPM_CANVAS_ZOOM_MAX);
}

guint
opm_canvas_get_n_cached_tiles (OpmCanvas *self)
{
  g_return_val_if_fail (OPM_IS_CANVAS (self), 0);
  return g_hash_table_size (self->tiles);
}

/* Selection */

static void
selection_changed (OpmCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

/**
 * opm_canvas_get_selection:
 *
 * Returns: (transfer none) (element-type OpmElement): the selected elements,
 *   in the order they were selected
 */
GPtrArray *
opm_canvas_get_selection (OpmCanvas *self)
{
  g_return_val_if_fail (OPM_IS_CANVAS (self), NULL);
  return self->selection;
}

gboolean
opm_canvas_is_selected (OpmCanvas  *self,
                        OpmElement *element)
{
  g_return_val_if_fail (OPM_IS_CANVAS (self), FALSE);
  return g_ptr_array_find (self->selection, element, NULL);
}

/**
 * opm_canvas_select:
 * @extend: add to the selection rather than replace it
 */
void
opm_canvas_select (OpmCanvas  *self,
                   OpmElement *element,
                   gboolean    extend)
{
  g_return_if_fail (OPM_IS_CANVAS (self));
  g_return_if_fail (OPM_IS_ELEMENT (element));

  if (!extend)
    {
      if (self->selection->len == 1 && g_ptr_array_index (self->selection, 0) == element)
        return;
      g_ptr_array_set_size (self->selection, 0);
    }
  else if (g_ptr_array_find (self->selection, element, NULL))
    return;

  g_ptr_array_add (self->selection, g_object_ref (element));
  selection_changed (self);
}

void
opm_canvas_unselect (OpmCanvas  *self,
                     OpmElement *element)
{
  g_return_if_fail (OPM_IS_CANVAS (self));

  if (g_ptr_array_remove (self->selection, element))
    selection_changed (self);
}

void
opm_canvas_unselect_all (OpmCanvas *self)
{
  g_return_if_fail (OPM_IS_CANVAS (self));

  if (self->selection->len == 0)
    return;

  g_ptr_array_set_size (self->selection, 0);
  selection_changed (self);
}

/**
 * opm_canvas_set_selection:
 * @elements: (element-type OpmElement): the elements to select
 */
void
opm_canvas_set_selection (OpmCanvas *self,
                          GPtrArray *elements)
{
  g_return_if_fail (OPM_IS_CANVAS (self));

  g_ptr_array_set_size (self->selection, 0);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    if (!g_ptr_array_find (self->selection, g_ptr_array_index (elements, i), NULL))
      g_ptr_array_add (self->selection, g_object_ref (g_ptr_array_index (elements, i)));
  selection_changed (self);
}

void
opm_canvas_select_all (OpmCanvas *self)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_if_fail (OPM_IS_CANVAS (self));

  all = opm_painter_query (self->painter, NULL);
  opm_canvas_set_selection (self, all);
}

/* The document point at the centre of the view. */
void
opm_canvas_get_view_centre (OpmCanvas *self,
                            double    *x,
                            double    *y)
{
  g_return_if_fail (OPM_IS_CANVAS (self));

  opm_canvas_widget_to_document (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                 gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, x, y);
}
