/* opm-painter.c — draws a scenario with any renderer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One painter draws the diagram for the canvas, the exports and the tests, so
 * what is exported is what is on screen. It keeps a layout of the scenario
 * (connector routes, label positions) and a uniform grid over it, to draw
 * only what is visible and to find what is under the pointer. The layout
 * follows edits element by element: an element that comes or goes is filed
 * in or taken out of the grids, the lines between the same two cards are
 * laid out again, and only the labels whose surroundings changed are placed
 * again, so that after every step the layout is the one a new painter makes.
 * Zoomed out, it drops text and detail and strokes all connectors of one
 * style as one path.
 *
 * The visual language: teams are cards with a coloured header and a badge
 * naming their kind (dashed border when outsourced); services are white cards
 * (a cylinder for a data store) with their availability target, exposure and
 * delivery facts; responsibilities are lines from team to service coloured by
 * phase — Plan purple and dotted, Build blue and solid, Run orange and dashed
 * — so that they stay apart in greyscale print; dependencies are dark arrows,
 * dashed when asynchronous, marked when softened.
 */

#define G_LOG_DOMAIN "opm-painter"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-contract.h"
#include "opm-dependency.h"
#include "opm-document.h"
#include "opm-enum-types.h"
#include "opm-group.h"
#include "opm-note.h"
#include "opm-painter-private.h"
#include "opm-responsibility.h"
#include "opm-service.h"
#include "opm-team.h"
#include "opm-text.h"

#define CELL_SIZE      400.0
#define MAX_CELLS_SPAN 256
#define FAN_SPACING    7.0   /* responsibilities of one pair run as a cable */
#define FAN_SPACING_DEPENDENCY 14.0

/* Drawing order: groups at the back, then the lines, then the cards, notes
 * on top; within a kind, the order of the scenario's list. */
typedef enum
{
  KIND_GROUP,
  KIND_DEPENDENCY,
  KIND_RESPONSIBILITY,
  KIND_TEAM,
  KIND_SERVICE,
  KIND_NOTE,
  N_KINDS
} ItemKind;

typedef struct
{
  OpmElement *element;      /* NULL in a free slot */
  ItemKind    kind;
  guint       rank;         /* the place in its kind's list */
  OpmRect     bounds;
  OpmRect     route_bounds; /* connectors: the bounds without the placed label */
  OpmRect     filed;        /* cards: the bounds the node grid has them under */
  GArray     *points;       /* connectors: the route, pairs of doubles */
  double      label_x;
  double      label_y;
  guint       stamp;
  gboolean    label_owner;  /* responsibilities: draws the label of its bundle */
  gboolean    softened;     /* dependencies: marked with how they are softened */
  int         label_phase;  /* the bundle's phase, -1 when mixed */
  char       *label;        /* the activities of the bundle */
  double      label_size;   /* the width the label needs */
  double      label_fraction;
  double      label_width;
  guint       fan_index;
  guint       fan_count;
  guint64     bundle_key;
  OpmElement *ends[2];      /* connectors: the nodes they were attached to */
  OpmRect     placed;       /* label owners: the label as the placed grid has it */
  guint       is_placed : 1;
  guint       queued : 1;   /* among the labels to place again */
  guint       moved : 1;
} Item;

/* The connectors between one pair of elements: they fan out side by side
 * and the middle one carries the activities of all. */
typedef struct
{
  GArray *members;   /* item slots */
} Bundle;

static void
bundle_free (gpointer data)
{
  Bundle *bundle = data;

  g_array_unref (bundle->members);
  g_free (bundle);
}

typedef struct
{
  char    *text;
  OpmRgba  colour;
} Badge;

typedef struct
{
  OpmElement *a;
  OpmElement *b;
  char       *label;
} Divide;

typedef struct
{
  OpmRgba background;
  OpmRgba card;
  OpmRgba text;
  OpmRgba muted;
  OpmRgba border;
  OpmRgba warning;
  OpmRgba dependency;
  OpmRgba softened;
  OpmRgba note;
  OpmRgba note_border;
  OpmRgba group;
  OpmRgba group_fill;
  OpmRgba divide;
  OpmRgba accent;
  OpmRgba phase[3];
  OpmRgba team[10];
  OpmRgba team_tint[10];
  OpmRgba availability[5];
} Palette;

/* Cells of @size units → GArray of item slots. The cells over the scenario
 * as laid out sit in a plain array; the few outside it (an element moved far
 * away since) in a hash table. */
typedef struct
{
  double      size;
  gint64      x0;
  gint64      y0;
  gint64      width;
  gint64      height;
  GArray    **dense;
  GHashTable *sparse;
  guint       n_cells;
} CellGrid;

#define CELL_GRID_MAX_DENSE (1 << 18)

/* The incident replayed: drawn above everything else (the end of the file). */
typedef struct _Incident Incident;

static void incident_free (Incident *incident);
static void draw_incident (OpmPainter    *self,
                           OpmRenderer   *r,
                           const Palette *p,
                           double         scale);

struct _OpmPainter
{
  GObject      parent_instance;

  OpmScenario *scenario;
  OpmDocument *document;     /* borrowed, for the change signal */
  gulong       changed_id;
  GListModel  *lists[N_KINDS]; /* borrowed from the scenario */
  gulong       list_ids[N_KINDS];

  gboolean     dark;
  gboolean     dirty;        /* everything must be laid out again */
  gboolean     bounds_stale;
  guint        generation;
  gulong       element_changed_id;
  GArray      *damage;       /* OpmRect: areas changed since the view last asked */
  gboolean     damage_all;
  GHashTable  *attached;     /* node → GArray of connector slots */
  GHashTable  *excluded;     /* elements drawn apart, e.g. while dragged */
  CellGrid    *node_grid;    /* card slots by cell, for label placement */
  CellGrid    *label_grid;   /* placed label owners by cell */
  const OpmRect *clip;       /* while drawing an area: it, grown by the line margin */
  gboolean     dense;        /* the area is thick with lines: draw them plainly */
  gboolean     step_touched; /* an element changed during the current step */
  guint        step_items;   /* elements added or removed one by one in the step */

  GArray      *items;        /* of Item, by slot */
  GArray      *free_slots;
  GArray      *order[N_KINDS]; /* slots in the order of each kind's list */
  GHashTable  *by_element;   /* OpmElement* → slot + 1 */
  GHashTable  *bundles;      /* pair key → Bundle */
  CellGrid    *grid;         /* connectors and nodes by cell */
  GArray      *large;        /* items spanning too many cells */
  GArray      *unplaced;     /* label owners to place again (a heap while placing) */
  GArray      *moved_nodes;  /* nodes moved since the labels were placed */
  gboolean     placing;      /* placing labels: @unplaced is a heap */
  double       label_reach;  /* half the widest label */
  OpmRect      bounds;
  guint        stamp;

  OpmElement  *hover;
  GHashTable  *highlights;   /* OpmElement* → OpmRgba* */
  GHashTable  *badges;       /* OpmElement* → Badge* */
  GPtrArray   *badged;       /* the same elements, in the order they got their badge: drawn so */
  GPtrArray   *divides;      /* of Divide* */
  GPtrArray   *path;         /* the restore path shown: the service, then its teams */
  guint        path_handoffs;
  int          path_fixer;   /* index in @path of the team that can fix, or -1 */
  Incident    *incident;     /* nullable */
};

G_DEFINE_FINAL_TYPE (OpmPainter, opm_painter, G_TYPE_OBJECT)

/* Palette */

static OpmRgba
with_alpha (OpmRgba c,
            double  alpha)
{
  c.alpha = alpha;
  return c;
}

static void
palette_init (Palette  *p,
              gboolean  dark)
{
  /* Kind colours from the GNOME palette, in the order of OpmTeamKind:
   * product, project-delivery, ops-bridge, service-desk, app-support,
   * platform, SRE, specialist, change management, incident management. */
  static const guint team_light[10] = {
    0x1a5fb4, 0x813d9c, 0xc64600, 0xc64600, 0x9c6e03, 0x0e7c86, 0x26a269, 0x5e5c64, 0xa51d2d, 0xb5356e,
  };
  static const guint team_dark[10] = {
    0x62a0ea, 0xc061cb, 0xffa348, 0xffa348, 0xf8e45c, 0x5bc8af, 0x57e389, 0xc0bfbc, 0xf66151, 0xf5a6c8,
  };
  static const guint avail[5] = { 0x77767b, 0x1c71d8, 0x0e7c86, 0xc64600, 0xc01c28 };
  static const guint avail_dark[5] = { 0x9a9996, 0x62a0ea, 0x5bc8af, 0xffa348, 0xf66151 };

  if (!dark)
    {
      p->background = opm_rgb (0xf6f5f4);
      p->card = opm_rgb (0xffffff);
      p->text = opm_rgb (0x241f31);
      p->muted = opm_rgb (0x5e5c64);
      p->border = opm_rgb (0x77767b);
      p->warning = opm_rgb (0xc01c28);
      p->dependency = opm_rgb (0x3d3846);
      p->softened = opm_rgb (0x9a9996);
      p->note = opm_rgb (0xfff5b1);
      p->note_border = opm_rgb (0xe5a50a);
      p->group = opm_rgb (0x9a9996);
      p->group_fill = with_alpha (opm_rgb (0x77767b), 0.05);
      p->divide = opm_rgb (0xe01b24);
      p->accent = opm_rgb (0x3584e4);
      p->phase[0] = opm_rgb (0x813d9c);
      p->phase[1] = opm_rgb (0x1a5fb4);
      p->phase[2] = opm_rgb (0xc64600);
    }
  else
    {
      p->background = opm_rgb (0x1e1e1e);
      p->card = opm_rgb (0x303030);
      p->text = opm_rgb (0xffffff);
      p->muted = opm_rgb (0xc0bfbc);
      p->border = opm_rgb (0x9a9996);
      p->warning = opm_rgb (0xff7b63);
      p->dependency = opm_rgb (0xdeddda);
      p->softened = opm_rgb (0x77767b);
      p->note = opm_rgb (0x5c5418);
      p->note_border = opm_rgb (0xf5c211);
      p->group = opm_rgb (0x77767b);
      p->group_fill = with_alpha (opm_rgb (0xffffff), 0.04);
      p->divide = opm_rgb (0xff5a5a);
      p->accent = opm_rgb (0x78aeed);
      p->phase[0] = opm_rgb (0xdc8add);
      p->phase[1] = opm_rgb (0x62a0ea);
      p->phase[2] = opm_rgb (0xffa348);
    }

  for (guint i = 0; i < 10; i++)
    {
      p->team[i] = opm_rgb (dark ? team_dark[i] : team_light[i]);
      p->team_tint[i] = opm_rgba_mix (p->card, p->team[i], dark ? 0.28 : 0.16);
    }
  for (guint i = 0; i < 5; i++)
    p->availability[i] = opm_rgb (dark ? avail_dark[i] : avail[i]);
}

/* Names */

static const char *
team_kind_badge (OpmTeamKind kind)
{
  static const char *badges[] = { "P", "PJ", "L1", "SD", "L2", "PF", "SRE", "SP", "CAB", "IM" };

  return kind < G_N_ELEMENTS (badges) ? badges[kind] : "?";
}

static const char *
team_kind_label (OpmTeamKind kind)
{
  switch (kind)
    {
    case OPM_TEAM_KIND_PRODUCT: return _("Product team");
    case OPM_TEAM_KIND_PROJECT_DELIVERY: return _("Project delivery team");
    case OPM_TEAM_KIND_OPS_BRIDGE: return _("Operations bridge · L1");
    case OPM_TEAM_KIND_SERVICE_DESK: return _("Service desk · L1");
    case OPM_TEAM_KIND_APP_SUPPORT: return _("Application support · L2");
    case OPM_TEAM_KIND_PLATFORM: return _("Platform team");
    case OPM_TEAM_KIND_SRE: return _("Site reliability");
    case OPM_TEAM_KIND_SPECIALIST: return _("Specialists");
    case OPM_TEAM_KIND_CHANGE_MANAGEMENT: return _("Change management · CAB");
    case OPM_TEAM_KIND_INCIDENT_MANAGEMENT: return _("Incident management");
    default: return "";
    }
}

static const char *
activity_label (OpmActivity activity)
{
  switch (activity)
    {
    case OPM_ACTIVITY_PLAN: return _("plan");
    case OPM_ACTIVITY_BUILD: return _("build");
    case OPM_ACTIVITY_DEPLOY: return _("deploy");
    case OPM_ACTIVITY_OPERATE_L1: return _("operate L1");
    case OPM_ACTIVITY_SUPPORT_L2: return _("support L2");
    case OPM_ACTIVITY_SUPPORT_L3: return _("support L3");
    case OPM_ACTIVITY_ON_CALL: return _("on call");
    case OPM_ACTIVITY_PROBLEM_FIX: return _("problem fix");
    case OPM_ACTIVITY_APPROVE_CHANGE: return _("approve change");
    case OPM_ACTIVITY_ACCOUNTABLE: return _("accountable");
    default: return "";
    }
}

static const char *
out_of_hours_label (OpmOutOfHours cover)
{
  switch (cover)
    {
    case OPM_OUT_OF_HOURS_NONE: return _("no out-of-hours cover");
    case OPM_OUT_OF_HOURS_WORKING_HOURS_ONLY: return _("working hours only");
    case OPM_OUT_OF_HOURS_SHARED_ROTA: return _("shared rota");
    case OPM_OUT_OF_HOURS_OWN_ROTA: return _("own rota");
    case OPM_OUT_OF_HOURS_SHIFT_24X7: return _("24×7 shifts");
    default: return "";
    }
}

static const char *
on_call_pay_label (OpmOnCallPay pay)
{
  switch (pay)
    {
    case OPM_ON_CALL_PAY_NONE: return _("unpaid (best efforts)");
    case OPM_ON_CALL_PAY_STANDBY: return _("standby pay");
    case OPM_ON_CALL_PAY_STANDBY_CALLOUT: return _("standby + callout pay");
    case OPM_ON_CALL_PAY_CALLOUT_ONLY: return _("callout pay only");
    default: return "";
    }
}

static const char *
service_kind_label (OpmServiceKind kind)
{
  switch (kind)
    {
    case OPM_SERVICE_KIND_DIGITAL: return _("Digital service");
    case OPM_SERVICE_KIND_FOUNDATIONAL: return _("Foundational system");
    case OPM_SERVICE_KIND_DATA_STORE: return _("Data store");
    default: return "";
    }
}

static const char *
deployment_label (OpmDeploymentTarget target)
{
  switch (target)
    {
    case OPM_DEPLOYMENT_TARGET_MONTHLY: return _("deploys monthly");
    case OPM_DEPLOYMENT_TARGET_FORTNIGHTLY: return _("deploys fortnightly");
    case OPM_DEPLOYMENT_TARGET_WEEKLY: return _("deploys weekly");
    case OPM_DEPLOYMENT_TARGET_DAILY: return _("deploys daily");
    default: return "";
    }
}

static char *
format_money (double amount)
{
  if (amount >= 1e9)
    return g_strdup_printf ("%.3gB", amount / 1e9);
  if (amount >= 1e6)
    return g_strdup_printf ("%.3gM", amount / 1e6);
  if (amount >= 1e3)
    return g_strdup_printf ("%.3gK", amount / 1e3);
  return g_strdup_printf ("%.0f", amount);
}

static const char *
currency_symbol (OpmPainter *self)
{
  const char *code = self->document != NULL ? opm_document_get_currency (self->document) : "USD";

  if (g_strcmp0 (code, "USD") == 0)
    return "$";
  if (g_strcmp0 (code, "EUR") == 0)
    return "€";
  if (g_strcmp0 (code, "GBP") == 0)
    return "£";
  if (g_strcmp0 (code, "JPY") == 0)
    return "¥";
  return NULL;
}

static char *
format_exposure (OpmPainter *self,
                 double      amount)
{
  g_autofree char *value = format_money (amount);
  const char *symbol = currency_symbol (self);

  if (symbol != NULL)
    return g_strdup_printf (_("%s%s/h"), symbol, value);

  return g_strdup_printf (_("%s %s/h"), value, self->document != NULL ? opm_document_get_currency (self->document) : "");
}

/* Layout */

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->points, g_array_unref);
  g_clear_pointer (&item->label, g_free);
}

static void
badge_free (gpointer data)
{
  Badge *badge = data;

  g_free (badge->text);
  g_free (badge);
}

static void
divide_free (gpointer data)
{
  Divide *divide = data;

  g_free (divide->label);
  g_free (divide);
}

