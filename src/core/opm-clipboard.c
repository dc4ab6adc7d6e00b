/* opm-clipboard.c — elements as clipboard data, and pictures of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is copied is a small .opmodel document: copies of the chosen teams,
 * services, notes and groups, with the responsibilities and dependencies
 * whose both ends were chosen. Pasting reads it with the same safe loader as
 * files, so hostile clipboard data is refused the way a hostile file is, and
 * adds the elements as one undoable step, renaming ids that are taken and
 * moving the copies by an offset. For slides, the same selection can be
 * rendered on its own as SVG or PNG.
 */

#define G_LOG_DOMAIN "opm-clipboard"

#include "config.h"

#include "opm-clipboard.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "opm-connector.h"
#include "opm-dependency.h"
#include "opm-element-private.h"
#include "opm-error.h"
#include "opm-group.h"
#include "opm-node.h"
#include "opm-note.h"
#include "opm-painter.h"
#include "opm-responsibility.h"
#include "opm-service.h"
#include "opm-team.h"

/* The chosen elements and the connectors among them, in the order the
 * scenario lists them, or NULL with @error set. */
static GPtrArray *
collect_selection (OpmScenario  *scenario,
                   GPtrArray    *elements,
                   GError      **error)
{
  g_autoptr(GHashTable) chosen = g_hash_table_new (NULL, NULL);
  GPtrArray *selection;
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);

  for (guint i = 0; i < elements->len; i++)
    {
      OpmElement *element = g_ptr_array_index (elements, i);

      if (!OPM_IS_ELEMENT (element) || opm_element_get_scenario (element) != scenario)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                       "only elements of the scenario can be copied");
          return NULL;
        }

      /* Connectors come with their ends, never alone. */
      if (OPM_IS_NODE (element))
        g_hash_table_add (chosen, element);
    }

  if (g_hash_table_size (chosen) == 0)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED,
                   _("Select teams, services, notes or groups to copy"));
      return NULL;
    }

  selection = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 0; k < n_types; k++)
    {
      GListModel *list = opm_scenario_get_elements (scenario, types[k]);
      guint n = g_list_model_get_n_items (list);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(OpmElement) element = g_list_model_get_item (list, i);
          gboolean take;

          if (OPM_IS_CONNECTOR (element))
            take = g_hash_table_contains (chosen, opm_connector_get_source (OPM_CONNECTOR (element))) &&
                   g_hash_table_contains (chosen, opm_connector_get_target (OPM_CONNECTOR (element)));
          else
            take = g_hash_table_contains (chosen, element);

          if (take)
            g_ptr_array_add (selection, g_steal_pointer (&element));
        }
    }

  return selection;
}

/* A detached copy of @element with every attribute but its references. */
static OpmElement *
copy_element (OpmElement *element)
{
  OpmElement *copy = g_object_new (G_OBJECT_TYPE (element), NULL);

  _opm_object_copy_props (G_OBJECT (copy), G_OBJECT (element));
  if (OPM_IS_TEAM (element))
    _opm_object_copy_props (G_OBJECT (opm_team_get_contract (OPM_TEAM (copy))),
                            G_OBJECT (opm_team_get_contract (OPM_TEAM (element))));

  return copy;
}

/* Points the references of @copy to the elements of @scenario that have the
 * ids of those of @original, or their new ids in @renamed. */
static void
wire_references (OpmElement  *copy,
                 OpmElement  *original,
                 OpmScenario *scenario,
                 GHashTable  *renamed)
{
  GPtrArray *serial = _opm_object_serial_props (G_OBJECT_GET_CLASS (original));

  for (guint p = 0; p < serial->len; p++)
    {
      GParamSpec *pspec = g_ptr_array_index (serial, p);
      const OpmPropInfo *info = _opm_prop_info (pspec);
      OpmElement *target;
      const char *id;
      g_auto(GValue) value = G_VALUE_INIT;

      if (info->kind != OPM_PROP_ELEMENT)
        continue;

      target = OPM_PROP_FIELD (original, info, OpmElement *);
      if (target == NULL)
        continue;

      id = opm_element_get_id (target);
      if (renamed != NULL && g_hash_table_contains (renamed, id))
        id = g_hash_table_lookup (renamed, id);

      g_value_init (&value, pspec->value_type);
      g_value_set_object (&value, opm_scenario_lookup (scenario, id));
      g_assert (g_value_get_object (&value) != NULL);
      _opm_prop_set_value (G_OBJECT (copy), info, &value);
    }
}

