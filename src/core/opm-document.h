/* opm-document.h — an operating model: metadata, parameters, scenarios, history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "opm-element.h"
#include "opm-parameters.h"
#include "opm-scenario.h"

G_BEGIN_DECLS

/* The newest format version this Opmodel reads and writes. A document is
 * written in the oldest version that holds everything in it: 1, or 2 when
 * it has acknowledgements of findings. */
#define OPM_FORMAT_VERSION 2

#define OPM_TYPE_DOCUMENT (opm_document_get_type ())

G_DECLARE_FINAL_TYPE (OpmDocument, opm_document, OPM, DOCUMENT, GObject)

OpmDocument   *opm_document_new                 (void);
OpmDocument   *opm_document_load                (const char   *path,
                                                 GError      **error);
OpmDocument   *opm_document_load_from_data      (const char   *data,
                                                 gsize         length,
                                                 const char   *display_name,
                                                 GError      **error);
GBytes        *opm_document_serialize           (OpmDocument  *self);
gboolean       opm_document_save                (OpmDocument  *self,
                                                 const char   *path,
                                                 GError      **error);

const char    *opm_document_get_title           (OpmDocument  *self);
const char    *opm_document_get_organisation    (OpmDocument  *self);
const char    *opm_document_get_author          (OpmDocument  *self);
const char    *opm_document_get_currency        (OpmDocument  *self);
const char    *opm_document_get_description     (OpmDocument  *self);
OpmParameters *opm_document_get_parameters      (OpmDocument  *self);
GListModel    *opm_document_get_scenarios       (OpmDocument  *self);
OpmScenario   *opm_document_get_scenario        (OpmDocument  *self,
                                                 guint         position);
OpmScenario   *opm_document_find_scenario       (OpmDocument  *self,
                                                 const char   *name_or_id);
guint          opm_document_get_n_elements      (OpmDocument  *self);

/* Edits: each is an undoable step, or part of the open group. */
gboolean       opm_document_set_value           (OpmDocument  *self,
                                                 gpointer      target,
                                                 const char   *property,
                                                 const GValue *value,
                                                 GError      **error);
gboolean       opm_document_set                 (OpmDocument  *self,
                                                 GError      **error,
                                                 gpointer      target,
                                                 const char   *first_property,
                                                 ...) G_GNUC_NULL_TERMINATED;
gboolean       opm_document_add_element         (OpmDocument  *self,
                                                 OpmScenario  *scenario,
                                                 OpmElement   *element,
                                                 GError      **error);
gboolean       opm_document_remove_element      (OpmDocument  *self,
                                                 OpmElement   *element,
                                                 GError      **error);
gboolean       opm_document_move_element        (OpmDocument  *self,
                                                 OpmElement   *element,
                                                 guint         position,
                                                 GError      **error);
OpmScenario   *opm_document_add_scenario        (OpmDocument  *self,
                                                 const char   *name,
                                                 GError      **error);
OpmScenario   *opm_document_duplicate_scenario  (OpmDocument  *self,
                                                 OpmScenario  *scenario,
                                                 const char   *name,
                                                 GError      **error);
gboolean       opm_document_remove_scenario     (OpmDocument  *self,
                                                 OpmScenario  *scenario,
                                                 GError      **error);
OpmAcknowledgement *
               opm_document_acknowledge         (OpmDocument  *self,
                                                 OpmElement   *element,
                                                 const char   *rule_id,
                                                 const char   *reason,
                                                 GError      **error);
gboolean       opm_document_set_acknowledgement_reason
                                                (OpmDocument         *self,
                                                 OpmAcknowledgement  *acknowledgement,
                                                 const char          *reason,
                                                 GError             **error);
gboolean       opm_document_withdraw_acknowledgement
                                                (OpmDocument         *self,
                                                 OpmAcknowledgement  *acknowledgement,
                                                 GError             **error);
void           opm_document_begin_group         (OpmDocument  *self,
                                                 const char   *label);
void           opm_document_end_group           (OpmDocument  *self);

/* History */
gboolean       opm_document_can_undo            (OpmDocument  *self);
gboolean       opm_document_can_redo            (OpmDocument  *self);
const char    *opm_document_get_undo_label      (OpmDocument  *self);
const char    *opm_document_get_redo_label      (OpmDocument  *self);
gboolean       opm_document_get_last_change_is_look (OpmDocument *self);
gboolean       opm_document_undo                (OpmDocument  *self);
gboolean       opm_document_redo                (OpmDocument  *self);
gboolean       opm_document_get_modified        (OpmDocument  *self);
void           opm_document_set_unmodified      (OpmDocument  *self);
guint          opm_document_get_history_length  (OpmDocument  *self);

G_END_DECLS