static gboolean
rect_intersects (const OpmRect *a,
                 const OpmRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
rect_union (OpmRect       *a,
            const OpmRect *b)
{
  double x1 = MIN (a->x, b->x);
  double y1 = MIN (a->y, b->y);
  double x2 = MAX (a->x + a->width, b->x + b->width);
  double y2 = MAX (a->y + a->height, b->y + b->height);

  a->x = x1;
  a->y = y1;
  a->width = x2 - x1;
  a->height = y2 - y1;
}

static void
node_rect (OpmElement *element,
           OpmRect    *rect)
{
  OpmNode *node = OPM_NODE (element);

  rect->x = opm_node_get_x (node);
  rect->y = opm_node_get_y (node);
  rect->width = opm_node_get_width (node);
  rect->height = opm_node_get_height (node);
}

/* Where the segment from (x0, y0), inside @rect, to (x1, y1) leaves @rect. */
static void
clip_to_rect (const OpmRect *rect,
              double         x0,
              double         y0,
              double         x1,
              double         y1,
              double        *cx,
              double        *cy)
{
  double dx = x1 - x0;
  double dy = y1 - y0;
  double t = 1.0;

  if (dx > 1e-9)
    t = MIN (t, (rect->x + rect->width - x0) / dx);
  else if (dx < -1e-9)
    t = MIN (t, (rect->x - x0) / dx);
  if (dy > 1e-9)
    t = MIN (t, (rect->y + rect->height - y0) / dy);
  else if (dy < -1e-9)
    t = MIN (t, (rect->y - y0) / dy);

  t = CLAMP (t, 0.0, 1.0);
  *cx = x0 + dx * t;
  *cy = y0 + dy * t;
}

static guint64
pair_key (gpointer a,
          gpointer b)
{
  guintptr x = (guintptr) a;
  guintptr y = (guintptr) b;

  if (x > y)
    {
      guintptr t = x;
      x = y;
      y = t;
    }

  return ((guint64) (x >> 3) * 0x9E3779B97F4A7C15ull) ^ (guint64) (y >> 3);
}

static void
layout_connector (Item       *item,
                  guint       fan_index,
                  guint       fan_count)
{
  OpmConnector *connector = OPM_CONNECTOR (item->element);
  OpmElement *source = opm_connector_get_source (connector);
  OpmElement *target = opm_connector_get_target (connector);
  OpmRect s, t;
  double sx, sy, tx, ty, dx, dy, length, offset;
  g_autoptr(GArray) via = NULL;
  GArray *points = g_array_new (FALSE, FALSE, sizeof (double));
  double total = 0, half, run = 0;

  item->fan_index = fan_index;
  item->fan_count = fan_count;
  item->softened = OPM_IS_DEPENDENCY (connector) &&
                   opm_dependency_get_softening (OPM_DEPENDENCY (connector)) != OPM_SOFTENING_NONE;

  node_rect (source, &s);
  node_rect (target, &t);

  sx = s.x + s.width / 2;
  sy = s.y + s.height / 2;
  tx = t.x + t.width / 2;
  ty = t.y + t.height / 2;

  opm_connector_parse_waypoints (opm_connector_get_waypoints (connector), &via, NULL);

  if (via != NULL && via->len >= 2)
    {
      double ax, ay, bx, by;

      clip_to_rect (&s, sx, sy, g_array_index (via, double, 0), g_array_index (via, double, 1), &ax, &ay);
      clip_to_rect (&t, tx, ty, g_array_index (via, double, via->len - 2), g_array_index (via, double, via->len - 1), &bx, &by);
      g_array_append_val (points, ax);
      g_array_append_val (points, ay);
      g_array_append_vals (points, via->data, via->len);
      g_array_append_val (points, bx);
      g_array_append_val (points, by);
    }
  else
    {
      double ax, ay, bx, by;

      /* Several connectors between the same pair fan out side by side. */
      dx = tx - sx;
      dy = ty - sy;
      length = hypot (dx, dy);
      offset = fan_count > 1 ? ((double) fan_index - (fan_count - 1) / 2.0) *
                                 (OPM_IS_DEPENDENCY (connector) ? FAN_SPACING_DEPENDENCY : FAN_SPACING) : 0;
      if (length > 1e-6 && offset != 0)
        {
          double nx = -dy / length * offset;
          double ny = dx / length * offset;

          sx += nx;
          sy += ny;
          tx += nx;
          ty += ny;
        }

      clip_to_rect (&s, sx, sy, tx, ty, &ax, &ay);
      clip_to_rect (&t, tx, ty, sx, sy, &bx, &by);
      g_array_append_val (points, ax);
      g_array_append_val (points, ay);
      g_array_append_val (points, bx);
      g_array_append_val (points, by);
    }

  item->points = points;

  /* bounds and the label at half the length */
  item->bounds.x = item->bounds.y = G_MAXDOUBLE;
  {
    double x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

    for (guint i = 0; i < points->len; i += 2)
      {
        double px = g_array_index (points, double, i);
        double py = g_array_index (points, double, i + 1);

        item->bounds.x = MIN (item->bounds.x, px);
        item->bounds.y = MIN (item->bounds.y, py);
        x2 = MAX (x2, px);
        y2 = MAX (y2, py);
        if (i > 0)
          total += hypot (px - g_array_index (points, double, i - 2), py - g_array_index (points, double, i - 1));
      }

    /* room for arrow heads and labels */
    item->bounds.x -= 40;
    item->bounds.y -= 16;
    item->bounds.width = x2 - item->bounds.x + 40;
    item->bounds.height = y2 - item->bounds.y + 16;
  }

  half = total / 2;
  item->label_x = g_array_index (points, double, 0);
  item->label_y = g_array_index (points, double, 1);
  for (guint i = 2; i < points->len; i += 2)
    {
      double ax = g_array_index (points, double, i - 2);
      double ay = g_array_index (points, double, i - 1);
      double bx = g_array_index (points, double, i);
      double by = g_array_index (points, double, i + 1);
      double seg = hypot (bx - ax, by - ay);

      if (run + seg >= half && seg > 0)
        {
          double f = (half - run) / seg;

          item->label_x = ax + (bx - ax) * f;
          item->label_y = ay + (by - ay) * f;
          break;
        }
      run += seg;
    }
}

/**
 * opm_cell_hash:
 * @key: (type gint64): a 64-bit key made of two 32-bit grid coordinates
 *
 * A hash for grid cells. g_int64_hash() folds the two halves together with
 * XOR, so every cell with the same cx ^ cy collides — a whole diagonal of a
 * grid lands in one bucket; this mixes the bits first.
 */
guint
opm_cell_hash (gconstpointer key)
{
  guint64 k = *(const guint64 *) key;

  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  k ^= k >> 33;
  k *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  k ^= k >> 33;

  return (guint) k;
}

static gint64
cell_key (gint64 cx,
          gint64 cy)
{
  return (cx << 32) ^ (cy & 0xffffffff);
}

static void
cell_grid_clear (CellGrid *grid)
{
  if (grid->dense != NULL)
    {
      for (gint64 i = 0; i < grid->width * grid->height; i++)
        g_clear_pointer (&grid->dense[i], g_array_unref);
    }
  g_hash_table_remove_all (grid->sparse);
  grid->n_cells = 0;
}

static CellGrid *
cell_grid_new (double size)
{
  CellGrid *grid = g_new0 (CellGrid, 1);

  grid->size = size;
  grid->sparse = g_hash_table_new_full (opm_cell_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  return grid;
}

static void
cell_grid_free (CellGrid *grid)
{
  cell_grid_clear (grid);
  g_free (grid->dense);
  g_hash_table_unref (grid->sparse);
  g_free (grid);
}

/* The cells that @r meets: columns @x0 to @x1, rows @y0 to @y1. */
static void
cell_span (const CellGrid *grid,
           const OpmRect  *r,
           gint64         *x0,
           gint64         *y0,
           gint64         *x1,
           gint64         *y1)
{
  *x0 = (gint64) floor (r->x / grid->size);
  *y0 = (gint64) floor (r->y / grid->size);
  *x1 = (gint64) floor ((r->x + r->width) / grid->size);
  *y1 = (gint64) floor ((r->y + r->height) / grid->size);
}

/* Empties the grid and lays its array over @area (in units). */
static void
cell_grid_reset (CellGrid      *grid,
                 const OpmRect *area)
{
  gint64 x0, y0, x1, y1, width, height;

  cell_span (grid, area, &x0, &y0, &x1, &y1);
  x0 -= 1;
  y0 -= 1;
  width = x1 + 2 - x0;
  height = y1 + 2 - y0;

  cell_grid_clear (grid);
  g_clear_pointer (&grid->dense, g_free);
  grid->width = grid->height = 0;

  if (width <= 0 || height <= 0 || (double) width * (double) height > CELL_GRID_MAX_DENSE)
    return;

  grid->x0 = x0;
  grid->y0 = y0;
  grid->width = width;
  grid->height = height;
  grid->dense = g_new0 (GArray *, width * height);
}

static GArray *
cell_grid_lookup (CellGrid *grid,
                  gint64    cx,
                  gint64    cy)
{
  gint64 dx = cx - grid->x0;
  gint64 dy = cy - grid->y0;
  gint64 key;

  if (dx >= 0 && dy >= 0 && dx < grid->width && dy < grid->height)
    return grid->dense[dy * grid->width + dx];

  key = cell_key (cx, cy);
  return g_hash_table_lookup (grid->sparse, &key);
}

typedef void (*CellFunc) (CellGrid *grid,
                          gint64    cx,
                          gint64    cy,
                          guint     slot);

static void
cell_add (CellGrid *grid,
          gint64    cx,
          gint64    cy,
          guint     slot)
{
  gint64 dx = cx - grid->x0;
  gint64 dy = cy - grid->y0;
  GArray *cell;

  if (dx >= 0 && dy >= 0 && dx < grid->width && dy < grid->height)
    {
      GArray **place = &grid->dense[dy * grid->width + dx];

      if (*place == NULL)
        {
          *place = g_array_sized_new (FALSE, FALSE, sizeof (guint), 8);
          grid->n_cells++;
        }
      cell = *place;
    }
  else
    {
      gint64 key = cell_key (cx, cy);

      cell = g_hash_table_lookup (grid->sparse, &key);
      if (cell == NULL)
        {
          cell = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (grid->sparse, g_memdup2 (&key, sizeof key), cell);
          grid->n_cells++;
        }
    }

  if (cell->len > 0 && g_array_index (cell, guint, cell->len - 1) == slot)
    return;

  g_array_append_val (cell, slot);
}

/* Takes every entry of @slot out of the cell. */
static void
cell_remove (CellGrid *grid,
             gint64    cx,
             gint64    cy,
             guint     slot)
{
  GArray *cell = cell_grid_lookup (grid, cx, cy);

  for (guint i = cell != NULL ? cell->len : 0; i > 0; i--)
    if (g_array_index (cell, guint, i - 1) == slot)
      g_array_remove_index_fast (cell, i - 1);
}

static void
rect_cells (CellGrid      *grid,
            const OpmRect *r,
            guint          slot,
            CellFunc       func)
{
  gint64 x0, y0, x1, y1;

  cell_span (grid, r, &x0, &y0, &x1, &y1);
  for (gint64 cy = y0; cy <= y1; cy++)
    for (gint64 cx = x0; cx <= x1; cx++)
      func (grid, cx, cy, slot);
}

#define LINE_MARGIN  14.0   /* line width, arrow heads, end dots */
#define LABEL_HEIGHT 16.8

static OpmRect
label_rect (const Item *item)
{
  double width = item->label_owner ? item->label_width : 44;

  return (OpmRect) { item->label_x - width / 2, item->label_y - 8.4, width, LABEL_HEIGHT };
}

static gboolean
has_label (const Item *item)
{
  return (item->label_owner && item->label != NULL) || item->softened;
}

static gboolean
rect_equal (const OpmRect *a,
            const OpmRect *b)
{
  return a->x == b->x && a->y == b->y && a->width == b->width && a->height == b->height;
}

static gboolean
is_connector (ItemKind kind)
{
  return kind == KIND_DEPENDENCY || kind == KIND_RESPONSIBILITY;
}

/* Cards are what labels keep off. */
static gboolean
is_card (ItemKind kind)
{
  return kind == KIND_TEAM || kind == KIND_SERVICE || kind == KIND_NOTE;
}

static Item *
item_at (OpmPainter *self,
         guint       slot)
{
  return &g_array_index (self->items, Item, slot);
}

/* Whether @a is drawn before @b. */
static gboolean
item_before (const Item *a,
             const Item *b)
{
  return a->kind != b->kind ? a->kind < b->kind : a->rank < b->rank;
}

static int
compare_slots (gconstpointer a,
               gconstpointer b,
               gpointer      data)
{
  OpmPainter *self = data;
  const Item *x = item_at (self, *(const guint *) a);
  const Item *y = item_at (self, *(const guint *) b);

  return item_before (x, y) ? -1 : item_before (y, x);
}

/* Files @slot under (or, with cell_remove, takes it out of) every cell that
 * a segment, thickened by LINE_MARGIN each way, touches: column by column,
 * the rows its stretch in that column spans. Exact, so a line that cuts the
 * corner of a cell is found there. */
static void
segment_cells (CellGrid *grid,
               double    ax,
               double    ay,
               double    bx,
               double    by,
               guint     slot,
               CellFunc  func)
{
  double size = grid->size;
  double sx0 = MIN (ax, bx), sx1 = MAX (ax, bx);
  gint64 cx0 = (gint64) floor ((sx0 - LINE_MARGIN) / size);
  gint64 cx1 = (gint64) floor ((sx1 + LINE_MARGIN) / size);

  for (gint64 cx = cx0; cx <= cx1; cx++)
    {
      /* the points whose margin reaches into this column */
      double x0 = CLAMP (cx * size - LINE_MARGIN, sx0, sx1);
      double x1 = CLAMP ((cx + 1) * size + LINE_MARGIN, sx0, sx1);
      double y0, y1;

      if (bx == ax)
        {
          y0 = MIN (ay, by);
          y1 = MAX (ay, by);
        }
      else
        {
          double ya = ay + (by - ay) * (x0 - ax) / (bx - ax);
          double yb = ay + (by - ay) * (x1 - ax) / (bx - ax);

          y0 = MIN (ya, yb);
          y1 = MAX (ya, yb);
        }

      for (gint64 cy = (gint64) floor ((y0 - LINE_MARGIN) / size);
           cy <= (gint64) floor ((y1 + LINE_MARGIN) / size); cy++)
        func (grid, cx, cy, slot);
    }
}

/* Files @slot in the grid where it is drawn, or takes it out with
 * cell_remove: a node under the cells of its bounds, a connector under the
 * cells its segments cross (a long diagonal line stays in few cells) and
 * those of its label. Taking out goes by the item as it was filed, so it
 * comes before the item changes. */
static void
grid_file (OpmPainter *self,
           guint       slot,
           CellFunc    func)
{
  Item *item = item_at (self, slot);

  if (item->points == NULL)
    {
      gint64 x0, y0, x1, y1;

      cell_span (self->grid, &item->bounds, &x0, &y0, &x1, &y1);
      if ((x1 - x0 + 1) * (y1 - y0 + 1) <= MAX_CELLS_SPAN)
        rect_cells (self->grid, &item->bounds, slot, func);
      else if (func == cell_add)
        g_array_append_val (self->large, slot);
      else
        for (guint i = self->large->len; i > 0; i--)
          if (g_array_index (self->large, guint, i - 1) == slot)
            g_array_remove_index_fast (self->large, i - 1);
      return;
    }

  for (guint i = 2; i < item->points->len; i += 2)
    segment_cells (self->grid, g_array_index (item->points, double, i - 2),
                   g_array_index (item->points, double, i - 1), g_array_index (item->points, double, i),
                   g_array_index (item->points, double, i + 1), slot, func);

  if (has_label (item))
    {
      OpmRect r = label_rect (item);
      rect_cells (self->grid, &r, slot, func);
    }
}

/* Whether the segment meets the rectangle (Liang–Barsky). */
static gboolean
segment_meets (double         ax,
               double         ay,
               double         bx,
               double         by,
               const OpmRect *r)
{
  double t0 = 0, t1 = 1;
  double dx = bx - ax, dy = by - ay;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { ax - r->x, r->x + r->width - ax, ay - r->y, r->y + r->height - ay };

  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
        }
      else
        {
          double t = q[i] / p[i];

          if (p[i] < 0)
            t0 = MAX (t0, t);
          else
            t1 = MIN (t1, t);
          if (t0 > t1)
            return FALSE;
        }
    }

  return TRUE;
}

/* Whether what @item draws meets @area. */
static gboolean
item_meets (const Item    *item,
            const OpmRect *area)
{
  OpmRect grown;

  if (!rect_intersects (&item->bounds, area))
    return FALSE;

  if (item->points == NULL)
    return TRUE;

  grown = (OpmRect) { area->x - LINE_MARGIN, area->y - LINE_MARGIN, area->width + 2 * LINE_MARGIN,
                      area->height + 2 * LINE_MARGIN };

  for (guint i = 2; i < item->points->len; i += 2)
    if (segment_meets (g_array_index (item->points, double, i - 2), g_array_index (item->points, double, i - 1),
                       g_array_index (item->points, double, i), g_array_index (item->points, double, i + 1), &grown))
      return TRUE;

  if (has_label (item))
    {
      OpmRect r = label_rect (item);
      return rect_intersects (&r, area);
    }

  return FALSE;
}

/* The point at @fraction of the length of a route. */
static void
route_point (GArray *points,
             double  fraction,
             double *x,
             double *y)
{
  double total = 0, run = 0, goal;

  for (guint i = 2; i < points->len; i += 2)
    total += hypot (g_array_index (points, double, i) - g_array_index (points, double, i - 2),
                    g_array_index (points, double, i + 1) - g_array_index (points, double, i - 1));

  goal = total * fraction;
  *x = g_array_index (points, double, 0);
  *y = g_array_index (points, double, 1);

  for (guint i = 2; i < points->len; i += 2)
    {
      double ax = g_array_index (points, double, i - 2);
      double ay = g_array_index (points, double, i - 1);
      double bx = g_array_index (points, double, i);
      double by = g_array_index (points, double, i + 1);
      double seg = hypot (bx - ax, by - ay);

      if (run + seg >= goal && seg > 0)
        {
          double f = (goal - run) / seg;

          *x = ax + (bx - ax) * f;
          *y = ay + (by - ay) * f;
          return;
        }
      run += seg;
    }
}

static void
next_stamp (OpmPainter *self)
{
  if (++self->stamp == 0)
    {
      for (guint i = 0; i < self->items->len; i++)
        item_at (self, i)->stamp = 0;
      self->stamp = 1;
    }
}

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
mark_changed (OpmPainter *self)
{
  self->dirty = TRUE;
  self->damage_all = TRUE;
  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
add_damage (OpmPainter    *self,
            const OpmRect *rect)
{
  OpmRect grown = { rect->x - 8, rect->y - 8, rect->width + 16, rect->height + 16 };

  g_array_append_val (self->damage, grown);
}

static gboolean
is_excluded (OpmPainter *self,
             OpmElement *element)
{
  return g_hash_table_size (self->excluded) > 0 && g_hash_table_contains (self->excluded, element);
}

/* What an item covers as a few small areas: a long line damages the tiles
 * it crosses, not every tile of its bounding box. */
static void
add_damage_item (OpmPainter *self,
                 const Item *item)
{
  if (item->points == NULL)
    {
      add_damage (self, &item->bounds);
      return;
    }

  for (guint i = 2; i < item->points->len; i += 2)
    {
      double ax = g_array_index (item->points, double, i - 2);
      double ay = g_array_index (item->points, double, i - 1);
      double bx = g_array_index (item->points, double, i);
      double by = g_array_index (item->points, double, i + 1);
      guint pieces = MAX (1, (guint) ceil (hypot (bx - ax, by - ay) / 256));

      for (guint k = 0; k < pieces; k++)
        {
          double x0 = ax + (bx - ax) * k / pieces, y0 = ay + (by - ay) * k / pieces;
          double x1 = ax + (bx - ax) * (k + 1) / pieces, y1 = ay + (by - ay) * (k + 1) / pieces;
          OpmRect piece = { MIN (x0, x1) - LINE_MARGIN, MIN (y0, y1) - LINE_MARGIN,
                            fabs (x1 - x0) + 2 * LINE_MARGIN, fabs (y1 - y0) + 2 * LINE_MARGIN };

          add_damage (self, &piece);
        }
    }

  if (has_label (item))
    {
      OpmRect r = label_rect (item);
      add_damage (self, &r);
    }
}

/* Damages what @item draws, unless the view draws it apart. */
static void
damage_item (OpmPainter *self,
             const Item *item)
{
  if (!is_excluded (self, item->element))
    add_damage_item (self, item);
}

/* The items filed in the cells of the grid that @area meets, each once;
 * they keep the stamp that says so until the next walk. */
static GArray *
grid_collect (OpmPainter    *self,
              const OpmRect *area)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 x0, y0, x1, y1;

  next_stamp (self);
  cell_span (self->grid, area, &x0, &y0, &x1, &y1);
  for (gint64 cy = y0; cy <= y1; cy++)
    for (gint64 cx = x0; cx <= x1; cx++)
      {
        GArray *cell = cell_grid_lookup (self->grid, cx, cy);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            guint slot = g_array_index (cell, guint, i);
            Item *item = item_at (self, slot);

            if (item->stamp != self->stamp)
              {
                item->stamp = self->stamp;
                g_array_append_val (found, slot);
              }
          }
      }

  return found;
}

/* Items by slot. A slot outlives no element: a removed element's slot is
 * free for the next one, and the grids never hold a free slot. */

static guint
slot_new (OpmPainter *self,
          OpmElement *element,
          ItemKind    kind)
{
  Item fresh = { element, kind };
  guint slot;

  if (self->free_slots->len > 0)
    {
      slot = g_array_index (self->free_slots, guint, self->free_slots->len - 1);
      g_array_set_size (self->free_slots, self->free_slots->len - 1);
      /* still among the labels to place: it stays there once */
      fresh.queued = item_at (self, slot)->queued;
      *item_at (self, slot) = fresh;
    }
  else
    {
      slot = self->items->len;
      g_array_append_val (self->items, fresh);
    }

  if (OPM_IS_NODE (element))
    node_rect (element, &item_at (self, slot)->bounds);
  g_hash_table_insert (self->by_element, element, GUINT_TO_POINTER (slot + 1));

  return slot;
}

static void
slot_free (OpmPainter *self,
           guint       slot)
{
  Item *item = item_at (self, slot);
  gboolean queued = item->queued;

  if (GPOINTER_TO_UINT (g_hash_table_lookup (self->by_element, item->element)) == slot + 1)
    g_hash_table_remove (self->by_element, item->element);
  item_clear (item);
  memset (item, 0, sizeof *item);
  item->queued = queued;
  g_array_append_val (self->free_slots, slot);
}

/* After an insertion or removal at @from, the places after it. */
static void
rerank (OpmPainter *self,
        ItemKind    kind,
        guint       from)
{
  GArray *order = self->order[kind];

  for (guint i = from; i < order->len; i++)
    item_at (self, g_array_index (order, guint, i))->rank = i;
}

/* Label placement. Labels are placed one by one in drawing order, each
 * where it covers the fewest labels placed before it and cards. After an
 * edit, only the labels whose surroundings changed are placed again, again
 * in drawing order, and a label that moves requeues the later ones it may
 * now cover or uncover: the result is the one a full placement gives. */

#define LABEL_CELL 160.0

static const double label_fractions[] = { 0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8 };

/* Where @item's label would go at @fraction of its line. */
static OpmRect
label_candidate (const Item *item,
                 double      fraction,
                 double     *x,
                 double     *y)
{
  route_point (item->points, fraction, x, y);
  return (OpmRect) { *x - item->label_size / 2, *y - LABEL_HEIGHT / 2, item->label_size, LABEL_HEIGHT };
}

/* The labels to place again form a heap in drawing order while placing. */
static void
heap_sift_up (OpmPainter *self,
              guint       i)
{
  guint *heap = (guint *) (gpointer) self->unplaced->data;

  while (i > 0 && item_before (item_at (self, heap[i]), item_at (self, heap[(i - 1) / 2])))
    {
      guint parent = (i - 1) / 2;
      guint t = heap[i];

      heap[i] = heap[parent];
      heap[parent] = t;
      i = parent;
    }
}

