/* opm-chart-view.c
 *
 * A chart of the simulation panel on screen: the drawing is made through an
 * OpmRenderer, laid out for the space the widget has so that its lettering
 * keeps its size (below a smallest layout it is scaled down instead), and
 * the very same drawing code makes the SVG, PDF and PNG the "Export Chart…"
 * button writes at the chart's natural size (e.g. 760 × 380 units).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-chart-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "opm-chart-view.h"

/* The smallest share of its natural size a chart is drawn at. */
#define MIN_SCALE 0.45

/* PNG pixels per chart unit: sharp on slides. */
#define PNG_SCALE 2.0

struct _OpmChartView
{
  GtkWidget             parent_instance;

  /* owned */
  GtkWidget            *export_button;
  GtkFileChooserNative *chooser;
  char                 *title;
  double                width;
  double                height;
  OpmChartViewDrawFunc  draw;
  gpointer              user_data;
  GDestroyNotify        destroy;
  gboolean              dark;
};

G_DEFINE_FINAL_TYPE (OpmChartView, opm_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The smallest layout a chart is drawn at; smaller widgets scale it down. */
#define MIN_LAYOUT_WIDTH  440.0
#define MIN_LAYOUT_HEIGHT 250.0

/* The frame the chart is laid out in for the widget's size, and the scale
 * that fits it into the widget (1 unless the widget is very small). */
static double
fit (OpmChartView *self,
     OpmRect      *frame)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->width <= 0 || self->height <= 0 || width <= 0 || height <= 0)
    return 0;

  *frame = (OpmRect) { 0, 0, MAX (width, MIN_LAYOUT_WIDTH), MAX (height, MIN_LAYOUT_HEIGHT) };

  return MIN (width / frame->width, height / frame->height);
}

static void
opm_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  OpmChartView *self = OPM_CHART_VIEW (widget);
  g_autoptr(OpmRenderer) renderer = NULL;
  OpmRect frame;
  double scale = fit (self, &frame);
  cairo_t *cr;

  if (self->draw != NULL && scale > 0)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, frame.width * scale, frame.height * scale));
      cairo_scale (cr, scale, scale);
      renderer = opm_cairo_renderer_new (cr);
      self->draw (renderer, &frame, self->dark, self->user_data);
      g_clear_object (&renderer);
      cairo_destroy (cr);
    }

  gtk_widget_snapshot_child (widget, self->export_button, snapshot);
}

static void
opm_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  OpmChartView *self = OPM_CHART_VIEW (widget);
  double size = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;
  int button_min = 0, button_nat = 0;

  /* drawn as large as the allocation allows, in proportion (see fit()) */
  gtk_widget_measure (self->export_button, orientation, -1, &button_min, &button_nat, NULL, NULL);
  *minimum = MAX ((int) ceil (size * MIN_SCALE), button_min);
  *natural = MAX ((int) ceil (size), *minimum);
}

static void
opm_chart_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  OpmChartView *self = OPM_CHART_VIEW (widget);
  GtkRequisition size;
  OpmRect frame;
  double scale = fit (self, &frame);
  int right = scale > 0 ? (int) (frame.width * scale) : width;

  if (!gtk_widget_get_visible (self->export_button))
    return;

  gtk_widget_get_preferred_size (self->export_button, NULL, &size);
  gtk_widget_size_allocate (self->export_button,
                            &(GtkAllocation) { MAX (0, right - size.width - 6), 6, size.width,
                                               size.height },
                            -1);
}

/* Export */

static void
draw_for_export (OpmRenderer *renderer,
                 double       detail,
                 gpointer     user_data)
{
  OpmChartView *self = user_data;
  OpmRect frame = { 0, 0, self->width, self->height };

  self->draw (renderer, &frame, self->dark, self->user_data);
}

/**
 * opm_chart_view_export_to_bytes:
 *
 * Draws the chart as the widget shows it, at its natural size, as an SVG,
 * PDF or PNG file (PNG at twice the size, sharp on slides).
 *
 * Returns: (transfer full) (nullable): the file's contents
 */
GBytes *
opm_chart_view_export_to_bytes (OpmChartView     *self,
                                OpmExportFormat   format,
                                GError          **error)
{
  OpmRect frame = { 0, 0, self->width, self->height };
  OpmExportInfo info = { 0 };

  g_return_val_if_fail (OPM_IS_CHART_VIEW (self), NULL);

  if (self->draw == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no chart to export yet."));
      return NULL;
    }

  info.title = self->title;
  info.subject = self->title;
  info.scale = PNG_SCALE;

  return opm_export_drawing_to_bytes (format, &frame, &info, draw_for_export, self, error);
}

