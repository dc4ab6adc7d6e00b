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

#define TILE_SIZE   512
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
  guint          space_held : 1;

  double         zoom;
  double         max_fit_zoom;
  OpmRect        content;          /* scrollable area, document units */
  double         offset_x;         /* centring when the content is smaller */
  double         offset_y;

  GHashTable    *tiles;            /* tile key → GdkTexture */
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
};

static void opm_canvas_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OpmCanvas, opm_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, opm_canvas_scrollable_init))

enum {
  PROP_0,
  PROP_SCENARIO,
  PROP_ZOOM,
  PROP_DARK,
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

  update_content (self);
  configure_adjustment (self->hadjustment, self->content.x * self->zoom, self->content.width * self->zoom,
                        width, &self->offset_x);
  configure_adjustment (self->vadjustment, self->content.y * self->zoom, self->content.height * self->zoom,
                        height, &self->offset_y);
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
drop_tiles (OpmCanvas *self)
{
  g_hash_table_remove_all (self->tiles);
}

static GdkTexture *
render_tile (OpmCanvas *self,
             gint64     tx,
             gint64     ty,
             int        scale)
{
  int size = TILE_SIZE * scale;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  g_autoptr(OpmRenderer) renderer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  OpmRect visible;
  cairo_t *cr;
  GdkTexture *texture;
  double z = self->zoom;

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -(double) tx * TILE_SIZE, -(double) ty * TILE_SIZE);
  cairo_scale (cr, z, z);

  visible.x = (double) tx * TILE_SIZE / z;
  visible.y = (double) ty * TILE_SIZE / z;
  visible.width = TILE_SIZE / z;
  visible.height = TILE_SIZE / z;

  renderer = opm_cairo_renderer_new (cr);
  opm_painter_draw (self->painter, renderer, &visible, z * scale);
  g_clear_object (&renderer);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * size,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));

  return texture;
}

static void
draw_overlays (OpmCanvas   *self,
               GtkSnapshot *snapshot,
               int          width,
               int          height)
{
  g_autoptr(OpmRenderer) renderer = NULL;
  cairo_t *cr;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, -hvalue (self) + self->offset_x, -vvalue (self) + self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
  renderer = opm_cairo_renderer_new (cr);
  opm_painter_draw_overlays (self->painter, renderer, self->zoom);
  g_clear_object (&renderer);
  cairo_destroy (cr);
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
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));

  tx0 = (gint64) floor (left / TILE_SIZE);
  ty0 = (gint64) floor (top / TILE_SIZE);
  tx1 = (gint64) floor ((left + width) / TILE_SIZE);
  ty1 = (gint64) floor ((top + height) / TILE_SIZE);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-left, -top));

  for (gint64 ty = ty0; ty <= ty1; ty++)
    for (gint64 tx = tx0; tx <= tx1; tx++)
      {
        gint64 key = tile_key (tx, ty);
        GdkTexture *texture = g_hash_table_lookup (self->tiles, &key);

        if (texture == NULL)
          {
            gint64 *k = g_new (gint64, 1);

            if (g_hash_table_size (self->tiles) >= MAX_TILES)
              g_hash_table_remove_all (self->tiles);

            *k = key;
            texture = render_tile (self, tx, ty, scale);
            g_hash_table_insert (self->tiles, k, texture);
          }

        gtk_snapshot_append_texture (snapshot, texture,
                                     &GRAPHENE_RECT_INIT (tx * TILE_SIZE, ty * TILE_SIZE, TILE_SIZE, TILE_SIZE));
      }

  gtk_snapshot_restore (snapshot);

  draw_overlays (self, snapshot, width, height);
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

  if (self->fit_pending && width > 1 && height > 1)
    {
      OpmRect bounds;
      double zoom;

      /* no notification during allocation: listeners would resize widgets */
      self->fit_pending = FALSE;
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
      return;
    }

  configure_adjustments (self);
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

  /* keep the document point under (widget_x, widget_y) where it is */
  opm_canvas_widget_to_document (self, widget_x, widget_y, &x, &y);
  self->zoom = zoom;
  configure_adjustments (self);
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
  configure_adjustments (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, (bounds.x + bounds.width / 2) * zoom - width / 2.0 + self->offset_x);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, (bounds.y + bounds.height / 2) * zoom - height / 2.0 + self->offset_y);

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
      self->zoom = CLAMP (MIN (width * 0.8 / b.width, height * 0.8 / b.height), OPM_CANVAS_ZOOM_MIN, OPM_CANVAS_ZOOM_MAX);
      configure_adjustments (self);
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
        gtk_widget_set_tooltip_text (GTK_WIDGET (self), opm_element_get_label (hit));
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

/* Only the tiles that show a changed area are drawn again. */
static void
on_painter_changed (OpmCanvas *self)
{
  g_autoptr(GArray) areas = NULL;

  if (opm_painter_take_damage (self->painter, &areas))
    {
      drop_tiles (self);
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
                g_hash_table_remove (self->tiles, &key);
              }
        }
    }

  /* tiles follow the painter from here on */
  self->tiles_generation = opm_painter_get_generation (self->painter);

  gtk_widget_queue_allocate (GTK_WIDGET (self));
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
  g_clear_pointer (&self->selection, g_ptr_array_unref);
  g_clear_handle_id (&self->notify_zoom_id, g_source_remove);
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
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

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