static guint
heap_pop (OpmPainter *self)
{
  guint *heap = (guint *) (gpointer) self->unplaced->data;
  guint n = self->unplaced->len - 1;
  guint top = heap[0];
  guint i = 0;

  heap[0] = heap[n];
  g_array_set_size (self->unplaced, n);

  for (;;)
    {
      guint least = i;
      guint t;

      for (guint child = 2 * i + 1; child <= 2 * i + 2 && child < n; child++)
        if (item_before (item_at (self, heap[child]), item_at (self, heap[least])))
          least = child;
      if (least == i)
        break;
      t = heap[i];
      heap[i] = heap[least];
      heap[least] = t;
      i = least;
    }

  return top;
}

static void
queue_label (OpmPainter *self,
             guint       slot)
{
  Item *item = item_at (self, slot);

  if (item->queued)
    return;

  item->queued = TRUE;
  g_array_append_val (self->unplaced, slot);
  if (self->placing)
    heap_sift_up (self, self->unplaced->len - 1);
}

/* Queues the labels that could be placed over @area — what is there
 * changed, and so did their costs — only those after @after when given. */
static void
queue_labels_meeting (OpmPainter    *self,
                      const OpmRect *area,
                      const Item    *after)
{
  /* a label's middle is on its line: the grid finds the line */
  OpmRect around = { area->x - self->label_reach - 1, area->y - LABEL_HEIGHT / 2 - 1,
                     area->width + 2 * self->label_reach + 2, area->height + LABEL_HEIGHT + 2 };
  g_autoptr(GArray) filed = grid_collect (self, &around);

  for (guint i = 0; i < filed->len; i++)
    {
      guint slot = g_array_index (filed, guint, i);
      Item *item = item_at (self, slot);

      if (!item->label_owner || item->queued || (after != NULL && !item_before (after, item)))
        continue;

      for (guint f = 0; f < G_N_ELEMENTS (label_fractions); f++)
        {
          double x, y;
          OpmRect candidate = label_candidate (item, label_fractions[f], &x, &y);

          if (rect_intersects (&candidate, area))
            {
              queue_label (self, slot);
              break;
            }
        }
    }
}

static void
unplace_label (OpmPainter *self,
               guint       slot)
{
  Item *item = item_at (self, slot);

  rect_cells (self->label_grid, &item->placed, slot, cell_remove);
  item->is_placed = FALSE;
  queue_labels_meeting (self, &item->placed, NULL);
}

/* Slides @item's label along its line to where it covers no label placed
 * before it and no card, when there is such a place. @incremental: the
 * layout stands, so refile, damage and requeue what the move touches. */
static void
place_label (OpmPainter *self,
             guint       slot,
             gboolean    incremental)
{
  Item *item = item_at (self, slot);
  double width = item->label_size, height = LABEL_HEIGHT;
  double best_cost = G_MAXDOUBLE, best_x = item->label_x, best_y = item->label_y, best_fraction = 0.5;
  OpmRect rect, drawn;
  gboolean redrawn;

  for (guint f = 0; f < G_N_ELEMENTS (label_fractions) && best_cost > 0; f++)
    {
      double x, y, cost = 0;
      gint64 x0, y0, x1, y1;

      rect = label_candidate (item, label_fractions[f], &x, &y);

      /* labels placed before it */
      cell_span (self->label_grid, &rect, &x0, &y0, &x1, &y1);
      for (gint64 cy = y0; cy <= y1; cy++)
        for (gint64 cx = x0; cx <= x1; cx++)
          {
            GArray *cell = cell_grid_lookup (self->label_grid, cx, cy);

            for (guint k = 0; cell != NULL && k < cell->len; k++)
              {
                const Item *other = item_at (self, g_array_index (cell, guint, k));

                if (item_before (other, item) && rect_intersects (&rect, &other->placed))
                  cost += 10;
              }
          }

      /* cards under it */
      cell_span (self->node_grid, &rect, &x0, &y0, &x1, &y1);
      for (gint64 cy = y0; cy <= y1; cy++)
        for (gint64 cx = x0; cx <= x1; cx++)
          {
            GArray *cell = cell_grid_lookup (self->node_grid, cx, cy);

            for (guint k = 0; cell != NULL && k < cell->len; k++)
              if (rect_intersects (&rect, &item_at (self, g_array_index (cell, guint, k))->filed))
                cost += 3;
          }

      /* a little preference for the middle */
      cost += fabs (label_fractions[f] - 0.5);

      if (cost < best_cost)
        {
          best_cost = cost;
          best_x = x;
          best_y = y;
          best_fraction = label_fractions[f];
        }
      if (cost < 1)
        break;
    }

  rect = (OpmRect) { best_x - width / 2, best_y - height / 2, width, height };
  drawn = label_rect (item);
  redrawn = incremental && !rect_equal (&drawn, &rect);
  if (redrawn)
    {
      damage_item (self, item);
      grid_file (self, slot, cell_remove);
    }

  item->label_x = best_x;
  item->label_y = best_y;
  item->label_fraction = best_fraction;
  item->label_width = width;
  /* the label is part of what the connector covers */
  item->bounds = item->route_bounds;
  rect_union (&item->bounds, &rect);

  if (redrawn)
    {
      grid_file (self, slot, cell_add);
      damage_item (self, item);
    }

  if (item->is_placed && rect_equal (&item->placed, &rect))
    return;

  if (item->is_placed)
    {
      rect_cells (self->label_grid, &item->placed, slot, cell_remove);
      if (incremental)
        queue_labels_meeting (self, &item->placed, item);
    }
  item->placed = rect;
  item->is_placed = TRUE;
  rect_cells (self->label_grid, &rect, slot, cell_add);
  if (incremental)
    queue_labels_meeting (self, &rect, item);
}

/* Bundles */

/* Lays out the connectors of a bundle: side by side in drawing order, the
 * middle one with the label of all. @incremental: refile and damage them,
 * and queue the label. */
static void
bundle_layout (OpmPainter *self,
               Bundle     *bundle,
               gboolean    incremental)
{
  g_autoptr(GString) label = g_string_new (NULL);
  guint count = bundle->members->len;
  guint phases = 0, activities = 0;

  if (incremental)
    g_array_sort_with_data (bundle->members, compare_slots, self);

  for (guint i = 0; i < count; i++)
    {
      OpmElement *element = item_at (self, g_array_index (bundle->members, guint, i))->element;

      if (OPM_IS_RESPONSIBILITY (element))
        {
          OpmResponsibility *resp = OPM_RESPONSIBILITY (element);
          OpmActivity activity = opm_responsibility_get_activity (resp);

          G_STATIC_ASSERT (OPM_ACTIVITY_ACCOUNTABLE < 32);
          phases |= 1u << opm_responsibility_get_phase (resp);
          if ((activities & (1u << activity)) == 0)
            {
              activities |= 1u << activity;
              if (label->len > 0)
                g_string_append (label, " · ");
              g_string_append (label, activity_label (activity));
            }
        }
    }

  for (guint i = 0; i < count; i++)
    {
      guint slot = g_array_index (bundle->members, guint, i);
      Item *item = item_at (self, slot);
      gboolean owner = OPM_IS_RESPONSIBILITY (item->element) && i == count / 2;

      if (incremental && item->points != NULL)
        {
          damage_item (self, item);
          grid_file (self, slot, cell_remove);
        }
      if (item->is_placed && !owner)
        unplace_label (self, slot);

      g_clear_pointer (&item->points, g_array_unref);
      g_clear_pointer (&item->label, g_free);
      layout_connector (item, i, count);
      item->route_bounds = item->bounds;
      item->label_owner = owner;
      if (owner)
        {
          item->label = g_strdup (label->str);
          item->label_phase = phases == 1 ? OPM_PHASE_PLAN : phases == 2 ? OPM_PHASE_BUILD
                            : phases == 4 ? OPM_PHASE_RUN : -1;
          item->label_size = opm_text_width (item->label, 10.5, FALSE) + 11.5;
          self->label_reach = MAX (self->label_reach, item->label_size / 2);
          if (incremental)
            queue_label (self, slot);
        }
      else
        {
          item->label_phase = 0;
          item->label_size = 0;
          item->label_fraction = 0;
          item->label_width = 0;
        }

      if (incremental)
        {
          grid_file (self, slot, cell_add);
          damage_item (self, item);
        }
    }
}

static void
attach_end (OpmPainter *self,
            OpmElement *node,
            guint       slot)
{
  GArray *list = g_hash_table_lookup (self->attached, node);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (self->attached, node, list);
    }
  g_array_append_val (list, slot);
}

static void
detach_end (OpmPainter *self,
            OpmElement *node,
            guint       slot)
{
  GArray *list = g_hash_table_lookup (self->attached, node);

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_array_index (list, guint, i) == slot)
      {
        g_array_remove_index_fast (list, i);
        break;
      }
  if (list != NULL && list->len == 0)
    g_hash_table_remove (self->attached, node);
}

/* Adds the connector in @slot to its ends and its bundle; @incremental:
 * and lays the bundle out again. */
static void
connector_attach (OpmPainter *self,
                  guint       slot,
                  gboolean    incremental)
{
  Item *item = item_at (self, slot);
  OpmConnector *connector = OPM_CONNECTOR (item->element);
  Bundle *bundle;

  item->ends[0] = opm_connector_get_source (connector);
  item->ends[1] = opm_connector_get_target (connector);
  item->bundle_key = pair_key (item->ends[0], item->ends[1]);
  attach_end (self, item->ends[0], slot);
  attach_end (self, item->ends[1], slot);

  bundle = g_hash_table_lookup (self->bundles, &item->bundle_key);
  if (bundle == NULL)
    {
      bundle = g_new0 (Bundle, 1);
      bundle->members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (self->bundles, g_memdup2 (&item->bundle_key, sizeof item->bundle_key), bundle);
    }
  g_array_append_val (bundle->members, slot);

  if (incremental)
    bundle_layout (self, bundle, TRUE);
}

/* Takes the connector in @slot out of the drawing, its ends and its bundle,
 * which is laid out again without it. */
static void
connector_detach (OpmPainter *self,
                  guint       slot)
{
  Item *item = item_at (self, slot);
  guint64 key = item->bundle_key;
  Bundle *bundle = g_hash_table_lookup (self->bundles, &key);

  damage_item (self, item);
  grid_file (self, slot, cell_remove);
  if (item->is_placed)
    unplace_label (self, slot);
  detach_end (self, item->ends[0], slot);
  detach_end (self, item->ends[1], slot);
  g_clear_pointer (&item->points, g_array_unref);
  g_clear_pointer (&item->label, g_free);
  item->label_owner = FALSE;

  for (guint i = 0; i < bundle->members->len; i++)
    if (g_array_index (bundle->members, guint, i) == slot)
      {
        g_array_remove_index (bundle->members, i);
        break;
      }
  if (bundle->members->len == 0)
    g_hash_table_remove (self->bundles, &key);
  else
    bundle_layout (self, bundle, TRUE);
}

/* Files a node in the grids (@add) or takes it out. */
static void
node_file (OpmPainter *self,
           guint       slot,
           gboolean    add)
{
  Item *item = item_at (self, slot);
  CellFunc func = add ? cell_add : cell_remove;

  if (!add)
    damage_item (self, item);
  grid_file (self, slot, func);
  if (is_card (item->kind))
    {
      if (add)
        item->filed = item->bounds;
      rect_cells (self->node_grid, &item->filed, slot, func);
      queue_labels_meeting (self, &item->filed, NULL);
    }
  if (add)
    damage_item (self, item);
}

/* Places the labels queued since, after refiling the cards moved since. */
static void
settle (OpmPainter *self)
{
  for (guint i = 0; i < self->moved_nodes->len; i++)
    {
      guint slot = g_array_index (self->moved_nodes, guint, i);
      Item *item = item_at (self, slot);

      if (item->element == NULL || !item->moved)
        continue;
      item->moved = FALSE;
      self->bounds_stale = TRUE;
      if (!is_card (item->kind) || rect_equal (&item->filed, &item->bounds))
        continue;

      rect_cells (self->node_grid, &item->filed, slot, cell_remove);
      queue_labels_meeting (self, &item->filed, NULL);
      item->filed = item->bounds;
      rect_cells (self->node_grid, &item->filed, slot, cell_add);
      queue_labels_meeting (self, &item->filed, NULL);
    }
  g_array_set_size (self->moved_nodes, 0);

  /* sorted, it is a heap */
  g_array_sort_with_data (self->unplaced, compare_slots, self);
  self->placing = TRUE;
  while (self->unplaced->len > 0)
    {
      guint slot = heap_pop (self);
      Item *item = item_at (self, slot);

      item->queued = FALSE;
      if (item->element != NULL && item->label_owner)
        place_label (self, slot, TRUE);
    }
  self->placing = FALSE;
}

/* The area of the drawing, labels aside, summed in drawing order. */
static void
update_bounds (OpmPainter *self)
{
  gboolean any = FALSE;

  for (ItemKind kind = 0; kind < N_KINDS; kind++)
    for (guint i = 0; i < self->order[kind]->len; i++)
      {
        const Item *item = item_at (self, g_array_index (self->order[kind], guint, i));
        const OpmRect *r = is_connector (item->kind) ? &item->route_bounds : &item->bounds;

        if (!any)
          self->bounds = *r;
        else
          rect_union (&self->bounds, r);
        any = TRUE;
      }

  if (!any)
    self->bounds = (OpmRect) { 0, 0, 800, 600 };
  self->bounds_stale = FALSE;
}

static void
layout_all (OpmPainter *self)
{
  OpmRect area = { 0, 0, 0, 0 };
  gboolean first = TRUE;
  GHashTableIter iter;
  gpointer bundle;

  self->dirty = FALSE;
  self->step_items = 0;
  self->label_reach = 0;
  g_array_set_size (self->items, 0);
  g_array_set_size (self->free_slots, 0);
  g_array_set_size (self->large, 0);
  g_array_set_size (self->unplaced, 0);
  g_array_set_size (self->moved_nodes, 0);
  g_hash_table_remove_all (self->attached);
  g_hash_table_remove_all (self->by_element);
  g_hash_table_remove_all (self->bundles);

  /* slots in drawing order */
  for (ItemKind kind = 0; kind < N_KINDS; kind++)
    {
      guint n = g_list_model_get_n_items (self->lists[kind]);

      g_array_set_size (self->order[kind], 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OpmElement) element = g_list_model_get_item (self->lists[kind], i);
          guint slot = slot_new (self, element, kind);

          item_at (self, slot)->rank = i;
          g_array_append_val (self->order[kind], slot);
        }
    }

  /* the grids' arrays cover the nodes; connectors run between them */
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = item_at (self, i);

      if (is_connector (item->kind) || (item->bounds.width <= 0 && item->bounds.height <= 0))
        continue;
      if (first)
        area = item->bounds;
      else
        rect_union (&area, &item->bounds);
      first = FALSE;
    }
  cell_grid_reset (self->grid, &area);
  cell_grid_reset (self->node_grid, &area);
  cell_grid_reset (self->label_grid, &area);

  for (guint i = 0; i < self->items->len; i++)
    if (is_connector (item_at (self, i)->kind))
      connector_attach (self, i, FALSE);
  g_hash_table_iter_init (&iter, self->bundles);
  while (g_hash_table_iter_next (&iter, NULL, &bundle))
    bundle_layout (self, bundle, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = item_at (self, i);

      if (is_card (item->kind))
        {
          item->filed = item->bounds;
          rect_cells (self->node_grid, &item->filed, i, cell_add);
        }
    }

  for (guint i = 0; i < self->items->len; i++)
    if (item_at (self, i)->label_owner)
      place_label (self, i, FALSE);

  for (guint i = 0; i < self->items->len; i++)
    grid_file (self, i, cell_add);

  update_bounds (self);
}

static void
ensure_layout (OpmPainter *self)
{
  if (self->dirty)
    layout_all (self);
  if (self->bounds_stale)
    update_bounds (self);
}

/* A connector moved with a node: its label keeps its place along the line
 * until the step ends. */
static void
relayout_connector (OpmPainter *self,
                    guint       slot)
{
  Item *item = item_at (self, slot);

  damage_item (self, item);
  grid_file (self, slot, cell_remove);

  g_clear_pointer (&item->points, g_array_unref);
  layout_connector (item, item->fan_index, item->fan_count);
  item->route_bounds = item->bounds;

  if (item->label_owner)
    {
      OpmRect label;

      route_point (item->points, item->label_fraction, &item->label_x, &item->label_y);
      label = label_rect (item);
      rect_union (&item->bounds, &label);
      queue_label (self, slot);
    }

  grid_file (self, slot, cell_add);
  damage_item (self, item);
}

/* Updates the layout for a node that changed, e.g. moved. */
static void
update_node (OpmPainter *self,
             guint       slot)
{
  Item *item = item_at (self, slot);
  OpmRect old = item->bounds;
  GArray *list;

  node_rect (item->element, &item->bounds);
  if (!is_excluded (self, item->element))
    add_damage (self, &old);

  if (rect_equal (&old, &item->bounds))
    return;

  item->bounds = old;
  grid_file (self, slot, cell_remove);
  node_rect (item->element, &item->bounds);
  grid_file (self, slot, cell_add);
  if (!is_excluded (self, item->element))
    add_damage (self, &item->bounds);
  if (!self->bounds_stale)
    rect_union (&self->bounds, &item->bounds);
  if (!item->moved)
    {
      item->moved = TRUE;
      g_array_append_val (self->moved_nodes, slot);
    }

  list = g_hash_table_lookup (self->attached, item->element);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      guint c = g_array_index (list, guint, i);

      relayout_connector (self, c);
      if (!self->bounds_stale)
        rect_union (&self->bounds, &item_at (self, c)->bounds);
    }
}

/* The painter follows edits as they come, element by element; a step
 * with more than this many elements added or removed is laid out anew. */
#define MAX_STEP_ITEMS 512

/* After a structural change: labels placed, the drawing changed. */
static void
structure_changed (OpmPainter *self)
{
  settle (self);
  self->bounds_stale = TRUE;
  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* An element changed: update its layout now, so that a gesture in progress
 * (a group not yet closed) is drawn as it goes. */
static void
on_element_changed (OpmPainter *self,
                    OpmElement *element)
{
  guint slot;

  if (opm_element_get_scenario (element) != self->scenario)
    return;

  self->step_touched = TRUE;

  if (self->dirty)
    return;

  slot = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_element, element));
  if (slot == 0)
    {
      mark_changed (self);
      return;
    }
  slot--;

  if (OPM_IS_CONNECTOR (element))
    {
      /* its ends, activity or route may have changed */
      connector_detach (self, slot);
      connector_attach (self, slot, TRUE);
      structure_changed (self);
      return;
    }

  update_node (self, slot);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The end of a step. Element edits were handled as they came; labels
 * around moved cards find their places now. Anything else (document or
 * scenario attributes, parameters) leaves the layout but may change what
 * cards say: everything is drawn again. */
static void
on_document_changed (OpmPainter *self)
{
  if (!self->step_touched)
    {
      self->damage_all = TRUE;
      self->generation++;
      g_signal_emit (self, signals[CHANGED], 0);
    }
  else if (!self->dirty && (self->moved_nodes->len > 0 || self->unplaced->len > 0))
    {
      settle (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }

  self->step_touched = FALSE;
  self->step_items = 0;
}

/* Elements came or went: only they, their bundles and the labels around
 * them are laid out again. */
static void
on_items_changed (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  OpmPainter *self)
{
  ItemKind kind = 0;
  GArray *order;

  while (kind < N_KINDS && self->lists[kind] != list)
    kind++;
  g_assert (kind < N_KINDS);

  self->step_touched = TRUE;
  self->step_items += removed + added;
  if (self->dirty || self->step_items > MAX_STEP_ITEMS)
    {
      mark_changed (self);
      return;
    }

  order = self->order[kind];
  for (guint i = 0; i < removed; i++)
    {
      guint slot = g_array_index (order, guint, position + i);

      if (is_connector (kind))
        connector_detach (self, slot);
      else
        node_file (self, slot, FALSE);
      slot_free (self, slot);
    }
  g_array_remove_range (order, position, removed);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(OpmElement) element = g_list_model_get_item (list, position + i);
      guint slot = slot_new (self, element, kind);

      g_array_insert_val (order, position + i, slot);
    }
  rerank (self, kind, position);

  for (guint i = 0; i < added; i++)
    {
      guint slot = g_array_index (order, guint, position + i);

      if (is_connector (kind))
        connector_attach (self, slot, TRUE);
      else
        node_file (self, slot, TRUE);
    }

  structure_changed (self);
}

