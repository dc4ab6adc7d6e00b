/* opm-replay.c
 *
 * The workshop replay: one incident of a simulation (the median one, or a
 * bad one at the 90th percentile) told step by step. Position 0 is the
 * failure; position k is the moment step k of the trace ends. At each
 * position the diagram shows the failing service and what goes down with
 * it, the way the incident took from team to team with each move's wait,
 * and a token on whoever holds it with the clock and the step's reason; a
 * list beside it names every step. The trace is the engine's replay of that
 * run: the same seed always tells the same story.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-replay"

#include "config.h"

#include <glib/gi18n.h>

#include "opm-replay.h"

/* How long each step stays on screen while playing. */
#define PLAY_INTERVAL_MS 1600

/* The least zoom at which the replay follows the incident on the diagram. */
#define READABLE_ZOOM 0.6

struct _OpmReplay
{
  GtkWidget      parent_instance;

  /* template */
  GtkStack      *stack;
  GtkLabel      *incident_label;
  GtkLabel      *clock_label;
  GtkLabel      *elapsed_label;
  GtkLabel      *holder_label;
  GtkLabel      *why_label;
  GtkLabel      *position_label;
  GtkButton     *play_button;
  GtkListBox    *step_list;
  GtkScrolledWindow *steps_scroller;

  /* owned */
  OpmSimulation *simulation;
  OpmSimResult  *result;
  OpmSimTrace   *trace;
  GPtrArray     *holders;    /* OpmElement, borrowed from the trace: one per position */
  guint          position;
  double         quantile;
  guint          play_id;
  gboolean       active;

  /* borrowed, weak */
  OpmCanvas     *canvas;
  OpmCanvas     *drawn_on;
};

G_DEFINE_FINAL_TYPE (OpmReplay, opm_replay, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_N_POSITIONS,
  PROP_QUANTILE,
  PROP_PLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OpmSimStep *
step_at (OpmReplay *self,
         guint      position)
{
  g_assert (position > 0 && position <= self->trace->steps->len);

  return &g_array_index (self->trace->steps, OpmSimStep, position - 1);
}

/* The clock when @position is reached. */
static double
time_at (OpmReplay *self,
         guint      position)
{
  const OpmSimStep *step;

  if (position == 0)
    return self->trace->start;

  step = step_at (self, position);
  return step->time + step->duration;
}

static char *
elapsed_text (double minutes)
{
  g_autofree char *text = NULL;

  if (minutes < 0.5)
    return g_strdup (_("+0 min"));

  text = opm_chart_format_minutes (minutes);
  return g_strdup_printf ("+%s", text);
}

/* "waits 15 min" or "works 20 min" */
static char *
spent_text (const OpmSimStep *step)
{
  g_autofree char *minutes = opm_chart_format_minutes (step->duration);

  return step->waiting ? g_strdup_printf (_("waits %s"), minutes) : g_strdup_printf (_("works %s"), minutes);
}

/* "Diagnose · Application Support works 40 min"; "Release · waits 60 min"
 * when nobody in particular holds it (an approval, the clock). */
static char *
step_heading (OpmReplay *self,
              guint      position)
{
  const OpmSimStep *step;
  g_autofree char *spent = NULL;

  if (position == 0)
    return g_strdup_printf (_("%s fails"), opm_service_get_name (self->trace->service));

  step = step_at (self, position);
  spent = spent_text (step);
  if (step->team == NULL)
    return g_strdup_printf (_("%s · %s"), opm_sim_stage_get_label (step->stage), spent);
  return g_strdup_printf (_("%s · %s %s"), opm_sim_stage_get_label (step->stage), opm_team_get_name (step->team),
                          spent);
}

static char *
start_note (OpmReplay *self)
{
  g_autofree char *when = opm_sim_format_start (self->trace->start);

  return g_strdup_printf (_("%s fails at %s (P%u)"), opm_service_get_name (self->trace->service), when,
                          self->trace->priority);
}

/* The diagram */

static gboolean
scenario_matches (OpmReplay *self,
                  OpmCanvas *canvas)
{
  return canvas != NULL && self->trace != NULL &&
         opm_element_get_scenario (OPM_ELEMENT (self->trace->service)) == opm_canvas_get_scenario (canvas);
}

static void
clear_overlay (OpmReplay *self)
{
  if (self->drawn_on != NULL)
    {
      opm_painter_set_incident (opm_canvas_get_painter (self->drawn_on), NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self->drawn_on));
    }
  g_clear_weak_pointer (&self->drawn_on);
}