static void
toast (OpmChartView *self,
       const char   *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
  else
    g_message ("%s", text);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    OpmChartView    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  OpmExportFormat format = OPM_EXPORT_SVG;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  if (g_file_peek_path (file) == NULL)
    {
      toast (self, _("Only local files can be written."));
      return;
    }

  /* The name says the format; without a known suffix, SVG. */
  path = g_file_get_path (file);
  if (!opm_export_format_from_path (path, &format))
    {
      char *with_suffix = g_strconcat (path, ".svg", NULL);

      g_free (path);
      path = with_suffix;
    }

  bytes = opm_chart_view_export_to_bytes (self, format, &error);
  if (bytes == NULL || !opm_export_bytes (bytes, path, &error))
    {
      text = g_strdup_printf (_("Could not export the chart: %s"), error->message);
      toast (self, text);
      return;
    }

  name = g_path_get_basename (path);
  text = g_strdup_printf (_("Exported “%s”"), name);
  toast (self, text);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OpmChartView *self = OPM_CHART_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *suggested = NULL;

  if (self->draw == NULL)
    return;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (_("Export Chart"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("SVG (editable drawing)"), "image/svg+xml");
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("PNG (slides, web)"), "image/png");
  add_filter (GTK_FILE_CHOOSER (self->chooser), _("PDF (print, reports)"), "application/pdf");
  suggested = g_strdup_printf ("%s.svg", self->title != NULL ? self->title : _("Chart"));
  g_strdelimit (suggested, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Public */

GtkWidget *
opm_chart_view_new (void)
{
  return g_object_new (OPM_TYPE_CHART_VIEW, NULL);
}

/**
 * opm_chart_view_set_drawing:
 * @width: the chart's natural width, in units
 * @height: its natural height
 * @draw: (nullable): draws it; %NULL to show nothing
 * @destroy: (nullable): frees @user_data when the drawing is replaced
 */
void
opm_chart_view_set_drawing (OpmChartView         *self,
                            double                width,
                            double                height,
                            OpmChartViewDrawFunc  draw,
                            gpointer              user_data,
                            GDestroyNotify        destroy)
{
  g_return_if_fail (OPM_IS_CHART_VIEW (self));
  g_return_if_fail (draw == NULL || (width > 0 && height > 0));

  if (self->destroy != NULL)
    self->destroy (self->user_data);

  self->width = width;
  self->height = height;
  self->draw = draw;
  self->user_data = user_data;
  self->destroy = destroy;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", draw != NULL);
  gtk_widget_set_visible (self->export_button, draw != NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gboolean
opm_chart_view_has_drawing (OpmChartView *self)
{
  g_return_val_if_fail (OPM_IS_CHART_VIEW (self), FALSE);

  return self->draw != NULL;
}

const char *
opm_chart_view_get_title (OpmChartView *self)
{
  g_return_val_if_fail (OPM_IS_CHART_VIEW (self), NULL);

  return self->title;
}

/**
 * opm_chart_view_set_title:
 *
 * Names the chart: its accessible label, and the file an export suggests.
 */
void
opm_chart_view_set_title (OpmChartView *self,
                          const char   *title)
{
  g_autofree char *tooltip = NULL;

  g_return_if_fail (OPM_IS_CHART_VIEW (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : "", -1);
  tooltip = g_strdup_printf (_("Export “%s” as SVG, PNG or PDF"), title != NULL ? title : _("Chart"));
  gtk_widget_set_tooltip_text (self->export_button, tooltip);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * opm_chart_view_set_description:
 *
 * What the chart shows, in words, for those who cannot see it.
 */
void
opm_chart_view_set_description (OpmChartView *self,
                                const char   *description)
{
  g_return_if_fail (OPM_IS_CHART_VIEW (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
}

gboolean
opm_chart_view_get_dark (OpmChartView *self)
{
  g_return_val_if_fail (OPM_IS_CHART_VIEW (self), FALSE);

  return self->dark;
}

void
opm_chart_view_set_dark (OpmChartView *self,
                         gboolean      dark)
{
  g_return_if_fail (OPM_IS_CHART_VIEW (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

/* GObject */

static void
on_style_dark_changed (OpmChartView *self)
{
  opm_chart_view_set_dark (self, adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

static void
opm_chart_view_dispose (GObject *object)
{
  OpmChartView *self = OPM_CHART_VIEW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->export_button, gtk_widget_unparent);
  if (self->destroy != NULL)
    self->destroy (self->user_data);
  self->draw = NULL;
  self->destroy = NULL;

  G_OBJECT_CLASS (opm_chart_view_parent_class)->dispose (object);
}

static void
opm_chart_view_finalize (GObject *object)
{
  OpmChartView *self = OPM_CHART_VIEW (object);

  g_free (self->title);

  G_OBJECT_CLASS (opm_chart_view_parent_class)->finalize (object);
}

static void
opm_chart_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OpmChartView *self = OPM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_chart_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OpmChartView *self = OPM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      opm_chart_view_set_title (self, g_value_get_string (value));
      break;
    case PROP_DARK:
      opm_chart_view_set_dark (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_chart_view_class_init (OpmChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opm_chart_view_dispose;
  object_class->finalize = opm_chart_view_finalize;
  object_class->get_property = opm_chart_view_get_property;
  object_class->set_property = opm_chart_view_set_property;
  widget_class->snapshot = opm_chart_view_snapshot;
  widget_class->measure = opm_chart_view_measure;
  widget_class->size_allocate = opm_chart_view_size_allocate;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.export", NULL, export_action);
  gtk_widget_class_set_css_name (widget_class, "opmchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
opm_chart_view_init (OpmChartView *self)
{
  self->export_button = gtk_button_new_from_icon_name ("document-send-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->export_button), "chart.export");
  gtk_widget_add_css_class (self->export_button, "flat");
  gtk_widget_add_css_class (self->export_button, "circular");
  gtk_widget_set_tooltip_text (self->export_button, _("Export the chart as SVG, PNG or PDF"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Export Chart…"), -1);
  gtk_widget_set_parent (self->export_button, GTK_WIDGET (self));
  gtk_widget_set_visible (self->export_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chart.export", FALSE);

  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_style_dark_changed), self,
                           G_CONNECT_SWAPPED);
}