/**
 * opm_painter_take_damage:
 * @areas: (out) (transfer full) (element-type OpmRect): the changed areas
 *
 * What changed in the drawing since the last call: either everything (the
 * return value) or the areas in @areas, in document units.
 */
gboolean
opm_painter_take_damage (OpmPainter  *self,
                         GArray     **areas)
{
  gboolean all;

  g_return_val_if_fail (OPM_IS_PAINTER (self), TRUE);

  all = self->damage_all;
  self->damage_all = FALSE;
  *areas = self->damage;
  self->damage = g_array_new (FALSE, FALSE, sizeof (OpmRect));

  return all;
}

/* Drawing helpers */

static OpmRgba
element_colour (OpmElement *element,
                OpmRgba     fallback)
{
  OpmRgba c;
  const char *spec = OPM_IS_NODE (element) ? opm_node_get_colour (OPM_NODE (element))
                                           : opm_connector_get_colour (OPM_CONNECTOR (element));

  return opm_rgba_parse (&c, spec) ? c : fallback;
}

static void
draw_pill (OpmRenderer *r,
           double       cx,
           double       cy,
           const char  *text,
           double       size,
           OpmRgba      fill,
           OpmRgba      stroke,
           OpmRgba      colour)
{
  double w = opm_text_width (text, size, FALSE) + size * 1.1;
  double h = size * 1.6;
  OpmStyle style = opm_style_box (fill, stroke, 1, OPM_DASH_SOLID);

  opm_renderer_draw_rect (r, cx - w / 2, cy - h / 2, w, h, h / 2, &style);
  opm_renderer_draw_text (r, cx, cy + size * 0.36, text, size, FALSE, OPM_TEXT_ALIGN_CENTRE, colour);
}

/* A tag at the bottom of a card, e.g. "OUTSOURCED". Returns its width. */
static double
draw_tag (OpmRenderer *r,
          double       x,
          double       y,
          const char  *text,
          OpmRgba      colour,
          OpmRgba      background)
{
  const double size = 9.5;
  double w = opm_text_width (text, size, TRUE) + 10;
  OpmStyle style = opm_style_box (background, colour, 1, OPM_DASH_SOLID);

  opm_renderer_draw_rect (r, x, y, w, 16, 4, &style);
  opm_renderer_draw_text (r, x + 5, y + 11.8, text, size, TRUE, OPM_TEXT_ALIGN_START, colour);

  return w;
}

static void
draw_text_lines (OpmRenderer *r,
                 GPtrArray   *lines,
                 double       x,
                 double       top,
                 double       size,
                 double       spacing,
                 gboolean     bold,
                 OpmTextAlign align,
                 OpmRgba      colour)
{
  double ascent = size * 0.93;

  for (guint i = 0; i < lines->len; i++)
    opm_renderer_draw_text (r, x, top + ascent + i * size * spacing, g_ptr_array_index (lines, i), size, bold,
                            align, colour);
}

/* Lines of @text at the largest of @sizes that shows all of it in at most
 * @max_lines lines of @width; the smallest size, shortened, otherwise. */
static GPtrArray *
fit_text (const char   *text,
          gboolean      bold,
          double        width,
          guint         max_lines,
          const double *sizes,
          guint         n_sizes,
          double       *size)
{
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \t\n\r", -1);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", words[i]);

  for (guint i = 0; i < n_sizes; i++)
    {
      GPtrArray *lines = opm_text_wrap (joined->str, sizes[i], bold, width, max_lines);
      g_autofree char *shown = NULL;

      g_ptr_array_add (lines, NULL);
      shown = g_strjoinv (" ", (char **) lines->pdata);
      g_ptr_array_remove_index (lines, lines->len - 1);

      if (g_strcmp0 (shown, joined->str) == 0 || i + 1 == n_sizes)
        {
          *size = sizes[i];
          g_string_free (joined, TRUE);
          return lines;
        }
      g_ptr_array_unref (lines);
    }

  g_assert_not_reached ();
  return NULL;
}

/* Elements */

static void
draw_team (OpmPainter    *self,
           OpmRenderer   *r,
           OpmTeam       *team,
           const Palette *p,
           double         scale)
{
  OpmRect rect;
  OpmTeamKind kind = opm_team_get_kind (team);
  OpmRgba colour = element_colour (OPM_ELEMENT (team), p->team[MIN (kind, 9u)]);
  OpmRgba tint = opm_rgba_mix (p->card, colour, self->dark ? 0.28 : 0.16);
  gboolean outsourced = opm_team_get_sourcing (team) == OPM_SOURCING_OUTSOURCED;
  double header;
  OpmStyle style;

  node_rect (OPM_ELEMENT (team), &rect);

  if (scale < OPM_PAINTER_SCALE_TEXT)
    {
      style = opm_style_box (tint, colour, 2, OPM_DASH_SOLID);
      opm_renderer_draw_rect (r, rect.x, rect.y, rect.width, rect.height, 0, &style);
      return;
    }

  header = MIN (34, rect.height / 2);

  /* card, header band, border */
  style = opm_style_fill (p->card);
  opm_renderer_draw_rect (r, rect.x, rect.y, rect.width, rect.height, 10, &style);
  {
    g_autoptr(GArray) band = opm_path_new ();
    double radius = MIN (10, MIN (rect.width, rect.height) / 2);
    double k = 0.5522847498 * radius;

    opm_path_move_to (band, rect.x, rect.y + header);
    opm_path_line_to (band, rect.x, rect.y + radius);
    opm_path_curve_to (band, rect.x, rect.y + radius - k, rect.x + radius - k, rect.y, rect.x + radius, rect.y);
    opm_path_line_to (band, rect.x + rect.width - radius, rect.y);
    opm_path_curve_to (band, rect.x + rect.width - radius + k, rect.y, rect.x + rect.width, rect.y + radius - k,
                       rect.x + rect.width, rect.y + radius);
    opm_path_line_to (band, rect.x + rect.width, rect.y + header);
    opm_path_close (band);
    style = opm_style_fill (tint);
    opm_renderer_draw_path (r, band, &style);
  }
  style = opm_style_stroke (colour, outsourced ? 2.2 : 2, outsourced ? OPM_DASH_DASHED : OPM_DASH_SOLID);
  opm_renderer_draw_rect (r, rect.x, rect.y, rect.width, rect.height, 10, &style);

  /* kind badge */
  {
    const char *badge = team_kind_badge (kind);
    double size = strlen (badge) > 2 ? 8.5 : 10.5;
    double bx = rect.x + 8;
    double by = rect.y + header / 2;
    double bw = MAX (24, opm_text_width (badge, size, TRUE) + 10);

    style = opm_style_fill (colour);
    opm_renderer_draw_rect (r, bx, by - 11, bw, 22, 11, &style);
    opm_renderer_draw_text (r, bx + bw / 2, by + size * 0.36, badge, size, TRUE, OPM_TEXT_ALIGN_CENTRE,
                            self->dark ? opm_rgb (0x1e1e1e) : opm_rgb (0xffffff));

    /* name: one line, or two smaller ones, rather than cut */
    {
      static const double one_line[] = { 14, 13, 12 };
      static const double two_lines[] = { 12, 11, 10.5, 10 };
      double name_size = 14;
      double width = rect.width - bw - 24;
      g_autoptr(GPtrArray) lines = fit_text (opm_element_get_label (OPM_ELEMENT (team)), TRUE, width, 1,
                                             one_line, G_N_ELEMENTS (one_line), &name_size);

      if (lines->len > 0 && g_str_has_suffix (g_ptr_array_index (lines, lines->len - 1), "…") &&
          !g_str_has_suffix (opm_element_get_label (OPM_ELEMENT (team)), "…"))
        {
          g_ptr_array_unref (g_steal_pointer (&lines));
          lines = fit_text (opm_element_get_label (OPM_ELEMENT (team)), TRUE, width, 2,
                            two_lines, G_N_ELEMENTS (two_lines), &name_size);
        }

      if (lines->len == 1)
        opm_renderer_draw_text (r, bx + bw + 8, by + name_size * 0.36, g_ptr_array_index (lines, 0), name_size, TRUE,
                                OPM_TEXT_ALIGN_START, p->text);
      else
        draw_text_lines (r, lines, bx + bw + 8, by - name_size * 1.12, name_size, 1.12, TRUE, OPM_TEXT_ALIGN_START, p->text);
    }
  }

  if (scale < OPM_PAINTER_SCALE_DETAIL || rect.height < header + 20)
    return;

  /* what the team is and how it answers out of hours */
  {
    double y = rect.y + header + 16;
    double max_width = rect.width - 20;
    g_autofree char *kind_line = NULL;
    g_autofree char *cover = NULL;
    const char *label = team_kind_label (kind);

    if (opm_team_get_size (team) > 0)
      kind_line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d person", "%s · %d people",
                                                opm_team_get_size (team)), label, opm_team_get_size (team));
    else
      kind_line = g_strdup (label);

    {
      g_autofree char *line = opm_text_ellipsize (kind_line, 11.5, FALSE, max_width);
      opm_renderer_draw_text (r, rect.x + 10, y, line, 11.5, FALSE, OPM_TEXT_ALIGN_START, p->muted);
    }

    if (rect.y + rect.height - y > 34)
      {
        y += 16;
        if (opm_team_get_out_of_hours (team) == OPM_OUT_OF_HOURS_NONE ||
            opm_team_get_out_of_hours (team) == OPM_OUT_OF_HOURS_WORKING_HOURS_ONLY)
          cover = g_strdup (out_of_hours_label (opm_team_get_out_of_hours (team)));
        else if (opm_team_get_rota_size (team) > 0)
          cover = g_strdup_printf (_("%s of %d · %s"), out_of_hours_label (opm_team_get_out_of_hours (team)),
                                   opm_team_get_rota_size (team),
                                   on_call_pay_label (opm_team_get_on_call_pay (team)));
        else
          cover = g_strdup_printf ("%s · %s", out_of_hours_label (opm_team_get_out_of_hours (team)),
                                   on_call_pay_label (opm_team_get_on_call_pay (team)));

        {
          g_autofree char *line = opm_text_ellipsize (cover, 11, FALSE, max_width);
          gboolean unpaid = opm_team_get_on_call_pay (team) == OPM_ON_CALL_PAY_NONE &&
                            opm_team_get_out_of_hours (team) != OPM_OUT_OF_HOURS_NONE &&
                            opm_team_get_out_of_hours (team) != OPM_OUT_OF_HOURS_WORKING_HOURS_ONLY;

          opm_renderer_draw_text (r, rect.x + 10, y, line, 11, FALSE, OPM_TEXT_ALIGN_START,
                                  unpaid ? p->warning : p->muted);
        }
      }

    /* tags along the bottom */
    if (rect.y + rect.height - y > 24)
      {
        double tx = rect.x + 10;
        double ty = rect.y + rect.height - 24;

        if (outsourced)
          {
            OpmContract *contract = opm_team_get_contract (team);
            OpmPriorities covered = opm_contract_get_priorities (contract);
            g_autofree char *tag = NULL;

            if (covered == OPM_PRIORITIES_ALL)
              tag = g_strdup (_("OUTSOURCED"));
            else
              {
                GString *list = g_string_new (NULL);

                for (guint i = 0; i < 4; i++)
                  if (covered & (1u << i))
                    g_string_append_printf (list, "%sP%u", list->len > 0 ? "/" : "", i + 1);
                tag = g_strdup_printf (_("OUTSOURCED · %s ONLY"), list->len > 0 ? list->str : _("NO PRIORITY"));
                g_string_free (list, TRUE);
              }
            tx += draw_tag (r, tx, ty, tag, colour, p->card) + 6;
          }

        if (opm_team_get_lifecycle (team) == OPM_LIFECYCLE_PROJECT)
          {
            const char *end = opm_team_get_end_date (team);
            g_autofree char *tag = end[0] != '\0' ? g_strdup_printf (_("PROJECT · ENDS %s"), end)
                                                  : g_strdup (_("PROJECT"));

            if (tx + opm_text_width (tag, 9.5, TRUE) + 10 <= rect.x + rect.width - 8)
              draw_tag (r, tx, ty, tag, p->muted, p->card);
          }
      }
  }
}

static void
service_outline (GArray        *path,
                 OpmServiceKind kind,
                 const OpmRect *rect)
{
  if (kind == OPM_SERVICE_KIND_DATA_STORE)
    {
      /* a cylinder: straight sides, elliptic top and bottom */
      double rx = rect->width / 2;
      double ry = MIN (12, rect->height / 6);
      double k = 0.5522847498;
      double cx = rect->x + rx;
      double top = rect->y + ry;
      double bottom = rect->y + rect->height - ry;

      opm_path_move_to (path, rect->x, top);
      opm_path_curve_to (path, rect->x, top - ry * k, cx - rx * k, rect->y, cx, rect->y);
      opm_path_curve_to (path, cx + rx * k, rect->y, rect->x + rect->width, top - ry * k, rect->x + rect->width, top);
      opm_path_line_to (path, rect->x + rect->width, bottom);
      opm_path_curve_to (path, rect->x + rect->width, bottom + ry * k, cx + rx * k, rect->y + rect->height, cx,
                         rect->y + rect->height);
      opm_path_curve_to (path, cx - rx * k, rect->y + rect->height, rect->x, bottom + ry * k, rect->x, bottom);
      opm_path_close (path);
    }
  else
    {
      opm_path_rounded_rect (path, rect->x, rect->y, rect->width, rect->height,
                             kind == OPM_SERVICE_KIND_FOUNDATIONAL ? 3 : 12);
    }
}

static void
draw_service (OpmPainter    *self,
              OpmRenderer   *r,
              OpmService    *service,
              const Palette *p,
              double         scale)
{
  OpmRect rect;
  OpmServiceKind kind = opm_service_get_kind (service);
  OpmAvailability availability = opm_service_get_availability_target (service);
  OpmRgba border = element_colour (OPM_ELEMENT (service), p->border);
  OpmStyle style;
  g_autoptr(GArray) outline = opm_path_new ();
  double top;

  node_rect (OPM_ELEMENT (service), &rect);

  if (scale < OPM_PAINTER_SCALE_TEXT)
    {
      style = opm_style_box (p->card, border, 1.5, OPM_DASH_SOLID);
      opm_renderer_draw_rect (r, rect.x, rect.y, rect.width, rect.height, 0, &style);
      return;
    }

  service_outline (outline, kind, &rect);
  style = opm_style_box (p->card, border, 1.6, OPM_DASH_SOLID);
  opm_renderer_draw_path (r, outline, &style);

  top = rect.y;
  if (kind == OPM_SERVICE_KIND_DATA_STORE)
    {
      double ry = MIN (12, rect.height / 6);

      /* the lid's front edge */
      g_autoptr(GArray) lid = opm_path_new ();
      double k = 0.5522847498;
      double rx = rect.width / 2;
      double cx = rect.x + rx;

      opm_path_move_to (lid, rect.x, rect.y + ry);
      opm_path_curve_to (lid, rect.x, rect.y + ry + ry * k, cx - rx * k, rect.y + 2 * ry, cx, rect.y + 2 * ry);
      opm_path_curve_to (lid, cx + rx * k, rect.y + 2 * ry, rect.x + rect.width, rect.y + ry + ry * k,
                         rect.x + rect.width, rect.y + ry);
      style = opm_style_stroke (border, 1.2, OPM_DASH_SOLID);
      opm_renderer_draw_path (r, lid, &style);
      top += 2 * ry - 4;
    }
  else if (kind == OPM_SERVICE_KIND_FOUNDATIONAL)
    {
      /* a heavy base line marks systems others stand on */
      style = opm_style_fill (border);
      opm_renderer_draw_rect (r, rect.x, rect.y + rect.height - 6, rect.width, 6, 0, &style);
    }

  /* availability target, top right */
  {
    g_autofree char *target = g_strdup_printf ("%s %%", opm_availability_to_percent (availability) >= 99.99 ? "99.99"
                                               : opm_availability_to_percent (availability) >= 99.9 ? "99.9"
                                               : opm_availability_to_percent (availability) >= 99.5 ? "99.5"
                                               : opm_availability_to_percent (availability) >= 99.0 ? "99.0" : "95.0");
    double size = 10;
    double w = opm_text_width (target, size, TRUE) + 10;
    OpmRgba c = p->availability[MIN (availability, 4u)];

    style = opm_style_fill (c);
    opm_renderer_draw_rect (r, rect.x + rect.width - w - 8, top + 8, w, 17, 8.5, &style);
    opm_renderer_draw_text (r, rect.x + rect.width - w / 2 - 8, top + 20.5, target, size, TRUE,
                            OPM_TEXT_ALIGN_CENTRE, self->dark ? opm_rgb (0x1e1e1e) : opm_rgb (0xffffff));

    /* name, up to two lines */
    {
      static const double sizes[] = { 13.5, 12.5, 11.5, 10.5 };
      double max_width = rect.width - w - 26;
      double name_size = 13.5;
      g_autoptr(GPtrArray) lines = fit_text (opm_element_get_label (OPM_ELEMENT (service)), TRUE, max_width,
                                             scale < OPM_PAINTER_SCALE_DETAIL ? 2 : 3,
                                             sizes, G_N_ELEMENTS (sizes), &name_size);

      draw_text_lines (r, lines, rect.x + 10, top + 8, name_size, 1.15, TRUE, OPM_TEXT_ALIGN_START, p->text);
      top += 8 + MAX (1u, lines->len) * name_size * 1.15;
    }
  }

  if (scale < OPM_PAINTER_SCALE_DETAIL)
    return;

  {
    double max_width = rect.width - 20;
    double bottom = rect.y + rect.height - (kind == OPM_SERVICE_KIND_FOUNDATIONAL ? 10 : 6);
    double y = top + 14;
    g_autofree char *facts = NULL;
    OpmTelemetry telemetry = opm_service_get_telemetry (service);

    if (opm_service_get_exposure_per_hour (service) > 0)
      {
        g_autofree char *exposure = format_exposure (self, opm_service_get_exposure_per_hour (service));
        facts = g_strdup_printf ("%s · %s", service_kind_label (kind), exposure);
      }
    else
      facts = g_strdup (service_kind_label (kind));

    if (y <= bottom)
      {
        g_autofree char *line = opm_text_ellipsize (facts, 11, FALSE, max_width);
        opm_renderer_draw_text (r, rect.x + 10, y, line, 11, FALSE, OPM_TEXT_ALIGN_START, p->muted);
      }

    y += 15;
    if (y <= bottom)
      {
        g_autofree char *delivery = NULL;
        g_autofree char *line = NULL;
        OpmReleaseWindow window = opm_service_get_release_window (service);

        delivery = g_strdup_printf ("%s%s", deployment_label (opm_service_get_deployment_target (service)),
                                    window == OPM_RELEASE_WINDOW_OVERNIGHT ? _(" · overnight releases")
                                    : window == OPM_RELEASE_WINDOW_WORKING_HOURS ? _(" · office-hours releases") : "");
        line = opm_text_ellipsize (delivery, 11, FALSE, max_width);
        opm_renderer_draw_text (r, rect.x + 10, y, line, 11, FALSE, OPM_TEXT_ALIGN_START, p->muted);
      }

    y += 15;
    if (y <= bottom && (telemetry & (OPM_TELEMETRY_HEALTH_CHECK | OPM_TELEMETRY_ALERTING)) !=
                       (OPM_TELEMETRY_HEALTH_CHECK | OPM_TELEMETRY_ALERTING))
      {
        const char *missing = (telemetry & OPM_TELEMETRY_HEALTH_CHECK) == 0 && (telemetry & OPM_TELEMETRY_ALERTING) == 0
                                ? _("⚠ no health check, no alerting")
                                : (telemetry & OPM_TELEMETRY_HEALTH_CHECK) == 0 ? _("⚠ no health check")
                                                                                 : _("⚠ no alerting");
        g_autofree char *line = opm_text_ellipsize (missing, 11, TRUE, max_width);

        opm_renderer_draw_text (r, rect.x + 10, y, line, 11, TRUE, OPM_TEXT_ALIGN_START, p->warning);
      }
  }
}

