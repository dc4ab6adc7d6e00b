/* opm-outline.c — the elements of a scenario as a list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything on the canvas, readable and reachable without it: teams,
 * services, responsibilities, dependencies, notes and groups, each with its
 * kind. Activating a row emits ::element-activated, which the window uses to
 * show the element on the canvas.
 */

#define G_LOG_DOMAIN "opm-outline"

#include "config.h"

#include <glib/gi18n.h>

#include "opm-outline.h"

struct _OpmOutline
{
  GtkWidget           parent_instance;

  /* template */
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkSearchEntry     *search_entry;
  GtkFilterListModel *filtered;
  GtkLabel           *count_label;

  /* owned */
  OpmScenario        *scenario;
  GListStore         *lists;
  GtkFlattenListModel *flat;
  GtkStringFilter    *filter;
};

G_DEFINE_FINAL_TYPE (OpmOutline, opm_outline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCENARIO,
  N_PROPS
};

enum {
  ELEMENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
search_text (GObject *item)
{
  g_autofree char *text = opm_element_dup_description (OPM_ELEMENT (item));

  return g_strdup_printf ("%s %s", opm_element_get_kind_name (OPM_ELEMENT (item)), text);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_add_css_class (kind, "caption");
  gtk_label_set_width_chars (GTK_LABEL (kind), 12);
  gtk_label_set_xalign (GTK_LABEL (kind), 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  OpmElement *element = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *kind = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (kind);
  g_autofree char *text = opm_element_dup_description (element);
  g_autofree char *accessible = g_strdup_printf ("%s: %s", opm_element_get_kind_name (element), text);

  gtk_label_set_text (GTK_LABEL (kind), opm_element_get_kind_name (element));
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
on_activate (GtkListView *list_view,
             guint        position,
             OpmOutline  *self)
{
  g_autoptr(OpmElement) element = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (element != NULL)
    g_signal_emit (self, signals[ELEMENT_ACTIVATED], 0, element);
}

static void
update_count (OpmOutline *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u element", "%u elements", n), n);

  gtk_label_set_text (self->count_label, text);
}

static void
opm_outline_dispose (GObject *object)
{
  OpmOutline *self = OPM_OUTLINE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), OPM_TYPE_OUTLINE);

  /* the template's box has no id, so it is not disposed with the template */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->scenario);
  g_clear_object (&self->lists);
  g_clear_object (&self->flat);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (opm_outline_parent_class)->dispose (object);
}

static void
opm_outline_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OpmOutline *self = OPM_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_outline_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OpmOutline *self = OPM_OUTLINE (object);

  switch (prop_id)
    {
    case PROP_SCENARIO:
      opm_outline_set_scenario (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_outline_class_init (OpmOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opm_outline_dispose;
  object_class->get_property = opm_outline_get_property;
  object_class->set_property = opm_outline_set_property;

  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL, OPM_TYPE_SCENARIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OpmOutline::element-activated:
   * @element: the element of the activated row
   */
  signals[ELEMENT_ACTIVATED] =
    g_signal_new ("element-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, OPM_TYPE_ELEMENT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/opmodel/Opmodel/opm-outline.ui");
  gtk_widget_class_bind_template_child (widget_class, OpmOutline, list_view);
  gtk_widget_class_bind_template_child (widget_class, OpmOutline, selection);
  gtk_widget_class_bind_template_child (widget_class, OpmOutline, search_entry);
  gtk_widget_class_bind_template_child (widget_class, OpmOutline, filtered);
  gtk_widget_class_bind_template_child (widget_class, OpmOutline, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "opmoutline");
}

static void
opm_outline_init (OpmOutline *self)
{
  GtkListItemFactory *factory;
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->lists = g_list_store_new (G_TYPE_LIST_MODEL);
  self->flat = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->lists)));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (search_text), NULL, NULL);
  self->filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  g_object_bind_property (self->search_entry, "text", self->filter, "search", G_BINDING_SYNC_CREATE);

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (self->flat));
  gtk_filter_list_model_set_filter (self->filtered, GTK_FILTER (self->filter));
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  update_count (self);
}

GtkWidget *
opm_outline_new (void)
{
  return g_object_new (OPM_TYPE_OUTLINE, NULL);
}

OpmScenario *
opm_outline_get_scenario (OpmOutline *self)
{
  g_return_val_if_fail (OPM_IS_OUTLINE (self), NULL);
  return self->scenario;
}

void
opm_outline_set_scenario (OpmOutline  *self,
                          OpmScenario *scenario)
{
  g_return_if_fail (OPM_IS_OUTLINE (self));

  if (!g_set_object (&self->scenario, scenario))
    return;

  g_list_store_remove_all (self->lists);

  if (scenario != NULL)
    {
      /* the order people look for things: teams and services first */
      g_list_store_append (self->lists, opm_scenario_get_teams (scenario));
      g_list_store_append (self->lists, opm_scenario_get_services (scenario));
      g_list_store_append (self->lists, opm_scenario_get_responsibilities (scenario));
      g_list_store_append (self->lists, opm_scenario_get_dependencies (scenario));
      g_list_store_append (self->lists, opm_scenario_get_notes (scenario));
      g_list_store_append (self->lists, opm_scenario_get_groups (scenario));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
}

/**
 * opm_outline_get_model:
 *
 * Returns: (transfer none): the listed elements, after the search filter
 */
GListModel *
opm_outline_get_model (OpmOutline *self)
{
  g_return_val_if_fail (OPM_IS_OUTLINE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}