/**
 * opm_clipboard_copy:
 * @scenario: the scenario the elements belong to
 * @elements: (element-type OpmElement): the chosen elements; connectors are
 *   taken when both their ends are among them
 *
 * Returns: (transfer full) (nullable): the elements as a small .opmodel
 *   document of type %OPM_CLIPBOARD_MIME_TYPE, whose metadata names the
 *   document and scenario they came from
 */
GBytes *
opm_clipboard_copy (OpmScenario  *scenario,
                    GPtrArray    *elements,
                    GError      **error)
{
  g_autoptr(GPtrArray) selection = NULL;
  g_autoptr(OpmDocument) clip = NULL;
  OpmDocument *source;
  OpmScenario *target;
  g_autofree char *description = NULL;

  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (elements != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  selection = collect_selection (scenario, elements, error);
  if (selection == NULL)
    return NULL;

  source = opm_scenario_get_document (scenario);
  clip = opm_document_new ();
  target = opm_document_get_scenario (clip, 0);

  if (source != NULL && opm_document_get_title (source)[0] != '\0')
    description = g_strdup_printf ("Copied from the scenario “%s” of “%s”", opm_scenario_get_name (scenario),
                                   opm_document_get_title (source));
  else
    description = g_strdup_printf ("Copied from the scenario “%s”", opm_scenario_get_name (scenario));

  g_object_set (target, "name", opm_scenario_get_name (scenario), NULL);
  g_object_set (clip, "description", description, NULL);
  if (source != NULL)
    g_object_set (clip,
                  "title", opm_document_get_title (source),
                  "organisation", opm_document_get_organisation (source),
                  "author", opm_document_get_author (source),
                  "currency", opm_document_get_currency (source),
                  NULL);

  /* Nodes come before connectors in the selection, so references resolve. */
  for (guint i = 0; i < selection->len; i++)
    {
      OpmElement *element = g_ptr_array_index (selection, i);
      g_autoptr(OpmElement) copy = copy_element (element);

      wire_references (copy, element, target, NULL);
      if (!opm_document_add_element (clip, target, copy, error))
        return NULL;
    }

  return opm_document_serialize (clip);
}

/* Sets a coordinate of a detached copy, refusing values out of range. */
static gboolean
set_coordinate (OpmElement  *element,
                const char  *name,
                double       value,
                GError     **error)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (element), name);
  g_auto(GValue) v = G_VALUE_INIT;

  g_value_init (&v, G_TYPE_DOUBLE);
  g_value_set_double (&v, value);
  if (!_opm_prop_check_value (pspec, &v, error))
    return FALSE;

  g_object_set_property (G_OBJECT (element), name, &v);
  return TRUE;
}

/* Moves a copy by (@dx, @dy) before it is added. */
static gboolean
offset_element (OpmElement  *element,
                double       dx,
                double       dy,
                GError     **error)
{
  if (OPM_IS_NODE (element))
    return set_coordinate (element, "x", opm_node_get_x (OPM_NODE (element)) + dx, error) &&
           set_coordinate (element, "y", opm_node_get_y (OPM_NODE (element)) + dy, error);

  if (OPM_IS_CONNECTOR (element))
    {
      g_autoptr(GArray) points = NULL;
      g_autoptr(GString) route = g_string_new (NULL);

      if (!opm_connector_parse_waypoints (opm_connector_get_waypoints (OPM_CONNECTOR (element)), &points, error))
        return FALSE;

      for (guint i = 0; i + 1 < points->len; i += 2)
        {
          if (route->len > 0)
            g_string_append_c (route, ' ');
          _opm_format_double (route, g_array_index (points, double, i) + dx);
          g_string_append_c (route, ',');
          _opm_format_double (route, g_array_index (points, double, i + 1) + dy);
        }

      if (!opm_connector_parse_waypoints (route->str, NULL, error))
        return FALSE;
      g_object_set (element, "waypoints", route->str, NULL);
    }

  return TRUE;
}

/* Refuses what opm_document_add_element() would refuse, before anything
 * changes; references are checked when the copies are added. */