static void
draw_note (OpmPainter    *self,
           OpmRenderer   *r,
           OpmNote       *note,
           const Palette *p,
           double         scale)
{
  OpmRect rect;
  OpmRgba fill = element_colour (OPM_ELEMENT (note), p->note);
  g_autoptr(GArray) shape = opm_path_new ();
  double fold = MIN (16, MIN (rect.width, rect.height) / 4);
  OpmStyle style;

  node_rect (OPM_ELEMENT (note), &rect);
  fold = MIN (16, MIN (rect.width, rect.height) / 4);

  opm_path_move_to (shape, rect.x, rect.y);
  opm_path_line_to (shape, rect.x + rect.width, rect.y);
  opm_path_line_to (shape, rect.x + rect.width, rect.y + rect.height - fold);
  opm_path_line_to (shape, rect.x + rect.width - fold, rect.y + rect.height);
  opm_path_line_to (shape, rect.x, rect.y + rect.height);
  opm_path_close (shape);
  style = opm_style_box (fill, p->note_border, 1.2, OPM_DASH_SOLID);
  opm_renderer_draw_path (r, shape, &style);

  if (scale < OPM_PAINTER_SCALE_TEXT)
    return;

  {
    g_autoptr(GArray) corner = opm_path_new ();

    opm_path_move_to (corner, rect.x + rect.width, rect.y + rect.height - fold);
    opm_path_line_to (corner, rect.x + rect.width - fold, rect.y + rect.height - fold);
    opm_path_line_to (corner, rect.x + rect.width - fold, rect.y + rect.height);
    opm_path_close (corner);
    style = opm_style_box (opm_rgba_mix (fill, p->note_border, 0.35), p->note_border, 1.2, OPM_DASH_SOLID);
    opm_renderer_draw_path (r, corner, &style);
  }

  {
    double size = 12.5;
    guint max_lines = MAX (1, (guint) ((rect.height - 16) / (size * 1.3)));
    g_autoptr(GPtrArray) lines = opm_text_wrap (opm_note_get_text (note), size, FALSE, rect.width - 20, max_lines);

    draw_text_lines (r, lines, rect.x + 10, rect.y + 9, size, 1.3, FALSE, OPM_TEXT_ALIGN_START, p->text);
  }
}

static void
draw_group (OpmPainter    *self,
            OpmRenderer   *r,
            OpmGroup      *group,
            const Palette *p,
            double         scale)
{
  OpmRect rect;
  OpmRgba colour = element_colour (OPM_ELEMENT (group), p->group);
  OpmStyle style;

  node_rect (OPM_ELEMENT (group), &rect);

  style = opm_style_box (with_alpha (colour, self->dark ? 0.08 : 0.06), colour, 1.5, OPM_DASH_DASHED);
  opm_renderer_draw_rect (r, rect.x, rect.y, rect.width, rect.height, 16, &style);

  if (scale < OPM_PAINTER_SCALE_TEXT * 0.6)
    return;

  {
    g_autofree char *name = opm_text_ellipsize (opm_group_get_name (group), 15, TRUE, rect.width - 28);

    opm_renderer_draw_text (r, rect.x + 14, rect.y + 24, name, 15, TRUE, OPM_TEXT_ALIGN_START,
                            opm_rgba_mix (colour, p->text, 0.45));
  }
}

static void
route_path (GArray *path,
            GArray *points)
{
  opm_path_move_to (path, g_array_index (points, double, 0), g_array_index (points, double, 1));
  for (guint i = 2; i < points->len; i += 2)
    opm_path_line_to (path, g_array_index (points, double, i), g_array_index (points, double, i + 1));
}

static void
arrow_head (GArray  *path,
            GArray  *points,
            double   length,
            double   width,
            gboolean closed)
{
  guint n = points->len;
  double x = g_array_index (points, double, n - 2);
  double y = g_array_index (points, double, n - 1);
  double px = g_array_index (points, double, n - 4);
  double py = g_array_index (points, double, n - 3);
  double d = hypot (x - px, y - py);
  double ux, uy;

  if (d < 1e-6)
    return;

  ux = (x - px) / d;
  uy = (y - py) / d;

  opm_path_move_to (path, x - ux * length + uy * width, y - uy * length - ux * width);
  opm_path_line_to (path, x, y);
  opm_path_line_to (path, x - ux * length - uy * width, y - uy * length + ux * width);
  if (closed)
    opm_path_close (path);
}

/* A straight arrow from box @a to box @b, between their edges on the line
 * joining their centres; @ends gets where it starts and ends (x0 y0 x1 y1). */
static void
draw_arrow_between (OpmRenderer   *r,
                    const OpmRect *a,
                    const OpmRect *b,
                    OpmRgba        colour,
                    double         width,
                    double         head_length,
                    double         head_width,
                    double         ends[4])
{
  double ax = a->x + a->width / 2, ay = a->y + a->height / 2;
  double bx = b->x + b->width / 2, by = b->y + b->height / 2;
  g_autoptr(GArray) line = opm_path_new ();
  g_autoptr(GArray) head = opm_path_new ();
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  OpmStyle line_style = opm_style_stroke (colour, width, OPM_DASH_SOLID);
  OpmStyle head_style = opm_style_box (colour, colour, 1, OPM_DASH_SOLID);

  clip_to_rect (a, ax, ay, bx, by, &ends[0], &ends[1]);
  clip_to_rect (b, bx, by, ax, ay, &ends[2], &ends[3]);
  opm_path_move_to (line, ends[0], ends[1]);
  opm_path_line_to (line, ends[2], ends[3]);
  opm_renderer_draw_path (r, line, &line_style);
  g_array_append_vals (points, ends, 4);
  arrow_head (head, points, head_length, head_width, TRUE);
  opm_renderer_draw_path (r, head, &head_style);
}

static OpmDash
phase_dash (OpmPhase phase)
{
  return phase == OPM_PHASE_PLAN ? OPM_DASH_DOTTED : phase == OPM_PHASE_BUILD ? OPM_DASH_SOLID : OPM_DASH_DASHED;
}

/* Strokes a route; within an area only the parts inside it, each with the
 * dash offset it has along the whole route, so that tiles join up. */
static void
stroke_route (OpmPainter     *self,
              OpmRenderer    *r,
              GArray         *points,
              const OpmStyle *style)
{
  double run = 0;

  if (self->clip == NULL)
    {
      g_autoptr(GArray) line = opm_path_new ();

      route_path (line, points);
      opm_renderer_draw_path (r, line, style);
      return;
    }

  for (guint i = 2; i < points->len; i += 2)
    {
      double ax = g_array_index (points, double, i - 2);
      double ay = g_array_index (points, double, i - 1);
      double bx = g_array_index (points, double, i);
      double by = g_array_index (points, double, i + 1);
      double dx = bx - ax, dy = by - ay;
      double length = hypot (dx, dy);
      double t0 = 0, t1 = 1;
      double p[4] = { -dx, dx, -dy, dy };
      double q[4] = { ax - self->clip->x, self->clip->x + self->clip->width - ax,
                      ay - self->clip->y, self->clip->y + self->clip->height - ay };
      gboolean inside = TRUE;

      for (guint k = 0; k < 4 && inside; k++)
        {
          if (p[k] == 0)
            inside = q[k] >= 0;
          else if (p[k] < 0)
            t0 = MAX (t0, q[k] / p[k]);
          else
            t1 = MIN (t1, q[k] / p[k]);
          if (t0 > t1)
            inside = FALSE;
        }

      if (inside)
        {
          g_autoptr(GArray) line = opm_path_new ();
          OpmStyle piece = *style;

          piece.dash_offset = run + t0 * length;
          opm_path_move_to (line, ax + dx * t0, ay + dy * t0);
          opm_path_line_to (line, ax + dx * t1, ay + dy * t1);
          opm_renderer_draw_path (r, line, &piece);
        }

      run += length;
    }
}

static gboolean
point_shown (OpmPainter *self,
             double      x,
             double      y)
{
  return self->clip == NULL ||
         (x >= self->clip->x && x <= self->clip->x + self->clip->width &&
          y >= self->clip->y && y <= self->clip->y + self->clip->height);
}

static gboolean
label_shown (OpmPainter *self,
             const Item *item)
{
  OpmRect rect;

  if (self->clip == NULL)
    return TRUE;

  rect = label_rect (item);
  return rect_intersects (&rect, self->clip);
}

static void
draw_responsibility (OpmPainter    *self,
                     OpmRenderer   *r,
                     const Item    *item,
                     const Palette *p,
                     double         scale)
{
  OpmResponsibility *resp = OPM_RESPONSIBILITY (item->element);
  OpmPhase phase = opm_responsibility_get_phase (resp);
  OpmRgba colour = element_colour (item->element, p->phase[phase]);
  g_autoptr(GArray) head = opm_path_new ();
  guint n = item->points->len;
  OpmStyle style;

  if (scale < OPM_PAINTER_SCALE_TEXT)
    {
      /* zoomed out: a plain hairline */
      style = opm_style_stroke (colour, 1.0 / scale, OPM_DASH_SOLID);
      style.crisp = TRUE;
      stroke_route (self, r, item->points, &style);
      return;
    }

  style = opm_style_stroke (colour, phase == OPM_PHASE_PLAN ? 2.6 : 2, phase_dash (phase));
  if (self->dense)
    {
      /* hundreds of lines through one area: plain and crisp, still coloured by phase */
      style.dash = OPM_DASH_SOLID;
      style.line_width = 1.5;
      style.crisp = TRUE;
    }
  stroke_route (self, r, item->points, &style);

  if (point_shown (self, g_array_index (item->points, double, n - 2), g_array_index (item->points, double, n - 1)))
    {
      arrow_head (head, item->points, 10, 5, TRUE);
      style = opm_style_box (colour, colour, 1, OPM_DASH_SOLID);
      opm_renderer_draw_path (r, head, &style);
    }

  /* the team's end */
  if (point_shown (self, g_array_index (item->points, double, 0), g_array_index (item->points, double, 1)))
    {
      style = opm_style_fill (colour);
      opm_renderer_draw_ellipse (r, g_array_index (item->points, double, 0), g_array_index (item->points, double, 1),
                                 3.5, 3.5, &style);
    }

  if (item->label_owner && label_shown (self, item))
    {
      OpmRgba pill = item->label_phase >= 0 ? element_colour (item->element, p->phase[item->label_phase]) : p->border;

      draw_pill (r, item->label_x, item->label_y, item->label, 10.5, p->card, pill, opm_rgba_mix (pill, p->text, 0.45));
    }
}

static void
draw_dependency (OpmPainter    *self,
                 OpmRenderer   *r,
                 const Item    *item,
                 const Palette *p,
                 double         scale)
{
  OpmDependency *dep = OPM_DEPENDENCY (item->element);
  gboolean sync = opm_dependency_get_mode (dep) == OPM_DEPENDENCY_MODE_SYNCHRONOUS;
  OpmSoftening softening = opm_dependency_get_softening (dep);
  OpmRgba colour = element_colour (item->element, softening != OPM_SOFTENING_NONE ? p->softened : p->dependency);
  g_autoptr(GArray) head = opm_path_new ();
  guint n = item->points->len;
  OpmStyle style;

  if (scale < OPM_PAINTER_SCALE_TEXT)
    {
      style = opm_style_stroke (colour, 1.0 / scale, OPM_DASH_SOLID);
      style.crisp = TRUE;
      stroke_route (self, r, item->points, &style);
      return;
    }

  style = opm_style_stroke (colour, sync ? 2.2 : 1.8, sync ? OPM_DASH_SOLID : OPM_DASH_DASHED);
  if (self->dense)
    {
      style.dash = OPM_DASH_SOLID;
      style.line_width = 1.5;
      style.crisp = TRUE;
    }
  stroke_route (self, r, item->points, &style);

  if (point_shown (self, g_array_index (item->points, double, n - 2), g_array_index (item->points, double, n - 1)))
    {
      arrow_head (head, item->points, 12, sync ? 6 : 7, sync);
      style = sync ? opm_style_box (colour, colour, 1, OPM_DASH_SOLID) : opm_style_stroke (colour, 2, OPM_DASH_SOLID);
      opm_renderer_draw_path (r, head, &style);
    }

  if (softening != OPM_SOFTENING_NONE && label_shown (self, item))
    {
      static const char *marks[] = { "", "CB", "cache", "queue" };

      draw_pill (r, item->label_x, item->label_y, marks[softening], 9.5, p->card, colour, p->muted);
    }
}

static void
draw_item (OpmPainter    *self,
           OpmRenderer   *r,
           const Item    *item,
           const Palette *p,
           double         scale)
{
  const char *tag = opm_element_get_tag (item->element);
  g_autofree char *kind = NULL;
  g_autofree char *title = NULL;

  if (OPM_IS_TEAM (item->element))
    {
      GEnumClass *klass = g_type_class_peek (opm_team_kind_get_type ());
      kind = g_strdup_printf ("opm-%s opm-team-%s%s", tag,
                              g_enum_get_value (klass, opm_team_get_kind (OPM_TEAM (item->element)))->value_nick,
                              opm_team_get_sourcing (OPM_TEAM (item->element)) == OPM_SOURCING_OUTSOURCED
                                ? " opm-outsourced" : "");
      title = g_strdup_printf ("%s — %s", opm_element_get_label (item->element),
                               team_kind_label (opm_team_get_kind (OPM_TEAM (item->element))));
    }
  else if (OPM_IS_SERVICE (item->element))
    {
      GEnumClass *klass = g_type_class_peek (opm_service_kind_get_type ());
      kind = g_strdup_printf ("opm-%s opm-service-%s", tag,
                              g_enum_get_value (klass, opm_service_get_kind (OPM_SERVICE (item->element)))->value_nick);
      title = g_strdup_printf ("%s — %s", opm_element_get_label (item->element),
                               service_kind_label (opm_service_get_kind (OPM_SERVICE (item->element))));
    }
  else if (OPM_IS_RESPONSIBILITY (item->element))
    {
      OpmResponsibility *resp = OPM_RESPONSIBILITY (item->element);
      static const char *phases[] = { "plan", "build", "run" };

      kind = g_strdup_printf ("opm-%s opm-phase-%s", tag, phases[opm_responsibility_get_phase (resp)]);
      title = g_strdup_printf (_("%s: %s for %s"), opm_element_get_label (OPM_ELEMENT (opm_responsibility_get_team (resp))),
                               activity_label (opm_responsibility_get_activity (resp)),
                               opm_element_get_label (OPM_ELEMENT (opm_responsibility_get_service (resp))));
    }
  else if (OPM_IS_DEPENDENCY (item->element))
    {
      OpmDependency *dep = OPM_DEPENDENCY (item->element);

      kind = g_strdup_printf ("opm-%s opm-%s%s", tag,
                              opm_dependency_get_mode (dep) == OPM_DEPENDENCY_MODE_SYNCHRONOUS ? "synchronous" : "asynchronous",
                              opm_dependency_get_softening (dep) != OPM_SOFTENING_NONE ? " opm-softened" : "");
      title = g_strdup_printf (_("%s depends on %s"), opm_element_get_label (OPM_ELEMENT (opm_dependency_get_from (dep))),
                               opm_element_get_label (OPM_ELEMENT (opm_dependency_get_to (dep))));
    }
  else
    {
      kind = g_strdup_printf ("opm-%s", tag);
      title = g_strdup (opm_element_get_label (item->element));
    }

  opm_renderer_begin_group (r, opm_element_get_id (item->element), kind, title);

  switch (item->kind)
    {
    case KIND_GROUP:
      draw_group (self, r, OPM_GROUP (item->element), p, scale);
      break;
    case KIND_DEPENDENCY:
      draw_dependency (self, r, item, p, scale);
      break;
    case KIND_RESPONSIBILITY:
      draw_responsibility (self, r, item, p, scale);
      break;
    case KIND_TEAM:
      draw_team (self, r, OPM_TEAM (item->element), p, scale);
      break;
    case KIND_SERVICE:
      draw_service (self, r, OPM_SERVICE (item->element), p, scale);
      break;
    case KIND_NOTE:
      draw_note (self, r, OPM_NOTE (item->element), p, scale);
      break;
    default:
      break;
    }

  opm_renderer_end_group (r);
}

/* Overlays */

