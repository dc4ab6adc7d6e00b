/* opm-palette.c — the kinds of elements to drag onto the canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One list of items under headings: the ten kinds of team, the three
 * classes of service, the ten activities of a responsibility, and a note.
 * Each row shows a small picture in the canvas's visual language (the kind
 * badge of a team, the outline of a service, the line of a responsibility)
 * and is a drag source whose content is a payload string (see
 * OPM_PALETTE_PAYLOAD_PREFIX). Activating a row — Enter or Space on the
 * focused row, or a click — emits ::item-activated with the same payload,
 * so that everything the mouse can add, the keyboard can add too.
 */

#define G_LOG_DOMAIN "opm-palette"

#include "config.h"

#include "opm-palette.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#define ICON_WIDTH  40
#define ICON_HEIGHT 24

typedef enum
{
  SECTION_TEAMS,
  SECTION_SERVICES,
  SECTION_RESPONSIBILITIES,
  SECTION_NOTES,
} Section;

typedef struct
{
  Section     section;
  int         value;     /* OpmTeamKind, OpmServiceKind or OpmActivity */
  const char *name;
  const char *tooltip;
} Item;

/* Names as the painter's legend spells them, so translations are shared. */
static const Item items[] = {
  { SECTION_TEAMS, OPM_TEAM_KIND_PRODUCT, N_("Product team"),
    N_("Product team: long-lived, builds and runs its own services") },
  { SECTION_TEAMS, OPM_TEAM_KIND_PROJECT_DELIVERY, N_("Project delivery team"),
    N_("Project delivery team: builds for a project, then moves on; often outsourced") },
  { SECTION_TEAMS, OPM_TEAM_KIND_OPS_BRIDGE, N_("Operations bridge · L1"),
    N_("Operations bridge: first-line monitoring and triage, often 24×7") },
  { SECTION_TEAMS, OPM_TEAM_KIND_SERVICE_DESK, N_("Service desk · L1"),
    N_("Service desk: takes calls and tickets from users, first line") },
  { SECTION_TEAMS, OPM_TEAM_KIND_APP_SUPPORT, N_("Application support · L2"),
    N_("Application support: second-line diagnosis, releases and known fixes") },
  { SECTION_TEAMS, OPM_TEAM_KIND_PLATFORM, N_("Platform team"),
    N_("Platform team: runs the shared infrastructure other teams build on") },
  { SECTION_TEAMS, OPM_TEAM_KIND_SRE, N_("Site reliability"),
    N_("Site reliability engineers: keep services reliable through engineering") },
  { SECTION_TEAMS, OPM_TEAM_KIND_SPECIALIST, N_("Specialists"),
    N_("Specialists: database, network or security experts called in when needed") },
  { SECTION_TEAMS, OPM_TEAM_KIND_CHANGE_MANAGEMENT, N_("Change management · CAB"),
    N_("Change advisory board: approves changes before they reach production") },
  { SECTION_TEAMS, OPM_TEAM_KIND_INCIDENT_MANAGEMENT, N_("Incident management"),
    N_("Incident management: coordinates major incidents across teams") },

  { SECTION_SERVICES, OPM_SERVICE_KIND_DIGITAL, N_("Digital service"),
    N_("Digital service: customer-facing software that changes often") },
  { SECTION_SERVICES, OPM_SERVICE_KIND_FOUNDATIONAL, N_("Foundational system"),
    N_("Foundational system: a bought-in package or integration that changes monthly or less") },
  { SECTION_SERVICES, OPM_SERVICE_KIND_DATA_STORE, N_("Data store"),
    N_("Data store: one database instance that services rely on") },

  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_PLAN, N_("Plan"),
    N_("Plan: decides what the service does next (Plan phase)") },
  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_BUILD, N_("Build"),
    N_("Build: writes and tests the service (Build phase)") },
  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_DEPLOY, N_("Deploy"),
    N_("Deploy: releases new versions to production (Run phase)") },
  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_OPERATE_L1, N_("Operate · L1"),
    N_("Operate, first line: watches alerts and triages incidents (Run phase)") },
  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_SUPPORT_L2, N_("Support · L2"),
    N_("Support, second line: diagnoses incidents and applies known fixes (Run phase)") },
  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_SUPPORT_L3, N_("Support · L3"),
    N_("Support, third line: fixes the code when others cannot (Run phase)") },
  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_ON_CALL, N_("On call"),
    N_("On call: answers alerts outside working hours (Run phase)") },
  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_PROBLEM_FIX, N_("Problem fix"),
    N_("Problem fix: removes the causes of incidents for good (Run phase)") },
  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_APPROVE_CHANGE, N_("Approve change"),
    N_("Approve change: gives permission for each release (Run phase)") },
  { SECTION_RESPONSIBILITIES, OPM_ACTIVITY_ACCOUNTABLE, N_("Accountable"),
    N_("Accountable: owns the service and answers for it; one team per service") },

  { SECTION_NOTES, 0, N_("Note"),
    N_("Note: a sticky note for comments on the diagram") },
};

