/* opm-document.c — document, edits as commands, undo and redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change to a document goes through a command that knows how to apply
 * and revert itself (the idea of Dia's DiaChange). Commands made while a
 * group is open become one step of the history, so a compound gesture is
 * undone in one go. The history remembers the step at which the document was
 * last saved, which makes the modified state exact across undo and redo.
 */

#define G_LOG_DOMAIN "opm-document"

#include "config.h"

#include <string.h>

#include <gobject/gvaluecollector.h>
#include <glib/gi18n-lib.h>

#include "opm-acknowledgement-private.h"
#include "opm-checker.h"
#include "opm-contract.h"
#include "opm-dependency.h"
#include "opm-document-private.h"
#include "opm-element-private.h"
#include "opm-error.h"
#include "opm-property-private.h"
#include "opm-responsibility.h"
#include "opm-scenario-private.h"
#include "opm-team.h"

typedef enum
{
  COMMAND_SET,
  COMMAND_ADD_ELEMENT,
  COMMAND_REMOVE_ELEMENT,
  COMMAND_ADD_SCENARIO,
  COMMAND_REMOVE_SCENARIO,
  COMMAND_MOVE_ELEMENT,
  COMMAND_ADD_ACKNOWLEDGEMENT,
  COMMAND_REMOVE_ACKNOWLEDGEMENT,
  COMMAND_GROUP,
} CommandKind;

typedef struct
{
  CommandKind  kind;
  char        *label;

  /* COMMAND_SET; the acknowledgement of COMMAND_*_ACKNOWLEDGEMENT */
  GObject     *target;
  GParamSpec  *pspec;
  GValue       old_value;
  GValue       new_value;

  /* elements and scenarios */
  OpmScenario *scenario;
  OpmElement  *element;
  guint        position;
  guint        old_position;   /* COMMAND_MOVE_ELEMENT */

  /* COMMAND_GROUP */
  GPtrArray   *children;
} Command;

struct _OpmDocument
{
  GObject        parent_instance;

  char          *title;
  char          *organisation;
  char          *author;
  char          *currency;
  char          *description;

  OpmParameters *parameters;
  GListStore    *scenarios;

  GPtrArray     *history;       /* of Command */
  guint          position;      /* steps applied */
  int            clean;         /* position of the saved state, -1 if lost */
  gboolean       look_only;     /* the last change touched only how things look */
  Command       *group;         /* open group */
  guint          group_depth;
  guint          scenario_serial;

  /* last notified history state */
  gboolean       was_modified;
  gboolean       could_undo;
  gboolean       could_redo;
};

G_DEFINE_FINAL_TYPE (OpmDocument, opm_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_ORGANISATION,
  PROP_AUTHOR,
  PROP_CURRENCY,
  PROP_DESCRIPTION,
  N_TABLE_PROPS,
  PROP_CAN_UNDO = N_TABLE_PROPS,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

enum {
  CHANGED,
  ELEMENT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
check_currency (const char  *value,
                GError     **error)
{
  if (strlen (value) == 3 && g_ascii_isupper (value[0]) && g_ascii_isupper (value[1]) &&
      g_ascii_isupper (value[2]))
    return TRUE;

  g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
               "a currency is a three-letter ISO 4217 code such as USD, not “%.20s”", value);
  return FALSE;
}

static const OpmPropInfo props[] = {
  { "title", N_("Title"), "What the model is called", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmDocument, title), .flags = OPM_PROP_SERIAL | OPM_PROP_LINE, .max_length = 1024 },
  { "organisation", N_("Organisation"), "Whose operating model it is", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmDocument, organisation), .flags = OPM_PROP_SERIAL | OPM_PROP_LINE, .max_length = 1024 },
  { "author", N_("Author"), "Who drew the model", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmDocument, author), .flags = OPM_PROP_SERIAL | OPM_PROP_LINE, .max_length = 1024 },
  { "currency", N_("Currency"), "ISO 4217 code of all money figures", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmDocument, currency), .def_string = "USD", .check = check_currency,
    .flags = OPM_PROP_SERIAL | OPM_PROP_LINE },
  { "description", N_("Description"), "Notes on the model", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmDocument, description), .flags = OPM_PROP_SERIAL },
};

/* Commands */

static void
command_free (Command *cmd)
{
  if (cmd == NULL)
    return;

  g_free (cmd->label);
  /* the document is never referenced by its own history */
  if (cmd->target != NULL && !OPM_IS_DOCUMENT (cmd->target))
    g_object_unref (cmd->target);
  cmd->target = NULL;
  if (G_IS_VALUE (&cmd->old_value))
    g_value_unset (&cmd->old_value);
  if (G_IS_VALUE (&cmd->new_value))
    g_value_unset (&cmd->new_value);
  g_clear_object (&cmd->scenario);
  g_clear_object (&cmd->element);
  g_clear_pointer (&cmd->children, g_ptr_array_unref);
  g_free (cmd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Command, command_free)

static Command *
command_new (CommandKind  kind,
             const char  *label)
{
  Command *cmd = g_new0 (Command, 1);

  cmd->kind = kind;
  cmd->label = g_strdup (label);
  if (kind == COMMAND_GROUP)
    cmd->children = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);

  return cmd;
}

