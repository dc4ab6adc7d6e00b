/* opm-inspector.c — the attributes of the selection, editable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows every attribute of the selected elements, built from the model's own
 * attribute tables (opm-attributes.h): enums as combo rows with translated
 * labels, numbers as spin buttons with their range and units, booleans and
 * each flag as a switch, references as a choice of the scenario's teams or
 * services, free text in a text view. With nothing selected it shows the
 * document, the scenario and the shared parameters.
 *
 * One form (an AdwPreferencesPage) is built per element type the first time
 * it is needed and kept: a new selection or a change of the model only sets
 * the values the widgets show. Every edit goes through the document, as one
 * undoable step however many elements are selected; a refused value marks
 * its row with the reason and changes nothing.
 */

#define G_LOG_DOMAIN "opm-inspector"

#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "opm-inspector.h"

/* Where an attribute is shown, in page order. */
typedef enum
{
  SECTION_IDENTITY,
  SECTION_NOTE,
  SECTION_DELIVERY,
  SECTION_RELIABILITY,
  SECTION_OUT_OF_HOURS,
  SECTION_WORKING_HOURS,
  SECTION_RIGHTS,
  SECTION_CONTRACT,
  SECTION_DESCRIPTION,
  SECTION_LAYOUT,
  SECTION_OTHER,
  N_SECTIONS
} Section;

typedef enum
{
  FIELD_ENTRY,      /* AdwEntryRow: single-line strings */
  FIELD_TEXT,       /* a GtkTextView: free text */
  FIELD_SPIN,       /* AdwActionRow + GtkSpinButton: numbers */
  FIELD_COMBO,      /* AdwComboRow: enums */
  FIELD_SWITCH,     /* AdwActionRow + GtkSwitch: booleans */
  FIELD_FLAGS,      /* AdwExpanderRow summarising a set of flags */
  FIELD_FLAG,       /* AdwActionRow + GtkSwitch: one flag */
  FIELD_COLOUR,     /* AdwActionRow + GtkEntry + GtkColorButton */
  FIELD_REFERENCE,  /* AdwComboRow over the scenario's teams or services */
} FieldKind;

/* What a field edits. */
typedef enum
{
  TARGET_ELEMENTS,
  TARGET_CONTRACTS,
  TARGET_DOCUMENT,
  TARGET_SCENARIO,
  TARGET_PARAMETERS,
} TargetKind;

typedef struct _Form Form;

typedef struct
{
  Form             *form;
  GParamSpec       *pspec;
  TargetKind        target;
  FieldKind         kind;
  OpmAttributeUnit  unit;
  guint             flag;          /* FIELD_FLAG: the bit */
  double            scale;         /* FIELD_SPIN: shown = stored × scale */
  guint             digits;        /* FIELD_SPIN: decimals shown */

  GtkWidget        *row;
  GtkWidget        *editor;        /* spin button, switch, entry or text view */
  GtkWidget        *colour_button;
  GtkWidget        *unit_label;
  GtkWidget        *error_icon;    /* FIELD_ENTRY */
  GtkWidget        *error_label;   /* FIELD_TEXT */
  GtkWidget        *title_label;   /* FIELD_TEXT */
  GtkEventController *focus;

  /* What the widget shows */
  double            shown;         /* FIELD_SPIN, in shown units */
  guint             cached_position; /* FIELD_REFERENCE */
  GListModel       *ref_model;     /* FIELD_REFERENCE: the teams or services offered */
  guint             model_changing;
  gboolean          mixed;
  gboolean          dirty;         /* text edited since it was shown */
  char             *error;         /* why the last edit was refused */
  char             *note;          /* what the value means, e.g. the tolerated downtime */
} Field;

struct _Form
{
  OpmInspector *inspector;
  GType         type;              /* element type, or OPM_TYPE_DOCUMENT */
  GtkWidget    *page;
  GPtrArray    *fields;            /* of Field */
  GtkWidget    *contract_group;
  GtkWidget    *scenario_group;
  Field        *end_date;
  GtkWidget    *playbook_group;    /* services: the playbook's advice beside the values */
  GtkWidget    *playbook_rows[6];
  GtkWidget    *simulator;         /* the document's: the simulation's parameters */
};

struct _OpmInspector
{
  GtkWidget             parent_instance;

  /* template */
  GtkWidget            *header;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkStack             *stack;
  AdwPreferencesGroup  *mixed_group;

  /* owned */
  OpmDocument          *document;
  OpmScenario          *scenario;
  OpmParameters        *parameters;
  GPtrArray            *selection;   /* of OpmElement */
  GPtrArray            *contracts;   /* of OpmContract, of the selected teams */
  GPtrArray            *document_targets;
  GPtrArray            *scenario_targets;
  GPtrArray            *parameters_targets;
  GHashTable           *forms;       /* GType → Form */
  GPtrArray            *mixed_rows;
  guint                 idle_sync;

  /* borrowed */
  Form                 *current;

  guint                 updating;    /* widgets are being set from the model */
  guint                 applying;    /* an edit is going through the document */
  guint                 n_changes;
};

G_DEFINE_FINAL_TYPE (OpmInspector, opm_inspector, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SCENARIO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void     inspector_sync (OpmInspector *self);
static gboolean idle_sync_cb   (gpointer      data);
static void     field_sync     (OpmInspector *self,
                                Field        *field);

/* Translated labels of the closed vocabularies, in the order of the values. */

static const char * const team_kind_labels[] = {
  N_("Product team"), N_("Project delivery"), N_("Operations bridge (L1)"), N_("Service desk (L1)"),
  N_("Application support (L2)"), N_("Platform"), N_("Site reliability engineering"),
  N_("Specialists (DBA, network…)"), N_("Change management (CAB)"), N_("Incident management"),
};
static const char * const lifecycle_labels[] = {
  N_("Long-lived"), N_("Project with an end date"),
};
static const char * const sourcing_labels[] = {
  N_("In-house"), N_("Outsourced"),
};
static const char * const out_of_hours_labels[] = {
  N_("None"), N_("Working hours only"), N_("Shared domain rota"), N_("Own team rota"), N_("24×7 shifts"),
};
static const char * const on_call_pay_labels[] = {
  N_("None (best efforts)"), N_("Standby"), N_("Standby and callout"), N_("Callout only"),
};
static const char * const service_kind_labels[] = {
  N_("Digital service"), N_("Foundational system"), N_("Data store"),
};
static const char * const feature_demand_labels[] = {
  N_("Low"), N_("Medium"), N_("High"), N_("Very high"),
};
static const char * const deployment_target_labels[] = {
  N_("Monthly"), N_("Fortnightly"), N_("Weekly"), N_("Daily or more"),
};
static const char * const release_window_labels[] = {
  N_("Any time"), N_("Working hours"), N_("Overnight window"),
};
static const char * const change_approval_labels[] = {
  N_("Automated"), N_("Standard (pre-approved)"), N_("Normal (CAB)"),
};
static const char * const activity_labels[] = {
  N_("Plan"), N_("Build"), N_("Deploy"), N_("Operate (L1)"), N_("Support (L2)"), N_("Support (L3)"),
  N_("On call"), N_("Problem fix"), N_("Approve changes"), N_("Accountable"),
};
static const char * const dependency_mode_labels[] = {
  N_("Synchronous"), N_("Asynchronous"),
};
static const char * const softening_labels[] = {
  N_("Nothing"), N_("Circuit breaker"), N_("Cache"), N_("Queue"),
};
static const char * const contract_hours_labels[] = {
  N_("Working hours"), N_("Extended hours"), N_("24×7"),
};

/* Flags, by bit. */
static const char * const rights_labels[] = {
  N_("Code"), N_("Configuration"), N_("Data"), N_("Deployment"), N_("Infrastructure"),
  N_("Alerts"), N_("Telemetry (read)"),
};
static const char * const weekday_labels[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};
static const char * const weekday_short_labels[] = {
  N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"),
};
static const char * const telemetry_labels[] = {
  N_("Health check"), N_("Alerting"), N_("Logs"), N_("Dashboards"),
};
static const char * const resilience_labels[] = {
  N_("Circuit breaker"), N_("Cache"), N_("Bulkhead"), N_("Shutter page"),
};
static const char * const priority_labels[] = {
  N_("P1"), N_("P2"), N_("P3"), N_("P4"),
};

typedef struct
{
  GType             (*type) (void);
  const char * const *labels;
  guint               n_labels;
  const char * const *short_labels;
} Vocabulary;

#define VOCABULARY(func, labels) { func, labels, G_N_ELEMENTS (labels), NULL }

static const Vocabulary vocabularies[] = {
  VOCABULARY (opm_team_kind_get_type, team_kind_labels),
  VOCABULARY (opm_lifecycle_get_type, lifecycle_labels),
  VOCABULARY (opm_sourcing_get_type, sourcing_labels),
  VOCABULARY (opm_out_of_hours_get_type, out_of_hours_labels),
  VOCABULARY (opm_on_call_pay_get_type, on_call_pay_labels),
  VOCABULARY (opm_service_kind_get_type, service_kind_labels),
  VOCABULARY (opm_feature_demand_get_type, feature_demand_labels),
  VOCABULARY (opm_deployment_target_get_type, deployment_target_labels),
  VOCABULARY (opm_release_window_get_type, release_window_labels),
  VOCABULARY (opm_change_approval_get_type, change_approval_labels),
  VOCABULARY (opm_activity_get_type, activity_labels),
  VOCABULARY (opm_dependency_mode_get_type, dependency_mode_labels),
  VOCABULARY (opm_softening_get_type, softening_labels),
  VOCABULARY (opm_contract_hours_get_type, contract_hours_labels),
  VOCABULARY (opm_rights_get_type, rights_labels),
  { opm_weekdays_get_type, weekday_labels, G_N_ELEMENTS (weekday_labels), weekday_short_labels },
  VOCABULARY (opm_telemetry_get_type, telemetry_labels),
  VOCABULARY (opm_resilience_get_type, resilience_labels),
  VOCABULARY (opm_priorities_get_type, priority_labels),
};

static const Vocabulary *
find_vocabulary (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (vocabularies); i++)
    if (vocabularies[i].type () == type)
      return &vocabularies[i];

  return NULL;
}

