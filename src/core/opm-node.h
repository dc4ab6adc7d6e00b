/* opm-node.h — an element drawn as a box: team, service, note, group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-element.h"

G_BEGIN_DECLS

#define OPM_TYPE_NODE (opm_node_get_type ())

/* Declared by hand rather than with G_DECLARE_DERIVABLE_TYPE: the instance
 * struct is shared with the core in a private header. */
typedef struct _OpmNode OpmNode;
typedef struct _OpmNodeClass OpmNodeClass;

GType opm_node_get_type (void) G_GNUC_CONST;

#define OPM_NODE(obj)           (G_TYPE_CHECK_INSTANCE_CAST ((obj), OPM_TYPE_NODE, OpmNode))
#define OPM_IS_NODE(obj)        (G_TYPE_CHECK_INSTANCE_TYPE ((obj), OPM_TYPE_NODE))
#define OPM_NODE_CLASS(klass)   (G_TYPE_CHECK_CLASS_CAST ((klass), OPM_TYPE_NODE, OpmNodeClass))
#define OPM_NODE_GET_CLASS(obj) (G_TYPE_INSTANCE_GET_CLASS ((obj), OPM_TYPE_NODE, OpmNodeClass))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpmNode, g_object_unref)

struct _OpmNodeClass
{
  OpmElementClass parent_class;

  double default_width;
  double default_height;
};

double      opm_node_get_x      (OpmNode *self);
double      opm_node_get_y      (OpmNode *self);
double      opm_node_get_width  (OpmNode *self);
double      opm_node_get_height (OpmNode *self);
const char *opm_node_get_colour (OpmNode *self);

G_END_DECLS