static void
command_run (OpmDocument *self,
             Command     *cmd,
             gboolean     forward)
{
  gboolean adding;

  switch (cmd->kind)
    {
    case COMMAND_SET:
      g_object_set_property (cmd->target, cmd->pspec->name,
                             forward ? &cmd->new_value : &cmd->old_value);
      if (OPM_IS_ELEMENT (cmd->target))
        g_signal_emit (self, signals[ELEMENT_CHANGED], 0, cmd->target);
      else if (OPM_IS_CONTRACT (cmd->target))
        g_signal_emit (self, signals[ELEMENT_CHANGED], 0, opm_contract_get_team (OPM_CONTRACT (cmd->target)));
      break;

    case COMMAND_ADD_ELEMENT:
    case COMMAND_REMOVE_ELEMENT:
      adding = (cmd->kind == COMMAND_ADD_ELEMENT) == forward;
      if (adding)
        _opm_scenario_insert (cmd->scenario, cmd->element, cmd->position);
      else
        _opm_scenario_remove (cmd->scenario, cmd->element);
      break;

    case COMMAND_ADD_SCENARIO:
    case COMMAND_REMOVE_SCENARIO:
      adding = (cmd->kind == COMMAND_ADD_SCENARIO) == forward;
      if (adding)
        {
          _opm_scenario_set_document (cmd->scenario, self);
          g_list_store_insert (self->scenarios, cmd->position, cmd->scenario);
        }
      else
        {
          _opm_scenario_set_document (cmd->scenario, NULL);
          g_list_store_remove (self->scenarios, cmd->position);
        }
      break;

    case COMMAND_MOVE_ELEMENT:
      _opm_scenario_remove (cmd->scenario, cmd->element);
      _opm_scenario_insert (cmd->scenario, cmd->element, forward ? cmd->position : cmd->old_position);
      break;

    case COMMAND_ADD_ACKNOWLEDGEMENT:
    case COMMAND_REMOVE_ACKNOWLEDGEMENT:
      adding = (cmd->kind == COMMAND_ADD_ACKNOWLEDGEMENT) == forward;
      if (adding)
        _opm_scenario_add_acknowledgement (cmd->scenario, OPM_ACKNOWLEDGEMENT (cmd->target));
      else
        _opm_scenario_remove_acknowledgement (cmd->scenario, OPM_ACKNOWLEDGEMENT (cmd->target));
      break;

    case COMMAND_GROUP:
      if (forward)
        for (guint i = 0; i < cmd->children->len; i++)
          command_run (self, g_ptr_array_index (cmd->children, i), TRUE);
      else
        for (guint i = cmd->children->len; i > 0; i--)
          command_run (self, g_ptr_array_index (cmd->children, i - 1), FALSE);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
update_history_state (OpmDocument *self)
{
  gboolean modified = opm_document_get_modified (self);
  gboolean can_undo = opm_document_can_undo (self);
  gboolean can_redo = opm_document_can_redo (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (modified != self->was_modified)
    {
      self->was_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (can_undo != self->could_undo)
    {
      self->could_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->could_redo)
    {
      self->could_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Whether @cmd changes only how things look: places, sizes, colours and
 * routes, which no analysis reads. */
static gboolean
command_changes_look_only (Command *cmd)
{
  const OpmPropInfo *info;

  if (cmd->kind == COMMAND_GROUP)
    {
      for (guint i = 0; i < cmd->children->len; i++)
        if (!command_changes_look_only (g_ptr_array_index (cmd->children, i)))
          return FALSE;
      return TRUE;
    }

  if (cmd->kind != COMMAND_SET)
    return FALSE;

  info = _opm_prop_info (cmd->pspec);
  return info != NULL && (info->flags & OPM_PROP_LOOK) != 0;
}

static void
push_history (OpmDocument *self,
              Command     *cmd)
{
  if (self->history->len > self->position)
    {
      if (self->clean > (int) self->position)
        self->clean = -1;
      g_ptr_array_remove_range (self->history, self->position, self->history->len - self->position);
    }

  g_ptr_array_add (self->history, cmd);
  self->position++;

  update_history_state (self);
  self->look_only = command_changes_look_only (cmd);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Applies @cmd and records it, taking ownership. */
static void
execute (OpmDocument *self,
         Command     *cmd)
{
  command_run (self, cmd, TRUE);

  if (self->group != NULL)
    g_ptr_array_add (self->group->children, cmd);
  else
    push_history (self, cmd);
}

/* GObject */

static void
opm_document_dispose (GObject *object)
{
  OpmDocument *self = OPM_DOCUMENT (object);

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->group, command_free);

  if (self->scenarios != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)); i++)
        {
          g_autoptr(OpmScenario) scenario = g_list_model_get_item (G_LIST_MODEL (self->scenarios), i);
          _opm_scenario_set_document (scenario, NULL);
        }
      g_clear_object (&self->scenarios);
    }

  g_clear_object (&self->parameters);

  G_OBJECT_CLASS (opm_document_parent_class)->dispose (object);
}

static void
opm_document_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_document_parent_class)->finalize (object);
}

static void
opm_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OpmDocument *self = OPM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, opm_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, opm_document_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, opm_document_get_modified (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, opm_document_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, opm_document_get_redo_label (self));
      break;
    default:
      _opm_props_get_property (object, props, prop_id, value, pspec);
    }
}