static gboolean
check_element (OpmElement  *element,
               GError     **error)
{
  GPtrArray *serial = _opm_object_serial_props (G_OBJECT_GET_CLASS (element));

  for (guint i = 0; i < serial->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (serial, i);
      g_auto(GValue) value = G_VALUE_INIT;

      if (_opm_prop_info (pspec)->kind == OPM_PROP_ELEMENT)
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (element), pspec->name, &value);
      if (!_opm_prop_check_value (pspec, &value, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * opm_clipboard_paste:
 * @scenario: where to paste, a scenario of @document
 * @data: what opm_clipboard_copy() gave, from any document
 * @dx: how far to move the copies right, in document units
 * @dy: how far to move them down
 *
 * Adds copies of the elements in @data to @scenario as one undoable step
 * called "Paste". Ids that are free in @scenario are kept, so that scenarios
 * can still be compared element by element; taken ones are replaced by new
 * ids and references follow them. Data that is not a valid clipboard
 * document is refused with the loader's error and nothing changes.
 *
 * Returns: (transfer container) (element-type OpmElement) (nullable): the
 *   added elements
 */
GPtrArray *
opm_clipboard_paste (OpmDocument  *document,
                     OpmScenario  *scenario,
                     GBytes       *data,
                     double        dx,
                     double        dy,
                     GError      **error)
{
  g_autoptr(OpmDocument) clip = NULL;
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GHashTable) renamed = NULL;
  g_autoptr(GPtrArray) originals = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) added = NULL;
  OpmScenario *source;
  const char *bytes;
  gsize length;
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);

  g_return_val_if_fail (OPM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (opm_scenario_get_document (scenario) != document)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                   "the scenario is not part of this document");
      return NULL;
    }

  if (!isfinite (dx) || !isfinite (dy))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   "a paste offset must be a finite number");
      return NULL;
    }

  bytes = g_bytes_get_data (data, &length);
  clip = opm_document_load_from_data (bytes != NULL ? bytes : "", length, _("Clipboard"), error);
  if (clip == NULL)
    return NULL;

  source = opm_document_get_scenario (clip, 0);

  /* Which ids stay and which are renamed, before anything is added. */
  originals = g_ptr_array_new_with_free_func (g_object_unref);
  taken = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < n_types; k++)
    {
      GListModel *list = opm_scenario_get_elements (source, types[k]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          OpmElement *element = g_list_model_get_item (list, i);

          g_ptr_array_add (originals, element);
          if (opm_scenario_lookup (scenario, opm_element_get_id (element)) == NULL)
            g_hash_table_add (taken, (gpointer) opm_element_get_id (element));
        }
    }

  renamed = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < originals->len; i++)
    {
      OpmElement *element = g_ptr_array_index (originals, i);
      const char *id = opm_element_get_id (element);
      char *fresh;

      if (opm_scenario_lookup (scenario, id) == NULL)
        continue;

      for (fresh = opm_scenario_generate_id (scenario, opm_element_get_tag (element));
           g_hash_table_contains (taken, fresh);
           fresh = opm_scenario_generate_id (scenario, opm_element_get_tag (element)))
        g_free (fresh);

      g_hash_table_insert (renamed, (gpointer) id, fresh);
      g_hash_table_add (taken, fresh);
    }

  /* The copies, checked before the first is added: a paste is whole or nothing. */
  copies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < originals->len; i++)
    {
      OpmElement *element = g_ptr_array_index (originals, i);
      OpmElement *copy = copy_element (element);
      const char *fresh = g_hash_table_lookup (renamed, opm_element_get_id (element));

      g_ptr_array_add (copies, copy);
      if (fresh != NULL)
        _opm_element_set_id (copy, fresh);

      if (!offset_element (copy, dx, dy, error) || !check_element (copy, error))
        return NULL;
    }

  added = g_ptr_array_new ();

  opm_document_begin_group (document, _("Paste"));

  for (guint i = 0; i < originals->len; i++)
    {
      OpmElement *element = g_ptr_array_index (originals, i);
      OpmElement *copy = g_ptr_array_index (copies, i);
      g_autoptr(GError) local_error = NULL;

      /* Nodes were added first: point the connectors at their copies. */
      if (OPM_IS_CONNECTOR (element))
        wire_references (copy, element, scenario, renamed);

      if (!opm_document_add_element (document, scenario, copy, &local_error))
        {
          /* Not expected after the checks above; take back what was added. */
          opm_document_end_group (document);
          if (added->len > 0)
            opm_document_undo (document);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_ptr_array_add (added, copy);
    }

  opm_document_end_group (document);

  return g_steal_pointer (&added);
}