/* "8 h 24 min", "10 min" */
static char *
format_duration_minutes (double minutes)
{
  int total = (int) round (minutes);

  if (total >= 60)
    return total % 60 != 0 ? g_strdup_printf (_("%d h %d min"), total / 60, total % 60)
                           : g_strdup_printf (_("%d h"), total / 60);

  return g_strdup_printf (_("%d min"), total);
}

static char *
enum_label (GType type,
            guint index)
{
  GEnumClass *klass = g_type_class_peek (type);
  const Vocabulary *vocabulary = find_vocabulary (type);

  if (type == OPM_TYPE_AVAILABILITY)
    {
      double percent = opm_availability_to_percent (klass->values[index].value);
      int digits = fabs (percent * 10 - round (percent * 10)) < 1e-9 ? 1 : 2;

      /* Translators: an availability target, e.g. "99.9 %" */
      return g_strdup_printf (_("%.*f %%"), digits, percent);
    }

  if (vocabulary != NULL && index < vocabulary->n_labels)
    return g_strdup (_(vocabulary->labels[index]));

  return g_strdup (klass->values[index].value_nick);
}

/* A line saying what an enum value implies, or NULL. */
static char *
enum_note (GType type,
           int   value)
{
  if (type == OPM_TYPE_AVAILABILITY)
    {
      g_autofree char *down = format_duration_minutes (opm_availability_tolerable_hours (value) * 60);

      /* Translators: the downtime an availability target tolerates, e.g. "Tolerates 10 min down a week" */
      return g_strdup_printf (_("Tolerates %s down a week"), down);
    }

  if (type == OPM_TYPE_ACTIVITY)
    {
      switch (opm_activity_get_phase (value))
        {
        case OPM_PHASE_PLAN:
          return g_strdup (_("Phase: Plan"));
        case OPM_PHASE_BUILD:
          return g_strdup (_("Phase: Build"));
        case OPM_PHASE_RUN:
        default:
          return g_strdup (_("Phase: Run"));
        }
    }

  return NULL;
}

static guint
flag_bit_index (guint flag)
{
  guint i = 0;

  while (flag > 1)
    {
      flag >>= 1;
      i++;
    }
  return i;
}

static const char *
flag_label (GType    type,
            guint    flag,
            gboolean short_form)
{
  const Vocabulary *vocabulary = find_vocabulary (type);
  guint bit = flag_bit_index (flag);

  if (vocabulary != NULL && bit < vocabulary->n_labels)
    return _(short_form && vocabulary->short_labels != NULL ? vocabulary->short_labels[bit]
                                                            : vocabulary->labels[bit]);

  return g_flags_get_first_value (g_type_class_peek (type), flag)->value_nick;
}

/* Sections */

static const struct
{
  const char *name;
  Section     section;
} attribute_sections[] = {
  { "name", SECTION_IDENTITY },
  { "kind", SECTION_IDENTITY },
  { "class", SECTION_IDENTITY },
  { "lifecycle", SECTION_IDENTITY },
  { "end-date", SECTION_IDENTITY },
  { "sourcing", SECTION_IDENTITY },
  { "size", SECTION_IDENTITY },
  { "team", SECTION_IDENTITY },
  { "service", SECTION_IDENTITY },
  { "activity", SECTION_IDENTITY },
  { "from", SECTION_IDENTITY },
  { "to", SECTION_IDENTITY },
  { "mode", SECTION_IDENTITY },
  { "softening", SECTION_IDENTITY },
  { "text", SECTION_NOTE },
  { "feature-demand", SECTION_DELIVERY },
  { "deployment-target", SECTION_DELIVERY },
  { "release-window", SECTION_DELIVERY },
  { "change-approval", SECTION_DELIVERY },
  { "availability-target", SECTION_RELIABILITY },
  { "exposure-per-hour", SECTION_RELIABILITY },
  { "exposure-extreme", SECTION_RELIABILITY },
  { "incident-rate", SECTION_RELIABILITY },
  { "telemetry", SECTION_RELIABILITY },
  { "resilience", SECTION_RELIABILITY },
  { "latent-faults", SECTION_RELIABILITY },
  { "out-of-hours", SECTION_OUT_OF_HOURS },
  { "rota-size", SECTION_OUT_OF_HOURS },
  { "on-call-pay", SECTION_OUT_OF_HOURS },
  { "work-days", SECTION_WORKING_HOURS },
  { "work-start", SECTION_WORKING_HOURS },
  { "work-end", SECTION_WORKING_HOURS },
  { "rights", SECTION_RIGHTS },
  { "description", SECTION_DESCRIPTION },
  { "x", SECTION_LAYOUT },
  { "y", SECTION_LAYOUT },
  { "width", SECTION_LAYOUT },
  { "height", SECTION_LAYOUT },
  { "colour", SECTION_LAYOUT },
  { "waypoints", SECTION_LAYOUT },
};

static Section
section_for (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (attribute_sections); i++)
    if (g_str_equal (attribute_sections[i].name, name))
      return attribute_sections[i].section;

  return SECTION_OTHER;
}

static const char *
section_title (Section section)
{
  switch (section)
    {
    case SECTION_IDENTITY:
      return _("Identity");
    case SECTION_NOTE:
      return _("Note");
    case SECTION_DELIVERY:
      return _("Delivery");
    case SECTION_RELIABILITY:
      return _("Reliability");
    case SECTION_OUT_OF_HOURS:
      return _("Out of Hours");
    case SECTION_WORKING_HOURS:
      return _("Working Hours");
    case SECTION_RIGHTS:
      return _("Rights");
    case SECTION_CONTRACT:
      return _("Contract");
    case SECTION_DESCRIPTION:
      return _("Description");
    case SECTION_LAYOUT:
      return _("Layout");
    case SECTION_OTHER:
    case N_SECTIONS:
    default:
      return _("More");
    }
}

static const char *
section_description (Section section)
{
  switch (section)
    {
    case SECTION_RIGHTS:
      return _("What the team may change or see in production");
    case SECTION_CONTRACT:
      return _("The terms the supplier works under");
    case SECTION_OUT_OF_HOURS:
      return _("How the team answers outside its working hours");
    default:
      return NULL;
    }
}

/* Targets */

static GPtrArray *
field_targets (OpmInspector *self,
               Field        *field)
{
  switch (field->target)
    {
    case TARGET_ELEMENTS:
      return self->selection;
    case TARGET_CONTRACTS:
      return self->contracts;
    case TARGET_DOCUMENT:
      return self->document_targets;
    case TARGET_SCENARIO:
      return self->scenario_targets;
    case TARGET_PARAMETERS:
      return self->parameters_targets;
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

static OpmInspector *
field_inspector (Field *field)
{
  return field->form->inspector;
}

static gboolean
field_has_focus (Field *field)
{
  return field->focus != NULL &&
         gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (field->focus));
}

/* Rows: errors, mixed values */

static void
field_update_subtitle (Field *field)
{
  const char *subtitle = NULL;

  if (!ADW_IS_ACTION_ROW (field->row) || field->kind == FIELD_FLAGS)
    return;

  if (field->error != NULL)
    subtitle = field->error;
  else if (field->mixed)
    subtitle = _("Mixed values");
  else
    subtitle = field->note;

  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (field->row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), subtitle);
}

static void
field_set_error (Field      *field,
                 const char *message)
{
  if (g_strcmp0 (field->error, message) == 0)
    return;

  g_free (field->error);
  field->error = g_strdup (message);

  if (message != NULL)
    gtk_widget_add_css_class (field->row, "error");
  else
    gtk_widget_remove_css_class (field->row, "error");

  gtk_widget_set_tooltip_text (field->row, message);

  if (field->error_icon != NULL)
    {
      gtk_widget_set_visible (field->error_icon, message != NULL);
      gtk_widget_set_tooltip_text (field->error_icon, message);
    }
  if (field->error_label != NULL)
    {
      gtk_label_set_text (GTK_LABEL (field->error_label), message != NULL ? message : "");
      gtk_widget_set_visible (field->error_label, message != NULL);
    }

  if (message != NULL)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
    }
  else
    {
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  field_update_subtitle (field);
}

/* Forgets what the user typed and any refusal, e.g. for a new selection. */
static void
field_reset (Field *field)
{
  field->dirty = FALSE;
  field->cached_position = GTK_INVALID_LIST_POSITION;
  field_set_error (field, NULL);
}

/* Editing */

typedef void (*ValueFunc) (Field    *field,
                           GObject  *target,
                           GValue   *value,
                           gpointer  data);

static void
same_value (Field    *field,
            GObject  *target,
            GValue   *value,
            gpointer  data)
{
  const GValue *shared = data;

  g_value_init (value, G_VALUE_TYPE (shared));
  g_value_copy (shared, value);
}

typedef struct
{
  guint    flag;
  gboolean on;
} FlagEdit;

static void
flag_value (Field    *field,
            GObject  *target,
            GValue   *value,
            gpointer  data)
{
  const FlagEdit *edit = data;
  guint flags;

  g_value_init (value, field->pspec->value_type);
  g_object_get_property (target, field->pspec->name, value);
  flags = g_value_get_flags (value);
  g_value_set_flags (value, edit->on ? (flags | edit->flag) : (flags & ~edit->flag));
}

/* Sets the field's attribute on every target through the document, as one
 * step. A refused value changes nothing and marks the row with the reason. */
static gboolean
field_apply (Field     *field,
             ValueFunc  func,
             gpointer   data)
{
  OpmInspector *self = field_inspector (field);
  GPtrArray *targets = field_targets (self, field);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  guint changes;

  if (self->updating > 0 || targets->len == 0)
    return FALSE;

  if (self->document == NULL)
    {
      field_set_error (field, _("Not part of a document"));
      return FALSE;
    }

  /* Check a shared value once before touching anything. */
  if (func == same_value && targets->len > 1 &&
      !opm_attribute_check_value (field->pspec, data, &error))
    {
      field_set_error (field, error->message);
      return FALSE;
    }

  self->applying++;
  changes = self->n_changes;

  if (targets->len > 1)
    {
      g_autofree char *label = g_strdup_printf (_("Change %s"), opm_attribute_get_label (field->pspec));
      opm_document_begin_group (self->document, label);
    }

  for (guint i = 0; i < targets->len && ok; i++)
    {
      GObject *target = g_ptr_array_index (targets, i);
      g_auto(GValue) value = G_VALUE_INIT;

      func (field, target, &value, data);
      ok = opm_document_set_value (self->document, target, field->pspec->name, &value, &error);
    }

  if (targets->len > 1)
    {
      opm_document_end_group (self->document);
      /* One target refused it: take back what the others took. */
      if (!ok && self->n_changes != changes)
        opm_document_undo (self->document);
    }

  self->applying--;

  if (ok)
    {
      field->dirty = FALSE;
      field_set_error (field, NULL);
    }
  else
    {
      field_set_error (field, error->message);
    }

  inspector_sync (self);

  return ok;
}

