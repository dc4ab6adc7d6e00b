/* opm-connector.h — an element drawn as a line: responsibility, dependency
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-element.h"

G_BEGIN_DECLS

#define OPM_TYPE_CONNECTOR (opm_connector_get_type ())

/* Declared by hand rather than with G_DECLARE_DERIVABLE_TYPE: the instance
 * struct is shared with the core in a private header. */
typedef struct _OpmConnector OpmConnector;
typedef struct _OpmConnectorClass OpmConnectorClass;

GType opm_connector_get_type (void) G_GNUC_CONST;

#define OPM_CONNECTOR(obj)           (G_TYPE_CHECK_INSTANCE_CAST ((obj), OPM_TYPE_CONNECTOR, OpmConnector))
#define OPM_IS_CONNECTOR(obj)        (G_TYPE_CHECK_INSTANCE_TYPE ((obj), OPM_TYPE_CONNECTOR))
#define OPM_CONNECTOR_CLASS(klass)   (G_TYPE_CHECK_CLASS_CAST ((klass), OPM_TYPE_CONNECTOR, OpmConnectorClass))
#define OPM_CONNECTOR_GET_CLASS(obj) (G_TYPE_INSTANCE_GET_CLASS ((obj), OPM_TYPE_CONNECTOR, OpmConnectorClass))

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpmConnector, g_object_unref)

struct _OpmConnectorClass
{
  OpmElementClass parent_class;

  OpmElement *(*get_source) (OpmConnector *self);
  OpmElement *(*get_target) (OpmConnector *self);
};

OpmElement *opm_connector_get_source    (OpmConnector *self);
OpmElement *opm_connector_get_target    (OpmConnector *self);
const char *opm_connector_get_waypoints (OpmConnector *self);
const char *opm_connector_get_colour    (OpmConnector *self);
gboolean    opm_connector_parse_waypoints (const char *text,
                                           GArray    **points,
                                           GError    **error);

G_END_DECLS