/* Brings @element into view unless the canvas shows it already; a canvas
 * zoomed too far out to read the cards is zoomed in first. */
static void
keep_in_view (OpmCanvas  *canvas,
              OpmElement *element)
{
  OpmRect visible, bounds;

  if (opm_canvas_get_zoom (canvas) < READABLE_ZOOM)
    {
      opm_canvas_set_zoom (canvas, READABLE_ZOOM);
      opm_canvas_scroll_to (canvas, element);
      return;
    }

  opm_canvas_get_visible_area (canvas, &visible);
  if (!opm_painter_get_element_bounds (opm_canvas_get_painter (canvas), element, &bounds))
    return;

  if (bounds.x < visible.x || bounds.y < visible.y || bounds.x + bounds.width > visible.x + visible.width ||
      bounds.y + bounds.height > visible.y + visible.height)
    opm_canvas_scroll_to (canvas, element);
}

static void
update_overlay (OpmReplay *self)
{
  g_autoptr(GPtrArray) affected = NULL;
  g_autoptr(GArray) impacts = NULL;
  g_autoptr(GPtrArray) route = NULL;
  g_autoptr(GPtrArray) legs = NULL;
  g_autofree char *when = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *note = NULL;
  OpmIncidentView view = { 0 };
  OpmElement *holder;

  if (!self->active || !scenario_matches (self, self->canvas))
    {
      clear_overlay (self);
      return;
    }

  if (self->drawn_on != self->canvas)
    {
      clear_overlay (self);
      g_set_weak_pointer (&self->drawn_on, self->canvas);
    }

  affected = g_ptr_array_new ();
  impacts = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < self->trace->affected->len; i++)
    {
      const OpmSimAffected *entry = &g_array_index (self->trace->affected, OpmSimAffected, i);

      g_ptr_array_add (affected, entry->service);
      g_array_append_val (impacts, entry->impact);
    }

  /* Who held it, each once in a row, and how long each move took. */
  route = g_ptr_array_new ();
  legs = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (route, g_ptr_array_index (self->holders, 0));
  for (guint k = 1; k <= self->position; k++)
    {
      OpmElement *next = g_ptr_array_index (self->holders, k);

      if (next == g_ptr_array_index (route, route->len - 1))
        continue;
      g_ptr_array_add (route, next);
      g_ptr_array_add (legs, spent_text (step_at (self, k)));
    }

  when = opm_sim_format_start (time_at (self, self->position));
  elapsed = elapsed_text (time_at (self, self->position) - self->trace->start);
  clock = g_strdup_printf ("%s · %s", when, elapsed);
  note = self->position == 0 ? start_note (self) : g_strdup (step_at (self, self->position)->why);

  view.service = self->trace->service;
  view.affected = affected;
  view.impacts = (const double *) (gpointer) impacts->data;
  view.route = route;
  view.legs = legs;
  view.clock = clock;
  view.note = note;
  view.waiting = self->position > 0 && step_at (self, self->position)->waiting;
  opm_painter_set_incident (opm_canvas_get_painter (self->canvas), &view);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));

  holder = g_ptr_array_index (self->holders, self->position);
  keep_in_view (self->canvas, holder);
}

/* The labels and the list */