static gboolean
field_apply_value (Field        *field,
                   const GValue *value)
{
  return field_apply (field, same_value, (gpointer) value);
}

static gboolean
field_apply_string (Field      *field,
                    const char *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);
  return field_apply_value (field, &value);
}

/* Strings */

static const char *
field_text (Field *field)
{
  if (field->kind == FIELD_ENTRY)
    return gtk_editable_get_text (GTK_EDITABLE (field->row));
  if (field->kind == FIELD_COLOUR)
    return gtk_editable_get_text (GTK_EDITABLE (field->editor));
  g_assert_not_reached ();
  return NULL;
}

static void
field_commit (Field *field)
{
  OpmInspector *self = field_inspector (field);

  if (self->updating > 0 || !field->dirty)
    return;

  if (field->kind == FIELD_SPIN)
    {
      gtk_spin_button_update (GTK_SPIN_BUTTON (field->editor));
      return;
    }

  if (field->kind == FIELD_TEXT)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      field_apply_string (field, text);
    }
  else
    {
      field_apply_string (field, field_text (field));
    }
}

/* Shows the model's value again, dropping what was typed. */
static void
field_revert (Field *field)
{
  field_reset (field);
  field->form->inspector->updating++;
  field_sync (field_inspector (field), field);
  field->form->inspector->updating--;
}

static void
on_text_changed (Field *field)
{
  if (field_inspector (field)->updating == 0)
    field->dirty = TRUE;
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                Field                   *field)
{
  field_commit (field);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                Field                 *field)
{
  if (keyval == GDK_KEY_Escape && (field->dirty || field->error != NULL))
    {
      field_revert (field);
      return GDK_EVENT_STOP;
    }

  if (field->kind == FIELD_TEXT && (state & GDK_CONTROL_MASK) != 0 &&
      (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter))
    {
      field_commit (field);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
field_watch_focus (Field     *field,
                   GtkWidget *widget)
{
  GtkEventController *key = gtk_event_controller_key_new ();

  field->focus = gtk_event_controller_focus_new ();
  g_signal_connect (field->focus, "leave", G_CALLBACK (on_focus_leave), field);
  gtk_widget_add_controller (widget, field->focus);

  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), field);
  gtk_widget_add_controller (widget, key);
}

/* Numbers */

static double
spin_tolerance (Field *field)
{
  return 0.5 * pow (10, -(double) field->digits);
}

static char *
format_number (Field  *field,
               double  shown)
{
  char *text;

  if (field->unit == OPM_ATTRIBUTE_UNIT_TIME_OF_DAY)
    {
      int minutes = (int) round (shown);
      return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
    }

  text = g_strdup_printf ("%.*f", (int) field->digits, shown);

  /* No trailing zeros: "0.5", "15" */
  if (field->digits > 0)
    {
      gsize len = strlen (text);

      while (len > 0 && text[len - 1] == '0')
        text[--len] = '\0';
      if (len > 0 && !g_ascii_isdigit (text[len - 1]))
        text[--len] = '\0';
      if (strcmp (text, "-0") == 0)
        strcpy (text, "0");
    }

  return text;
}

static gboolean
parse_number (Field      *field,
              const char *text,
              double     *shown)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;

  if (field->unit == OPM_ATTRIBUTE_UNIT_TIME_OF_DAY)
    {
      guint64 hours, minutes = 0;
      g_auto(GStrv) parts = g_strsplit_set (copy, ":.", -1);
      guint n = g_strv_length (parts);

      if (n < 1 || n > 2 ||
          !g_ascii_string_to_unsigned (parts[0], 10, 0, 24, &hours, NULL) ||
          (n == 2 && (strlen (parts[1]) != 2 || !g_ascii_string_to_unsigned (parts[1], 10, 0, 59, &minutes, NULL))))
        return FALSE;

      *shown = hours * 60 + minutes;
      return TRUE;
    }

  /* Accept "25 %", "1,5" and "1.5". */
  if (g_str_has_suffix (copy, "%"))
    {
      copy[strlen (copy) - 1] = '\0';
      g_strstrip (copy);
    }
  g_strdelimit (copy, ",", '.');

  if (copy[0] == '\0')
    return FALSE;

  v = g_ascii_strtod (copy, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;

  *shown = v;
  return TRUE;
}

static void
shown_to_value (Field  *field,
                double  shown,
                GValue *value)
{
  double v = shown / field->scale;

  if (opm_attribute_is_integral (field->pspec))
    v = round (v);

  if (G_IS_PARAM_SPEC_INT (field->pspec))
    {
      g_value_init (value, G_TYPE_INT);
      g_value_set_int (value, (int) v);
    }
  else
    {
      g_value_init (value, G_TYPE_DOUBLE);
      g_value_set_double (value, v);
    }
}

static gboolean
field_apply_number (Field  *field,
                    double  shown)
{
  g_auto(GValue) value = G_VALUE_INIT;

  shown_to_value (field, shown, &value);
  return field_apply_value (field, &value);
}

static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               Field         *field)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  double lower = gtk_adjustment_get_lower (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);
  double v;

  field->dirty = FALSE;

  if (field->mixed && g_str_equal (text, "—"))
    {
      *new_value = gtk_adjustment_get_value (adjustment);
      return TRUE;
    }

  if (!parse_number (field, text, &v))
    {
      g_autofree char *message = field->unit == OPM_ATTRIBUTE_UNIT_TIME_OF_DAY
        ? g_strdup_printf (_("“%s” is not a time of day (HH:MM)"), text)
        : g_strdup_printf (_("“%s” is not a number"), text);

      field_set_error (field, message);
      return GTK_INPUT_ERROR;
    }

  if (v < lower - spin_tolerance (field) || v > upper + spin_tolerance (field))
    {
      g_autofree char *lo = format_number (field, lower);
      g_autofree char *hi = format_number (field, upper);
      g_autofree char *message = g_strdup_printf (_("Must be between %s and %s"), lo, hi);

      field_set_error (field, message);
      return GTK_INPUT_ERROR;
    }

  v = CLAMP (v, lower, upper);

  /* Typing a value over mixed values sets them all, even to the value
   * the spin button happens to hold. */
  if (field->mixed && field_inspector (field)->updating == 0)
    field_apply_number (field, v);

  *new_value = v;
  return TRUE;
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                Field         *field)
{
  g_autofree char *text = NULL;

  if (field->mixed)
    text = g_strdup ("—");
  else
    text = format_number (field, gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));

  if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (spin))))
    {
      OpmInspector *self = field_inspector (field);

      /* Not typing: keep the field clean. */
      self->updating++;
      gtk_editable_set_text (GTK_EDITABLE (spin), text);
      self->updating--;
    }

  return TRUE;
}

static void
on_spin_value_changed (GtkSpinButton *spin,
                       Field         *field)
{
  double v = gtk_spin_button_get_value (spin);

  if (field_inspector (field)->updating > 0)
    return;

  field->dirty = FALSE;

  /* Nothing the user did: a redisplay, or the shown value rounded. */
  if (!field->mixed && fabs (v - field->shown) < spin_tolerance (field))
    return;

  field_apply_number (field, v);
}

/* Enums and references */

static void
on_combo_selected (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Field       *field)
{
  guint position = adw_combo_row_get_selected (row);
  g_auto(GValue) value = G_VALUE_INIT;

  /* A team or service added or removed moves the selection: not an edit. */
  if (field_inspector (field)->updating > 0 || field->model_changing > 0 ||
      position == GTK_INVALID_LIST_POSITION)
    return;

  if (field->kind == FIELD_COMBO)
    {
      GEnumClass *klass = g_type_class_peek (field->pspec->value_type);

      g_value_init (&value, field->pspec->value_type);
      g_value_set_enum (&value, klass->values[position].value);
    }
  else
    {
      g_autoptr(GObject) item = g_list_model_get_item (adw_combo_row_get_model (row), position);

      g_value_init (&value, field->pspec->value_type);
      g_value_set_object (&value, item);
    }

  field_apply_value (field, &value);
}

static void
on_ref_items_changed (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Field      *field)
{
  field->model_changing++;
}

static void
on_ref_items_changed_after (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            Field      *field)
{
  OpmInspector *self = field_inspector (field);

  field->model_changing--;
  field->cached_position = GTK_INVALID_LIST_POSITION;

  /* Show the referenced element again once the model has settled. */
  if (self->idle_sync == 0)
    self->idle_sync = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, idle_sync_cb, self, NULL);
}

/* Watches @model's changes before the combo row's selection does, so that
 * the selection moving with them is not taken for an edit. */
static void
field_set_ref_model (Field      *field,
                     GListModel *model)
{
  if (field->ref_model == model)
    return;

  if (field->ref_model != NULL)
    {
      g_signal_handlers_disconnect_by_data (field->ref_model, field);
      g_clear_object (&field->ref_model);
    }

  if (model != NULL)
    {
      field->ref_model = g_object_ref (model);
      g_signal_connect (model, "items-changed", G_CALLBACK (on_ref_items_changed), field);
      g_signal_connect_after (model, "items-changed", G_CALLBACK (on_ref_items_changed_after), field);
    }
}

static char *
element_label (OpmElement *element,
               const char *name,
               gpointer    user_data)
{
  return g_strdup (element != NULL ? opm_element_get_label (element) : "");
}

/* Booleans and flags */

static void
on_switch_active (GtkSwitch  *sw,
                  GParamSpec *pspec,
                  Field      *field)
{
  if (field_inspector (field)->updating > 0)
    return;

  if (field->kind == FIELD_FLAG)
    {
      FlagEdit edit = { field->flag, gtk_switch_get_active (sw) };
      field_apply (field, flag_value, &edit);
    }
  else
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_BOOLEAN);
      g_value_set_boolean (&value, gtk_switch_get_active (sw));
      field_apply_value (field, &value);
    }
}

/* Colours */

static void
on_colour_set (GtkColorButton *button,
               Field          *field)
{
  GdkRGBA rgba;
  g_autofree char *text = NULL;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  text = g_strdup_printf ("#%02x%02x%02x", (int) round (rgba.red * 255), (int) round (rgba.green * 255),
                          (int) round (rgba.blue * 255));
  field_apply_string (field, text);
}