static void
draw_overlays (OpmPainter    *self,
               OpmRenderer   *r,
               const Palette *p,
               const OpmRect *visible,
               double         scale)
{
  GHashTableIter iter;
  gpointer key, value;
  OpmStyle style;
  double pixel = 1.0 / MAX (scale, 0.01);
  /* zoomed far out over a large model: thousands of walls and badges, too
   * small to read; draw each with one cheap shape */
  gboolean dense = scale < OPM_PAINTER_SCALE_TEXT &&
                   self->divides->len + g_hash_table_size (self->badges) > 400;
  g_autoptr(GArray) walls = opm_path_new ();
  g_autoptr(GPtrArray) dots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) dot_colours = g_array_new (FALSE, FALSE, sizeof (OpmRgba));

  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (OpmRect));

  if (self->divides->len > 0)
    opm_renderer_begin_group (r, NULL, "opm-divides", NULL);

  /* a divide: a red wall across the line between the two teams */
  for (guint i = 0; i < self->divides->len; i++)
    {
      Divide *divide = g_ptr_array_index (self->divides, i);
      OpmRect a, b;
      double ax, ay, bx, by, mx, my, dx, dy, d, half;
      g_autoptr(GArray) wall = opm_path_new ();

      if (!opm_painter_get_element_bounds (self, divide->a, &a) ||
          !opm_painter_get_element_bounds (self, divide->b, &b))
        continue;

      ax = a.x + a.width / 2;
      ay = a.y + a.height / 2;
      bx = b.x + b.width / 2;
      by = b.y + b.height / 2;
      {
        double ex, ey, fx, fy;

        clip_to_rect (&a, ax, ay, bx, by, &ex, &ey);
        clip_to_rect (&b, bx, by, ax, ay, &fx, &fy);
        mx = (ex + fx) / 2;
        my = (ey + fy) / 2;
      }
      dx = bx - ax;
      dy = by - ay;
      d = hypot (dx, dy);
      if (d < 1e-6)
        continue;
      half = MAX (40, MIN (a.height, b.height) * 0.6);

      /* out of view: the wall and its label stay within this much of the
       * middle (a large model has thousands of divides) */
      if (visible != NULL)
        {
          double reach = half + 30 + 300 * MAX (1, pixel * 0.6);
          OpmRect around = { mx - reach, my - reach, 2 * reach, 2 * reach };

          if (!rect_intersects (&around, visible))
            continue;
        }

      opm_path_move_to (wall, mx - dy / d * half, my + dx / d * half);
      opm_path_line_to (wall, mx + dy / d * half, my - dx / d * half);
      if (dense)
        {
          /* all walls as one path, drawn once below */
          opm_path_move_to (walls, mx - dy / d * half, my + dx / d * half);
          opm_path_line_to (walls, mx + dy / d * half, my - dx / d * half);
          continue;
        }
      style = opm_style_stroke (with_alpha (p->divide, 0.25), 12, OPM_DASH_SOLID);
      opm_renderer_draw_path (r, wall, &style);
      style = opm_style_stroke (p->divide, 4, OPM_DASH_DASHED);
      opm_renderer_draw_path (r, wall, &style);

      if (divide->label != NULL && scale >= OPM_PAINTER_SCALE_TEXT * 0.5)
        {
          double size = 11 * MAX (1, pixel * 0.6);
          double lx = mx + dy / d * (half + 14), ly = my - dx / d * (half + 14);
          double w = opm_text_width (divide->label, size, FALSE) + size * 1.1, h = size * 1.6;
          OpmRect label = { lx - w / 2, ly - h / 2, w, h };
          gboolean free = TRUE;

          /* walls close together would pile their labels up: the first
           * keeps its label, the wall alone says the rest */
          for (guint k = 0; k < labels->len && free; k++)
            free = !rect_intersects (&label, &g_array_index (labels, OpmRect, k));
          if (free)
            {
              g_array_append_val (labels, label);
              draw_pill (r, lx, ly, divide->label, size, p->divide, p->divide, opm_rgb (0xffffff));
            }
        }
    }

  if (walls->len > 0)
    {
      style = opm_style_stroke (p->divide, 3 * pixel, OPM_DASH_SOLID);
      style.crisp = TRUE;
      opm_renderer_draw_path (r, walls, &style);
    }

  if (self->divides->len > 0)
    opm_renderer_end_group (r);

  /* the restore path: numbered steps from the service through its teams */
  if (self->path->len > 1)
    {
      OpmRgba colour = opm_rgb (0x9141ac);
      OpmRect service_box;
      double size = 11 * MAX (1, pixel * 0.6);

      opm_renderer_begin_group (r, NULL, "opm-restore-path", NULL);
      for (guint i = 1; i < self->path->len; i++)
        {
          OpmRect a, b;
          double ends[4];
          char number[16];

          if (!opm_painter_get_element_bounds (self, g_ptr_array_index (self->path, i - 1), &a) ||
              !opm_painter_get_element_bounds (self, g_ptr_array_index (self->path, i), &b))
            continue;

          draw_arrow_between (r, &a, &b, colour, 4 * MAX (1, pixel * 0.5), 16 * MAX (1, pixel * 0.5),
                              7 * MAX (1, pixel * 0.5), ends);

          /* the step's number on the team, a ring on the one that can fix */
          g_snprintf (number, sizeof number, "%u", i);
          {
            double h = size * 1.9;
            OpmStyle disc = opm_style_box (colour, (int) i == self->path_fixer ? opm_rgb (0x26a269) : p->card,
                                       (int) i == self->path_fixer ? 3 : 2, OPM_DASH_SOLID);

            opm_renderer_draw_rect (r, b.x - h / 2, b.y - h / 2, h, h, h / 2, &disc);
            opm_renderer_draw_text (r, b.x, b.y + size * 0.36, number, size, TRUE, OPM_TEXT_ALIGN_CENTRE,
                                    opm_rgb (0xffffff));
          }
        }

      if (opm_painter_get_element_bounds (self, g_ptr_array_index (self->path, 0), &service_box))
        {
          g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u handoff to restore",
                                                                 "%u handoffs to restore", self->path_handoffs),
                                                    self->path_handoffs);

          draw_pill (r, service_box.x + service_box.width / 2, service_box.y + service_box.height + size * 1.6, label,
                     size, colour, colour, opm_rgb (0xffffff));
        }
      opm_renderer_end_group (r);
    }

  g_hash_table_iter_init (&iter, self->highlights);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      OpmRect b;

      if (!opm_painter_get_element_bounds (self, key, &b))
        continue;
      style = opm_style_stroke (*(OpmRgba *) value, 3.5 * MAX (1, pixel * 0.5), OPM_DASH_SOLID);
      opm_renderer_draw_rect (r, b.x - 5, b.y - 5, b.width + 10, b.height + 10, 14, &style);
    }

  if (self->hover != NULL)
    {
      OpmRect b;

      if (opm_painter_get_element_bounds (self, self->hover, &b))
        {
          style = opm_style_stroke (with_alpha (p->accent, 0.7), 2.5 * MAX (1, pixel * 0.5), OPM_DASH_SOLID);
          opm_renderer_draw_rect (r, b.x - 3, b.y - 3, b.width + 6, b.height + 6, 12, &style);
        }
    }

  for (guint i = 0; i < self->badged->len; i++)
    {
      OpmElement *element = g_ptr_array_index (self->badged, i);
      Badge *badge = g_hash_table_lookup (self->badges, element);
      OpmRect b;
      double size = 11 * MAX (1, pixel * 0.6);
      double w, h = size * 1.8;

      if (!opm_painter_get_element_bounds (self, element, &b))
        continue;
      if (visible != NULL)
        {
          OpmRect reach = { b.x - h, b.y - h, b.width + 2 * h + 4 * size, b.height + 2 * h };

          if (!rect_intersects (&reach, visible))
            continue;
        }
      if (dense)
        {
          /* too many to read: a dot in the badge's colour, one path a colour */
          guint c;

          for (c = 0; c < dot_colours->len; c++)
            if (memcmp (&g_array_index (dot_colours, OpmRgba, c), &badge->colour, sizeof (OpmRgba)) == 0)
              break;
          if (c == dot_colours->len)
            {
              g_array_append_val (dot_colours, badge->colour);
              g_ptr_array_add (dots, opm_path_new ());
            }
          opm_path_rounded_rect (g_ptr_array_index (dots, c), b.x + b.width - 3 * pixel, b.y - 3 * pixel, 6 * pixel,
                                 6 * pixel, 0);
          continue;
        }
      w = MAX (h, opm_text_width (badge->text, size, TRUE) + size);
      style = opm_style_box (badge->colour, p->card, 2, OPM_DASH_SOLID);
      opm_renderer_draw_rect (r, b.x + b.width - w / 2, b.y - h / 2, w, h, h / 2, &style);
      opm_renderer_draw_text (r, b.x + b.width, b.y + size * 0.36, badge->text, size, TRUE, OPM_TEXT_ALIGN_CENTRE,
                              opm_rgb (0xffffff));
    }

  for (guint c = 0; c < dots->len; c++)
    {
      style = opm_style_fill (g_array_index (dot_colours, OpmRgba, c));
      style.crisp = TRUE;
      opm_renderer_draw_path (r, g_ptr_array_index (dots, c), &style);
    }

  draw_incident (self, r, p, scale);
}

/* GObject */

static void
opm_painter_dispose (GObject *object)
{
  OpmPainter *self = OPM_PAINTER (object);

  if (self->document != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->document);
      g_clear_signal_handler (&self->element_changed_id, self->document);
      g_object_remove_weak_pointer (G_OBJECT (self->document), (gpointer *) &self->document);
      self->document = NULL;
    }

  if (self->scenario != NULL)
    {
      for (ItemKind kind = 0; kind < N_KINDS; kind++)
        g_clear_signal_handler (&self->list_ids[kind], self->lists[kind]);
      g_clear_object (&self->scenario);
    }

  self->hover = NULL;

  G_OBJECT_CLASS (opm_painter_parent_class)->dispose (object);
}

static void
opm_painter_finalize (GObject *object)
{
  OpmPainter *self = OPM_PAINTER (object);

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->free_slots, g_array_unref);
  for (ItemKind kind = 0; kind < N_KINDS; kind++)
    g_clear_pointer (&self->order[kind], g_array_unref);
  g_clear_pointer (&self->by_element, g_hash_table_unref);
  g_clear_pointer (&self->bundles, g_hash_table_unref);
  g_clear_pointer (&self->grid, cell_grid_free);
  g_clear_pointer (&self->label_grid, cell_grid_free);
  g_clear_pointer (&self->large, g_array_unref);
  g_clear_pointer (&self->unplaced, g_array_unref);
  g_clear_pointer (&self->moved_nodes, g_array_unref);
  g_clear_pointer (&self->highlights, g_hash_table_unref);
  g_clear_pointer (&self->badges, g_hash_table_unref);
  g_clear_pointer (&self->badged, g_ptr_array_unref);
  g_clear_pointer (&self->divides, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_ptr_array_unref);
  g_clear_pointer (&self->incident, incident_free);
  g_clear_pointer (&self->excluded, g_hash_table_unref);
  g_clear_pointer (&self->node_grid, cell_grid_free);
  g_clear_pointer (&self->damage, g_array_unref);
  g_clear_pointer (&self->attached, g_hash_table_unref);

  G_OBJECT_CLASS (opm_painter_parent_class)->finalize (object);
}

static void
opm_painter_class_init (OpmPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = opm_painter_dispose;
  object_class->finalize = opm_painter_finalize;

  /**
   * OpmPainter::changed:
   *
   * The drawing of the scenario changed: an edit, undo or redo.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
opm_painter_init (OpmPainter *self)
{
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->free_slots = g_array_new (FALSE, FALSE, sizeof (guint));
  for (ItemKind kind = 0; kind < N_KINDS; kind++)
    self->order[kind] = g_array_new (FALSE, FALSE, sizeof (guint));
  self->by_element = g_hash_table_new (NULL, NULL);
  self->bundles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, bundle_free);
  self->grid = cell_grid_new (CELL_SIZE);
  self->label_grid = cell_grid_new (LABEL_CELL);
  self->large = g_array_new (FALSE, FALSE, sizeof (guint));
  self->unplaced = g_array_new (FALSE, FALSE, sizeof (guint));
  self->moved_nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  self->highlights = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->badges = g_hash_table_new_full (NULL, NULL, NULL, badge_free);
  self->badged = g_ptr_array_new ();
  self->divides = g_ptr_array_new_with_free_func (divide_free);
  self->path = g_ptr_array_new_with_free_func (g_object_unref);
  self->path_fixer = -1;
  self->excluded = g_hash_table_new (NULL, NULL);
  self->node_grid = cell_grid_new (CELL_SIZE);
  self->damage = g_array_new (FALSE, FALSE, sizeof (OpmRect));
  self->attached = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  self->dirty = TRUE;
  self->damage_all = TRUE;
}

/**
 * opm_painter_new:
 * @scenario: the scenario to draw; the painter follows its changes
 */
OpmPainter *
opm_painter_new (OpmScenario *scenario)
{
  OpmPainter *self;

  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);

  self = g_object_new (OPM_TYPE_PAINTER, NULL);
  self->scenario = g_object_ref (scenario);
  self->document = opm_scenario_get_document (scenario);

  if (self->document != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (self->document), (gpointer *) &self->document);
      self->changed_id = g_signal_connect_swapped (self->document, "changed", G_CALLBACK (on_document_changed), self);
      self->element_changed_id = g_signal_connect_swapped (self->document, "element-changed",
                                                           G_CALLBACK (on_element_changed), self);
    }

  self->lists[KIND_GROUP] = opm_scenario_get_groups (scenario);
  self->lists[KIND_DEPENDENCY] = opm_scenario_get_dependencies (scenario);
  self->lists[KIND_RESPONSIBILITY] = opm_scenario_get_responsibilities (scenario);
  self->lists[KIND_TEAM] = opm_scenario_get_teams (scenario);
  self->lists[KIND_SERVICE] = opm_scenario_get_services (scenario);
  self->lists[KIND_NOTE] = opm_scenario_get_notes (scenario);
  for (ItemKind kind = 0; kind < N_KINDS; kind++)
    self->list_ids[kind] = g_signal_connect (self->lists[kind], "items-changed", G_CALLBACK (on_items_changed), self);

  return self;
}

OpmScenario *
opm_painter_get_scenario (OpmPainter *self)
{
  g_return_val_if_fail (OPM_IS_PAINTER (self), NULL);
  return self->scenario;
}

void
opm_painter_set_dark (OpmPainter *self,
                      gboolean    dark)
{
  g_return_if_fail (OPM_IS_PAINTER (self));

  if (self->dark == !!dark)
    return;

  self->dark = !!dark;
  self->generation++;
}

/* Changes whenever what opm_painter_draw() draws may have changed. */
guint
opm_painter_get_generation (OpmPainter *self)
{
  g_return_val_if_fail (OPM_IS_PAINTER (self), 0);
  return self->generation;
}

gboolean
opm_painter_get_dark (OpmPainter *self)
{
  g_return_val_if_fail (OPM_IS_PAINTER (self), FALSE);
  return self->dark;
}

/* For changes the painter cannot see, e.g. edits without the history. */
void
opm_painter_invalidate (OpmPainter *self)
{
  g_return_if_fail (OPM_IS_PAINTER (self));
  mark_changed (self);
}

/**
 * opm_painter_get_bounds:
 *
 * The area covered by all elements, labels and arrow heads included.
 */
void
opm_painter_get_bounds (OpmPainter *self,
                        OpmRect    *bounds)
{
  g_return_if_fail (OPM_IS_PAINTER (self));

  ensure_layout (self);
  *bounds = self->bounds;
}

/* The slots of all items in drawing order. */
static GArray *
all_slots (OpmPainter *self)
{
  GArray *result = g_array_sized_new (FALSE, FALSE, sizeof (guint), self->items->len);

  for (ItemKind kind = 0; kind < N_KINDS; kind++)
    g_array_append_vals (result, self->order[kind]->data, self->order[kind]->len);

  return result;
}

/* The items meeting @area, in drawing order. */
static GArray *
query_indices (OpmPainter    *self,
               const OpmRect *area)
{
  g_autoptr(GArray) candidates = NULL;
  GArray *result;
  gint64 x0, y0, x1, y1;
  gboolean huge;

  ensure_layout (self);

  if (area == NULL)
    return all_slots (self);

  /* a huge area: scanning all items, in order, is cheaper than the cells */
  cell_span (self->grid, area, &x0, &y0, &x1, &y1);
  huge = (double) (x1 - x0 + 1) * (double) (y1 - y0 + 1) > self->grid->n_cells * 2.0;
  if (huge)
    {
      candidates = all_slots (self);
    }
  else
    {
      candidates = grid_collect (self, area);
      for (guint i = 0; i < self->large->len; i++)
        {
          guint slot = g_array_index (self->large, guint, i);

          if (item_at (self, slot)->stamp != self->stamp)
            {
              item_at (self, slot)->stamp = self->stamp;
              g_array_append_val (candidates, slot);
            }
        }
    }

  result = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < candidates->len; i++)
    if (item_meets (item_at (self, g_array_index (candidates, guint, i)), area))
      g_array_append_val (result, g_array_index (candidates, guint, i));
  if (!huge)
    g_array_sort_with_data (result, compare_slots, self);

  return result;
}

OpmRgba
opm_painter_get_background (OpmPainter *self)
{
  Palette p;

  palette_init (&p, self->dark);
  return p.background;
}

void
opm_painter_draw_background (OpmPainter    *self,
                             OpmRenderer   *renderer,
                             const OpmRect *area)
{
  Palette p;
  OpmStyle style;

  g_return_if_fail (OPM_IS_PAINTER (self));

  palette_init (&p, self->dark);
  style = opm_style_fill (p.background);
  opm_renderer_begin_group (renderer, NULL, "opm-background", NULL);
  opm_renderer_draw_rect (renderer, area->x, area->y, area->width, area->height, 0, &style);
  opm_renderer_end_group (renderer);
}

/**
 * opm_painter_draw_part:
 * @visible: (nullable): the area drawn, in document units; %NULL for all
 * @part: (nullable): the part of @visible to draw; %NULL for all of it
 * @scale: device pixels per document unit, which decides the level of detail
 * @first: how many of the elements meeting @part to leave out, in drawing
 *   order
 * @max: how many to draw at most, %G_MAXUINT for all
 *
 * Draws what opm_painter_draw() draws for @visible that meets @part, the
 * same way: clipped to @part, the result is what opm_painter_draw() gives
 * there. A view draws the damaged part of a cached area with it, in slices
 * of @max elements when that takes long; the slices follow on as long as
 * nothing in @part changes.
 *
 * Returns: how many elements meet @part
 */
guint
opm_painter_draw_part (OpmPainter    *self,
                       OpmRenderer   *renderer,
                       const OpmRect *visible,
                       const OpmRect *part,
                       double         scale,
                       guint          first,
                       guint          max)
{
  g_autoptr(GArray) indices = NULL;
  Palette p;
  OpmRect clip;

  g_return_val_if_fail (OPM_IS_PAINTER (self), 0);
  g_return_val_if_fail (OPM_IS_RENDERER (renderer), 0);

  palette_init (&p, self->dark);
  indices = query_indices (self, visible);

  if (visible != NULL)
    {
      guint lines = 0;

      clip = (OpmRect) { visible->x - LINE_MARGIN, visible->y - LINE_MARGIN, visible->width + 2 * LINE_MARGIN,
                         visible->height + 2 * LINE_MARGIN };
      self->clip = &clip;

      /* lines per screen area: more than about one per 400 square pixels
       * is a thicket, where detail costs time and shows nothing */
      for (guint i = 0; i < indices->len; i++)
        if (item_at (self, g_array_index (indices, guint, i))->points != NULL)
          lines++;
      self->dense = lines > visible->width * visible->height * scale * scale / 400.0;
    }

  /* of what the whole area draws, what meets the part */
  if (part != NULL)
    {
      g_autoptr(GArray) met = query_indices (self, part);

      g_array_set_size (indices, 0);
      for (guint i = 0; i < met->len; i++)
        if (visible == NULL || item_meets (item_at (self, g_array_index (met, guint, i)), visible))
          g_array_append_val (indices, g_array_index (met, guint, i));
    }

  if (scale < OPM_PAINTER_SCALE_TEXT)
    opm_renderer_begin_group (renderer, NULL, "opm-overview", NULL);

  for (guint i = first; i < indices->len && i - first < max; i++)
    {
      const Item *item = item_at (self, g_array_index (indices, guint, i));

      if (is_excluded (self, item->element))
        continue;

      /* far out, duties blur into a wash: leave them to closer views */
      if (item->kind == KIND_RESPONSIBILITY && scale < OPM_PAINTER_SCALE_DUTIES)
        continue;

      if (scale < OPM_PAINTER_SCALE_TEXT)
        {
          /* no per-element groups either: this is a view, not a document */
          switch (item->kind)
            {
            case KIND_GROUP: draw_group (self, renderer, OPM_GROUP (item->element), &p, scale); break;
            case KIND_DEPENDENCY: draw_dependency (self, renderer, item, &p, scale); break;
            case KIND_RESPONSIBILITY: draw_responsibility (self, renderer, item, &p, scale); break;
            case KIND_TEAM: draw_team (self, renderer, OPM_TEAM (item->element), &p, scale); break;
            case KIND_SERVICE: draw_service (self, renderer, OPM_SERVICE (item->element), &p, scale); break;
            case KIND_NOTE: draw_note (self, renderer, OPM_NOTE (item->element), &p, scale); break;
            default: break;
            }
          continue;
        }

      draw_item (self, renderer, item, &p, scale);
    }

  if (scale < OPM_PAINTER_SCALE_TEXT)
    opm_renderer_end_group (renderer);

  self->clip = NULL;
  self->dense = FALSE;

  return indices->len;
}

/**
 * opm_painter_draw:
 * @visible: (nullable): the area to draw, in document units; %NULL for all
 * @scale: device pixels per document unit, which decides the level of detail
 *
 * Draws the scenario, without background and overlays.
 */
void
opm_painter_draw (OpmPainter    *self,
                  OpmRenderer   *renderer,
                  const OpmRect *visible,
                  double         scale)
{
  g_return_if_fail (OPM_IS_PAINTER (self));
  g_return_if_fail (OPM_IS_RENDERER (renderer));

  opm_painter_draw_part (self, renderer, visible, NULL, scale, 0, G_MAXUINT);
}

/**
 * opm_painter_draw_overlays:
 * @scale: device pixels per document unit
 *
 * Draws hover, highlights, badges and divides, above what opm_painter_draw()
 * drew; the canvas keeps them apart so that they can change every frame.
 */
void
opm_painter_draw_overlays (OpmPainter  *self,
                           OpmRenderer *renderer,
                           double       scale)
{
  Palette p;

  g_return_if_fail (OPM_IS_PAINTER (self));

  ensure_layout (self);
  palette_init (&p, self->dark);
  draw_overlays (self, renderer, &p, NULL, scale);
}

/**
 * opm_painter_draw_overlays_in:
 * @visible: (nullable): the area in view, in document units
 *
 * Like opm_painter_draw_overlays(), leaving out badges outside @visible.
 */
void
opm_painter_draw_overlays_in (OpmPainter    *self,
                              OpmRenderer   *renderer,
                              const OpmRect *visible,
                              double         scale)
{
  Palette p;

  g_return_if_fail (OPM_IS_PAINTER (self));

  ensure_layout (self);
  palette_init (&p, self->dark);
  draw_overlays (self, renderer, &p, visible, scale);
}

static void
damage_excluded (OpmPainter *self)
{
  GHashTableIter iter;
  gpointer element;

  g_hash_table_iter_init (&iter, self->excluded);
  while (g_hash_table_iter_next (&iter, &element, NULL))
    {
      gpointer index = g_hash_table_lookup (self->by_element, element);

      if (index != NULL)
        add_damage_item (self, &g_array_index (self->items, Item, GPOINTER_TO_UINT (index) - 1));
    }
}

/**
 * opm_painter_set_excluded:
 * @elements: (nullable) (element-type OpmElement): elements to leave out of
 *   opm_painter_draw(), with the connectors attached to them; %NULL for none
 *
 * While elements are dragged, the view keeps its cached drawing of the rest
 * and draws them with opm_painter_draw_excluded() each frame.
 */