static void
scroll_to_row (OpmReplay     *self,
               GtkListBoxRow *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->steps_scroller);
  graphene_point_t top;
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  int height = gtk_widget_get_height (GTK_WIDGET (row));

  if (!gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self->step_list), &GRAPHENE_POINT_INIT (0, 0), &top))
    return;

  if (top.y < value)
    gtk_adjustment_set_value (adjustment, top.y);
  else if (top.y + height > value + page)
    gtk_adjustment_set_value (adjustment, top.y + height - page);
}

static void
update_labels (OpmReplay *self)
{
  g_autofree char *when = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *position = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *why = NULL;
  GtkListBoxRow *row;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.previous", self->trace != NULL && self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.first", self->trace != NULL && self->position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.next",
                                 self->trace != NULL && self->position < self->trace->steps->len);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.last",
                                 self->trace != NULL && self->position < self->trace->steps->len);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "replay.play", self->trace != NULL);

  gtk_button_set_icon_name (self->play_button,
                            self->play_id != 0 ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), self->play_id != 0 ? _("Pause (F6)") : _("Play (F6)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->play_id != 0 ? _("Pause") : _("Play"), -1);

  if (self->trace == NULL)
    return;

  when = opm_sim_format_start (time_at (self, self->position));
  elapsed = elapsed_text (time_at (self, self->position) - self->trace->start);
  position = g_strdup_printf (_("Step %u of %u"), self->position, self->trace->steps->len);

  holder = step_heading (self, self->position);
  why = self->position == 0 ? start_note (self) : g_strdup (step_at (self, self->position)->why);

  gtk_label_set_text (self->clock_label, when);
  gtk_label_set_text (self->elapsed_label, elapsed);
  gtk_label_set_text (self->holder_label, holder);
  gtk_label_set_text (self->why_label, why);
  gtk_label_set_text (self->position_label, position);

  row = gtk_list_box_get_row_at_index (self->step_list, (int) self->position);
  if (row != NULL && gtk_list_box_get_selected_row (self->step_list) != row)
    gtk_list_box_select_row (self->step_list, row);
  if (row != NULL)
    scroll_to_row (self, row);
}

static GtkWidget *
step_row (const char *clock,
          const char *elapsed,
          const char *heading,
          const char *body,
          gboolean    waiting)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *times = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *time_label = gtk_label_new (clock);
  GtkWidget *elapsed_label = gtk_label_new (elapsed);
  GtkWidget *heading_label = gtk_label_new (heading);
  GtkWidget *body_label = gtk_label_new (body);
  g_autofree char *accessible = g_strdup_printf ("%s, %s. %s. %s", clock, elapsed, heading, body);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_add_css_class (time_label, "numeric");
  gtk_widget_add_css_class (time_label, "heading");
  gtk_widget_add_css_class (elapsed_label, "numeric");
  gtk_widget_add_css_class (elapsed_label, "dim-label");
  gtk_widget_add_css_class (elapsed_label, "caption");
  gtk_label_set_xalign (GTK_LABEL (time_label), 0);
  gtk_label_set_xalign (GTK_LABEL (elapsed_label), 0);
  gtk_widget_set_size_request (times, 90, -1);

  gtk_label_set_xalign (GTK_LABEL (heading_label), 0);
  gtk_label_set_wrap (GTK_LABEL (heading_label), TRUE);
  gtk_widget_add_css_class (heading_label, "heading");
  if (waiting)
    gtk_widget_add_css_class (heading_label, "warning");
  gtk_label_set_xalign (GTK_LABEL (body_label), 0);
  gtk_label_set_wrap (GTK_LABEL (body_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (body_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (text, TRUE);

  gtk_box_append (GTK_BOX (times), time_label);
  gtk_box_append (GTK_BOX (times), elapsed_label);
  gtk_box_append (GTK_BOX (text), heading_label);
  gtk_box_append (GTK_BOX (text), body_label);
  gtk_box_append (GTK_BOX (box), times);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return row;
}

static void
rebuild_steps (OpmReplay *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->step_list))) != NULL)
    gtk_list_box_remove (self->step_list, child);

  if (self->trace == NULL)
    return;

  for (guint k = 0; k <= self->trace->steps->len; k++)
    {
      g_autofree char *when = opm_sim_format_start (time_at (self, k));
      g_autofree char *elapsed = elapsed_text (time_at (self, k) - self->trace->start);
      g_autofree char *heading = step_heading (self, k);
      g_autofree char *body = k == 0 ? start_note (self) : g_strdup (step_at (self, k)->why);
      gboolean waiting = k > 0 && step_at (self, k)->waiting;

      gtk_list_box_append (self->step_list, step_row (when, elapsed, heading, body, waiting));
    }
}

