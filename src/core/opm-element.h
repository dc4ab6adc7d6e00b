/* opm-element.h — the base class of everything drawn in a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _OpmScenario OpmScenario;

#define OPM_TYPE_ELEMENT (opm_element_get_type ())

/* Declared by hand rather than with G_DECLARE_DERIVABLE_TYPE: the instance
 * struct is shared with the core in a private header. */
typedef struct _OpmElement OpmElement;
typedef struct _OpmElementClass OpmElementClass;

GType opm_element_get_type (void) G_GNUC_CONST;

#define OPM_ELEMENT(obj)           (G_TYPE_CHECK_INSTANCE_CAST ((obj), OPM_TYPE_ELEMENT, OpmElement))
#define OPM_IS_ELEMENT(obj)        (G_TYPE_CHECK_INSTANCE_TYPE ((obj), OPM_TYPE_ELEMENT))
#define OPM_ELEMENT_CLASS(klass)   (G_TYPE_CHECK_CLASS_CAST ((klass), OPM_TYPE_ELEMENT, OpmElementClass))
#define OPM_ELEMENT_GET_CLASS(obj) (G_TYPE_INSTANCE_GET_CLASS ((obj), OPM_TYPE_ELEMENT, OpmElementClass))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpmElement, g_object_unref)

struct _OpmElementClass
{
  GObjectClass parent_class;

  /* The XML element name and the prefix of generated ids, e.g. "team". */
  const char *tag;
  /* A human name for the kind of element, e.g. "Team" (translatable). */
  const char *kind_name;
};

const char  *opm_element_get_id          (OpmElement *self);
const char  *opm_element_get_description (OpmElement *self);
const char  *opm_element_get_label       (OpmElement *self);
OpmScenario *opm_element_get_scenario    (OpmElement *self);
const char  *opm_element_get_tag         (OpmElement *self);
const char  *opm_element_get_kind_name   (OpmElement *self);
OpmElement  *opm_element_new_for_tag     (const char *tag);
GType        opm_element_type_for_tag    (const char *tag);
const GType *opm_element_get_types       (guint      *n_types);

G_END_DECLS
