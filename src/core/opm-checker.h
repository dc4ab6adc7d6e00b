/* opm-checker.h — the model checker: rules OPS-01 … OPS-20 and their findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "opm-element.h"
#include "opm-enums.h"
#include "opm-parameters.h"
#include "opm-scenario.h"
#include "opm-service.h"
#include "opm-team.h"

G_BEGIN_DECLS

typedef enum
{
  OPM_SEVERITY_INFO,
  OPM_SEVERITY_WARNING,
  OPM_SEVERITY_ERROR,
} OpmSeverity;

#define OPM_TYPE_SEVERITY (opm_severity_get_type ())

GType opm_severity_get_type (void) G_GNUC_CONST;

/* The rules of DESIGN §3, in the order findings are reported. */
typedef enum
{
  OPM_RULE_OPS_01,
  OPM_RULE_OPS_02,
  OPM_RULE_OPS_03,
  OPM_RULE_OPS_04,
  OPM_RULE_OPS_05,
  OPM_RULE_OPS_06,
  OPM_RULE_OPS_07,
  OPM_RULE_OPS_08,
  OPM_RULE_OPS_09,
  OPM_RULE_OPS_10,
  OPM_RULE_OPS_11,
  OPM_RULE_OPS_12,
  OPM_RULE_OPS_13,
  OPM_RULE_OPS_14,
  OPM_RULE_OPS_15,
  OPM_RULE_OPS_16,
  OPM_RULE_OPS_17,
  OPM_RULE_OPS_18,
  OPM_RULE_OPS_19,
  OPM_RULE_OPS_20,
  OPM_N_RULES /*< skip >*/
} OpmRule;

#define OPM_TYPE_RULE (opm_rule_get_type ())

GType        opm_rule_get_type        (void) G_GNUC_CONST;

const char  *opm_rule_get_id          (OpmRule      rule);
gboolean     opm_rule_from_id         (const char  *id,
                                       OpmRule     *rule);
const char  *opm_rule_get_title       (OpmRule      rule);
const char  *opm_rule_get_why         (OpmRule      rule);
const char  *opm_rule_get_suggestion  (OpmRule      rule);
OpmSeverity  opm_rule_get_severity    (OpmRule      rule);
const char  *opm_severity_get_nick    (OpmSeverity  severity);
const char  *opm_severity_get_label   (OpmSeverity  severity);

/* A Plan/Build/Run divide (OPS-01): @builder builds @service, @runner deploys
 * or runs it without building it. @label names the phases the two split,
 * the builder's first, e.g. "Plan, Build | Deploy, Operate". The pointers are
 * borrowed from the finding (whose elements they are). In the merged divides
 * of opm_check_merge_divides(), @service is the first of @n_services the
 * two teams split and @label is that of the first. */
typedef struct
{
  OpmTeam    *builder;
  OpmTeam    *runner;
  OpmService *service;
  const char *label;
  guint       n_services;
} OpmDivide;

/* The path an incident takes to restore a service (OPS-11, the handoff
 * view): the L1 team, then the L2 team, then the L3 team (distinct teams,
 * absent levels skipped), then a team that builds the service if none of
 * those can fix it. @handoffs counts the handoffs before the first team able
 * to fix (one that builds the service or may change its code); when no team
 * can, @fixer is -1 and @handoffs counts every handoff of the path. */
typedef struct
{
  GPtrArray *teams;    /* OpmTeam */
  GArray    *duties;   /* OpmActivity of each team on the path */
  guint      handoffs;
  int        fixer;    /* index in @teams, or -1 */
} OpmRestorePath;

#define OPM_TYPE_RESTORE_PATH (opm_restore_path_get_type ())

GType           opm_restore_path_get_type (void) G_GNUC_CONST;
OpmRestorePath *opm_restore_path_new      (OpmService           *service);
OpmRestorePath *opm_restore_path_copy     (const OpmRestorePath *path);
void            opm_restore_path_free     (OpmRestorePath       *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpmRestorePath, opm_restore_path_free)

/* A finding is immutable and has no GObject properties: a check makes them
 * by the tens of thousands, and a class with properties freezes a notify
 * queue on every construction. List item factories bind to the getters. A
 * finding holds references to its elements.
 *
 * A finding is about its first element (opm_finding_get_element()): the
 * service, team or dependency the rule judged. The scenario can acknowledge
 * the findings of a rule about an element (opm_document_acknowledge());
 * such findings are still reported, marked with the reason. */
#define OPM_TYPE_FINDING (opm_finding_get_type ())

G_DECLARE_FINAL_TYPE (OpmFinding, opm_finding, OPM, FINDING, GObject)

OpmRule           opm_finding_get_rule       (OpmFinding *self);
const char       *opm_finding_get_rule_id    (OpmFinding *self);
const char       *opm_finding_get_title      (OpmFinding *self);
OpmSeverity       opm_finding_get_severity   (OpmFinding *self);
const char       *opm_finding_get_message    (OpmFinding *self);
const char       *opm_finding_get_why        (OpmFinding *self);
const char       *opm_finding_get_suggestion (OpmFinding *self);
guint             opm_finding_get_n_elements (OpmFinding *self);
OpmElement       *opm_finding_get_nth_element (OpmFinding *self,
                                               guint       position);
OpmElement       *opm_finding_get_element    (OpmFinding *self);
gboolean          opm_finding_involves       (OpmFinding *self,
                                              OpmElement *element);
char             *opm_finding_dup_element_names (OpmFinding *self,
                                                 guint       max_names);
const OpmDivide  *opm_finding_get_divides    (OpmFinding *self,
                                              guint      *n_divides);
gboolean          opm_finding_is_acknowledged (OpmFinding *self);
const char       *opm_finding_get_acknowledgement_reason (OpmFinding *self);

GPtrArray        *opm_check_scenario         (OpmScenario   *scenario,
                                              OpmParameters *parameters);
GPtrArray        *opm_check_scenario_at      (OpmScenario   *scenario,
                                              OpmParameters *parameters,
                                              GDateTime     *now);
void              opm_check_summarise        (GPtrArray     *findings,
                                              guint         *errors,
                                              guint         *warnings,
                                              guint         *infos,
                                              guint         *divides,
                                              guint         *acknowledged);
char             *opm_check_format_summary   (guint          errors,
                                              guint          warnings,
                                              guint          infos,
                                              guint          divides,
                                              guint          acknowledged);
GPtrArray        *opm_check_filter_open      (GPtrArray     *findings);
GPtrArray        *opm_check_unmatched_acknowledgements
                                             (OpmScenario   *scenario,
                                              GPtrArray     *findings);
GArray           *opm_check_merge_divides    (GPtrArray     *findings);

G_END_DECLS