static void
opm_document_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  if (prop_id < N_TABLE_PROPS)
    _opm_props_set_property (object, props, prop_id, value, pspec);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
opm_document_class_init (OpmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = opm_document_dispose;
  object_class->finalize = opm_document_finalize;
  object_class->get_property = opm_document_get_property;
  object_class->set_property = opm_document_set_property;

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_TABLE_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  for (guint i = N_TABLE_PROPS; i < N_PROPS; i++)
    g_object_class_install_property (object_class, i, properties[i]);

  /**
   * OpmDocument::changed:
   *
   * Emitted after each step of the history is done, undone or redone.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * OpmDocument::element-changed:
   * @element: the element whose attributes changed
   *
   * Emitted for each attribute change of an element (or of a team's
   * contract), done, undone or redone, before ::changed ends the step. Views
   * use it to update only what changed.
   */
  signals[ELEMENT_CHANGED] =
    g_signal_new ("element-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, OPM_TYPE_ELEMENT);
}

static void
opm_document_init (OpmDocument *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));

  self->parameters = opm_parameters_new ();
  self->scenarios = g_list_store_new (OPM_TYPE_SCENARIO);
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->clean = 0;
}

OpmDocument *
_opm_document_new_empty (void)
{
  return g_object_new (OPM_TYPE_DOCUMENT, NULL);
}

/**
 * opm_document_new:
 *
 * Returns: (transfer full): an untitled document with one empty scenario
 */
OpmDocument *
opm_document_new (void)
{
  OpmDocument *self = _opm_document_new_empty ();
  OpmScenario *scenario = _opm_scenario_new ();

  _opm_scenario_set_id (scenario, "scenario-1");
  g_object_set (scenario, "name", _("As-is"), NULL);
  _opm_document_append_scenario (self, scenario);
  g_object_unref (scenario);

  return self;
}

/* For the loader and constructors: no history. */
void
_opm_document_append_scenario (OpmDocument *self,
                               OpmScenario *scenario)
{
  _opm_scenario_set_document (scenario, self);
  g_list_store_append (self->scenarios, scenario);
}

const char *
opm_document_get_title (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  return self->title;
}

const char *
opm_document_get_organisation (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  return self->organisation;
}

const char *
opm_document_get_author (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  return self->author;
}

const char *
opm_document_get_currency (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  return self->currency;
}

const char *
opm_document_get_description (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  return self->description;
}

/**
 * opm_document_get_parameters:
 *
 * Returns: (transfer none): the document's parameters; edit them with
 *   opm_document_set() so that the change can be undone
 */
OpmParameters *
opm_document_get_parameters (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  return self->parameters;
}

/**
 * opm_document_get_scenarios:
 *
 * Returns: (transfer none): a list model of #OpmScenario
 */
GListModel *
opm_document_get_scenarios (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->scenarios);
}

/**
 * opm_document_get_scenario:
 *
 * Returns: (transfer none) (nullable): the scenario at @position
 */
OpmScenario *
opm_document_get_scenario (OpmDocument *self,
                           guint        position)
{
  g_autoptr(OpmScenario) scenario = NULL;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);

  scenario = g_list_model_get_item (G_LIST_MODEL (self->scenarios), position);

  return scenario; /* the store keeps a reference */
}

/**
 * opm_document_find_scenario:
 * @name_or_id: a scenario's name (compared without regard to case) or id
 *
 * Returns: (transfer none) (nullable): the scenario
 */
OpmScenario *
opm_document_find_scenario (OpmDocument *self,
                            const char  *name_or_id)
{
  guint n;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->scenarios));

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        OpmScenario *scenario = opm_document_get_scenario (self, i);

        if (pass == 0 && g_strcmp0 (opm_scenario_get_name (scenario), name_or_id) == 0)
          return scenario;
        if (pass == 1 && (g_strcmp0 (opm_scenario_get_id (scenario), name_or_id) == 0 ||
                          g_utf8_collate (opm_scenario_get_name (scenario), name_or_id) == 0 ||
                          g_ascii_strcasecmp (opm_scenario_get_name (scenario), name_or_id) == 0))
          return scenario;
      }

  return NULL;
}

guint
opm_document_get_n_elements (OpmDocument *self)
{
  guint total = 0;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), 0);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)); i++)
    total += opm_scenario_get_n_elements (opm_document_get_scenario (self, i));

  return total;
}

/* Edits */

static gboolean
owns_scenario (OpmDocument *self,
               OpmScenario *scenario)
{
  return scenario != NULL && opm_scenario_get_document (scenario) == self;
}