/* Drawing order of the painter: frames under lines under cards under notes. */
static const GType *
draw_order (guint *n_types)
{
  static GType order[6];

  if (order[0] == 0)
    {
      order[0] = OPM_TYPE_GROUP;
      order[1] = OPM_TYPE_DEPENDENCY;
      order[2] = OPM_TYPE_RESPONSIBILITY;
      order[3] = OPM_TYPE_TEAM;
      order[4] = OPM_TYPE_SERVICE;
      order[5] = OPM_TYPE_NOTE;
    }

  *n_types = G_N_ELEMENTS (order);
  return order;
}

typedef struct
{
  OpmPainter *painter;
  GPtrArray  *drawing;
} Picture;

static void
draw_picture (OpmRenderer *renderer,
              double       detail,
              gpointer     data)
{
  Picture *picture = data;

  for (guint i = 0; i < picture->drawing->len; i++)
    opm_painter_draw_element (picture->painter, renderer, g_ptr_array_index (picture->drawing, i), detail);
}

/**
 * opm_clipboard_render:
 * @elements: (element-type OpmElement): the chosen elements
 * @format: %OPM_EXPORT_SVG or %OPM_EXPORT_PNG
 * @scale: PNG pixels per document unit; 0 means 1
 *
 * Draws the chosen elements and the connectors among them, and nothing else,
 * on a transparent background with a margin of
 * %OPM_CLIPBOARD_RENDER_MARGIN, for pasting into slides.
 *
 * Returns: (transfer full) (nullable): the picture
 */
GBytes *
opm_clipboard_render (OpmDocument      *document,
                      OpmScenario      *scenario,
                      GPtrArray        *elements,
                      OpmExportFormat   format,
                      double            scale,
                      GError          **error)
{
  g_autoptr(GPtrArray) selection = NULL;
  g_autoptr(GPtrArray) drawing = NULL;
  g_autoptr(OpmPainter) painter = NULL;
  OpmRect frame = { 0 };
  gboolean any = FALSE;

  g_return_val_if_fail (OPM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (elements != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (format != OPM_EXPORT_SVG && format != OPM_EXPORT_PNG)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   "the clipboard takes pictures as SVG or PNG");
      return NULL;
    }

  if (scale <= 0)
    scale = 1;

  selection = collect_selection (scenario, elements, error);
  if (selection == NULL)
    return NULL;

  /* in the painter's order, and the scenario's order within each type */
  {
    guint n_types;
    const GType *order = draw_order (&n_types);

    drawing = g_ptr_array_new ();
    for (guint k = 0; k < n_types; k++)
      for (guint i = 0; i < selection->len; i++)
        if (G_OBJECT_TYPE (g_ptr_array_index (selection, i)) == order[k])
          g_ptr_array_add (drawing, g_ptr_array_index (selection, i));
  }

  painter = opm_painter_new (scenario);

  for (guint i = 0; i < selection->len; i++)
    {
      OpmRect bounds;

      if (!opm_painter_get_element_bounds (painter, g_ptr_array_index (selection, i), &bounds))
        continue;

      if (!any)
        {
          frame = bounds;
          any = TRUE;
        }
      else
        {
          double x2 = MAX (frame.x + frame.width, bounds.x + bounds.width);
          double y2 = MAX (frame.y + frame.height, bounds.y + bounds.height);

          frame.x = MIN (frame.x, bounds.x);
          frame.y = MIN (frame.y, bounds.y);
          frame.width = x2 - frame.x;
          frame.height = y2 - frame.y;
        }
    }

  frame.x -= OPM_CLIPBOARD_RENDER_MARGIN;
  frame.y -= OPM_CLIPBOARD_RENDER_MARGIN;
  frame.width += 2 * OPM_CLIPBOARD_RENDER_MARGIN;
  frame.height += 2 * OPM_CLIPBOARD_RENDER_MARGIN;

  {
    const char *title = opm_document_get_title (document);
    g_autofree char *full_title = g_strdup_printf ("%s — %s", title[0] != '\0' ? title : _("Operating model"),
                                                   opm_scenario_get_name (scenario));
    OpmExportInfo info = { full_title, opm_document_get_author (document), opm_scenario_get_name (scenario), scale };
    Picture picture = { painter, drawing };

    /* nothing but the elements: the background stays transparent */
    return opm_export_drawing_to_bytes (format, &frame, &info, draw_picture, &picture, error);
  }
}