void
opm_painter_set_excluded (OpmPainter *self,
                          GPtrArray  *elements)
{
  g_return_if_fail (OPM_IS_PAINTER (self));

  ensure_layout (self);
  damage_excluded (self);
  g_hash_table_remove_all (self->excluded);

  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      OpmElement *element = g_ptr_array_index (elements, i);
      GArray *attached = g_hash_table_lookup (self->attached, element);

      g_hash_table_add (self->excluded, element);
      for (guint k = 0; attached != NULL && k < attached->len; k++)
        g_hash_table_add (self->excluded, g_array_index (self->items, Item, g_array_index (attached, guint, k)).element);
    }

  damage_excluded (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Draws what opm_painter_set_excluded() left out, in drawing order. */
void
opm_painter_draw_excluded (OpmPainter  *self,
                           OpmRenderer *renderer,
                           double       scale)
{
  Palette p;

  g_return_if_fail (OPM_IS_PAINTER (self));

  if (g_hash_table_size (self->excluded) == 0)
    return;

  ensure_layout (self);
  palette_init (&p, self->dark);

  /* few elements: walk them rather than the whole list when possible */
  if (g_hash_table_size (self->excluded) * 16 < self->items->len)
    {
      g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
      GHashTableIter iter;
      gpointer element;

      g_hash_table_iter_init (&iter, self->excluded);
      while (g_hash_table_iter_next (&iter, &element, NULL))
        {
          gpointer index = g_hash_table_lookup (self->by_element, element);

          if (index != NULL)
            {
              guint i = GPOINTER_TO_UINT (index) - 1;
              g_array_append_val (indices, i);
            }
        }
      g_array_sort_with_data (indices, compare_slots, self);
      for (guint i = 0; i < indices->len; i++)
        draw_item (self, renderer, item_at (self, g_array_index (indices, guint, i)), &p, scale);
      return;
    }

  {
    g_autoptr(GArray) all = all_slots (self);

    for (guint i = 0; i < all->len; i++)
      {
        const Item *item = item_at (self, g_array_index (all, guint, i));

        if (is_excluded (self, item->element))
          draw_item (self, renderer, item, &p, scale);
      }
  }
}

/**
 * opm_painter_draw_element:
 *
 * Draws one element alone, e.g. for a drag preview or a clipboard image.
 */
void
opm_painter_draw_element (OpmPainter  *self,
                          OpmRenderer *renderer,
                          OpmElement  *element,
                          double       scale)
{
  gpointer index;
  Palette p;

  g_return_if_fail (OPM_IS_PAINTER (self));

  ensure_layout (self);
  index = g_hash_table_lookup (self->by_element, element);
  if (index == NULL)
    return;

  palette_init (&p, self->dark);
  draw_item (self, renderer, &g_array_index (self->items, Item, GPOINTER_TO_UINT (index) - 1), &p, scale);
}

/* Legend */

#define LEGEND_WIDTH 300.0

void
opm_painter_get_legend_size (OpmPainter *self,
                             double     *width,
                             double     *height)
{
  *width = LEGEND_WIDTH;
  *height = 468;
}

void
opm_painter_draw_legend (OpmPainter  *self,
                         OpmRenderer *r,
                         double       x,
                         double       y)
{
  Palette p;
  OpmStyle style;
  double w, h;
  double row;
  static const OpmTeamKind kinds[] = {
    OPM_TEAM_KIND_PRODUCT, OPM_TEAM_KIND_PROJECT_DELIVERY, OPM_TEAM_KIND_OPS_BRIDGE, OPM_TEAM_KIND_SERVICE_DESK,
    OPM_TEAM_KIND_APP_SUPPORT, OPM_TEAM_KIND_PLATFORM, OPM_TEAM_KIND_SRE, OPM_TEAM_KIND_SPECIALIST,
    OPM_TEAM_KIND_CHANGE_MANAGEMENT, OPM_TEAM_KIND_INCIDENT_MANAGEMENT,
  };

  g_return_if_fail (OPM_IS_PAINTER (self));

  palette_init (&p, self->dark);
  opm_painter_get_legend_size (self, &w, &h);

  opm_renderer_begin_group (r, NULL, "opm-legend", _("Legend"));

  style = opm_style_box (p.card, p.border, 1, OPM_DASH_SOLID);
  opm_renderer_draw_rect (r, x, y, w, h, 10, &style);
  opm_renderer_draw_text (r, x + 14, y + 24, _("Legend"), 14, TRUE, OPM_TEXT_ALIGN_START, p.text);

  /* team kinds in two columns */
  row = y + 40;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      double cx = x + 14 + (i % 2) * 143;
      double cy = row + (i / 2) * 24;
      const char *badge = team_kind_badge (kinds[i]);
      double size = strlen (badge) > 2 ? 8 : 9.5;
      double bw = MAX (24, opm_text_width (badge, size, TRUE) + 8);
      g_autofree char *label = opm_text_ellipsize (team_kind_label (kinds[i]), 10, FALSE, 143 - bw - 12);

      style = opm_style_fill (p.team[kinds[i]]);
      opm_renderer_draw_rect (r, cx, cy, bw, 18, 9, &style);
      opm_renderer_draw_text (r, cx + bw / 2, cy + 9 + size * 0.36, badge, size, TRUE, OPM_TEXT_ALIGN_CENTRE,
                              self->dark ? opm_rgb (0x1e1e1e) : opm_rgb (0xffffff));
      opm_renderer_draw_text (r, cx + bw + 5, cy + 13, label, 10, FALSE, OPM_TEXT_ALIGN_START, p.text);
    }

  /* outsourced */
  row += 5 * 24 + 6;
  style = opm_style_box (p.card, p.muted, 2, OPM_DASH_DASHED);
  opm_renderer_draw_rect (r, x + 14, row, 36, 20, 5, &style);
  opm_renderer_draw_text (r, x + 60, row + 14, _("Dashed border: outsourced team"), 11, FALSE, OPM_TEXT_ALIGN_START, p.text);

  /* phases */
  row += 34;
  opm_renderer_draw_text (r, x + 14, row, _("Responsibilities by phase"), 11.5, TRUE, OPM_TEXT_ALIGN_START, p.text);
  for (guint i = 0; i < 3; i++)
    {
      static const char *names[] = { N_("Plan (plan)"), N_("Build (build)"), N_("Run (deploy, operate, support, fix…)") };
      g_autoptr(GArray) line = opm_path_new ();
      double ly = row + 18 + i * 20;

      opm_path_move_to (line, x + 14, ly - 4);
      opm_path_line_to (line, x + 56, ly - 4);
      style = opm_style_stroke (p.phase[i], i == 0 ? 2.6 : 2, phase_dash (i));
      opm_renderer_draw_path (r, line, &style);
      opm_renderer_draw_text (r, x + 64, ly, _(names[i]), 11, FALSE, OPM_TEXT_ALIGN_START, p.text);
    }

  /* dependencies */
  row += 18 + 3 * 20 + 10;
  opm_renderer_draw_text (r, x + 14, row, _("Dependencies"), 11.5, TRUE, OPM_TEXT_ALIGN_START, p.text);
  for (guint i = 0; i < 3; i++)
    {
      static const char *names[] = { N_("Synchronous"), N_("Asynchronous"), N_("Softened (circuit breaker, cache, queue)") };
      g_autoptr(GArray) line = opm_path_new ();
      g_autoptr(GArray) head = opm_path_new ();
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
      double ly = row + 18 + i * 20;
      double pts[4] = { x + 14, ly - 4, x + 56, ly - 4 };
      OpmRgba c = i == 2 ? p.softened : p.dependency;

      g_array_append_vals (points, pts, 4);
      route_path (line, points);
      style = opm_style_stroke (c, i == 0 ? 2.2 : 1.8, i == 1 ? OPM_DASH_DASHED : OPM_DASH_SOLID);
      opm_renderer_draw_path (r, line, &style);
      arrow_head (head, points, 10, i == 1 ? 6 : 5, i != 1);
      style = i != 1 ? opm_style_box (c, c, 1, OPM_DASH_SOLID) : opm_style_stroke (c, 2, OPM_DASH_SOLID);
      opm_renderer_draw_path (r, head, &style);
      opm_renderer_draw_text (r, x + 64, ly, _(names[i]), 11, FALSE, OPM_TEXT_ALIGN_START, p.text);
    }

  /* services and availability */
  row += 18 + 3 * 20 + 10;
  opm_renderer_draw_text (r, x + 14, row, _("Services"), 11.5, TRUE, OPM_TEXT_ALIGN_START, p.text);
  {
    OpmRect digital = { x + 14, row + 8, 40, 24 };
    OpmRect store = { x + 112, row + 8, 40, 24 };
    OpmRect base = { x + 200, row + 8, 40, 24 };
    g_autoptr(GArray) a = opm_path_new ();
    g_autoptr(GArray) b = opm_path_new ();

    service_outline (a, OPM_SERVICE_KIND_DIGITAL, &digital);
    service_outline (b, OPM_SERVICE_KIND_DATA_STORE, &store);
    style = opm_style_box (p.card, p.border, 1.4, OPM_DASH_SOLID);
    opm_renderer_draw_path (r, a, &style);
    opm_renderer_draw_path (r, b, &style);
    opm_renderer_draw_rect (r, base.x, base.y, base.width, base.height, 3, &style);
    style = opm_style_fill (p.border);
    opm_renderer_draw_rect (r, base.x, base.y + base.height - 5, base.width, 5, 0, &style);
    opm_renderer_draw_text (r, x + 58, row + 24, _("digital"), 10, FALSE, OPM_TEXT_ALIGN_START, p.text);
    opm_renderer_draw_text (r, x + 156, row + 24, _("data"), 10, FALSE, OPM_TEXT_ALIGN_START, p.text);
    opm_renderer_draw_text (r, x + 244, row + 24, _("base"), 10, FALSE, OPM_TEXT_ALIGN_START, p.text);
  }

  /* divide */
  row += 50;
  {
    g_autoptr(GArray) wall = opm_path_new ();

    opm_path_move_to (wall, x + 34, row - 8);
    opm_path_line_to (wall, x + 34, row + 14);
    style = opm_style_stroke (p.divide, 4, OPM_DASH_DASHED);
    opm_renderer_draw_path (r, wall, &style);
    opm_renderer_draw_text (r, x + 64, row + 7, _("Divide: build and run split across teams"), 11, FALSE,
                            OPM_TEXT_ALIGN_START, p.text);
  }

  opm_renderer_end_group (r);
}

/* Hit testing */

static double
distance_to_route (GArray *points,
                   double  x,
                   double  y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 2; i < points->len; i += 2)
    {
      double ax = g_array_index (points, double, i - 2);
      double ay = g_array_index (points, double, i - 1);
      double bx = g_array_index (points, double, i);
      double by = g_array_index (points, double, i + 1);
      double dx = bx - ax, dy = by - ay;
      double len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? CLAMP (((x - ax) * dx + (y - ay) * dy) / len2, 0, 1) : 0;

      best = MIN (best, hypot (x - (ax + t * dx), y - (ay + t * dy)));
    }

  return best;
}

/**
 * opm_painter_hit_test:
 * @tolerance: how far from a line still counts, in document units
 *
 * Returns: (nullable) (transfer none): the topmost element at the point
 */
OpmElement *
opm_painter_hit_test (OpmPainter *self,
                      double      x,
                      double      y,
                      double      tolerance)
{
  OpmRect area = { x - tolerance, y - tolerance, 2 * tolerance, 2 * tolerance };
  g_autoptr(GArray) indices = NULL;
  OpmElement *group_hit = NULL;

  g_return_val_if_fail (OPM_IS_PAINTER (self), NULL);

  indices = query_indices (self, &area);

  for (guint i = indices->len; i > 0; i--)
    {
      const Item *item = &g_array_index (self->items, Item, g_array_index (indices, guint, i - 1));

      if (item->points != NULL)
        {
          if (distance_to_route (item->points, x, y) <= tolerance ||
              hypot (x - item->label_x, y - item->label_y) <= tolerance + 8)
            return item->element;
        }
      else if (x >= item->bounds.x && x <= item->bounds.x + item->bounds.width &&
               y >= item->bounds.y && y <= item->bounds.y + item->bounds.height)
        {
          /* a group is hit on its frame and title, not in its middle */
          if (item->kind == KIND_GROUP)
            {
              if (group_hit == NULL &&
                  (y <= item->bounds.y + 36 || x <= item->bounds.x + tolerance ||
                   x >= item->bounds.x + item->bounds.width - tolerance ||
                   y >= item->bounds.y + item->bounds.height - tolerance))
                group_hit = item->element;
              continue;
            }
          return item->element;
        }
    }

  return group_hit;
}

/**
 * opm_painter_query:
 *
 * Returns: (transfer container) (element-type OpmElement): the elements
 *   whose drawing meets @area, in drawing order
 */
GPtrArray *
opm_painter_query (OpmPainter    *self,
                   const OpmRect *area)
{
  g_autoptr(GArray) indices = NULL;
  GPtrArray *result;

  g_return_val_if_fail (OPM_IS_PAINTER (self), NULL);

  indices = query_indices (self, area);
  result = g_ptr_array_sized_new (indices->len);
  for (guint i = 0; i < indices->len; i++)
    g_ptr_array_add (result, g_array_index (self->items, Item, g_array_index (indices, guint, i)).element);

  return result;
}

gboolean
opm_painter_get_element_bounds (OpmPainter *self,
                                OpmElement *element,
                                OpmRect    *bounds)
{
  gpointer index;

  g_return_val_if_fail (OPM_IS_PAINTER (self), FALSE);

  ensure_layout (self);
  index = g_hash_table_lookup (self->by_element, element);
  if (index == NULL)
    return FALSE;

  *bounds = g_array_index (self->items, Item, GPOINTER_TO_UINT (index) - 1).bounds;
  return TRUE;
}

/* Overlays */

void
opm_painter_set_hover (OpmPainter *self,
                       OpmElement *element)
{
  g_return_if_fail (OPM_IS_PAINTER (self));
  self->hover = element;
}

/**
 * opm_painter_set_highlight:
 * @colour: (nullable): the outline colour, or %NULL to remove the highlight
 */
void
opm_painter_set_highlight (OpmPainter    *self,
                           OpmElement    *element,
                           const OpmRgba *colour)
{
  g_return_if_fail (OPM_IS_PAINTER (self));

  if (colour == NULL)
    g_hash_table_remove (self->highlights, element);
  else
    g_hash_table_replace (self->highlights, element, g_memdup2 (colour, sizeof *colour));
}

/**
 * opm_painter_set_badge:
 * @text: (nullable): e.g. a count of findings, or %NULL to remove the badge
 */
void
opm_painter_set_badge (OpmPainter    *self,
                       OpmElement    *element,
                       const char    *text,
                       const OpmRgba *colour)
{
  Badge *badge;

  g_return_if_fail (OPM_IS_PAINTER (self));

  if (text == NULL)
    {
      if (g_hash_table_remove (self->badges, element))
        g_ptr_array_remove (self->badged, element);
      return;
    }

  if (!g_hash_table_contains (self->badges, element))
    g_ptr_array_add (self->badged, element);
  badge = g_new0 (Badge, 1);
  badge->text = g_strdup (text);
  badge->colour = colour != NULL ? *colour : opm_rgb (0xc01c28);
  g_hash_table_replace (self->badges, element, badge);
}

/**
 * opm_painter_add_divide:
 * @a: the team on one side, e.g. the one that builds
 * @b: the team on the other side, e.g. the one that runs
 * @label: (nullable): the phases split, e.g. "Build | Run"
 */
void
opm_painter_add_divide (OpmPainter *self,
                        OpmElement *a,
                        OpmElement *b,
                        const char *label)
{
  Divide *divide;

  g_return_if_fail (OPM_IS_PAINTER (self));

  divide = g_new0 (Divide, 1);
  divide->a = a;
  divide->b = b;
  divide->label = g_strdup (label);
  g_ptr_array_add (self->divides, divide);
}

void
opm_painter_clear_overlays (OpmPainter *self)
{
  g_return_if_fail (OPM_IS_PAINTER (self));

  g_hash_table_remove_all (self->highlights);
  g_hash_table_remove_all (self->badges);
  g_ptr_array_set_size (self->badged, 0);
  g_ptr_array_set_size (self->divides, 0);
  g_ptr_array_set_size (self->path, 0);
  g_clear_pointer (&self->incident, incident_free);
  self->hover = NULL;
}

/**
 * opm_painter_clear_highlights:
 *
 * Removes the highlights, keeping badges and divides.
 */
void
opm_painter_clear_highlights (OpmPainter *self)
{
  g_return_if_fail (OPM_IS_PAINTER (self));

  g_hash_table_remove_all (self->highlights);
}

/**
 * opm_painter_clear_findings:
 *
 * Removes the badges and divides, keeping highlights and hover.
 */
void
opm_painter_clear_findings (OpmPainter *self)
{
  g_return_if_fail (OPM_IS_PAINTER (self));

  g_hash_table_remove_all (self->badges);
  g_ptr_array_set_size (self->badged, 0);
  g_ptr_array_set_size (self->divides, 0);
}

/**
 * opm_painter_get_n_divides:
 *
 * Returns: how many divides are drawn
 */
guint
opm_painter_get_n_divides (OpmPainter *self)
{
  g_return_val_if_fail (OPM_IS_PAINTER (self), 0);

  return self->divides->len;
}

/**
 * opm_painter_get_badge:
 *
 * Returns: (nullable): the text of @element's badge
 */
const char *
opm_painter_get_badge (OpmPainter *self,
                       OpmElement *element)
{
  Badge *badge;

  g_return_val_if_fail (OPM_IS_PAINTER (self), NULL);

  badge = g_hash_table_lookup (self->badges, element);
  return badge != NULL ? badge->text : NULL;
}

/**
 * opm_painter_set_restore_path:
 * @service: (nullable): the service, or %NULL to show no path
 * @path: (nullable): its restore path (opm_restore_path_new())
 *
 * Shows the way an incident on @service takes through the teams: an arrow
 * a step, numbered, the team that can fix ringed, and the handoffs.
 */
void
opm_painter_set_restore_path (OpmPainter           *self,
                              OpmService           *service,
                              const OpmRestorePath *path)
{
  g_return_if_fail (OPM_IS_PAINTER (self));

  g_ptr_array_set_size (self->path, 0);
  self->path_handoffs = 0;
  self->path_fixer = -1;

  if (service == NULL || path == NULL || path->teams->len == 0)
    return;

  g_ptr_array_add (self->path, g_object_ref (service));
  for (guint i = 0; i < path->teams->len; i++)
    g_ptr_array_add (self->path, g_object_ref (g_ptr_array_index (path->teams, i)));
  self->path_handoffs = path->handoffs;
  self->path_fixer = path->fixer >= 0 ? path->fixer + 1 : -1;
}

/**
 * opm_painter_get_restore_path_length:
 *
 * Returns: how many teams the restore path shown passes through
 */
guint
opm_painter_get_restore_path_length (OpmPainter *self)
{
  g_return_val_if_fail (OPM_IS_PAINTER (self), 0);

  return self->path->len > 0 ? self->path->len - 1 : 0;
}

typedef struct
{
  guint       count;
  OpmSeverity worst;
} BadgeCount;

/**
 * opm_painter_show_findings:
 * @findings: (element-type OpmFinding) (nullable): what the checker found
 *
 * Replaces the badges and divides by those of @findings: the merged
 * divides, labelled with the phases they split (and how many services),
 * and on every team and service a finding names, a badge with the count
 * coloured by the worst severity.
 */