static void
on_colour_clear (GtkButton *button,
                 Field     *field)
{
  field_apply_string (field, "");
}

static void
on_entry_activate (Field *field)
{
  field_commit (field);
}

/* Building rows */

static void
label_editor (GtkWidget  *editor,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static const char *
unit_text (OpmInspector     *self,
           OpmAttributeUnit  unit,
           char            **owned)
{
  const char *currency = self != NULL && self->document != NULL ? opm_document_get_currency (self->document) : "";

  switch (unit)
    {
    case OPM_ATTRIBUTE_UNIT_MONEY:
      return currency;
    case OPM_ATTRIBUTE_UNIT_MONEY_PER_HOUR:
      /* Translators: money per hour, e.g. "USD/h" */
      return *owned = g_strdup_printf (_("%s/h"), currency);
    case OPM_ATTRIBUTE_UNIT_PROBABILITY:
      return "%";
    case OPM_ATTRIBUTE_UNIT_MINUTES:
      return _("min");
    case OPM_ATTRIBUTE_UNIT_PER_YEAR:
      return _("a year");
    case OPM_ATTRIBUTE_UNIT_FACTOR:
      return "×";
    case OPM_ATTRIBUTE_UNIT_NONE:
    case OPM_ATTRIBUTE_UNIT_COUNT:
    case OPM_ATTRIBUTE_UNIT_TIME_OF_DAY:
    case OPM_ATTRIBUTE_UNIT_LENGTH:
    case OPM_ATTRIBUTE_UNIT_DATE:
    case OPM_ATTRIBUTE_UNIT_COLOUR:
    case OPM_ATTRIBUTE_UNIT_CURRENCY_CODE:
    default:
      return NULL;
    }
}

static gboolean
has_unit (OpmAttributeUnit unit)
{
  g_autofree char *owned = NULL;

  return unit_text (NULL, unit, &owned) != NULL;
}

static void
field_update_unit (OpmInspector *self,
                   Field        *field)
{
  g_autofree char *owned = NULL;
  const char *text;

  if (field->unit_label == NULL)
    return;

  text = unit_text (self, field->unit, &owned);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (field->unit_label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (field->unit_label), text);
}

/* The wheel over a spin button the user is not typing in scrolls the page
 * instead of changing the value: scrolling down the inspector must not
 * edit every number it passes. */
static gboolean
on_spin_scroll (GtkEventControllerScroll *controller,
                double                    dx,
                double                    dy,
                gpointer                  data)
{
  GtkWidget *spin = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  GtkRoot *root = gtk_widget_get_root (spin);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == spin || gtk_widget_is_ancestor (focus, spin)))
    return FALSE;

  scrolled = gtk_widget_get_ancestor (spin, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled == NULL)
    return TRUE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * 48);

  return TRUE;
}

static GtkWidget *
build_spin (Field *field)
{
  OpmInspector *self = field->form->inspector;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin;
  GtkAdjustment *adjustment;
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  g_autofree char *range = NULL;
  double min, max, step = 1, page = 10;

  opm_attribute_get_range (field->pspec, &min, &max);

  field->scale = field->unit == OPM_ATTRIBUTE_UNIT_PROBABILITY ? 100 : 1;
  field->digits = opm_attribute_is_integral (field->pspec) ? 0 : 2;

  switch (field->unit)
    {
    case OPM_ATTRIBUTE_UNIT_TIME_OF_DAY:
      step = 15;
      page = 60;
      field->digits = 0;
      break;
    case OPM_ATTRIBUTE_UNIT_MONEY:
    case OPM_ATTRIBUTE_UNIT_MONEY_PER_HOUR:
      step = 100;
      page = 1000;
      break;
    case OPM_ATTRIBUTE_UNIT_MINUTES:
      step = 1;
      page = 15;
      break;
    case OPM_ATTRIBUTE_UNIT_FACTOR:
      step = 0.1;
      page = 1;
      break;
    case OPM_ATTRIBUTE_UNIT_PROBABILITY:
      field->digits = 1;
      step = 1;
      page = 10;
      break;
    case OPM_ATTRIBUTE_UNIT_LENGTH:
      field->digits = 1;
      step = 10;
      page = 100;
      break;
    case OPM_ATTRIBUTE_UNIT_NONE:
    case OPM_ATTRIBUTE_UNIT_COUNT:
    case OPM_ATTRIBUTE_UNIT_PER_YEAR:
    case OPM_ATTRIBUTE_UNIT_DATE:
    case OPM_ATTRIBUTE_UNIT_COLOUR:
    case OPM_ATTRIBUTE_UNIT_CURRENCY_CODE:
    default:
      break;
    }

  adjustment = gtk_adjustment_new (min * field->scale, min * field->scale, max * field->scale, step, page, 0);
  spin = gtk_spin_button_new (adjustment, 0, field->digits);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), field->unit == OPM_ATTRIBUTE_UNIT_TIME_OF_DAY ? 5 : 7);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  field->shown = NAN;

  lo = format_number (field, min * field->scale);
  hi = format_number (field, max * field->scale);
  range = g_strdup_printf (_("From %s to %s"), lo, hi);
  gtk_widget_set_tooltip_text (spin, range);

  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), field);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output), field);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_value_changed), field);
  g_signal_connect_swapped (spin, "changed", G_CALLBACK (on_text_changed), field);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  field->editor = spin;

  if (has_unit (field->unit))
    {
      field->unit_label = gtk_label_new (NULL);
      gtk_label_set_width_chars (GTK_LABEL (field->unit_label), 4);
      gtk_label_set_xalign (GTK_LABEL (field->unit_label), 0);
      gtk_widget_add_css_class (field->unit_label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), field->unit_label);
      field_update_unit (self, field);
    }

  field_watch_focus (field, spin);

  {
    GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

    gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
    g_signal_connect (scroll, "scroll", G_CALLBACK (on_spin_scroll), NULL);
    gtk_widget_add_controller (spin, scroll);
  }

  return row;
}

static GtkWidget *
build_text (Field      *field,
            const char *label)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);

  field->title_label = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (field->title_label), 0);
  gtk_widget_add_css_class (field->title_label, "caption");
  gtk_widget_add_css_class (field->title_label, "dim-label");
  gtk_box_append (GTK_BOX (box), field->title_label);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  label_editor (view, label);
  gtk_widget_set_tooltip_text (view, _("Ctrl+Enter or leaving the field applies the text"));

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 110);
  gtk_scrolled_window_set_has_frame (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  field->error_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (field->error_label), 0);
  gtk_label_set_wrap (GTK_LABEL (field->error_label), TRUE);
  gtk_widget_add_css_class (field->error_label, "caption");
  gtk_widget_add_css_class (field->error_label, "error");
  gtk_widget_set_visible (field->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), field->error_label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_text_changed), field);
  field_watch_focus (field, view);
  field->editor = view;

  return row;
}

static GtkWidget *
build_entry (Field      *field,
             const char *label)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  field->error_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (field->error_icon, "error");
  gtk_widget_set_visible (field->error_icon, FALSE);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), field->error_icon);

  if (field->unit == OPM_ATTRIBUTE_UNIT_DATE)
    gtk_widget_set_tooltip_text (row, _("A date written YYYY-MM-DD"));
  else if (field->unit == OPM_ATTRIBUTE_UNIT_CURRENCY_CODE)
    gtk_widget_set_tooltip_text (row, _("An ISO 4217 code such as USD, EUR or GBP"));

  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_text_changed), field);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activate), field);
  field_watch_focus (field, row);

  return row;
}

static GtkWidget *
build_colour (Field      *field,
              const char *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = gtk_color_button_new ();
  GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  g_autofree char *choose = g_strdup_printf (_("Choose %s"), label);

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 32);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Default"));
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (entry, _("A colour written #rrggbb, or empty for the default"));
  label_editor (entry, label);

  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (button), FALSE);
  gtk_color_button_set_title (GTK_COLOR_BUTTON (button), choose);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, choose);
  label_editor (button, choose);

  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "flat");
  gtk_widget_set_tooltip_text (clear, _("Use the default colour"));
  label_editor (clear, _("Use the default colour"));

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);

  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_text_changed), field);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_entry_activate), field);
  g_signal_connect (button, "color-set", G_CALLBACK (on_colour_set), field);
  g_signal_connect (clear, "clicked", G_CALLBACK (on_colour_clear), field);
  field_watch_focus (field, entry);

  field->editor = entry;
  field->colour_button = button;

  return row;
}

static GtkWidget *
build_switch (Field      *field,
              const char *label)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  label_editor (sw, label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_signal_connect (sw, "notify::active", G_CALLBACK (on_switch_active), field);
  field->editor = sw;

  return row;
}

static GtkWidget *
build_combo (Field *field)
{
  GtkWidget *row = adw_combo_row_new ();

  if (field->kind == FIELD_COMBO)
    {
      GEnumClass *klass = g_type_class_ref (field->pspec->value_type);
      GtkStringList *labels = gtk_string_list_new (NULL);

      for (guint i = 0; i < klass->n_values; i++)
        {
          g_autofree char *text = enum_label (field->pspec->value_type, i);
          gtk_string_list_append (labels, text);
        }

      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      g_object_unref (labels);
      g_type_class_unref (klass);
    }
  else
    {
      GtkExpression *name = gtk_property_expression_new (field->pspec->value_type, NULL, "name");
      GtkExpression *label = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &name,
                                                          G_CALLBACK (element_label), NULL, NULL);

      adw_combo_row_set_expression (ADW_COMBO_ROW (row), label);
      gtk_expression_unref (label);
    }

  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), field);

  return row;
}

/* The widget name of a row, which tests and CSS can find: "size",
 * "contract.priorities", "rights:code", "document.title"… */
static char *
attribute_name (GParamSpec *pspec,
                TargetKind  target)
{
  switch (target)
    {
    case TARGET_CONTRACTS:
      return g_strconcat ("contract.", pspec->name, NULL);
    case TARGET_DOCUMENT:
      return g_strconcat ("document.", pspec->name, NULL);
    case TARGET_SCENARIO:
      return g_strconcat ("scenario.", pspec->name, NULL);
    case TARGET_PARAMETERS:
      return g_strconcat ("parameters.", pspec->name, NULL);
    case TARGET_ELEMENTS:
    default:
      return g_strdup (pspec->name);
    }
}