/* The kind badges and colours of opm-painter.c (team_kind_badge, palette_init). */
static const char *team_badges[] = { "P", "PJ", "L1", "SD", "L2", "PF", "SRE", "SP", "CAB", "IM" };
static const guint team_light[] = {
  0x1a5fb4, 0x813d9c, 0xc64600, 0xc64600, 0x9c6e03, 0x0e7c86, 0x26a269, 0x5e5c64, 0xa51d2d, 0xb5356e,
};
static const guint team_dark[] = {
  0x62a0ea, 0xc061cb, 0xffa348, 0xffa348, 0xf8e45c, 0x5bc8af, 0x57e389, 0xc0bfbc, 0xf66151, 0xf5a6c8,
};
static const guint phase_light[] = { 0x813d9c, 0x1a5fb4, 0xc64600 };
static const guint phase_dark[] = { 0xdc8add, 0x62a0ea, 0xffa348 };

struct _OpmPalette
{
  GtkWidget          parent_instance;

  /* template */
  GtkScrolledWindow *scrolled_window;
  GtkListBox        *list_box;
};

G_DEFINE_FINAL_TYPE (OpmPalette, opm_palette, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
section_tag (Section section)
{
  switch (section)
    {
    case SECTION_TEAMS: return "team";
    case SECTION_SERVICES: return "service";
    case SECTION_RESPONSIBILITIES: return "responsibility";
    case SECTION_NOTES: return "note";
    default: g_assert_not_reached ();
    }
}

static GType
section_enum_type (Section section)
{
  switch (section)
    {
    case SECTION_TEAMS: return OPM_TYPE_TEAM_KIND;
    case SECTION_SERVICES: return OPM_TYPE_SERVICE_KIND;
    case SECTION_RESPONSIBILITIES: return OPM_TYPE_ACTIVITY;
    case SECTION_NOTES: return G_TYPE_INVALID;
    default: g_assert_not_reached ();
    }
}

static const char *
section_heading (Section section)
{
  switch (section)
    {
    case SECTION_TEAMS: return _("Teams");
    case SECTION_SERVICES: return _("Services");
    case SECTION_RESPONSIBILITIES: return _("Responsibilities");
    case SECTION_NOTES: return _("Notes");
    default: g_assert_not_reached ();
    }
}

static char *
item_payload (const Item *item)
{
  GType type = section_enum_type (item->section);
  const char *nick = "";

  if (type != G_TYPE_INVALID)
    {
      GEnumClass *klass = g_type_class_ref (type);

      nick = g_enum_get_value (klass, item->value)->value_nick;
      g_type_class_unref (klass);   /* the enum classes of the core stay alive */
    }

  return g_strconcat (OPM_PALETTE_PAYLOAD_PREFIX, section_tag (item->section), ":", nick, NULL);
}

/* Icons */

static void
set_source_hex (cairo_t *cr,
                guint    hex)
{
  cairo_set_source_rgb (cr, ((hex >> 16) & 0xff) / 255.0, ((hex >> 8) & 0xff) / 255.0, (hex & 0xff) / 255.0);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Dark when the theme's text is light. */
static gboolean
is_dark (GtkWidget *widget)
{
  GdkRGBA colour;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &colour);
  return 0.299 * colour.red + 0.587 * colour.green + 0.114 * colour.blue > 0.5;
}

static void
draw_team_badge (GtkWidget *area,
                 cairo_t   *cr,
                 int        width,
                 int        height,
                 guint      kind,
                 gboolean   dark)
{
  const char *badge = team_badges[kind];
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (area, badge);
  PangoFontDescription *font = pango_font_description_new ();
  int text_width, text_height;
  double w, h = 20;

  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (font, (strlen (badge) > 2 ? 8.5 : 10.5) * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &text_width, &text_height);

  w = MIN (width, MAX (24, text_width + 10));
  rounded_rect (cr, (width - w) / 2, (height - h) / 2, w, h, h / 2);
  set_source_hex (cr, dark ? team_dark[kind] : team_light[kind]);
  cairo_fill (cr);

  set_source_hex (cr, dark ? 0x1e1e1e : 0xffffff);
  cairo_move_to (cr, (width - text_width) / 2.0, (height - text_height) / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_service_shape (cairo_t  *cr,
                    int       width,
                    int       height,
                    guint     kind,
                    gboolean  dark)
{
  double x = 4.5, y = 3.5, w = width - 9, h = height - 7;

  if (kind == OPM_SERVICE_KIND_DATA_STORE)
    {
      double ry = 3.5;

      cairo_move_to (cr, x, y + ry);
      cairo_curve_to (cr, x, y - ry / 3, x + w, y - ry / 3, x + w, y + ry);
      cairo_line_to (cr, x + w, y + h - ry);
      cairo_curve_to (cr, x + w, y + h + ry / 3, x, y + h + ry / 3, x, y + h - ry);
      cairo_close_path (cr);
    }
  else
    {
      rounded_rect (cr, x, y, w, h, kind == OPM_SERVICE_KIND_FOUNDATIONAL ? 1.5 : 6);
    }

  set_source_hex (cr, dark ? 0x303030 : 0xffffff);
  cairo_fill_preserve (cr);
  set_source_hex (cr, dark ? 0x9a9996 : 0x77767b);
  cairo_set_line_width (cr, 1.4);
  cairo_stroke (cr);

  if (kind == OPM_SERVICE_KIND_DATA_STORE)
    {
      /* the rim of the cylinder */
      cairo_move_to (cr, x, y + 3.5);
      cairo_curve_to (cr, x, y + 3.5 + 4.7, x + w, y + 3.5 + 4.7, x + w, y + 3.5);
      cairo_stroke (cr);
    }
  else if (kind == OPM_SERVICE_KIND_FOUNDATIONAL)
    {
      /* the base band of a foundational system */
      cairo_rectangle (cr, x, y + h - 3, w, 3);
      cairo_fill (cr);
    }
}

static void
draw_responsibility_line (cairo_t  *cr,
                          int       width,
                          int       height,
                          guint     activity,
                          gboolean  dark)
{
  OpmPhase phase = opm_activity_get_phase (activity);
  double y = height / 2.0;
  double x1 = 6, x2 = width - 5;

  set_source_hex (cr, dark ? phase_dark[phase] : phase_light[phase]);

  /* the team's end */
  cairo_arc (cr, x1, y, 3, 0, 2 * G_PI);
  cairo_fill (cr);

  /* Plan dotted, Build solid, Run dashed, as on the canvas */
  cairo_set_line_width (cr, phase == OPM_PHASE_PLAN ? 2.6 : 2);
  if (phase == OPM_PHASE_PLAN)
    {
      static const double dots[] = { 0.1, 4 };

      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dots, G_N_ELEMENTS (dots), 0);
    }
  else if (phase == OPM_PHASE_RUN)
    {
      static const double dashes[] = { 5, 3 };

      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
    }
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2 - 7, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  /* arrow head at the service's end */
  cairo_move_to (cr, x2, y);
  cairo_line_to (cr, x2 - 8, y - 4.5);
  cairo_line_to (cr, x2 - 8, y + 4.5);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_note_shape (cairo_t  *cr,
                 int       width,
                 int       height,
                 gboolean  dark)
{
  double w = 22, h = 20, x = (width - w) / 2, y = (height - h) / 2, fold = 6;

  cairo_move_to (cr, x + 0.5, y + 0.5);
  cairo_line_to (cr, x + w - 0.5, y + 0.5);
  cairo_line_to (cr, x + w - 0.5, y + h - fold);
  cairo_line_to (cr, x + w - fold, y + h - 0.5);
  cairo_line_to (cr, x + 0.5, y + h - 0.5);
  cairo_close_path (cr);
  set_source_hex (cr, dark ? 0x5c5418 : 0xfff5b1);
  cairo_fill_preserve (cr);
  set_source_hex (cr, dark ? 0xf5c211 : 0xe5a50a);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);

  cairo_move_to (cr, x + w - 0.5, y + h - fold);
  cairo_line_to (cr, x + w - fold, y + h - fold);
  cairo_line_to (cr, x + w - fold, y + h - 0.5);
  cairo_stroke (cr);
}

static void
draw_icon (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        data)
{
  const Item *item = data;
  gboolean dark = is_dark (GTK_WIDGET (area));

  switch (item->section)
    {
    case SECTION_TEAMS:
      draw_team_badge (GTK_WIDGET (area), cr, width, height, item->value, dark);
      break;
    case SECTION_SERVICES:
      draw_service_shape (cr, width, height, item->value, dark);
      break;
    case SECTION_RESPONSIBILITIES:
      draw_responsibility_line (cr, width, height, item->value, dark);
      break;
    case SECTION_NOTES:
      draw_note_shape (cr, width, height, dark);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Rows */

static void
on_drag_begin (GtkDragSource *source,
               GdkDrag       *drag,
               GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, ICON_WIDTH / 2, gtk_widget_get_height (row) / 2);
}

static GtkWidget *
create_row (const Item *item)
{
  g_autofree char *payload = item_payload (item);
  g_autoptr(GdkContentProvider) content = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (_(item->name));
  GtkDragSource *source = gtk_drag_source_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (icon), ICON_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (icon), ICON_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (icon), draw_icon, (gpointer) item, NULL);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  gtk_widget_set_tooltip_text (row, _(item->tooltip));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(item->name),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(item->tooltip),
                                  -1);

  g_object_set_data (G_OBJECT (row), "opm-palette-item", (gpointer) item);
  g_object_set_data_full (G_OBJECT (row), "opm-palette-payload", g_strdup (payload), g_free);

  content = gdk_content_provider_new_typed (G_TYPE_STRING, payload);
  gtk_drag_source_set_content (source, content);
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (on_drag_begin), row, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));

  return row;
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       data)
{
  const Item *item = g_object_get_data (G_OBJECT (row), "opm-palette-item");
  const Item *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "opm-palette-item") : NULL;
  GtkWidget *heading;

  if (previous != NULL && previous->section == item->section)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (gtk_list_box_row_get_header (row) != NULL)
    return;

  heading = g_object_new (GTK_TYPE_LABEL,
                          "label", section_heading (item->section),
                          "xalign", 0.0f,
                          "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                          "margin-start", 12,
                          "margin-end", 12,
                          "margin-top", previous != NULL ? 18 : 6,
                          "margin-bottom", 6,
                          NULL);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_list_box_row_set_header (row, heading);
}

