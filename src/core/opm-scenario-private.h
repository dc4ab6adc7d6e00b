/* opm-scenario-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "opm-scenario.h"

G_BEGIN_DECLS

OpmScenario *_opm_scenario_new          (void);
void         _opm_scenario_set_document (OpmScenario *self,
                                         OpmDocument *document);
void         _opm_scenario_set_id       (OpmScenario *self,
                                         const char  *id);
void         _opm_scenario_insert       (OpmScenario *self,
                                         OpmElement  *element,
                                         guint        position);
guint        _opm_scenario_remove       (OpmScenario *self,
                                         OpmElement  *element);
void         _opm_scenario_append_many  (OpmScenario *self,
                                         GType        element_type,
                                         GPtrArray   *elements);
OpmScenario *_opm_scenario_copy         (OpmScenario *self);

void         _opm_scenario_add_acknowledgement     (OpmScenario        *self,
                                                    OpmAcknowledgement *acknowledgement);
void         _opm_scenario_remove_acknowledgement  (OpmScenario        *self,
                                                    OpmAcknowledgement *acknowledgement);
void         _opm_scenario_append_acknowledgements (OpmScenario        *self,
                                                    GPtrArray          *acknowledgements);
GPtrArray   *_opm_scenario_find_acknowledged       (OpmScenario        *self,
                                                    OpmElement         *element);

G_END_DECLS