static Field *
field_new (Form             *form,
           GParamSpec       *pspec,
           TargetKind        target,
           FieldKind         kind)
{
  Field *field = g_new0 (Field, 1);

  field->form = form;
  field->pspec = pspec;
  field->target = target;
  field->kind = kind;
  field->unit = opm_attribute_get_unit (pspec);
  field->scale = 1;
  field->cached_position = GTK_INVALID_LIST_POSITION;
  g_ptr_array_add (form->fields, field);

  return field;
}

static void
field_set_ref_model (Field      *field,
                     GListModel *model);

static void
field_free (Field *field)
{
  field_set_ref_model (field, NULL);
  g_free (field->error);
  g_free (field->note);
  g_free (field);
}

static void
add_row (GtkWidget *group,
         GtkWidget *row)
{
  if (ADW_IS_EXPANDER_ROW (group))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (group), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* One switch per flag, in an expander row that sums them up, or straight
 * in @group when @in_group. */
static Field *
form_add_flags (Form       *form,
                GtkWidget  *group,
                GParamSpec *pspec,
                TargetKind  target,
                gboolean    in_group)
{
  const char *label = opm_attribute_get_label (pspec);
  g_autofree char *name = attribute_name (pspec, target);
  GFlagsClass *klass = g_type_class_ref (pspec->value_type);
  GtkWidget *parent = group;
  Field *summary = NULL;

  if (!in_group)
    {
      summary = field_new (form, pspec, target, FIELD_FLAGS);
      summary->row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (summary->row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (summary->row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_name (summary->row, name);
      add_row (group, summary->row);
      parent = summary->row;
    }

  for (guint i = 0; i < klass->n_values; i++)
    {
      Field *flag = field_new (form, pspec, target, FIELD_FLAG);
      const char *flag_text = flag_label (pspec->value_type, klass->values[i].value, FALSE);
      g_autofree char *flag_name = g_strdup_printf ("%s:%s", name, klass->values[i].value_nick);
      /* Translators: the accessible label of one flag, e.g. "Rights: Deployment" */
      g_autofree char *accessible = g_strdup_printf (_("%s: %s"), label, flag_text);

      flag->flag = klass->values[i].value;
      flag->row = build_switch (flag, flag_text);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (flag->row), flag_text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (flag->row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      label_editor (flag->editor, accessible);
      gtk_widget_set_name (flag->row, flag_name);
      add_row (parent, flag->row);
    }

  g_type_class_unref (klass);

  return summary;
}

/* Adds the editor of @pspec to @group (a preferences group or an expander
 * row) and returns its field. */
static Field *
form_add_field (Form       *form,
                GtkWidget  *group,
                GParamSpec *pspec,
                TargetKind  target)
{
  const char *label = opm_attribute_get_label (pspec);
  g_autofree char *name = NULL;
  FieldKind kind;
  Field *field;

  switch (opm_attribute_get_kind (pspec))
    {
    case OPM_ATTRIBUTE_STRING:
      if (opm_attribute_get_unit (pspec) == OPM_ATTRIBUTE_UNIT_COLOUR)
        kind = FIELD_COLOUR;
      else if (opm_attribute_is_single_line (pspec))
        kind = FIELD_ENTRY;
      else
        kind = FIELD_TEXT;
      break;
    case OPM_ATTRIBUTE_INT:
    case OPM_ATTRIBUTE_DOUBLE:
      kind = FIELD_SPIN;
      break;
    case OPM_ATTRIBUTE_BOOLEAN:
      kind = FIELD_SWITCH;
      break;
    case OPM_ATTRIBUTE_ENUM:
      kind = FIELD_COMBO;
      break;
    case OPM_ATTRIBUTE_FLAGS:
      return form_add_flags (form, group, pspec, target, section_for (pspec->name) == SECTION_RIGHTS);
    case OPM_ATTRIBUTE_ELEMENT:
      kind = FIELD_REFERENCE;
      break;
    default:
      g_assert_not_reached ();
    }

  field = field_new (form, pspec, target, kind);
  name = attribute_name (pspec, target);

  switch (kind)
    {
    case FIELD_ENTRY:
      field->row = build_entry (field, label);
      break;
    case FIELD_TEXT:
      field->row = build_text (field, label);
      break;
    case FIELD_SPIN:
      field->row = build_spin (field);
      break;
    case FIELD_SWITCH:
      field->row = build_switch (field, label);
      break;
    case FIELD_COLOUR:
      field->row = build_colour (field, label);
      break;
    case FIELD_COMBO:
    case FIELD_REFERENCE:
      field->row = build_combo (field);
      break;
    case FIELD_FLAGS:
    case FIELD_FLAG:
    default:
      g_assert_not_reached ();
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_name (field->row, name);
  if (field->editor != NULL && kind != FIELD_TEXT && kind != FIELD_COLOUR)
    label_editor (field->editor, label);

  add_row (group, field->row);

  return field;
}

/* Showing values */

/* Reads the field's attribute from every target: the first value, and
 * whether the others differ. */
static gboolean
field_read (OpmInspector *self,
            Field        *field,
            GValue       *first,
            gboolean     *mixed)
{
  GPtrArray *targets = field_targets (self, field);

  *mixed = FALSE;
  if (targets->len == 0)
    return FALSE;

  g_value_init (first, field->pspec->value_type);
  g_object_get_property (g_ptr_array_index (targets, 0), field->pspec->name, first);

  for (guint i = 1; i < targets->len && !*mixed; i++)
    {
      g_auto(GValue) other = G_VALUE_INIT;

      g_value_init (&other, field->pspec->value_type);
      g_object_get_property (g_ptr_array_index (targets, i), field->pspec->name, &other);
      *mixed = g_param_values_cmp (field->pspec, first, &other) != 0;
    }

  return TRUE;
}

static void
sync_editable (Field       *field,
               GtkEditable *editable,
               const char  *text)
{
  /* Never overwrite what the user is typing or a refused value. */
  if (field->dirty || field->error != NULL)
    return;

  if (!g_str_equal (gtk_editable_get_text (editable), text))
    gtk_editable_set_text (editable, text);
}

static guint
find_position (GListModel *model,
               gpointer    item,
               guint       hint)
{
  guint n = g_list_model_get_n_items (model);

  if (hint < n)
    {
      g_autoptr(GObject) at = g_list_model_get_item (model, hint);
      if (at == item)
        return hint;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) at = g_list_model_get_item (model, i);
      if (at == item)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static void
sync_flags_summary (OpmInspector *self,
                    Field        *field)
{
  GPtrArray *targets = field_targets (self, field);
  GFlagsClass *klass = g_type_class_peek (field->pspec->value_type);
  guint all = klass->mask, any = 0;
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < targets->len; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      guint flags;

      g_value_init (&value, field->pspec->value_type);
      g_object_get_property (g_ptr_array_index (targets, i), field->pspec->name, &value);
      flags = g_value_get_flags (&value);
      all &= flags;
      any |= flags;
    }

  if (targets->len == 0)
    all = 0;

  if (all == klass->mask)
    g_string_append (summary, field->pspec->value_type == OPM_TYPE_WEEKDAYS ? _("Every day") : _("All"));
  else
    for (guint i = 0; i < klass->n_values; i++)
      {
        guint run = 0;

        if ((all & klass->values[i].value) == 0)
          continue;

        /* Runs of three or more days read "Mon–Fri". */
        if (field->pspec->value_type == OPM_TYPE_WEEKDAYS)
          while (i + run + 1 < klass->n_values && (all & klass->values[i + run + 1].value) != 0)
            run++;

        if (summary->len > 0)
          g_string_append (summary, _(", "));
        g_string_append (summary, flag_label (field->pspec->value_type, klass->values[i].value, TRUE));
        if (run >= 2)
          {
            /* Translators: a range of days, e.g. "Mon–Fri" */
            g_string_append (summary, _("–"));
            g_string_append (summary, flag_label (field->pspec->value_type, klass->values[i + run].value, TRUE));
            i += run;
          }
      }

  if (summary->len == 0 && any == 0)
    g_string_append (summary, _("None"));
  if (any != all)
    {
      if (summary->len > 0)
        g_string_append (summary, _(", "));
      g_string_append (summary, _("mixed values"));
    }

  if (g_strcmp0 (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (field->row)), summary->str) != 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (field->row), summary->str);
}

static void
field_sync (OpmInspector *self,
            Field        *field)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GPtrArray *targets = field_targets (self, field);
  gboolean mixed = FALSE;

  g_assert (self->updating > 0);

  switch (field->kind)
    {
    case FIELD_FLAGS:
      sync_flags_summary (self, field);
      return;

    case FIELD_FLAG:
      {
        guint on = 0;

        for (guint i = 0; i < targets->len; i++)
          {
            g_auto(GValue) v = G_VALUE_INIT;

            g_value_init (&v, field->pspec->value_type);
            g_object_get_property (g_ptr_array_index (targets, i), field->pspec->name, &v);
            if ((g_value_get_flags (&v) & field->flag) != 0)
              on++;
          }

        field->mixed = on > 0 && on < targets->len;
        if (gtk_switch_get_active (GTK_SWITCH (field->editor)) != (on > 0 && on == targets->len))
          gtk_switch_set_active (GTK_SWITCH (field->editor), on > 0 && on == targets->len);
        field_update_subtitle (field);
        return;
      }

    default:
      break;
    }

  if (!field_read (self, field, &value, &mixed))
    return;

  field->mixed = mixed;

  switch (field->kind)
    {
    case FIELD_ENTRY:
      {
        const char *label = opm_attribute_get_label (field->pspec);
        g_autofree char *title = mixed ? g_strdup_printf (_("%s (mixed values)"), label) : g_strdup (label);

        if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (field->row)), title) != 0)
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), title);
        sync_editable (field, GTK_EDITABLE (field->row), mixed ? "" : g_value_get_string (&value));
        break;
      }

    case FIELD_COLOUR:
      {
        const char *text = mixed ? "" : g_value_get_string (&value);
        GdkRGBA rgba;

        gtk_entry_set_placeholder_text (GTK_ENTRY (field->editor), mixed ? _("Mixed") : _("Default"));
        sync_editable (field, GTK_EDITABLE (field->editor), text);
        if (text[0] != '\0' && gdk_rgba_parse (&rgba, text))
          gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (field->colour_button), &rgba);
        field_update_subtitle (field);
        break;
      }

    case FIELD_TEXT:
      {
        const char *label = opm_attribute_get_label (field->pspec);
        g_autofree char *title = mixed ? g_strdup_printf (_("%s (mixed values)"), label) : g_strdup (label);
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor));
        const char *text = mixed ? "" : g_value_get_string (&value);
        g_autofree char *current = NULL;
        GtkTextIter start, end;

        gtk_label_set_text (GTK_LABEL (field->title_label), title);
        if (field->dirty || field->error != NULL)
          break;

        gtk_text_buffer_get_bounds (buffer, &start, &end);
        current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        if (!g_str_equal (current, text))
          gtk_text_buffer_set_text (buffer, text, -1);
        break;
      }

    case FIELD_SPIN:
      {
        GtkSpinButton *spin = GTK_SPIN_BUTTON (field->editor);
        double shown = (G_VALUE_HOLDS_INT (&value) ? g_value_get_int (&value) : g_value_get_double (&value))
                       * field->scale;
        g_autofree char *text = mixed ? g_strdup ("—") : format_number (field, shown);

        field->shown = shown;
        if (gtk_spin_button_get_value (spin) != shown)
          gtk_spin_button_set_value (spin, shown);
        /* Leave alone a number being typed. */
        if (!(field->dirty && field_has_focus (field)) &&
            !g_str_equal (gtk_editable_get_text (GTK_EDITABLE (spin)), text))
          gtk_editable_set_text (GTK_EDITABLE (spin), text);
        field_update_unit (self, field);
        field_update_subtitle (field);
        break;
      }

    case FIELD_SWITCH:
      if (gtk_switch_get_active (GTK_SWITCH (field->editor)) != (!mixed && g_value_get_boolean (&value)))
        gtk_switch_set_active (GTK_SWITCH (field->editor), !mixed && g_value_get_boolean (&value));
      field_update_subtitle (field);
      break;

    case FIELD_COMBO:
      {
        GEnumClass *klass = g_type_class_peek (field->pspec->value_type);
        guint position = GTK_INVALID_LIST_POSITION;

        if (!mixed)
          for (guint i = 0; i < klass->n_values; i++)
            if (klass->values[i].value == g_value_get_enum (&value))
              position = i;

        if (adw_combo_row_get_selected (ADW_COMBO_ROW (field->row)) != position)
          adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), position);
        g_clear_pointer (&field->note, g_free);
        if (!mixed)
          field->note = enum_note (field->pspec->value_type, g_value_get_enum (&value));
        field_update_subtitle (field);
        break;
      }

    case FIELD_REFERENCE:
      {
        OpmElement *first = g_ptr_array_index (targets, 0);
        OpmScenario *scenario = opm_element_get_scenario (first);
        GListModel *model = scenario != NULL ? opm_scenario_get_elements (scenario, field->pspec->value_type) : NULL;
        gpointer item = g_value_get_object (&value);
        guint position = GTK_INVALID_LIST_POSITION;

        if (adw_combo_row_get_model (ADW_COMBO_ROW (field->row)) != model)
          {
            field_set_ref_model (field, model);
            adw_combo_row_set_model (ADW_COMBO_ROW (field->row), model);
            field->cached_position = GTK_INVALID_LIST_POSITION;
          }

        if (model != NULL && !mixed && item != NULL)
          position = field->cached_position = find_position (model, item, field->cached_position);

        if (adw_combo_row_get_selected (ADW_COMBO_ROW (field->row)) != position)
          adw_combo_row_set_selected (ADW_COMBO_ROW (field->row), position);
        field_update_subtitle (field);
        break;
      }

    case FIELD_FLAGS:
    case FIELD_FLAG:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
