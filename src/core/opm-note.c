/* opm-note.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-note"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "opm-node-private.h"
#include "opm-note.h"

struct _OpmNote
{
  OpmNode  parent_instance;

  char    *text;
};

G_DEFINE_FINAL_TYPE (OpmNote, opm_note, OPM_TYPE_NODE)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const OpmPropInfo props[] = {
  { "text", N_("Text"), "What the sticky note says", OPM_PROP_STRING,
    G_STRUCT_OFFSET (OpmNote, text), .flags = OPM_PROP_SERIAL },
};

static void
opm_note_finalize (GObject *object)
{
  _opm_props_finalize (object, props, G_N_ELEMENTS (props));

  G_OBJECT_CLASS (opm_note_parent_class)->finalize (object);
}

static void
opm_note_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  _opm_props_get_property (object, props, prop_id, value, pspec);
}

static void
opm_note_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  _opm_props_set_property (object, props, prop_id, value, pspec);
}

static void
opm_note_class_init (OpmNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OpmElementClass *element_class = OPM_ELEMENT_CLASS (klass);

  object_class->finalize = opm_note_finalize;
  object_class->get_property = opm_note_get_property;
  object_class->set_property = opm_note_set_property;

  element_class->tag = "note";
  element_class->kind_name = N_("Note");

  G_STATIC_ASSERT (G_N_ELEMENTS (props) == N_PROPS - 1);
  _opm_props_install (object_class, props, G_N_ELEMENTS (props), properties);
}

static void
opm_note_init (OpmNote *self)
{
  _opm_props_init (self, props, G_N_ELEMENTS (props));
}

OpmNote *
opm_note_new (void)
{
  return g_object_new (OPM_TYPE_NOTE, NULL);
}

const char *
opm_note_get_text (OpmNote *self)
{
  g_return_val_if_fail (OPM_IS_NOTE (self), NULL);
  return self->text;
}