/* The trace */

static void
load_trace (OpmReplay *self)
{
  g_autofree char *incident = NULL;
  g_autofree char *when = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *loss = NULL;
  g_autofree char *handoffs = NULL;
  guint run;

  opm_replay_set_playing (self, FALSE);
  g_clear_pointer (&self->trace, opm_sim_trace_free);
  g_ptr_array_set_size (self->holders, 0);
  self->position = 0;

  if (self->simulation != NULL && self->result != NULL && self->result->per_run->len > 0)
    {
      run = opm_sim_result_typical_run (self->result, self->quantile);
      self->trace = opm_simulation_trace (self->simulation, run);

      /* Who holds it at each position: nobody yet is the service itself,
       * and a step of nobody in particular (an approval, the clock) leaves
       * it where it was. */
      g_ptr_array_add (self->holders, self->trace->service);
      for (guint k = 1; k <= self->trace->steps->len; k++)
        {
          OpmTeam *team = step_at (self, k)->team;

          g_ptr_array_add (self->holders, team != NULL ? (gpointer) team
                                                       : g_ptr_array_index (self->holders, k - 1));
        }

      when = opm_sim_format_start (self->trace->start);
      restored = opm_chart_format_minutes (self->trace->time_to_restore);
      loss = opm_sim_format_money (self->result->currency, self->trace->loss);
      handoffs = g_strdup_printf (ngettext ("%u handoff", "%u handoffs", self->trace->handoffs),
                                  self->trace->handoffs);
      /* Translators: e.g. "Run 4,211 of 10,000: Content service fails at Mon 08:00 (P1), is restored in
       * 5 h 2 min after 3 handoffs and costs $ 1,500,000." */
      incident = g_strdup_printf (_("Run %u of %u: %s fails at %s (P%u), is restored in %s after %s and costs %s."),
                                  run + 1, self->result->runs, opm_service_get_name (self->trace->service), when,
                                  self->trace->priority, restored, handoffs, loss);
      gtk_label_set_text (self->incident_label, incident);
    }

  gtk_stack_set_visible_child_name (self->stack, self->trace != NULL ? "replay" : "empty");
  rebuild_steps (self);
  update_labels (self);
  update_overlay (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POSITIONS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* Playing */

static gboolean
play_tick (gpointer data)
{
  OpmReplay *self = data;

  if (self->trace == NULL || self->position >= self->trace->steps->len)
    {
      self->play_id = 0;
      update_labels (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
      return G_SOURCE_REMOVE;
    }

  opm_replay_set_position (self, self->position + 1);
  return G_SOURCE_CONTINUE;
}

/* Actions */

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OpmReplay *self = OPM_REPLAY (widget);

  if (self->trace == NULL)
    return;

  opm_replay_set_playing (self, FALSE);
  if (g_str_equal (action_name, "replay.first"))
    opm_replay_set_position (self, 0);
  else if (g_str_equal (action_name, "replay.last"))
    opm_replay_set_position (self, self->trace->steps->len);
  else
    opm_replay_step (self, g_str_equal (action_name, "replay.next") ? 1 : -1);
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OpmReplay *self = OPM_REPLAY (widget);

  opm_replay_set_playing (self, !opm_replay_get_playing (self));
}

static void
on_row_selected (OpmReplay     *self,
                 GtkListBoxRow *row)
{
  if (row != NULL)
    opm_replay_set_position (self, (guint) gtk_list_box_row_get_index (row));
}

/* Public */

GtkWidget *
opm_replay_new (void)
{
  return g_object_new (OPM_TYPE_REPLAY, NULL);
}

/**
 * opm_replay_set_simulation:
 * @simulation: (nullable): the simulation that made @result
 * @result: (nullable): its result, to pick the run to replay from
 *
 * Replays the run of @result at the replay's quantile, from the start.
 */
void
opm_replay_set_simulation (OpmReplay     *self,
                           OpmSimulation *simulation,
                           OpmSimResult  *result)
{
  g_return_if_fail (OPM_IS_REPLAY (self));
  g_return_if_fail (simulation == NULL || OPM_IS_SIMULATION (simulation));

  g_set_object (&self->simulation, simulation);
  if (self->result != result)
    {
      g_clear_pointer (&self->result, opm_sim_result_unref);
      self->result = result != NULL ? opm_sim_result_ref (result) : NULL;
    }

  load_trace (self);
}

/**
 * opm_replay_set_canvas:
 * @canvas: (nullable): the diagram shown; the replay draws on it when it
 *   shows the scenario simulated
 */
void
opm_replay_set_canvas (OpmReplay *self,
                       OpmCanvas *canvas)
{
  g_return_if_fail (OPM_IS_REPLAY (self));
  g_return_if_fail (canvas == NULL || OPM_IS_CANVAS (canvas));

  if (self->canvas == canvas)
    return;

  g_set_weak_pointer (&self->canvas, canvas);
  update_overlay (self);
}

/**
 * opm_replay_set_active:
 *
 * Whether the replay is in view: only then is it drawn on the diagram.
 */
void
opm_replay_set_active (OpmReplay *self,
                       gboolean   active)
{
  g_return_if_fail (OPM_IS_REPLAY (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  if (!active)
    opm_replay_set_playing (self, FALSE);
  update_overlay (self);
}

const OpmSimTrace *
opm_replay_get_trace (OpmReplay *self)
{
  g_return_val_if_fail (OPM_IS_REPLAY (self), NULL);

  return self->trace;
}

guint
opm_replay_get_position (OpmReplay *self)
{
  g_return_val_if_fail (OPM_IS_REPLAY (self), 0);

  return self->position;
}

/**
 * opm_replay_set_position:
 * @position: 0, the failure, to the number of steps, the restore
 */
void
opm_replay_set_position (OpmReplay *self,
                         guint      position)
{
  g_return_if_fail (OPM_IS_REPLAY (self));

  if (self->trace == NULL)
    return;

  position = MIN (position, self->trace->steps->len);
  if (self->position == position)
    return;

  self->position = position;
  update_labels (self);
  update_overlay (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * opm_replay_get_n_positions:
 *
 * Returns: the failure and one position a step, or 0 with nothing to replay
 */
guint
opm_replay_get_n_positions (OpmReplay *self)
{
  g_return_val_if_fail (OPM_IS_REPLAY (self), 0);

  return self->trace != NULL ? self->trace->steps->len + 1 : 0;
}

void
opm_replay_step (OpmReplay *self,
                 int        delta)
{
  g_return_if_fail (OPM_IS_REPLAY (self));

  if (self->trace == NULL || (delta < 0 && (guint) -delta > self->position))
    opm_replay_set_position (self, 0);
  else
    opm_replay_set_position (self, self->position + delta);
}

double
opm_replay_get_quantile (OpmReplay *self)
{
  g_return_val_if_fail (OPM_IS_REPLAY (self), 0.5);

  return self->quantile;
}

/**
 * opm_replay_set_quantile:
 * @quantile: which run to replay: 0.5 a typical (median) incident, 0.9 a
 *   bad one
 */
void
opm_replay_set_quantile (OpmReplay *self,
                         double     quantile)
{
  g_return_if_fail (OPM_IS_REPLAY (self));

  quantile = CLAMP (quantile, 0.0, 1.0);
  if (self->quantile == quantile)
    return;

  self->quantile = quantile;
  load_trace (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTILE]);
}

gboolean
opm_replay_get_playing (OpmReplay *self)
{
  g_return_val_if_fail (OPM_IS_REPLAY (self), FALSE);

  return self->play_id != 0;
}

/**
 * opm_replay_set_playing:
 *
 * Steps on by itself, one step every 1.6 s, until the end; played from
 * the end, it starts over.
 */
void
opm_replay_set_playing (OpmReplay *self,
                        gboolean   playing)
{
  g_return_if_fail (OPM_IS_REPLAY (self));

  playing = !!playing && self->trace != NULL;
  if ((self->play_id != 0) == playing)
    return;

  if (playing)
    {
      if (self->position >= self->trace->steps->len)
        opm_replay_set_position (self, 0);
      self->play_id = g_timeout_add (PLAY_INTERVAL_MS, play_tick, self);
    }
  else
    g_clear_handle_id (&self->play_id, g_source_remove);

  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* GObject */

static void
opm_replay_dispose (GObject *object)
{
  OpmReplay *self = OPM_REPLAY (object);
  GtkWidget *child;

  g_clear_handle_id (&self->play_id, g_source_remove);
  clear_overlay (self);
  g_clear_weak_pointer (&self->canvas);
  g_clear_object (&self->simulation);
  g_clear_pointer (&self->result, opm_sim_result_unref);
  g_clear_pointer (&self->trace, opm_sim_trace_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), OPM_TYPE_REPLAY);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (opm_replay_parent_class)->dispose (object);
}

static void
opm_replay_finalize (GObject *object)
{
  OpmReplay *self = OPM_REPLAY (object);

  g_ptr_array_unref (self->holders);

  G_OBJECT_CLASS (opm_replay_parent_class)->finalize (object);
}

static void
opm_replay_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OpmReplay *self = OPM_REPLAY (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_N_POSITIONS:
      g_value_set_uint (value, opm_replay_get_n_positions (self));
      break;
    case PROP_QUANTILE:
      g_value_set_double (value, self->quantile);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, opm_replay_get_playing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_replay_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OpmReplay *self = OPM_REPLAY (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      opm_replay_set_position (self, g_value_get_uint (value));
      break;
    case PROP_QUANTILE:
      opm_replay_set_quantile (self, g_value_get_double (value));
      break;
    case PROP_PLAYING:
      opm_replay_set_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_replay_class_init (OpmReplayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opm_replay_dispose;
  object_class->finalize = opm_replay_finalize;
  object_class->get_property = opm_replay_get_property;
  object_class->set_property = opm_replay_set_property;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_POSITIONS] =
    g_param_spec_uint ("n-positions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUANTILE] =
    g_param_spec_double ("quantile", NULL, NULL, 0, 1, 0.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/opmodel/Opmodel/opm-replay.ui");
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, stack);
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, incident_label);
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, clock_label);
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, holder_label);
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, why_label);
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, position_label);
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, play_button);
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, step_list);
  gtk_widget_class_bind_template_child (widget_class, OpmReplay, steps_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);

  gtk_widget_class_install_action (widget_class, "replay.first", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "replay.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "replay.next", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "replay.last", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "replay.play", NULL, play_action);
  gtk_widget_class_install_property_action (widget_class, "replay.quantile", "quantile");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "replay.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_ALT_MASK, "replay.last", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "opmreplay");
}

static void
opm_replay_init (OpmReplay *self)
{
  self->quantile = 0.5;
  self->holders = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  update_labels (self);
}