all_teams (OpmInspector *self,
           gboolean    (*test) (OpmTeam *team))
{
  for (guint i = 0; i < self->selection->len; i++)
    if (!test (g_ptr_array_index (self->selection, i)))
      return FALSE;

  return self->selection->len > 0;
}

static gboolean
is_outsourced (OpmTeam *team)
{
  return opm_team_get_sourcing (team) == OPM_SOURCING_OUTSOURCED;
}

static gboolean
is_project (OpmTeam *team)
{
  return opm_team_get_lifecycle (team) == OPM_LIFECYCLE_PROJECT;
}

static void sync_playbook (OpmInspector *self,
                           Form         *form);

static void
form_sync (OpmInspector *self,
           Form         *form)
{
  self->updating++;

  if (form->contract_group != NULL)
    gtk_widget_set_visible (form->contract_group, all_teams (self, is_outsourced));
  if (form->end_date != NULL)
    gtk_widget_set_visible (form->end_date->row, all_teams (self, is_project) || form->end_date->error != NULL);
  if (form->scenario_group != NULL)
    gtk_widget_set_visible (form->scenario_group, self->scenario != NULL);
  if (form->playbook_group != NULL)
    sync_playbook (self, form);

  for (guint i = 0; i < form->fields->len; i++)
    {
      Field *field = g_ptr_array_index (form->fields, i);

      if (field_targets (self, field)->len > 0)
        field_sync (self, field);
    }

  self->updating--;
}

/* Commits text typed but not yet applied, before the targets change. */
static void
form_commit (Form *form)
{
  for (guint i = 0; form != NULL && i < form->fields->len; i++)
    {
      Field *field = g_ptr_array_index (form->fields, i);

      if (field->dirty && field->error == NULL)
        field_commit (field);
    }
}

static void
form_reset (Form *form)
{
  for (guint i = 0; i < form->fields->len; i++)
    field_reset (g_ptr_array_index (form->fields, i));
}

/* Forms */

static Form *
form_new (OpmInspector *self,
          GType         type)
{
  Form *form = g_new0 (Form, 1);

  form->inspector = self;
  form->type = type;
  form->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  form->page = adw_preferences_page_new ();
  gtk_stack_add_named (self->stack, form->page, g_type_name (type));

  return form;
}

static void
form_free (Form *form)
{
  g_ptr_array_unref (form->fields);
  g_free (form);
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  return group;
}

static Form *
build_element_form (OpmInspector *self,
                    GType         type)
{
  Form *form = form_new (self, type);
  GtkWidget *groups[N_SECTIONS] = { NULL };
  g_autoptr(GPtrArray) attributes = opm_type_list_attributes (type);

  for (guint i = 0; i < attributes->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (attributes, i);
      Section section = section_for (pspec->name);
      Field *field;

      if (opm_attribute_is_identifier (pspec))
        continue;

      if (groups[section] == NULL)
        groups[section] = new_group (section_title (section), section_description (section));

      field = form_add_field (form, groups[section], pspec, TARGET_ELEMENTS);
      if (type == OPM_TYPE_TEAM && g_str_equal (pspec->name, "end-date"))
        form->end_date = field;
    }

  if (type == OPM_TYPE_TEAM)
    {
      g_autoptr(GPtrArray) terms = opm_type_list_attributes (OPM_TYPE_CONTRACT);

      groups[SECTION_CONTRACT] = new_group (section_title (SECTION_CONTRACT),
                                            section_description (SECTION_CONTRACT));
      form->contract_group = groups[SECTION_CONTRACT];

      for (guint i = 0; i < terms->len; i++)
        form_add_field (form, groups[SECTION_CONTRACT], g_ptr_array_index (terms, i), TARGET_CONTRACTS);
    }

  for (guint s = 0; s < N_SECTIONS; s++)
    if (groups[s] != NULL)
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (form->page), ADW_PREFERENCES_GROUP (groups[s]));

  if (type == OPM_TYPE_SERVICE)
    {
      const char *titles[G_N_ELEMENTS (form->playbook_rows)] = {
        _("Availability target"), _("Tolerable unavailability a week"), _("Deployment target"),
        _("Operating model"), _("Out-of-hours cover"), _("Restore path"),
      };

      form->playbook_group = new_group (_("Playbook"), _("What the service’s exposure and demand call for, "
                                                         "beside what it has"));
      for (guint i = 0; i < G_N_ELEMENTS (form->playbook_rows); i++)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
          gtk_widget_add_css_class (row, "property");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (form->playbook_group), row);
          form->playbook_rows[i] = row;
        }
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (form->page), ADW_PREFERENCES_GROUP (form->playbook_group));
    }

  return form;
}

/* The label the inspector's drop-downs give @value. */
static char *
value_label (GType type,
             int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value == value)
      return enum_label (type, i);

  return g_strdup ("");
}

/* The playbook rows: recommended, then what the service has. */
static void
sync_playbook (OpmInspector *self,
               Form         *form)
{
  OpmService *service;
  OpmSelection selection;
  g_autoptr(OpmRestorePath) path = NULL;
  g_autofree char *recommended_hours = NULL;
  g_autofree char *actual_hours = NULL;
  g_autofree char *texts[G_N_ELEMENTS (form->playbook_rows)] = { NULL };
  GString *steps;

  gtk_widget_set_visible (form->playbook_group, self->selection->len == 1 && self->document != NULL);
  if (self->selection->len != 1 || self->document == NULL || !OPM_IS_SERVICE (g_ptr_array_index (self->selection, 0)))
    return;

  service = g_ptr_array_index (self->selection, 0);
  if (opm_element_get_scenario (OPM_ELEMENT (service)) == NULL)
    return;

  opm_selector_select_service (service, opm_document_get_parameters (self->document), &selection);
  recommended_hours = opm_selector_format_duration (selection.recommended_tolerable_hours);
  actual_hours = opm_selector_format_duration (selection.actual_tolerable_hours);

  {
    g_autofree char *ra = value_label (OPM_TYPE_AVAILABILITY, selection.recommended_availability);
    g_autofree char *aa = value_label (OPM_TYPE_AVAILABILITY, selection.actual_availability);
    g_autofree char *rd = value_label (OPM_TYPE_DEPLOYMENT_TARGET, selection.recommended_deployment);
    g_autofree char *ad = value_label (OPM_TYPE_DEPLOYMENT_TARGET, selection.actual_deployment);

    texts[0] = g_strdup_printf (_("Recommended %s · has %s"), ra, aa);
    texts[1] = g_strdup_printf (_("Recommended %s · has %s"), recommended_hours, actual_hours);
    texts[2] = g_strdup_printf (_("Recommended %s · has %s"), rd, ad);
  }
  texts[3] = g_strdup (opm_operating_model_get_label (selection.recommended_model));
  texts[4] = value_label (OPM_TYPE_OUT_OF_HOURS, selection.recommended_out_of_hours);

  path = opm_restore_path_new (service);
  steps = g_string_new (NULL);
  for (guint i = 0; i < path->teams->len; i++)
    g_string_append_printf (steps, "%s%s%s", i > 0 ? " → " : "",
                            opm_element_get_label (g_ptr_array_index (path->teams, i)),
                            (int) i == path->fixer ? _(" (can fix)") : "");
  if (path->teams->len == 0)
    g_string_append (steps, _("No team answers incidents on this service"));
  else
    g_string_append_printf (steps, g_dngettext (NULL, " · %u handoff", " · %u handoffs", path->handoffs),
                            path->handoffs);
  texts[5] = g_string_free (steps, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (form->playbook_rows); i++)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (form->playbook_rows[i]), texts[i]);
}