/* The scenario an edit target lives in, or NULL for document-level objects. */
static gboolean
check_target (OpmDocument  *self,
              GObject      *target,
              OpmScenario **scenario,
              GError      **error)
{
  *scenario = NULL;

  if (target == G_OBJECT (self) || target == G_OBJECT (self->parameters))
    return TRUE;

  if (OPM_IS_SCENARIO (target) && owns_scenario (self, OPM_SCENARIO (target)))
    return TRUE;

  if (OPM_IS_CONTRACT (target))
    target = G_OBJECT (opm_contract_get_team (OPM_CONTRACT (target)));

  if (OPM_IS_ELEMENT (target) && owns_scenario (self, opm_element_get_scenario (OPM_ELEMENT (target))))
    {
      *scenario = opm_element_get_scenario (OPM_ELEMENT (target));
      return TRUE;
    }

  g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
               "the %s is not part of this document", G_OBJECT_TYPE_NAME (target));
  return FALSE;
}

static gboolean
check_scenario_name (OpmDocument  *self,
                     OpmScenario  *except,
                     const char   *name,
                     GError      **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (stripped[0] == '\0')
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   "a scenario needs a name");
      return FALSE;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)); i++)
    {
      OpmScenario *other = opm_document_get_scenario (self, i);

      if (other != except && g_strcmp0 (opm_scenario_get_name (other), name) == 0)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_DUPLICATE,
                       "there is already a scenario called “%s”", name);
          return FALSE;
        }
    }

  return TRUE;
}

/* An unapplied command that sets @pspec of @target from @old_value to
 * @new_value. */
static Command *
command_new_set (const char   *label,
                 GObject      *target,
                 GParamSpec   *pspec,
                 const GValue *old_value,
                 const GValue *new_value)
{
  Command *cmd = command_new (COMMAND_SET, label);

  /* borrowed when it is the document itself, which owns the history */
  cmd->target = OPM_IS_DOCUMENT (target) ? target : g_object_ref (target);
  cmd->pspec = pspec;
  g_value_init (&cmd->old_value, pspec->value_type);
  g_value_copy (old_value, &cmd->old_value);
  g_value_init (&cmd->new_value, pspec->value_type);
  g_value_copy (new_value, &cmd->new_value);

  return cmd;
}

/* Builds a validated, unapplied set command, or NULL with nothing to do. */
static Command *
prepare_set (OpmDocument   *self,
             GObject       *target,
             const char    *property,
             const GValue  *value,
             gboolean      *ok,
             GError       **error)
{
  GParamSpec *pspec;
  const OpmPropInfo *info;
  OpmScenario *scenario;
  g_auto(GValue) converted = G_VALUE_INIT;
  g_auto(GValue) current = G_VALUE_INIT;
  g_autofree char *label = NULL;

  *ok = FALSE;

  if (!check_target (self, target, &scenario, error))
    return NULL;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), property);
  info = pspec != NULL ? _opm_prop_info (pspec) : NULL;
  if (info == NULL || (info->flags & OPM_PROP_SERIAL) == 0)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   "a %s has no attribute “%s”", G_OBJECT_TYPE_NAME (target), property);
      return NULL;
    }

  if ((info->flags & OPM_PROP_IDENT) != 0)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED,
                   "ids never change once given");
      return NULL;
    }

  g_value_init (&converted, pspec->value_type);
  if (!g_value_type_transformable (G_VALUE_TYPE (value), pspec->value_type) ||
      !g_value_transform (value, &converted))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   "“%s” takes a %s, not a %s", property,
                   g_type_name (pspec->value_type), G_VALUE_TYPE_NAME (value));
      return NULL;
    }

  if (!_opm_prop_check_value (pspec, &converted, error))
    return NULL;

  if (info->kind == OPM_PROP_ELEMENT)
    {
      OpmElement *ref = g_value_get_object (&converted);

      if (ref != NULL && opm_element_get_scenario (ref) != scenario)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                       "“%s” must refer to an element of the same scenario", property);
          return NULL;
        }

      if (OPM_IS_DEPENDENCY (target))
        {
          OpmDependency *dep = OPM_DEPENDENCY (target);
          gpointer other = g_str_equal (property, "from") ? (gpointer) opm_dependency_get_to (dep)
                                                          : (gpointer) opm_dependency_get_from (dep);
          if (other == (gpointer) ref)
            {
              g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED,
                           "a service cannot depend on itself");
              return NULL;
            }
        }
    }

  if (OPM_IS_SCENARIO (target) && g_str_equal (pspec->name, "name") &&
      !check_scenario_name (self, OPM_SCENARIO (target), g_value_get_string (&converted), error))
    return NULL;

  *ok = TRUE;

  g_value_init (&current, pspec->value_type);
  g_object_get_property (target, pspec->name, &current);
  if (g_param_values_cmp (pspec, &current, &converted) == 0 &&
      !(G_VALUE_HOLDS_DOUBLE (&current) && g_value_get_double (&current) != g_value_get_double (&converted)))
    return NULL;

  label = g_strdup_printf (_("Change %s"), _(g_param_spec_get_nick (pspec)));

  return command_new_set (label, target, pspec, &current, &converted);
}