void
opm_painter_show_findings (OpmPainter *self,
                           GPtrArray  *findings)
{
  static const guint colours[] = {
    [OPM_SEVERITY_INFO] = 0x1c71d8,
    [OPM_SEVERITY_WARNING] = 0xe66100,
    [OPM_SEVERITY_ERROR] = 0xc01c28,
  };
  g_autoptr(GArray) divides = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) counted = g_ptr_array_new ();  /* the elements of counts, in the findings' order */

  g_return_if_fail (OPM_IS_PAINTER (self));

  opm_painter_clear_findings (self);
  if (findings == NULL)
    return;

  divides = opm_check_merge_divides (findings);
  for (guint i = 0; i < divides->len; i++)
    {
      const OpmDivide *divide = &g_array_index (divides, OpmDivide, i);
      g_autofree char *label = NULL;

      if (divide->n_services > 1)
        label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u service", "%s · %u services",
                                              divide->n_services),
                                 divide->label, divide->n_services);
      else
        label = g_strdup (divide->label);
      opm_painter_add_divide (self, OPM_ELEMENT (divide->builder), OPM_ELEMENT (divide->runner), label);
    }

  counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < findings->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (findings, i);
      OpmSeverity severity = opm_finding_get_severity (finding);

      for (guint e = 0; e < opm_finding_get_n_elements (finding); e++)
        {
          OpmElement *element = opm_finding_get_nth_element (finding, e);
          BadgeCount *badge;

          if (!OPM_IS_NODE (element) || OPM_IS_NOTE (element))
            continue;
          badge = g_hash_table_lookup (counts, element);
          if (badge == NULL)
            {
              badge = g_new0 (BadgeCount, 1);
              badge->worst = severity;
              g_hash_table_insert (counts, element, badge);
              g_ptr_array_add (counted, element);
            }
          badge->count++;
          badge->worst = MAX (badge->worst, severity);
        }
    }

  /* in the findings' order, so that exports come out the same each time */
  for (guint i = 0; i < counted->len; i++)
    {
      OpmElement *key = g_ptr_array_index (counted, i);
      BadgeCount *badge = g_hash_table_lookup (counts, key);
      OpmRgba colour = opm_rgb (colours[MIN (badge->worst, OPM_SEVERITY_ERROR)]);
      char text[16];

      g_snprintf (text, sizeof text, "%u", badge->count);
      opm_painter_set_badge (self, key, text, &colour);
    }
}

/* The incident replayed */

struct _Incident
{
  OpmElement *service;
  GPtrArray  *affected;  /* OpmElement, the failing service left out */
  GArray     *impacts;   /* double, one per affected */
  GPtrArray  *route;     /* OpmElement */
  GPtrArray  *legs;      /* char *, route->len - 1 */
  char       *clock;
  char       *note;
  gboolean    waiting;
};

static void
incident_free (Incident *incident)
{
  g_clear_object (&incident->service);
  g_ptr_array_unref (incident->affected);
  g_array_unref (incident->impacts);
  g_ptr_array_unref (incident->route);
  g_ptr_array_unref (incident->legs);
  g_free (incident->clock);
  g_free (incident->note);
  g_free (incident);
}

/**
 * opm_painter_set_incident:
 * @incident: (nullable): the incident to show, or %NULL to show none
 *
 * Shows an incident replayed step by step: the failing service washed red,
 * what goes down with it outlined, the way it took from team to team with
 * how long each move took, and a token on whoever holds it now, with the
 * clock and what happens.
 */
void
opm_painter_set_incident (OpmPainter            *self,
                          const OpmIncidentView *incident)
{
  Incident *copy;

  g_return_if_fail (OPM_IS_PAINTER (self));
  g_return_if_fail (incident == NULL || OPM_IS_SERVICE (incident->service));

  g_clear_pointer (&self->incident, incident_free);
  if (incident == NULL)
    return;

  copy = g_new0 (Incident, 1);
  copy->service = g_object_ref (OPM_ELEMENT (incident->service));
  copy->affected = g_ptr_array_new_with_free_func (g_object_unref);
  copy->impacts = g_array_new (FALSE, FALSE, sizeof (double));
  copy->route = g_ptr_array_new_with_free_func (g_object_unref);
  copy->legs = g_ptr_array_new_with_free_func (g_free);
  copy->clock = g_strdup (incident->clock);
  copy->note = g_strdup (incident->note);
  copy->waiting = incident->waiting;

  for (guint i = 0; incident->affected != NULL && i < incident->affected->len; i++)
    {
      double impact = incident->impacts != NULL ? incident->impacts[i] : 1.0;

      if (g_ptr_array_index (incident->affected, i) == (gpointer) incident->service)
        continue;
      g_ptr_array_add (copy->affected, g_object_ref (g_ptr_array_index (incident->affected, i)));
      g_array_append_val (copy->impacts, impact);
    }

  for (guint i = 0; incident->route != NULL && i < incident->route->len; i++)
    {
      g_ptr_array_add (copy->route, g_object_ref (g_ptr_array_index (incident->route, i)));
      if (i > 0)
        g_ptr_array_add (copy->legs, g_strdup (incident->legs != NULL ? g_ptr_array_index (incident->legs, i - 1)
                                                                      : NULL));
    }

  self->incident = copy;
}

/**
 * opm_painter_get_incident_holder:
 *
 * Returns: (nullable) (transfer none): who holds the incident shown: the
 *   last of its route, else the failing service
 */
OpmElement *
opm_painter_get_incident_holder (OpmPainter *self)
{
  g_return_val_if_fail (OPM_IS_PAINTER (self), NULL);

  if (self->incident == NULL)
    return NULL;
  if (self->incident->route->len > 0)
    return g_ptr_array_index (self->incident->route, self->incident->route->len - 1);
  return self->incident->service;
}

/**
 * opm_painter_get_incident_clock:
 *
 * Returns: (nullable): the clock on the incident's token
 */
const char *
opm_painter_get_incident_clock (OpmPainter *self)
{
  g_return_val_if_fail (OPM_IS_PAINTER (self), NULL);

  return self->incident != NULL ? self->incident->clock : NULL;
}

/**
 * opm_painter_get_incident_route_length:
 *
 * Returns: how many moves from one holder to the next are drawn
 */
guint
opm_painter_get_incident_route_length (OpmPainter *self)
{
  g_return_val_if_fail (OPM_IS_PAINTER (self), 0);

  return self->incident != NULL ? self->incident->legs->len : 0;
}

static void
draw_incident (OpmPainter    *self,
               OpmRenderer   *r,
               const Palette *p,
               double         scale)
{
  const Incident *incident = self->incident;
  double pixel = 1.0 / MAX (scale, 0.01);
  double size = MAX (16, 15 * pixel);   /* legible on a projector at any zoom */
  gboolean dark = self->dark;
  OpmRgba down = opm_rgb (dark ? 0xff7b63 : 0xc01c28);
  OpmRgba degraded = opm_rgb (dark ? 0xffa348 : 0xc64600);
  OpmRgba route = opm_rgb (dark ? 0x78aeed : 0x1c71d8);
  OpmRgba token = incident != NULL && incident->waiting ? opm_rgb (dark ? 0xf5c211 : 0x9c6e03) : route;
  OpmRgba on_token = incident != NULL && incident->waiting && dark ? opm_rgb (0x241f31) : opm_rgb (0xffffff);
  OpmElement *holder;
  OpmRect b;
  OpmStyle style;

  if (incident == NULL)
    return;

  opm_renderer_begin_group (r, NULL, "opm-incident", NULL);

  /* what goes down with it: outlined, dashed where only degraded */
  for (guint i = 0; i < incident->affected->len; i++)
    {
      double impact = g_array_index (incident->impacts, double, i);
      g_autofree char *label = NULL;

      if (!opm_painter_get_element_bounds (self, g_ptr_array_index (incident->affected, i), &b))
        continue;
      style = opm_style_box (with_alpha (degraded, 0.10), degraded, 4 * MAX (1, pixel * 0.5),
                         impact < 1.0 ? OPM_DASH_DASHED : OPM_DASH_SOLID);
      opm_renderer_draw_rect (r, b.x - 6, b.y - 6, b.width + 12, b.height + 12, 14, &style);
      label = impact < 1.0 ? g_strdup_printf (_("Degraded · %.0f %%"), impact * 100) : g_strdup (_("Down with it"));
      draw_pill (r, b.x + b.width / 2, b.y - 6 - size, label, size, degraded, degraded, opm_rgb (0xffffff));
    }

  /* the failing service */
  if (opm_painter_get_element_bounds (self, incident->service, &b))
    {
      style = opm_style_box (with_alpha (down, 0.16), down, 6 * MAX (1, pixel * 0.5), OPM_DASH_SOLID);
      opm_renderer_draw_rect (r, b.x - 7, b.y - 7, b.width + 14, b.height + 14, 15, &style);
      draw_pill (r, b.x + b.width / 2, b.y - 7 - size, _("Incident"), size, down, down, opm_rgb (0xffffff));
    }

  /* the way it took, a labelled arrow a move */
  for (guint i = 1; i < incident->route->len; i++)
    {
      OpmRect a;
      const char *leg = g_ptr_array_index (incident->legs, i - 1);
      double ends[4];

      if (g_ptr_array_index (incident->route, i - 1) == g_ptr_array_index (incident->route, i) ||
          !opm_painter_get_element_bounds (self, g_ptr_array_index (incident->route, i - 1), &a) ||
          !opm_painter_get_element_bounds (self, g_ptr_array_index (incident->route, i), &b))
        continue;

      draw_arrow_between (r, &a, &b, route, 5 * MAX (1, pixel * 0.5), 18 * MAX (1, pixel * 0.5),
                          8 * MAX (1, pixel * 0.5), ends);
      if (leg != NULL && leg[0] != '\0')
        draw_pill (r, (ends[0] + ends[2]) / 2, (ends[1] + ends[3]) / 2, leg, size * 0.9, p->card, route, p->text);
    }

  /* whoever holds it now: a ring, the clock above, what happens below */
  holder = opm_painter_get_incident_holder (self);
  if (holder != NULL && opm_painter_get_element_bounds (self, holder, &b))
    {
      double cx = b.x + b.width / 2;

      style = opm_style_stroke (token, 5 * MAX (1, pixel * 0.5), OPM_DASH_SOLID);
      opm_renderer_draw_rect (r, b.x - 12, b.y - 12, b.width + 24, b.height + 24, 18, &style);

      if (incident->clock != NULL)
        {
          double clock_size = size * 1.3;
          double w = opm_text_width (incident->clock, clock_size, TRUE) + clock_size * 1.4;
          double h = clock_size * 1.9;
          double top = b.y - 12 - (holder == incident->service ? 2.6 * size : 0) - h - 6;

          style = opm_style_box (token, token, 1, OPM_DASH_SOLID);
          opm_renderer_draw_rect (r, cx - w / 2, top, w, h, h / 2, &style);
          opm_renderer_draw_text (r, cx, top + h / 2 + clock_size * 0.36, incident->clock, clock_size, TRUE,
                                  OPM_TEXT_ALIGN_CENTRE, on_token);
        }

      if (incident->note != NULL && incident->note[0] != '\0')
        {
          double width = MAX (b.width * 1.2, 26 * size);
          g_autoptr(GPtrArray) lines = opm_text_wrap (incident->note, size, FALSE, width, 4);
          double line_height = size * 1.35;
          double w = 0, h, top = b.y + b.height + 12 + size * 0.6;

          for (guint i = 0; i < lines->len; i++)
            w = MAX (w, opm_text_width (g_ptr_array_index (lines, i), size, FALSE));
          w += size * 1.6;
          h = lines->len * line_height + size * 0.9;

          style = opm_style_box (p->card, token, 2.5 * MAX (1, pixel * 0.5), OPM_DASH_SOLID);
          opm_renderer_draw_rect (r, cx - w / 2, top, w, h, size * 0.6, &style);
          for (guint i = 0; i < lines->len; i++)
            opm_renderer_draw_text (r, cx - w / 2 + size * 0.8, top + size * 0.45 + (i + 0.8) * line_height,
                                    g_ptr_array_index (lines, i), size, FALSE, OPM_TEXT_ALIGN_START, p->text);
        }
    }

  opm_renderer_end_group (r);
}

/* For the tests */

/**
 * _opm_painter_describe_layout:
 *
 * Returns: the layout as text, item by item in drawing order, with every
 *   number exact: two painters with the same description draw the same
 */
char *
_opm_painter_describe_layout (OpmPainter *self)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) all = NULL;

  g_return_val_if_fail (OPM_IS_PAINTER (self), NULL);

  ensure_layout (self);
  g_string_append_printf (out, "bounds %a %a %a %a\n", self->bounds.x, self->bounds.y, self->bounds.width,
                          self->bounds.height);

  all = all_slots (self);
  for (guint i = 0; i < all->len; i++)
    {
      const Item *item = item_at (self, g_array_index (all, guint, i));

      g_string_append_printf (out, "%s %d/%u [%a %a %a %a]", opm_element_get_id (item->element), item->kind,
                              item->rank, item->bounds.x, item->bounds.y, item->bounds.width, item->bounds.height);
      if (item->points != NULL)
        {
          g_string_append (out, " route");
          for (guint k = 0; k < item->points->len; k++)
            g_string_append_printf (out, " %a", g_array_index (item->points, double, k));
          g_string_append_printf (out, " fan %u/%u label %a %a%s", item->fan_index, item->fan_count, item->label_x,
                                  item->label_y, item->softened ? " softened" : "");
        }
      if (item->label_owner)
        g_string_append_printf (out, " owner “%s” phase %d size %a at %a width %a", item->label, item->label_phase,
                                item->label_size, item->label_fraction, item->label_width);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

typedef void (*CellVisit) (gint64  cx,
                           gint64  cy,
                           GArray *cell,
                           gpointer data);

static void
cell_grid_foreach (CellGrid *grid,
                   CellVisit visit,
                   gpointer  data)
{
  GHashTableIter iter;
  gpointer key, cell;

  for (gint64 i = 0; grid->dense != NULL && i < grid->width * grid->height; i++)
    if (grid->dense[i] != NULL)
      visit (grid->x0 + i % grid->width, grid->y0 + i / grid->width, grid->dense[i], data);

  g_hash_table_iter_init (&iter, grid->sparse);
  while (g_hash_table_iter_next (&iter, &key, &cell))
    {
      gint64 k = *(gint64 *) key;

      visit (k >> 32, (gint32) (k & 0xffffffff), cell, data);
    }
}

typedef struct
{
  CellGrid *other;
  gboolean  exact;     /* the same entries as often, not just each of them */
  GString  *problems;
} GridComparison;

static void
expect_cell (gint64   cx,
             gint64   cy,
             GArray  *cell,
             gpointer data)
{
  GridComparison *c = data;
  GArray *other = cell_grid_lookup (c->other, cx, cy);

  for (guint i = 0; i < cell->len; i++)
    {
      guint slot = g_array_index (cell, guint, i);
      guint want = 0, have = 0;

      for (guint k = 0; k < cell->len; k++)
        want += g_array_index (cell, guint, k) == slot;
      for (guint k = 0; other != NULL && k < other->len; k++)
        have += g_array_index (other, guint, k) == slot;

      if (have == 0 || (c->exact && have != want))
        g_string_append_printf (c->problems, "cell (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") has slot %u %u times, not %u\n",
                                cx, cy, slot, have, want);
    }
}

/* Whether @actual holds what @expected does, and the other way round. */
static void
compare_grids (CellGrid   *expected,
               CellGrid   *actual,
               gboolean    exact,
               const char *name,
               GString    *problems)
{
  GridComparison forth = { actual, exact, g_string_new (NULL) };
  GridComparison back = { expected, exact, g_string_new (NULL) };

  cell_grid_foreach (expected, expect_cell, &forth);
  cell_grid_foreach (actual, expect_cell, &back);
  if (forth.problems->len > 0)
    g_string_append_printf (problems, "%s misses entries:\n%s", name, forth.problems->str);
  if (back.problems->len > 0)
    g_string_append_printf (problems, "%s has stale entries:\n%s", name, back.problems->str);
  g_string_free (forth.problems, TRUE);
  g_string_free (back.problems, TRUE);
}

/**
 * _opm_painter_check:
 *
 * Checks the painter's indices against what its items say they hold: the
 * grids, ranks, ends and bundles, and that nothing is left to place.
 *
 * Returns: (nullable): what is wrong, or %NULL
 */
char *
_opm_painter_check (OpmPainter *self)
{
  GString *problems = g_string_new (NULL);
  CellGrid *grid, *node_grid, *label_grid;
  GArray *large;
  guint live = 0;

  g_return_val_if_fail (OPM_IS_PAINTER (self), NULL);

  ensure_layout (self);

  if (self->unplaced->len > 0 || self->moved_nodes->len > 0)
    g_string_append_printf (problems, "%u labels and %u nodes left to place\n", self->unplaced->len,
                            self->moved_nodes->len);

  for (ItemKind kind = 0; kind < N_KINDS; kind++)
    {
      if (self->order[kind]->len != g_list_model_get_n_items (self->lists[kind]))
        g_string_append_printf (problems, "kind %d has %u items for %u elements\n", kind, self->order[kind]->len,
                                g_list_model_get_n_items (self->lists[kind]));

      for (guint i = 0; i < self->order[kind]->len; i++)
        {
          guint slot = g_array_index (self->order[kind], guint, i);
          const Item *item = item_at (self, slot);
          g_autoptr(OpmElement) element = g_list_model_get_item (self->lists[kind], i);

          live++;
          if (item->element != element || item->kind != kind || item->rank != i)
            g_string_append_printf (problems, "slot %u is not item %u of kind %d\n", slot, i, kind);
          if (GPOINTER_TO_UINT (g_hash_table_lookup (self->by_element, element)) != slot + 1)
            g_string_append_printf (problems, "%s is not found at slot %u\n", opm_element_get_id (element), slot);
          if (is_card (kind) && !rect_equal (&item->filed, &item->bounds))
            g_string_append_printf (problems, "%s is filed where it was\n", opm_element_get_id (element));
          if (item->label_owner != item->is_placed)
            g_string_append_printf (problems, "%s: owner %d, placed %d\n", opm_element_get_id (element),
                                    item->label_owner, item->is_placed);
          if (is_connector (kind))
            {
              OpmConnector *connector = OPM_CONNECTOR (element);
              Bundle *bundle = g_hash_table_lookup (self->bundles, &item->bundle_key);
              gboolean member = FALSE;

              if (item->ends[0] != opm_connector_get_source (connector) ||
                  item->ends[1] != opm_connector_get_target (connector))
                g_string_append_printf (problems, "%s has other ends\n", opm_element_get_id (element));
              for (guint end = 0; end < 2; end++)
                {
                  GArray *list = g_hash_table_lookup (self->attached, item->ends[end]);
                  gboolean found = FALSE;

                  for (guint k = 0; list != NULL && k < list->len; k++)
                    found |= g_array_index (list, guint, k) == slot;
                  if (!found)
                    g_string_append_printf (problems, "%s is not attached to its ends\n", opm_element_get_id (element));
                }
              for (guint k = 0; bundle != NULL && k < bundle->members->len; k++)
                member |= g_array_index (bundle->members, guint, k) == slot;
              if (!member || bundle->members->len != item->fan_count)
                g_string_append_printf (problems, "%s is not in its bundle\n", opm_element_get_id (element));
            }
        }
    }

  if (live + self->free_slots->len != self->items->len)
    g_string_append_printf (problems, "%u live and %u free slots of %u\n", live, self->free_slots->len,
                            self->items->len);

  /* the grids as the items would file them */
  grid = self->grid;
  large = self->large;
  node_grid = self->node_grid;
  label_grid = self->label_grid;
  self->grid = cell_grid_new (CELL_SIZE);
  self->large = g_array_new (FALSE, FALSE, sizeof (guint));
  self->node_grid = cell_grid_new (CELL_SIZE);
  self->label_grid = cell_grid_new (LABEL_CELL);

  for (ItemKind kind = 0; kind < N_KINDS; kind++)
    for (guint i = 0; i < self->order[kind]->len; i++)
      {
        guint slot = g_array_index (self->order[kind], guint, i);
        const Item *item = item_at (self, slot);

        grid_file (self, slot, cell_add);
        if (is_card (kind))
          rect_cells (self->node_grid, &item->filed, slot, cell_add);
        if (item->is_placed)
          rect_cells (self->label_grid, &item->placed, slot, cell_add);
      }

  compare_grids (self->grid, grid, FALSE, "the grid", problems);
  compare_grids (self->node_grid, node_grid, TRUE, "the node grid", problems);
  compare_grids (self->label_grid, label_grid, TRUE, "the label grid", problems);
  if (self->large->len != large->len)
    g_string_append_printf (problems, "%u large items, not %u\n", large->len, self->large->len);

  cell_grid_free (self->grid);
  g_array_unref (self->large);
  cell_grid_free (self->node_grid);
  cell_grid_free (self->label_grid);
  self->grid = grid;
  self->large = large;
  self->node_grid = node_grid;
  self->label_grid = label_grid;

  if (problems->len == 0)
    {
      g_string_free (problems, TRUE);
      return NULL;
    }

  return g_string_free (problems, FALSE);
}