static GtkWidget *
new_expander (const char *title,
              const char *subtitle)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);

  return expander;
}

static Form *
build_document_form (OpmInspector *self)
{
  Form *form = form_new (self, OPM_TYPE_DOCUMENT);
  GtkWidget *model = new_group (_("Model"), NULL);
  GtkWidget *scenario = new_group (_("Scenario"), _("The diagram shown"));
  GtkWidget *parameters = new_group (_("Parameters"),
                                     _("Shared by every scenario. Assumptions are defaults from common "
                                       "practice: replace them with the organisation’s own figures."));
  GtkWidget *thresholds = new_expander (_("Checker Thresholds"), _("When the model checker reports a finding"));
  GtkWidget *simulator = new_expander (_("Incident Simulator"), _("Stage durations, chances and costs"));
  g_autoptr(GPtrArray) document_attributes = opm_type_list_attributes (OPM_TYPE_DOCUMENT);
  g_autoptr(GPtrArray) scenario_attributes = opm_type_list_attributes (OPM_TYPE_SCENARIO);
  GObjectClass *parameters_class = g_type_class_ref (OPM_TYPE_PARAMETERS);

  for (guint i = 0; i < document_attributes->len; i++)
    form_add_field (form, model, g_ptr_array_index (document_attributes, i), TARGET_DOCUMENT);

  for (guint i = 0; i < scenario_attributes->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (scenario_attributes, i);

      if (!opm_attribute_is_identifier (pspec))
        form_add_field (form, scenario, pspec, TARGET_SCENARIO);
    }
  form->scenario_group = scenario;
  form->simulator = simulator;

  gtk_widget_set_name (thresholds, "parameters.thresholds");
  gtk_widget_set_name (simulator, "parameters.simulator");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (parameters), thresholds);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (parameters), simulator);

  for (OpmParam param = 0; param < OPM_N_PARAMS; param++)
    {
      GParamSpec *pspec = g_object_class_find_property (parameters_class, opm_parameters_get_name (param));
      GtkWidget *expander = param <= OPM_PARAM_OVERNIGHT_WINDOW_END ? thresholds : simulator;
      Field *field;

      g_assert (pspec != NULL);
      field = form_add_field (form, expander, pspec, TARGET_PARAMETERS);

      if (opm_parameters_is_assumption (param))
        {
          g_autofree char *accessible = g_strdup_printf (_("%s (assumption)"), opm_attribute_get_label (pspec));

          /* Shown as the row's subtitle */
          field->note = g_strdup (_("Assumption"));
          gtk_widget_set_tooltip_text (field->row, _("An assumption: a default from common practice, "
                                                     "not a measured figure"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (field->row),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
          label_editor (field->editor, accessible);
        }
    }

  g_type_class_unref (parameters_class);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (form->page), ADW_PREFERENCES_GROUP (model));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (form->page), ADW_PREFERENCES_GROUP (scenario));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (form->page), ADW_PREFERENCES_GROUP (parameters));

  return form;
}

static Form *
ensure_form (OpmInspector *self,
             GType         type)
{
  Form *form = g_hash_table_lookup (self->forms, GSIZE_TO_POINTER (type));

  if (form == NULL)
    {
      self->updating++;
      form = type == OPM_TYPE_DOCUMENT ? build_document_form (self) : build_element_form (self, type);
      self->updating--;
      g_hash_table_insert (self->forms, GSIZE_TO_POINTER (type), form);
    }

  return form;
}

/* The header and the page shown */

static char *
count_kind (OpmElement *element,
            guint       n)
{
  const char *tag = opm_element_get_tag (element);

  if (g_str_equal (tag, "team"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u team", "%u teams", n), n);
  if (g_str_equal (tag, "service"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service", "%u services", n), n);
  if (g_str_equal (tag, "responsibility"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u responsibility", "%u responsibilities", n), n);
  if (g_str_equal (tag, "dependency"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dependency", "%u dependencies", n), n);
  if (g_str_equal (tag, "note"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n), n);
  if (g_str_equal (tag, "group"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u group", "%u groups", n), n);

  return g_strdup_printf ("%u × %s", n, opm_element_get_kind_name (element));
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

/* Kinds present in the selection, in the canonical order, with counts. */
static GPtrArray *
count_kinds (OpmInspector *self,
             GArray       *counts)
{
  GPtrArray *examples = g_ptr_array_new ();
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);

  for (guint t = 0; t < n_types; t++)
    {
      OpmElement *example = NULL;
      guint n = 0;

      for (guint i = 0; i < self->selection->len; i++)
        if (G_OBJECT_TYPE (g_ptr_array_index (self->selection, i)) == types[t])
          {
            example = example != NULL ? example : g_ptr_array_index (self->selection, i);
            n++;
          }

      if (n > 0)
        {
          g_ptr_array_add (examples, example);
          g_array_append_val (counts, n);
        }
    }

  return examples;
}

static void
update_header (OpmInspector *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  guint n = self->selection->len;

  if (n == 0)
    {
      const char *doc_title = self->document != NULL ? opm_document_get_title (self->document) : "";

      title = g_strdup (doc_title[0] != '\0' ? doc_title : _("Untitled Model"));
      subtitle = self->scenario != NULL
        /* Translators: the header of the inspector with nothing selected, e.g. "Model · As-is" */
        ? g_strdup_printf (_("Model · %s"), opm_scenario_get_name (self->scenario))
        : g_strdup (_("Model"));
    }
  else if (n == 1)
    {
      OpmElement *element = g_ptr_array_index (self->selection, 0);
      const char *label = opm_element_get_label (element);
      const char *newline = strchr (label, '\n');

      if (OPM_IS_CONNECTOR (element) && opm_connector_get_source (OPM_CONNECTOR (element)) != NULL &&
          opm_connector_get_target (OPM_CONNECTOR (element)) != NULL)
        /* Translators: a responsibility or dependency, e.g. "Checkout team → Checkout" */
        title = g_strdup_printf (_("%s → %s"),
                                 opm_element_get_label (opm_connector_get_source (OPM_CONNECTOR (element))),
                                 opm_element_get_label (opm_connector_get_target (OPM_CONNECTOR (element))));
      else
        title = newline != NULL ? g_strndup (label, newline - label) : g_strdup (label);
      /* Translators: the kind and id of the inspected element, e.g. "Team · team-3" */
      subtitle = g_strdup_printf (_("%s · %s"), opm_element_get_kind_name (element), opm_element_get_id (element));
    }
  else if (self->current != NULL)
    {
      title = count_kind (g_ptr_array_index (self->selection, 0), n);
      subtitle = g_strdup (_("Changes apply to all of them"));
    }
  else
    {
      g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GPtrArray) examples = count_kinds (self, counts);
      g_autoptr(GString) kinds = g_string_new (NULL);

      for (guint i = 0; i < examples->len; i++)
        {
          g_autofree char *part = count_kind (g_ptr_array_index (examples, i), g_array_index (counts, guint, i));

          if (i > 0)
            g_string_append (kinds, _(", "));
          g_string_append (kinds, part);
        }

      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u element", "%u elements", n), n);
      subtitle = g_string_free (g_steal_pointer (&kinds), FALSE);
    }

  set_label (self->title_label, title);
  set_label (self->subtitle_label, subtitle);
}

static void
rebuild_mixed (OpmInspector *self)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) examples = count_kinds (self, counts);

  for (guint i = 0; i < self->mixed_rows->len; i++)
    adw_preferences_group_remove (self->mixed_group, g_ptr_array_index (self->mixed_rows, i));
  g_ptr_array_set_size (self->mixed_rows, 0);

  for (guint i = 0; i < examples->len; i++)
    {
      OpmElement *example = g_ptr_array_index (examples, i);
      g_autofree char *count = g_strdup_printf ("%u", g_array_index (counts, guint, i));
      g_autofree char *accessible = count_kind (example, g_array_index (counts, guint, i));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (count);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), opm_element_get_kind_name (example));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->mixed_group, row);
      g_ptr_array_add (self->mixed_rows, row);
    }
}

static GType
selection_type (OpmInspector *self)
{
  GType type;

  if (self->selection->len == 0)
    return G_TYPE_NONE;

  type = G_OBJECT_TYPE (g_ptr_array_index (self->selection, 0));
  for (guint i = 1; i < self->selection->len; i++)
    if (G_OBJECT_TYPE (g_ptr_array_index (self->selection, i)) != type)
      return G_TYPE_INVALID;

  return type;
}

/* Picks the page for what is selected; resets the fields when it is a new
 * set of targets. */
static void
update_page (OpmInspector *self,
             gboolean      new_targets)
{
  GType type = selection_type (self);
  Form *form = NULL;
  GtkWidget *page;

  if (type == G_TYPE_NONE && self->document == NULL)
    page = gtk_stack_get_child_by_name (self->stack, "none");
  else if (type == G_TYPE_INVALID)
    page = gtk_stack_get_child_by_name (self->stack, "mixed");
  else
    {
      form = ensure_form (self, type == G_TYPE_NONE ? OPM_TYPE_DOCUMENT : type);
      page = form->page;
    }

  if (form != NULL && (new_targets || form != self->current))
    form_reset (form);

  self->current = form;
  gtk_widget_set_visible (self->header, page != gtk_stack_get_child_by_name (self->stack, "none"));

  if (type == G_TYPE_INVALID)
    rebuild_mixed (self);

  inspector_sync (self);
  gtk_stack_set_visible_child (self->stack, page);
}

static void
inspector_sync (OpmInspector *self)
{
  g_clear_handle_id (&self->idle_sync, g_source_remove);

  update_header (self);
  if (self->current != NULL)
    form_sync (self, self->current);
}

/* Observing the model */

static gboolean
idle_sync_cb (gpointer data)
{
  OpmInspector *self = data;

  self->idle_sync = 0;
  inspector_sync (self);

  return G_SOURCE_REMOVE;
}

static void
on_model_notify (GObject      *object,
                 GParamSpec   *pspec,
                 OpmInspector *self)
{
  if (self->idle_sync == 0 && self->applying == 0)
    self->idle_sync = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, idle_sync_cb, self, NULL);
}

static void
watch (OpmInspector *self,
       gpointer      object)
{
  g_signal_connect (object, "notify", G_CALLBACK (on_model_notify), self);
}

static void
unwatch (OpmInspector *self,
         gpointer      object)
{
  g_signal_handlers_disconnect_by_func (object, on_model_notify, self);
}

static void
clear_selection (OpmInspector *self)
{
  for (guint i = 0; i < self->selection->len; i++)
    unwatch (self, g_ptr_array_index (self->selection, i));
  for (guint i = 0; i < self->contracts->len; i++)
    unwatch (self, g_ptr_array_index (self->contracts, i));

  g_ptr_array_set_size (self->contracts, 0);
  g_ptr_array_set_size (self->selection, 0);
}

static void
take_selection (OpmInspector *self,
                GPtrArray    *elements)
{
  clear_selection (self);

  for (guint i = 0; elements != NULL && i < elements->len; i++)
    {
      OpmElement *element = g_ptr_array_index (elements, i);

      g_return_if_fail (OPM_IS_ELEMENT (element));

      g_ptr_array_add (self->selection, g_object_ref (element));
      watch (self, element);

      if (OPM_IS_TEAM (element))
        {
          OpmContract *contract = opm_team_get_contract (OPM_TEAM (element));

          g_ptr_array_add (self->contracts, contract);
          watch (self, contract);
        }
    }
}

static gboolean
in_document (OpmInspector *self,
             OpmElement   *element)
{
  OpmScenario *scenario = opm_element_get_scenario (element);

  return scenario != NULL && opm_scenario_get_document (scenario) == self->document;
}

/* Drops selected elements that left the document (an undone addition). */
static gboolean
prune_selection (OpmInspector *self)
{
  g_autoptr(GPtrArray) kept = NULL;
  gboolean all_in = TRUE;

  for (guint i = 0; i < self->selection->len && all_in; i++)
    all_in = in_document (self, g_ptr_array_index (self->selection, i));

  if (all_in)
    return FALSE;

  kept = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->selection->len; i++)
    if (in_document (self, g_ptr_array_index (self->selection, i)))
      g_ptr_array_add (kept, g_object_ref (g_ptr_array_index (self->selection, i)));

  take_selection (self, kept);
  return TRUE;
}

static void
on_document_changed (OpmDocument  *document,
                     OpmInspector *self)
{
  self->n_changes++;

  /* field_apply() shows the outcome once every target is done. */
  if (self->applying > 0)
    return;

  if (prune_selection (self))
    update_page (self, TRUE);
  else
    inspector_sync (self);
}

/* GObject */

static void
opm_inspector_dispose (GObject *object)
{
  OpmInspector *self = OPM_INSPECTOR (object);
  GtkWidget *child;

  self->updating++;

  g_clear_handle_id (&self->idle_sync, g_source_remove);
  if (self->selection != NULL)
    clear_selection (self);
  opm_inspector_set_scenario (self, NULL);
  opm_inspector_set_document (self, NULL);
  self->current = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), OPM_TYPE_INSPECTOR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_pointer (&self->forms, g_hash_table_unref);
  g_clear_pointer (&self->mixed_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (opm_inspector_parent_class)->dispose (object);
}

static void
opm_inspector_finalize (GObject *object)
{
  OpmInspector *self = OPM_INSPECTOR (object);

  g_ptr_array_unref (self->selection);
  g_ptr_array_unref (self->contracts);
  g_ptr_array_unref (self->document_targets);
  g_ptr_array_unref (self->scenario_targets);
  g_ptr_array_unref (self->parameters_targets);

  G_OBJECT_CLASS (opm_inspector_parent_class)->finalize (object);
}

static void
opm_inspector_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OpmInspector *self = OPM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SCENARIO:
      g_value_set_object (value, self->scenario);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_inspector_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OpmInspector *self = OPM_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      opm_inspector_set_document (self, g_value_get_object (value));
      break;
    case PROP_SCENARIO:
      opm_inspector_set_scenario (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opm_inspector_class_init (OpmInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opm_inspector_dispose;
  object_class->finalize = opm_inspector_finalize;
  object_class->get_property = opm_inspector_get_property;
  object_class->set_property = opm_inspector_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, OPM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCENARIO] =
    g_param_spec_object ("scenario", NULL, NULL, OPM_TYPE_SCENARIO,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/opmodel/Opmodel/opm-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, OpmInspector, header);
  gtk_widget_class_bind_template_child (widget_class, OpmInspector, title_label);
  gtk_widget_class_bind_template_child (widget_class, OpmInspector, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, OpmInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, OpmInspector, mixed_group);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "opminspector");
}

static void
opm_inspector_init (OpmInspector *self)
{
  g_type_ensure (ADW_TYPE_PREFERENCES_PAGE);
  g_type_ensure (ADW_TYPE_STATUS_PAGE);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = g_ptr_array_new_with_free_func (g_object_unref);
  self->contracts = g_ptr_array_new ();
  self->document_targets = g_ptr_array_new ();
  self->scenario_targets = g_ptr_array_new ();
  self->parameters_targets = g_ptr_array_new ();
  self->forms = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) form_free);
  self->mixed_rows = g_ptr_array_new ();

  update_page (self, TRUE);
}