/**
 * opm_document_set_value:
 * @target: the document, its parameters, a scenario, an element or a contract
 *
 * Changes one attribute as an undoable step. Refuses values out of range,
 * references to other scenarios and clashing scenario names; nothing changes
 * then.
 */
gboolean
opm_document_set_value (OpmDocument   *self,
                        gpointer       target,
                        const char    *property,
                        const GValue  *value,
                        GError       **error)
{
  Command *cmd;
  gboolean ok;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (target), FALSE);
  g_return_val_if_fail (property != NULL, FALSE);
  g_return_val_if_fail (G_IS_VALUE (value), FALSE);

  cmd = prepare_set (self, target, property, value, &ok, error);
  if (cmd != NULL)
    execute (self, cmd);

  return ok;
}

/**
 * opm_document_set:
 * @error: return location for a #GError
 * @target: the object to edit
 * @first_property: name of the first attribute, followed by its value, more
 *   pairs and %NULL, as for g_object_set()
 *
 * Changes several attributes of @target as one undoable step; if any value
 * is refused, nothing changes.
 */
gboolean
opm_document_set (OpmDocument  *self,
                  GError      **error,
                  gpointer      target,
                  const char   *first_property,
                  ...)
{
  g_autoptr(GPtrArray) cmds = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  const char *name = first_property;
  gboolean result = TRUE;
  va_list args;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (target), FALSE);

  va_start (args, first_property);

  while (name != NULL)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), name);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *collect_error = NULL;
      Command *cmd;
      gboolean ok;

      if (pspec == NULL)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                       "a %s has no attribute “%s”", G_OBJECT_TYPE_NAME (target), name);
          result = FALSE;
          break;
        }

      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &collect_error);
      if (collect_error != NULL)
        {
          g_critical ("%s: %s", G_STRFUNC, collect_error);
          result = FALSE;
          break;
        }

      cmd = prepare_set (self, target, name, &value, &ok, error);
      if (!ok)
        {
          result = FALSE;
          break;
        }
      if (cmd != NULL)
        g_ptr_array_add (cmds, cmd);

      name = va_arg (args, const char *);
    }

  va_end (args);

  if (!result || cmds->len == 0)
    return result;

  if (cmds->len == 1)
    {
      execute (self, g_ptr_array_steal_index (cmds, 0));
    }
  else
    {
      const char *kind = OPM_IS_ELEMENT (target) ? opm_element_get_kind_name (target) : _("Properties");
      g_autofree char *label = g_strdup_printf (_("Edit %s"), kind);

      opm_document_begin_group (self, label);
      for (guint i = 0; i < cmds->len; i++)
        execute (self, g_steal_pointer (&g_ptr_array_index (cmds, i)));
      opm_document_end_group (self);
    }

  return TRUE;
}

/**
 * opm_document_add_element:
 * @scenario: a scenario of the document
 * @element: a detached element; an empty id is replaced by a new one
 *
 * Adds @element at the end of its list in @scenario as an undoable step.
 */
gboolean
opm_document_add_element (OpmDocument  *self,
                          OpmScenario  *scenario,
                          OpmElement   *element,
                          GError      **error)
{
  GPtrArray *serial;
  Command *cmd;
  g_autofree char *label = NULL;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (OPM_IS_ELEMENT (element), FALSE);

  if (!owns_scenario (self, scenario))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                   "the scenario is not part of this document");
      return FALSE;
    }

  if (opm_element_get_scenario (element) != NULL)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED,
                   "the element already belongs to a scenario");
      return FALSE;
    }

  if (opm_element_get_id (element)[0] == '\0')
    {
      g_autofree char *id = opm_scenario_generate_id (scenario, opm_element_get_tag (element));
      _opm_element_set_id (element, id);
    }
  else if (opm_scenario_lookup (scenario, opm_element_get_id (element)) != NULL)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_DUPLICATE,
                   "the id “%s” is already used in the scenario", opm_element_get_id (element));
      return FALSE;
    }

  serial = _opm_object_serial_props (G_OBJECT_GET_CLASS (element));
  for (guint i = 0; i < serial->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (serial, i);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (element), pspec->name, &value);

      if (!_opm_prop_check_value (pspec, &value, error))
        return FALSE;

      if (G_VALUE_HOLDS_OBJECT (&value) && g_value_get_object (&value) != NULL &&
          opm_element_get_scenario (g_value_get_object (&value)) != scenario)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                       "“%s” must refer to an element of the same scenario", pspec->name);
          return FALSE;
        }
    }

  if (OPM_IS_DEPENDENCY (element) &&
      opm_dependency_get_from (OPM_DEPENDENCY (element)) == opm_dependency_get_to (OPM_DEPENDENCY (element)))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED,
                   "a service cannot depend on itself");
      return FALSE;
    }

  label = g_strdup_printf (_("Add %s"), opm_element_get_kind_name (element));
  cmd = command_new (COMMAND_ADD_ELEMENT, label);
  cmd->scenario = g_object_ref (scenario);
  cmd->element = g_object_ref (element);
  cmd->position = g_list_model_get_n_items (opm_scenario_get_elements (scenario, G_OBJECT_TYPE (element)));
  execute (self, cmd);

  return TRUE;
}