static void
on_row_activated (GtkListBox    *list_box,
                  GtkListBoxRow *row,
                  OpmPalette    *self)
{
  const char *payload = g_object_get_data (G_OBJECT (row), "opm-palette-payload");

  if (payload != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, payload);
}

/* GObject */

static void
opm_palette_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OPM_TYPE_PALETTE);

  G_OBJECT_CLASS (opm_palette_parent_class)->dispose (object);
}

static void
opm_palette_class_init (OpmPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opm_palette_dispose;

  /**
   * OpmPalette::item-activated:
   * @payload: what the item would give when dragged, e.g. "opmodel-palette:team:product"
   *
   * Emitted when an item is activated with Enter, Space or a click: the
   * window adds the element where the user is looking.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/opmodel/Opmodel/opm-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, OpmPalette, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, OpmPalette, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "opmpalette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
opm_palette_init (OpmPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list_box, update_header, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    gtk_list_box_append (self->list_box, create_row (&items[i]));
}

GtkWidget *
opm_palette_new (void)
{
  return g_object_new (OPM_TYPE_PALETTE, NULL);
}

/**
 * opm_palette_parse_payload:
 * @payload: (nullable): a string dropped on the canvas
 * @element_type: (out) (optional): %OPM_TYPE_TEAM, %OPM_TYPE_SERVICE,
 *   %OPM_TYPE_RESPONSIBILITY or %OPM_TYPE_NOTE
 * @value: (out) (optional): the #OpmTeamKind, #OpmServiceKind or
 *   #OpmActivity; 0 for a note
 *
 * Returns: whether @payload came from the palette
 */
gboolean
opm_palette_parse_payload (const char *payload,
                           GType      *element_type,
                           int        *value)
{
  static const struct { const char *tag; Section section; } tags[] = {
    { "team", SECTION_TEAMS },
    { "service", SECTION_SERVICES },
    { "responsibility", SECTION_RESPONSIBILITIES },
    { "note", SECTION_NOTES },
  };
  const char *rest, *nick;

  if (payload == NULL || !g_str_has_prefix (payload, OPM_PALETTE_PAYLOAD_PREFIX))
    return FALSE;

  rest = payload + strlen (OPM_PALETTE_PAYLOAD_PREFIX);
  nick = strchr (rest, ':');
  if (nick == NULL)
    return FALSE;
  nick++;

  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      GType enum_type;
      int result = 0;

      if (strlen (tags[i].tag) != (gsize) (nick - 1 - rest) || strncmp (rest, tags[i].tag, nick - 1 - rest) != 0)
        continue;

      enum_type = section_enum_type (tags[i].section);
      if (enum_type == G_TYPE_INVALID)
        {
          if (nick[0] != '\0')
            return FALSE;
        }
      else
        {
          GEnumClass *klass = g_type_class_ref (enum_type);
          GEnumValue *found = g_enum_get_value_by_nick (klass, nick);

          if (found != NULL)
            result = found->value;
          g_type_class_unref (klass);
          if (found == NULL)
            return FALSE;
        }

      if (element_type != NULL)
        *element_type = tags[i].section == SECTION_TEAMS ? OPM_TYPE_TEAM
                      : tags[i].section == SECTION_SERVICES ? OPM_TYPE_SERVICE
                      : tags[i].section == SECTION_RESPONSIBILITIES ? OPM_TYPE_RESPONSIBILITY
                      : OPM_TYPE_NOTE;
      if (value != NULL)
        *value = result;
      return TRUE;
    }

  return FALSE;
}