/**
 * opm_inspector_new:
 *
 * Returns: (transfer floating): a new inspector showing nothing
 */
GtkWidget *
opm_inspector_new (void)
{
  return g_object_new (OPM_TYPE_INSPECTOR, NULL);
}

OpmDocument *
opm_inspector_get_document (OpmInspector *self)
{
  g_return_val_if_fail (OPM_IS_INSPECTOR (self), NULL);

  return self->document;
}

/**
 * opm_inspector_set_document:
 * @document: (nullable): the document whose elements are inspected
 *
 * Edits go through @document. Selected elements of another document are
 * dropped, as is a scenario of another document.
 */
void
opm_inspector_set_document (OpmInspector *self,
                            OpmDocument  *document)
{
  g_return_if_fail (OPM_IS_INSPECTOR (self));
  g_return_if_fail (document == NULL || OPM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->updating == 0)
    form_commit (self->current);

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->document, on_document_changed, self);
      unwatch (self, self->document);
      unwatch (self, self->parameters);
      g_clear_object (&self->parameters);
      g_clear_object (&self->document);
    }

  g_ptr_array_set_size (self->document_targets, 0);
  g_ptr_array_set_size (self->parameters_targets, 0);

  if (document != NULL)
    {
      self->document = g_object_ref (document);
      self->parameters = g_object_ref (opm_document_get_parameters (document));
      g_signal_connect (document, "changed", G_CALLBACK (on_document_changed), self);
      watch (self, self->document);
      watch (self, self->parameters);
      g_ptr_array_add (self->document_targets, self->document);
      g_ptr_array_add (self->parameters_targets, self->parameters);
    }

  if (self->scenario != NULL && opm_scenario_get_document (self->scenario) != document)
    opm_inspector_set_scenario (self, NULL);

  prune_selection (self);

  if (self->updating == 0)
    update_page (self, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

OpmScenario *
opm_inspector_get_scenario (OpmInspector *self)
{
  g_return_val_if_fail (OPM_IS_INSPECTOR (self), NULL);

  return self->scenario;
}

/**
 * opm_inspector_set_scenario:
 * @scenario: (nullable): the scenario shown, whose name and description are
 *   edited when nothing is selected
 */
void
opm_inspector_set_scenario (OpmInspector *self,
                            OpmScenario  *scenario)
{
  g_return_if_fail (OPM_IS_INSPECTOR (self));
  g_return_if_fail (scenario == NULL || OPM_IS_SCENARIO (scenario));

  if (self->scenario == scenario)
    return;

  if (self->updating == 0 && self->current != NULL && self->current->type == OPM_TYPE_DOCUMENT)
    form_commit (self->current);

  if (self->scenario != NULL)
    {
      unwatch (self, self->scenario);
      g_clear_object (&self->scenario);
    }
  g_ptr_array_set_size (self->scenario_targets, 0);

  if (scenario != NULL)
    {
      self->scenario = g_object_ref (scenario);
      watch (self, self->scenario);
      g_ptr_array_add (self->scenario_targets, self->scenario);
    }

  if (self->updating == 0)
    {
      if (self->current != NULL && self->current->type == OPM_TYPE_DOCUMENT)
        form_reset (self->current);
      inspector_sync (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCENARIO]);
}

/**
 * opm_inspector_set_selection:
 * @elements: (element-type OpmElement) (nullable): the selected elements;
 *   not kept
 *
 * Shows the attributes of @elements: of all of them when they are of one
 * kind, otherwise how many of each kind there are; the document when
 * @elements is empty.
 */
/**
 * opm_inspector_reveal_simulation_parameters:
 *
 * Opens the simulator's parameters in the document's form, the one shown
 * when nothing is selected; each is marked there as an assumption unless
 * it is a sourced figure.
 */
void
opm_inspector_reveal_simulation_parameters (OpmInspector *self)
{
  Form *form;

  g_return_if_fail (OPM_IS_INSPECTOR (self));

  form = ensure_form (self, OPM_TYPE_DOCUMENT);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (form->simulator), TRUE);
  gtk_widget_grab_focus (form->simulator);
}

void
opm_inspector_set_selection (OpmInspector *self,
                             GPtrArray    *elements)
{
  guint n;

  g_return_if_fail (OPM_IS_INSPECTOR (self));

  n = elements != NULL ? elements->len : 0;
  if (n == self->selection->len)
    {
      gboolean same = TRUE;

      for (guint i = 0; i < n && same; i++)
        same = g_ptr_array_index (elements, i) == g_ptr_array_index (self->selection, i);
      if (same)
        return;
    }

  /* Text typed but not applied belongs to the old selection. */
  form_commit (self->current);

  take_selection (self, elements);
  update_page (self, TRUE);
}