static void
remove_one (OpmDocument *self,
            OpmScenario *scenario,
            OpmElement  *element)
{
  Command *cmd = command_new (COMMAND_REMOVE_ELEMENT, NULL);
  guint position = 0;

  if (!g_list_store_find (G_LIST_STORE (opm_scenario_get_elements (scenario, G_OBJECT_TYPE (element))),
                          element, &position))
    g_assert_not_reached ();

  cmd->scenario = g_object_ref (scenario);
  cmd->element = g_object_ref (element);
  cmd->position = position;
  execute (self, cmd);
}

static void
remove_acknowledgement (OpmDocument        *self,
                        OpmAcknowledgement *acknowledgement,
                        const char         *label)
{
  Command *cmd = command_new (COMMAND_REMOVE_ACKNOWLEDGEMENT, label);

  cmd->scenario = g_object_ref (opm_acknowledgement_get_scenario (acknowledgement));
  cmd->target = g_object_ref (G_OBJECT (acknowledgement));
  execute (self, cmd);
}

/* The findings about an element go with it, and so do their acknowledgements. */
static void
remove_acknowledgements_of (OpmDocument *self,
                            OpmScenario *scenario,
                            OpmElement  *element)
{
  g_autoptr(GPtrArray) acknowledgements = _opm_scenario_find_acknowledged (scenario, element);

  for (guint i = 0; i < acknowledgements->len; i++)
    remove_acknowledgement (self, g_ptr_array_index (acknowledgements, i), NULL);
}

/**
 * opm_document_remove_element:
 *
 * Deletes @element as one undoable step, together with the responsibilities
 * and dependencies that hang on it and the acknowledgements of findings
 * about any of them.
 */
gboolean
opm_document_remove_element (OpmDocument  *self,
                             OpmElement   *element,
                             GError      **error)
{
  OpmScenario *scenario;
  g_autoptr(GPtrArray) attached = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (OPM_IS_ELEMENT (element), FALSE);

  scenario = opm_element_get_scenario (element);
  if (!owns_scenario (self, scenario))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                   "the element is not part of this document");
      return FALSE;
    }

  label = g_strdup_printf (_("Delete %s"), opm_element_get_kind_name (element));
  attached = opm_scenario_find_attached (scenario, element);

  opm_document_begin_group (self, label);
  /* first what refers to the elements, so that undo brings them back first */
  for (guint i = 0; i < attached->len; i++)
    remove_acknowledgements_of (self, scenario, g_ptr_array_index (attached, i));
  remove_acknowledgements_of (self, scenario, element);
  for (guint i = 0; i < attached->len; i++)
    remove_one (self, scenario, g_ptr_array_index (attached, i));
  remove_one (self, scenario, element);
  opm_document_end_group (self);

  return TRUE;
}

/**
 * opm_document_move_element:
 * @position: the new place in the element's list (drawing order), clamped
 *
 * Moves @element in the drawing order of its kind, e.g. a note to the front
 * (the end of the list) or the back (0), as an undoable step.
 */
gboolean
opm_document_move_element (OpmDocument  *self,
                           OpmElement   *element,
                           guint         position,
                           GError      **error)
{
  OpmScenario *scenario;
  GListModel *list;
  guint current = 0;
  guint n;
  Command *cmd;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (OPM_IS_ELEMENT (element), FALSE);

  scenario = opm_element_get_scenario (element);
  if (!owns_scenario (self, scenario))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                   "the element is not part of this document");
      return FALSE;
    }

  list = opm_scenario_get_elements (scenario, G_OBJECT_TYPE (element));
  n = g_list_model_get_n_items (list);
  if (!g_list_store_find (G_LIST_STORE (list), element, &current))
    g_assert_not_reached ();

  position = MIN (position, n - 1);
  if (position == current)
    return TRUE;

  cmd = command_new (COMMAND_MOVE_ELEMENT, position > current ? _("Bring to Front") : _("Send to Back"));
  cmd->scenario = g_object_ref (scenario);
  cmd->element = g_object_ref (element);
  cmd->position = position;
  cmd->old_position = current;
  execute (self, cmd);

  return TRUE;
}

static char *
new_scenario_id (OpmDocument *self)
{
  for (;;)
    {
      char *id = g_strdup_printf ("scenario-%u", ++self->scenario_serial);
      gboolean taken = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)); i++)
        if (g_strcmp0 (opm_scenario_get_id (opm_document_get_scenario (self, i)), id) == 0)
          taken = TRUE;

      if (!taken)
        return id;
      g_free (id);
    }
}

static guint
scenario_position (OpmDocument *self,
                   OpmScenario *scenario)
{
  guint position = 0;

  if (!g_list_store_find (self->scenarios, scenario, &position))
    g_assert_not_reached ();

  return position;
}

/**
 * opm_document_add_scenario:
 *
 * Returns: (transfer none) (nullable): a new empty scenario at the end
 */
OpmScenario *
opm_document_add_scenario (OpmDocument  *self,
                           const char   *name,
                           GError      **error)
{
  g_autoptr(OpmScenario) scenario = NULL;
  g_autofree char *id = NULL;
  Command *cmd;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);

  if (!check_scenario_name (self, NULL, name, error) ||
      !_opm_check_text (name, TRUE, 256, error))
    return NULL;

  id = new_scenario_id (self);
  scenario = _opm_scenario_new ();
  _opm_scenario_set_id (scenario, id);
  g_object_set (scenario, "name", name, NULL);

  cmd = command_new (COMMAND_ADD_SCENARIO, _("Add Scenario"));
  cmd->scenario = g_object_ref (scenario);
  cmd->position = g_list_model_get_n_items (G_LIST_MODEL (self->scenarios));
  execute (self, cmd);

  return scenario;
}

/**
 * opm_document_duplicate_scenario:
 *
 * Copies @scenario under @name, keeping every element id so that the two can
 * be compared element by element. The copy follows the original.
 *
 * Returns: (transfer none) (nullable): the copy
 */
OpmScenario *
opm_document_duplicate_scenario (OpmDocument  *self,
                                 OpmScenario  *scenario,
                                 const char   *name,
                                 GError      **error)
{
  g_autoptr(OpmScenario) copy = NULL;
  g_autofree char *id = NULL;
  Command *cmd;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), NULL);

  if (!owns_scenario (self, scenario))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                   "the scenario is not part of this document");
      return NULL;
    }

  if (!check_scenario_name (self, NULL, name, error) ||
      !_opm_check_text (name, TRUE, 256, error))
    return NULL;

  id = new_scenario_id (self);
  copy = _opm_scenario_copy (scenario);
  _opm_scenario_set_id (copy, id);
  g_object_set (copy, "name", name, NULL);

  cmd = command_new (COMMAND_ADD_SCENARIO, _("Duplicate Scenario"));
  cmd->scenario = g_object_ref (copy);
  cmd->position = scenario_position (self, scenario) + 1;
  execute (self, cmd);

  return copy;
}

/**
 * opm_document_remove_scenario:
 *
 * Deletes @scenario as an undoable step. A document keeps at least one.
 */
gboolean
opm_document_remove_scenario (OpmDocument  *self,
                              OpmScenario  *scenario,
                              GError      **error)
{
  Command *cmd;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (OPM_IS_SCENARIO (scenario), FALSE);

  if (!owns_scenario (self, scenario))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                   "the scenario is not part of this document");
      return FALSE;
    }

  if (g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)) <= 1)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_NOT_ALLOWED,
                   "a document keeps at least one scenario");
      return FALSE;
    }

  cmd = command_new (COMMAND_REMOVE_SCENARIO, _("Delete Scenario"));
  cmd->scenario = g_object_ref (scenario);
  cmd->position = scenario_position (self, scenario);
  execute (self, cmd);

  return TRUE;
}

/* Acknowledgements */

static gboolean
owns_acknowledgement (OpmDocument         *self,
                      OpmAcknowledgement  *acknowledgement,
                      GError             **error)
{
  if (owns_scenario (self, opm_acknowledgement_get_scenario (acknowledgement)))
    return TRUE;

  g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
               "the acknowledgement is not part of this document");
  return FALSE;
}

/**
 * opm_document_acknowledge:
 * @element: the element the findings are about (opm_finding_get_element())
 * @rule_id: the rule of the findings, e.g. "OPS-04"
 * @reason: why they are accepted: one line, not blank
 *
 * Acknowledges the findings of @rule_id about @element as an undoable step:
 * the checker still reports them, marked as acknowledged with @reason.
 *
 * Returns: (transfer none) (nullable): the acknowledgement
 */
OpmAcknowledgement *
opm_document_acknowledge (OpmDocument  *self,
                          OpmElement   *element,
                          const char   *rule_id,
                          const char   *reason,
                          GError      **error)
{
  g_autoptr(OpmAcknowledgement) acknowledgement = NULL;
  OpmScenario *scenario;
  OpmRule rule;
  Command *cmd;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (OPM_IS_ELEMENT (element), NULL);
  g_return_val_if_fail (rule_id != NULL, NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  scenario = opm_element_get_scenario (element);
  if (!owns_scenario (self, scenario))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_WRONG_SCENARIO,
                   "the element is not part of this document");
      return NULL;
    }

  if (!opm_rule_from_id (rule_id, &rule))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   "there is no rule “%.20s”", rule_id);
      return NULL;
    }
  rule_id = opm_rule_get_id (rule);

  if (opm_scenario_find_acknowledgement (scenario, rule_id, element) != NULL)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_DUPLICATE,
                   "the findings of %s about “%s” are already acknowledged", rule_id,
                   opm_element_get_id (element));
      return NULL;
    }

  if (!opm_acknowledgement_check_reason (reason, error))
    return NULL;

  acknowledgement = _opm_acknowledgement_new (rule_id, element, reason);
  cmd = command_new (COMMAND_ADD_ACKNOWLEDGEMENT, _("Acknowledge Finding"));
  cmd->scenario = g_object_ref (scenario);
  cmd->target = g_object_ref (G_OBJECT (acknowledgement));
  execute (self, cmd);

  return acknowledgement; /* the scenario holds it */
}

/**
 * opm_document_set_acknowledgement_reason:
 *
 * Changes why a finding is accepted, as an undoable step.
 */
gboolean
opm_document_set_acknowledgement_reason (OpmDocument         *self,
                                         OpmAcknowledgement  *acknowledgement,
                                         const char          *reason,
                                         GError             **error)
{
  GParamSpec *pspec;
  g_auto(GValue) old_value = G_VALUE_INIT;
  g_auto(GValue) new_value = G_VALUE_INIT;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (OPM_IS_ACKNOWLEDGEMENT (acknowledgement), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (!owns_acknowledgement (self, acknowledgement, error) ||
      !opm_acknowledgement_check_reason (reason, error))
    return FALSE;

  if (g_strcmp0 (opm_acknowledgement_get_reason (acknowledgement), reason) == 0)
    return TRUE;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (acknowledgement), "reason");
  g_value_init (&old_value, G_TYPE_STRING);
  g_value_set_string (&old_value, opm_acknowledgement_get_reason (acknowledgement));
  g_value_init (&new_value, G_TYPE_STRING);
  g_value_set_string (&new_value, reason);
  execute (self, command_new_set (_("Edit Acknowledgement Reason"), G_OBJECT (acknowledgement), pspec,
                                  &old_value, &new_value));

  return TRUE;
}

/**
 * opm_document_withdraw_acknowledgement:
 *
 * Withdraws an acknowledgement as an undoable step: its findings are open
 * again.
 */
gboolean
opm_document_withdraw_acknowledgement (OpmDocument         *self,
                                       OpmAcknowledgement  *acknowledgement,
                                       GError             **error)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (OPM_IS_ACKNOWLEDGEMENT (acknowledgement), FALSE);

  if (!owns_acknowledgement (self, acknowledgement, error))
    return FALSE;

  remove_acknowledgement (self, acknowledgement, _("Withdraw Acknowledgement"));

  return TRUE;
}

/**
 * opm_document_begin_group:
 * @label: what the step is called in the Undo menu item, e.g. "Move 3 Elements"
 *
 * Starts collecting edits into one step. Groups nest; the outermost label wins.
 */
void
opm_document_begin_group (OpmDocument *self,
                          const char  *label)
{
  g_return_if_fail (OPM_IS_DOCUMENT (self));

  if (self->group_depth++ == 0)
    self->group = command_new (COMMAND_GROUP, label);
}

void
opm_document_end_group (OpmDocument *self)
{
  Command *group;

  g_return_if_fail (OPM_IS_DOCUMENT (self));
  g_return_if_fail (self->group_depth > 0);

  if (--self->group_depth > 0)
    return;

  group = g_steal_pointer (&self->group);

  if (group->children->len == 0)
    {
      command_free (group);
      return;
    }

  if (group->label == NULL)
    {
      Command *first = g_ptr_array_index (group->children, 0);
      group->label = g_strdup (first->label);
    }

  push_history (self, group);
}

/* History */

gboolean
opm_document_can_undo (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  return self->position > 0 && self->group == NULL;
}

gboolean
opm_document_can_redo (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  return self->position < self->history->len && self->group == NULL;
}

/**
 * opm_document_get_undo_label:
 *
 * Returns: (nullable): what Undo would undo, e.g. "Add Team"
 */
const char *
opm_document_get_undo_label (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);

  if (self->position == 0)
    return NULL;

  return ((Command *) g_ptr_array_index (self->history, self->position - 1))->label;
}

const char *
opm_document_get_redo_label (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);

  if (self->position >= self->history->len)
    return NULL;

  return ((Command *) g_ptr_array_index (self->history, self->position))->label;
}

/**
 * opm_document_get_last_change_is_look:
 *
 * Whether the step just done, undone or redone (the one #OpmDocument::changed
 * announces) changed only how things look — places, sizes, colours, line
 * routes — so that results of analyses (checker, simulation) still hold.
 */
gboolean
opm_document_get_last_change_is_look (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);

  return self->look_only;
}

gboolean
opm_document_undo (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);

  if (!opm_document_can_undo (self))
    return FALSE;

  self->position--;
  command_run (self, g_ptr_array_index (self->history, self->position), FALSE);

  update_history_state (self);
  self->look_only = command_changes_look_only (g_ptr_array_index (self->history, self->position));
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

gboolean
opm_document_redo (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);

  if (!opm_document_can_redo (self))
    return FALSE;

  command_run (self, g_ptr_array_index (self->history, self->position), TRUE);
  self->position++;

  update_history_state (self);
  self->look_only = command_changes_look_only (g_ptr_array_index (self->history, self->position - 1));
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/* Whether the document differs from what was last loaded or saved. */
gboolean
opm_document_get_modified (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);

  return self->clean != (int) self->position;
}

void
opm_document_set_unmodified (OpmDocument *self)
{
  g_return_if_fail (OPM_IS_DOCUMENT (self));

  self->clean = self->position;
  update_history_state (self);
}

guint
opm_document_get_history_length (OpmDocument *self)
{
  g_return_val_if_fail (OPM_IS_DOCUMENT (self), 0);

  return self->history->len;
}
