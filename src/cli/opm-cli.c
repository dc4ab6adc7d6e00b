/* opm-cli.c — opmodel-cli commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "opm-cli.h"
#include "opm-core.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  const char  *synopsis;
  const char  *summary;
  CommandFunc  func;
} Command;

static int command_validate (int argc, char **argv);
static int command_generate (int argc, char **argv);
static int command_export   (int argc, char **argv);
static int command_thumbnail (int argc, char **argv);
static int command_check    (int argc, char **argv);
static int command_simulate (int argc, char **argv);
static int command_compare  (int argc, char **argv);

static const Command commands[] = {
  { "validate", N_("FILE…"), N_("Check documents and summarise what they hold"), command_validate },
  { "check", N_("FILE [--scenario NAME] [--format text|json]"),
    N_("Run the model checker over a scenario; exit status 3 when it finds an error"), command_check },
  { "simulate", N_("FILE [--scenario NAME] [--runs N] [--seed S] [--threads N] [--service NAME] "
                   "[--start \"Mon 08:00\"] [--priority P1–P4] [--format text|json|csv]"),
    N_("Simulate incidents over a scenario: time to restore, handoffs, waiting and working time, loss"),
    command_simulate },
  { "compare", N_("FILE --from NAME --to NAME [--runs N] [--seed S] [--format text|json]"),
    N_("Simulate two scenarios with the same random numbers and show what the second changes"),
    command_compare },
  { "generate", N_("--teams N --services M [--seed S] -o OUT.opmodel"),
    N_("Write a synthetic organisation of the given size"), command_generate },
  { "export", N_("FILE -o OUT.svg|OUT.pdf|OUT.png|OUT.opmodel [--scenario NAME]"),
    N_("Draw a scenario as SVG, PDF or PNG, or write the document out normalised"), command_export },
  { "thumbnail", N_("[--size N] FILE OUT"),
    N_("Write a PNG thumbnail of the first scenario, for file managers"), command_thumbnail },
};

static int
usage_error (const char *command,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static int
usage_error (const char *command,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    g_printerr ("opmodel-cli %s: %s\n", command, message);
  else
    g_printerr ("opmodel-cli: %s\n", message);
  g_printerr (_("Try “opmodel-cli %s%s--help” for more information.\n"),
              command != NULL ? command : "", command != NULL ? " " : "");

  return OPM_CLI_EXIT_USAGE;
}

static GOptionContext *
command_context (const char   *name,
                 GOptionEntry *entries)
{
  GOptionContext *context;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (strcmp (commands[i].name, name) == 0)
        {
          context = g_option_context_new (_(commands[i].synopsis));
          g_option_context_set_summary (context, _(commands[i].summary));
          if (entries != NULL)
            g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
          g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
          g_option_context_set_description (context,
            _("Exit status: 0 success, 1 invalid input or failure, 2 bad usage."));
          return context;
        }
    }

  g_assert_not_reached ();
  return NULL;
}

static gboolean
parse_options (const char      *name,
               GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("opmodel-cli %s", name);

  g_set_prgname (prgname);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (name, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static void
print_summary (const char  *path,
               OpmDocument *document)
{
  GListModel *scenarios = opm_document_get_scenarios (document);
  guint n = g_list_model_get_n_items (scenarios);
  const char *title = opm_document_get_title (document);

  g_print ("%s: ", path);
  g_print (_("valid"));
  if (title[0] != '\0')
    g_print (" — “%s”", title);
  g_print (ngettext (", %u scenario\n", ", %u scenarios\n", n), n);

  for (guint i = 0; i < n; i++)
    {
      OpmScenario *scenario = opm_document_get_scenario (document, i);
      guint teams = g_list_model_get_n_items (opm_scenario_get_teams (scenario));
      guint services = g_list_model_get_n_items (opm_scenario_get_services (scenario));
      guint resps = g_list_model_get_n_items (opm_scenario_get_responsibilities (scenario));
      guint deps = g_list_model_get_n_items (opm_scenario_get_dependencies (scenario));
      guint notes = g_list_model_get_n_items (opm_scenario_get_notes (scenario));
      guint groups = g_list_model_get_n_items (opm_scenario_get_groups (scenario));
      guint acknowledgements = g_list_model_get_n_items (opm_scenario_get_acknowledgements (scenario));

      g_print ("  %s: ", opm_scenario_get_name (scenario));
      g_print (ngettext ("%u team", "%u teams", teams), teams);
      g_print (", ");
      g_print (ngettext ("%u service", "%u services", services), services);
      g_print (", ");
      g_print (ngettext ("%u responsibility", "%u responsibilities", resps), resps);
      g_print (", ");
      g_print (ngettext ("%u dependency", "%u dependencies", deps), deps);
      if (notes > 0)
        {
          g_print (", ");
          g_print (ngettext ("%u note", "%u notes", notes), notes);
        }
      if (groups > 0)
        {
          g_print (", ");
          g_print (ngettext ("%u group", "%u groups", groups), groups);
        }
      if (acknowledgements > 0)
        {
          g_print (", ");
          g_print (ngettext ("%u acknowledgement", "%u acknowledgements", acknowledgements),
                   acknowledgements);
        }
      g_print ("\n");
    }
}

static int
command_validate (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = command_context ("validate", NULL);
  int status = OPM_CLI_EXIT_OK;

  if (!parse_options ("validate", context, &argc, &argv, &status))
    return status;

  if (argc < 2)
    return usage_error ("validate", _("name at least one FILE"));

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OpmDocument) document = opm_document_load (argv[i], &error);

      if (document == NULL)
        {
          g_printerr ("%s\n", error->message);
          status = OPM_CLI_EXIT_FAILED;
          continue;
        }

      print_summary (argv[i], document);
    }

  return status;
}

static int
command_generate (int    argc,
                  char **argv)
{
  gint64 n_teams = -1;
  gint64 n_services = -1;
  gint64 seed = 1;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "teams", 0, 0, G_OPTION_ARG_INT64, &n_teams, N_("Number of teams (1–100000)"), "N" },
    { "services", 0, 0, G_OPTION_ARG_INT64, &n_services, N_("Number of services (0–1000000)"), "M" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the generator (default 1)"), "S" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the document"), "OUT.opmodel" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context ("generate", entries);
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  int status = OPM_CLI_EXIT_OK;

  if (!parse_options ("generate", context, &argc, &argv, &status))
    return status;

  if (argc > 1)
    return usage_error ("generate", _("unexpected argument “%s”"), argv[1]);
  if (n_teams < 0 || n_services < 0)
    return usage_error ("generate", _("--teams and --services are required"));
  if (n_teams < 1 || n_teams > 100000)
    return usage_error ("generate", _("--teams must be between 1 and 100000"));
  if (n_services > 1000000)
    return usage_error ("generate", _("--services must be between 0 and 1000000"));
  if (seed < 0 || seed > G_MAXUINT32)
    return usage_error ("generate", _("--seed must be between 0 and %u"), G_MAXUINT32);
  if (output == NULL)
    return usage_error ("generate", _("-o OUT.opmodel is required"));

  document = opm_generate_organisation ((guint) n_teams, (guint) n_services, (guint32) seed);

  if (!opm_document_save (document, output, &error))
    {
      g_printerr ("%s\n", error->message);
      return OPM_CLI_EXIT_FAILED;
    }

  return OPM_CLI_EXIT_OK;
}

static int
export_picture (OpmDocument     *document,
                const char      *input,
                const char      *output,
                OpmExportFormat  format,
                const char      *scenario_name,
                double           scale,
                gboolean         dark,
                gboolean         findings)
{
  g_autoptr(GError) error = NULL;
  OpmScenario *scenario;
  OpmExportOptions options = { NULL, scale, dark, FALSE, FALSE, findings };

  scenario = scenario_name != NULL ? opm_document_find_scenario (document, scenario_name)
                                   : opm_document_get_scenario (document, 0);
  if (scenario == NULL)
    {
      g_printerr (_("%s: there is no scenario “%s”\n"), input, scenario_name);
      return OPM_CLI_EXIT_FAILED;
    }

  if (!opm_export_scenario (document, scenario, output, format, &options, &error))
    {
      g_printerr ("%s\n", error->message);
      return OPM_CLI_EXIT_FAILED;
    }

  return OPM_CLI_EXIT_OK;
}

static int
command_export (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *scenario_name = NULL;
  double scale = 1.0;
  gboolean dark = FALSE;
  gboolean findings = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write: .svg, .pdf, .png or .opmodel"), "OUT" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("The scenario to draw (default: the first); for .opmodel, write only this scenario"), "NAME" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, N_("PNG pixels per diagram unit, 0.1–16 (default 1)"), "S" },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Draw on a dark background"), NULL },
    { "findings", 0, 0, G_OPTION_ARG_NONE, &findings,
      N_("Draw the checker’s divides and finding counts on the diagram"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context ("export", entries);
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  OpmExportFormat format = OPM_EXPORT_SVG;
  gboolean picture;
  int status = OPM_CLI_EXIT_OK;

  if (!parse_options ("export", context, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error ("export", argc < 2 ? _("name the FILE to export") : _("name only one FILE"));
  if (output == NULL)
    return usage_error ("export", _("-o OUT is required"));

  picture = opm_export_format_from_path (output, &format);
  if (!picture && !g_str_has_suffix (output, ".opmodel"))
    return usage_error ("export", _("cannot export to “%s”: the output must end in .svg, .pdf, .png or .opmodel"),
                        output);
  if (!(scale >= 0.1 && scale <= 16))
    return usage_error ("export", _("--scale must be between 0.1 and 16"));

  document = opm_document_load (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return OPM_CLI_EXIT_FAILED;
    }

  if (picture)
    return export_picture (document, argv[1], output, format, scenario_name, scale, dark, findings);

  if (scenario_name != NULL)
    {
      OpmScenario *keep = opm_document_find_scenario (document, scenario_name);

      if (keep == NULL)
        {
          g_printerr (_("%s: there is no scenario “%s”\n"), argv[1], scenario_name);
          return OPM_CLI_EXIT_FAILED;
        }

      while (g_list_model_get_n_items (opm_document_get_scenarios (document)) > 1)
        {
          OpmScenario *first = opm_document_get_scenario (document, 0);
          OpmScenario *victim = first != keep ? first : opm_document_get_scenario (document, 1);

          if (!opm_document_remove_scenario (document, victim, &error))
            {
              g_printerr ("%s\n", error->message);
              return OPM_CLI_EXIT_FAILED;
            }
        }
    }

  if (!opm_document_save (document, output, &error))
    {
      g_printerr ("%s\n", error->message);
      return OPM_CLI_EXIT_FAILED;
    }

  return OPM_CLI_EXIT_OK;
}

static int
command_thumbnail (int    argc,
                   char **argv)
{
  gint64 size = 256;
  GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_INT64, &size, N_("Largest side in pixels, 16–2048 (default 256)"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context ("thumbnail", entries);
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(OpmPainter) painter = NULL;
  g_autoptr(GError) error = NULL;
  OpmExportOptions options = { NULL, 1.0, FALSE, TRUE, TRUE };
  OpmScenario *scenario;
  OpmRect frame;
  int status = OPM_CLI_EXIT_OK;

  if (!parse_options ("thumbnail", context, &argc, &argv, &status))
    return status;

  if (argc != 3)
    return usage_error ("thumbnail", _("name the FILE and the OUT file"));
  if (size < 16 || size > 2048)
    return usage_error ("thumbnail", _("--size must be between 16 and 2048"));

  document = opm_document_load (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return OPM_CLI_EXIT_FAILED;
    }

  scenario = opm_document_get_scenario (document, 0);
  painter = opm_painter_new (scenario);
  opm_export_get_frame (painter, &options, &frame);
  options.scale = MIN (size / frame.width, size / frame.height);

  if (!opm_export_scenario (document, scenario, argv[2], OPM_EXPORT_PNG, &options, &error))
    {
      g_printerr ("%s\n", error->message);
      return OPM_CLI_EXIT_FAILED;
    }

  return OPM_CLI_EXIT_OK;
}

static void
check_print_text (OpmScenario *scenario,
                  GPtrArray   *findings)
{
  guint errors, warnings, infos, divides, acknowledged;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < findings->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *names = opm_finding_dup_element_names (finding, 3);
      const char *reason = opm_finding_get_acknowledgement_reason (finding);

      g_print ("%s %s %s: %s", opm_severity_get_nick (opm_finding_get_severity (finding)),
               opm_finding_get_rule_id (finding), names, opm_finding_get_message (finding));
      if (reason != NULL)
        {
          g_print (" ");
          /* Translators: after a finding the user has accepted, with the reason given */
          g_print (_("(acknowledged: %s)"), reason);
        }
      g_print ("\n");
    }

  opm_check_summarise (findings, &errors, &warnings, &infos, &divides, &acknowledged);
  summary = opm_check_format_summary (errors, warnings, infos, divides, acknowledged);
  g_print ("%s: %s\n", opm_scenario_get_name (scenario), summary);
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  /* Nicks are static strings of the registered type. */
  return enum_value != NULL ? enum_value->value_nick : "";
}

static void
check_print_json (OpmScenario *scenario,
                  GPtrArray   *findings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  OpmParameters *parameters = opm_document_get_parameters (opm_scenario_get_document (scenario));
  GListModel *services = opm_scenario_get_services (scenario);
  guint n_services = g_list_model_get_n_items (services);
  guint errors, warnings, infos, divides, acknowledged;

  opm_check_summarise (findings, &errors, &warnings, &infos, &divides, &acknowledged);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scenario");
  json_builder_add_string_value (builder, opm_scenario_get_name (scenario));

  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < findings->len; i++)
    {
      OpmFinding *finding = g_ptr_array_index (findings, i);
      guint n_elements = opm_finding_get_n_elements (finding);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "rule");
      json_builder_add_string_value (builder, opm_finding_get_rule_id (finding));
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, opm_severity_get_nick (opm_finding_get_severity (finding)));
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, opm_finding_get_message (finding));
      json_builder_set_member_name (builder, "why");
      json_builder_add_string_value (builder, opm_finding_get_why (finding));
      json_builder_set_member_name (builder, "suggestion");
      json_builder_add_string_value (builder, opm_finding_get_suggestion (finding));
      json_builder_set_member_name (builder, "elements");
      json_builder_begin_array (builder);
      for (guint e = 0; e < n_elements; e++)
        json_builder_add_string_value (builder, opm_element_get_id (opm_finding_get_nth_element (finding, e)));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "acknowledged");
      json_builder_add_boolean_value (builder, opm_finding_is_acknowledged (finding));
      json_builder_set_member_name (builder, "reason");
      if (opm_finding_is_acknowledged (finding))
        json_builder_add_string_value (builder, opm_finding_get_acknowledgement_reason (finding));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_int_value (builder, errors);
  json_builder_set_member_name (builder, "warning");
  json_builder_add_int_value (builder, warnings);
  json_builder_set_member_name (builder, "info");
  json_builder_add_int_value (builder, infos);
  json_builder_set_member_name (builder, "divides");
  json_builder_add_int_value (builder, divides);
  json_builder_set_member_name (builder, "acknowledged");
  json_builder_add_int_value (builder, acknowledged);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_services; i++)
    {
      g_autoptr(OpmService) service = g_list_model_get_item (services, i);
      OpmSelection selection;

      opm_selector_select_service (service, parameters, &selection);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "service");
      json_builder_add_string_value (builder, opm_element_get_id (OPM_ELEMENT (service)));
      json_builder_set_member_name (builder, "exposure_per_hour");
      json_builder_add_double_value (builder, selection.exposure_per_hour);
      json_builder_set_member_name (builder, "recommended_availability");
      json_builder_add_double_value (builder, opm_availability_to_percent (selection.recommended_availability));
      json_builder_set_member_name (builder, "actual_availability");
      json_builder_add_double_value (builder, opm_availability_to_percent (selection.actual_availability));
      json_builder_set_member_name (builder, "recommended_deployment");
      json_builder_add_string_value (builder, enum_nick (OPM_TYPE_DEPLOYMENT_TARGET, selection.recommended_deployment));
      json_builder_set_member_name (builder, "recommended_model");
      json_builder_add_string_value (builder, opm_operating_model_get_nick (selection.recommended_model));
      json_builder_set_member_name (builder, "recommended_out_of_hours");
      json_builder_add_string_value (builder, enum_nick (OPM_TYPE_OUT_OF_HOURS, selection.recommended_out_of_hours));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int
command_check (int    argc,
               char **argv)
{
  g_autofree char *scenario_name = NULL;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_name, N_("The scenario to check (default: the first)"), "NAME" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = command_context ("check", entries);
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  OpmScenario *scenario;
  gboolean json;
  guint errors = 0;
  int status = OPM_CLI_EXIT_OK;

  g_option_context_set_description (context,
    _("Exit status: 0 success, 1 invalid input or failure, 2 bad usage, 3 an error-severity finding "
      "that is not acknowledged."));
  if (!parse_options ("check", context, &argc, &argv, &status))
    return status;

  if (argc != 2)
    return usage_error ("check", argc < 2 ? _("name the FILE to check") : _("name only one FILE"));
  if (format != NULL && strcmp (format, "text") != 0 && strcmp (format, "json") != 0)
    return usage_error ("check", _("unknown format “%s”: use text or json"), format);
  json = format != NULL && strcmp (format, "json") == 0;

  document = opm_document_load (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return OPM_CLI_EXIT_FAILED;
    }

  scenario = scenario_name != NULL ? opm_document_find_scenario (document, scenario_name)
                                   : opm_document_get_scenario (document, 0);
  if (scenario == NULL)
    {
      if (scenario_name != NULL)
        g_printerr (_("%s: there is no scenario “%s”\n"), argv[1], scenario_name);
      else
        g_printerr (_("%s: the document has no scenario\n"), argv[1]);
      return OPM_CLI_EXIT_FAILED;
    }

  findings = opm_check_scenario (scenario, NULL);
  if (json)
    check_print_json (scenario, findings);
  else
    check_print_text (scenario, findings);

  /* acknowledged errors do not count */
  opm_check_summarise (findings, &errors, NULL, NULL, NULL, NULL);

  return errors > 0 ? OPM_CLI_EXIT_FINDINGS : OPM_CLI_EXIT_OK;
}

/* {{{ simulate and compare */

typedef enum
{
  SIM_FORMAT_TEXT,
  SIM_FORMAT_JSON,
  SIM_FORMAT_CSV,
} SimFormat;

/* The options simulate and compare share, as given on the command line. */
typedef struct
{
  gint64  runs;
  char   *seed;
  gint64  threads;
  char   *service;
  char   *start;
  char   *format;
  char   *today;
  GDate   date;
  char   *priority;
} SimArgs;

static void
sim_args_clear (SimArgs *args)
{
  g_free (args->today);
  g_free (args->priority);
  g_free (args->seed);
  g_free (args->service);
  g_free (args->start);
  g_free (args->format);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SimArgs, sim_args_clear)

#define N_SIM_ENTRIES 8

/* The options simulate and compare share, into @entries. */
static void
sim_args_entries (SimArgs      *args,
                  gboolean      csv_allowed,
                  GOptionEntry *entries)
{
  const GOptionEntry shared[N_SIM_ENTRIES] = {
    { "runs", 0, 0, G_OPTION_ARG_INT64, &args->runs,
      N_("Incidents to simulate, 1–10000000 (default: the document’s)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &args->seed,
      N_("Seed of the random numbers (default: the document’s)"), "S" },
    { "threads", 0, 0, G_OPTION_ARG_INT64, &args->threads, N_("Threads, 1–256 (default: one per processor)"), "N" },
    { "service", 0, 0, G_OPTION_ARG_STRING, &args->service,
      N_("Start every incident in this service (name, id, or a part of the name only it has); default: drawn by incident rate"), "NAME" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &args->start,
      N_("Start every incident at this time of the week, e.g. \"Mon 08:00\"; default: drawn over the week"), "WHEN" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &args->format,
      csv_allowed ? N_("Output format: text (default), json or csv (one row per run)")
                  : N_("Output format: text (default) or json"), "FORMAT" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &args->today,
      N_("The date project teams are judged on, YYYY-MM-DD (default: today)"), "DATE" },
    { "priority", 0, 0, G_OPTION_ARG_STRING, &args->priority,
      N_("Give every incident this priority, P1–P4 (default: set by the loss at stake)"), "P" },
  };

  memcpy (entries, shared, sizeof shared);
}

/* Checks the shared options; on bad usage prints why and returns FALSE. */
static gboolean
sim_args_parse (const char    *command,
                SimArgs       *args,
                gboolean       csv_allowed,
                OpmSimOptions *options,
                SimFormat     *format,
                int           *status)
{
  g_autoptr(GError) error = NULL;

  opm_sim_options_init (options);

  if (args->runs != -1 && (args->runs < 1 || args->runs > 10000000))
    {
      *status = usage_error (command, _("--runs must be between 1 and 10000000"));
      return FALSE;
    }
  if (args->runs != -1)
    options->runs = (guint) args->runs;

  if (args->seed != NULL)
    {
      guint64 seed;

      if (!g_ascii_string_to_unsigned (args->seed, 10, 0, G_MAXUINT64, &seed, NULL))
        {
          *status = usage_error (command, _("--seed must be a whole number from 0 to %" G_GUINT64_FORMAT),
                                 G_MAXUINT64);
          return FALSE;
        }
      options->has_seed = TRUE;
      options->seed = seed;
    }

  if (args->threads != -1 && (args->threads < 1 || args->threads > 256))
    {
      *status = usage_error (command, _("--threads must be between 1 and 256"));
      return FALSE;
    }
  if (args->threads != -1)
    options->threads = (guint) args->threads;

  if (args->start != NULL && !opm_sim_parse_start (args->start, &options->start, &error))
    {
      *status = usage_error (command, "%s", error->message);
      return FALSE;
    }

  if (args->priority != NULL)
    {
      const char *digits = args->priority[0] == 'P' || args->priority[0] == 'p' ? args->priority + 1
                                                                                : args->priority;
      guint64 priority;

      if (!g_ascii_string_to_unsigned (digits, 10, 1, 4, &priority, NULL))
        {
          *status = usage_error (command, _("--priority must be P1, P2, P3 or P4, not “%s”"), args->priority);
          return FALSE;
        }
      options->priority = (guint) priority;
    }

  if (args->today != NULL)
    {
      guint year = 0, month = 0, day = 0;
      char tail;

      if (sscanf (args->today, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3 || strlen (args->today) != 10 ||
          !g_date_valid_dmy (day, month, year))
        {
          *status = usage_error (command, _("--today must be a date written YYYY-MM-DD, not “%s”"), args->today);
          return FALSE;
        }
      g_date_clear (&args->date, 1);
      g_date_set_dmy (&args->date, day, month, year);
      options->today = &args->date;
    }

  if (args->format == NULL || strcmp (args->format, "text") == 0)
    *format = SIM_FORMAT_TEXT;
  else if (strcmp (args->format, "json") == 0)
    *format = SIM_FORMAT_JSON;
  else if (csv_allowed && strcmp (args->format, "csv") == 0)
    *format = SIM_FORMAT_CSV;
  else
    {
      *status = csv_allowed ? usage_error (command, _("unknown format “%s”: use text, json or csv"), args->format)
                            : usage_error (command, _("unknown format “%s”: use text or json"), args->format);
      return FALSE;
    }

  return TRUE;
}

/* The service named or with the id @name_or_id; failing that, the one
 * whose name matches ignoring case, or the only one whose name starts with
 * it ("content" finds "Content service (CMS)"), or the only one whose name
 * contains it.  Sets @ambiguous to the names that matched when several
 * did. */
static OpmService *
find_service (OpmScenario  *scenario,
              const char   *name_or_id,
              char        **ambiguous)
{
  GListModel *services = opm_scenario_get_services (scenario);
  guint n = g_list_model_get_n_items (services);
  g_autofree char *wanted = g_utf8_casefold (name_or_id, -1);
  g_autoptr(GPtrArray) starting = g_ptr_array_new ();
  g_autoptr(GPtrArray) containing = g_ptr_array_new ();
  OpmService *same_but_case = NULL;
  GPtrArray *matches;

  *ambiguous = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OpmService) service = g_list_model_get_item (services, i);
      g_autofree char *name = g_utf8_casefold (opm_service_get_name (service), -1);

      if (g_strcmp0 (opm_element_get_id (OPM_ELEMENT (service)), name_or_id) == 0 ||
          g_strcmp0 (opm_service_get_name (service), name_or_id) == 0)
        return service; /* the scenario holds it */
      if (same_but_case == NULL && strcmp (name, wanted) == 0)
        same_but_case = service;
      else if (wanted[0] != '\0' && g_str_has_prefix (name, wanted))
        g_ptr_array_add (starting, service);
      else if (wanted[0] != '\0' && strstr (name, wanted) != NULL)
        g_ptr_array_add (containing, service);
    }

  if (same_but_case != NULL)
    return same_but_case;

  matches = starting->len > 0 ? starting : containing;
  if (matches->len == 1)
    return g_ptr_array_index (matches, 0);

  if (matches->len > 1)
    {
      GString *names = g_string_new (NULL);

      for (guint i = 0; i < matches->len; i++)
        g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                                opm_service_get_name (g_ptr_array_index (matches, i)));
      *ambiguous = g_string_free (names, FALSE);
    }

  return NULL;
}

/* Simulates one scenario of the document; on failure prints why. */
static OpmSimResult *
simulate_scenario (const char     *path,
                   OpmDocument    *document,
                   OpmScenario    *scenario,
                   OpmSimOptions  *options,
                   const char     *service_name)
{
  g_autoptr(OpmSimulation) simulation = NULL;
  g_autoptr(GError) error = NULL;
  OpmSimResult *result;

  options->service = NULL;
  if (service_name != NULL)
    {
      g_autofree char *ambiguous = NULL;

      options->service = find_service (scenario, service_name, &ambiguous);
      if (options->service == NULL && ambiguous != NULL)
        {
          g_printerr (_("%s: in the scenario “%s”, “%s” could be any of %s; give the whole name\n"), path,
                      opm_scenario_get_name (scenario), service_name, ambiguous);
          return NULL;
        }
      if (options->service == NULL)
        {
          g_printerr (_("%s: the scenario “%s” has no service “%s”\n"), path, opm_scenario_get_name (scenario),
                      service_name);
          return NULL;
        }
    }

  simulation = opm_simulation_new (scenario, opm_document_get_parameters (document), options, &error);
  if (simulation == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return NULL;
    }

  result = opm_simulation_run (simulation, NULL, &error);
  if (result == NULL)
    g_printerr ("%s: %s\n", path, error->message);

  return result;
}

static OpmScenario *
find_scenario (const char  *path,
               OpmDocument *document,
               const char  *name)
{
  OpmScenario *scenario = name != NULL ? opm_document_find_scenario (document, name)
                                       : opm_document_get_scenario (document, 0);

  if (scenario == NULL && name != NULL)
    g_printerr (_("%s: there is no scenario “%s”\n"), path, name);
  else if (scenario == NULL)
    g_printerr (_("%s: the document has no scenario\n"), path);

  return scenario;
}

/* Two decimals are plenty, and keep the JSON readable. */
static double
round2 (double value)
{
  return isfinite (value) ? round (value * 100) / 100 : 0;
}

static void
json_member_double (JsonBuilder *builder,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, round2 (value));
  else
    json_builder_add_null_value (builder);
}

static void
simulate_build_json (JsonBuilder        *builder,
                     const OpmSimResult *result,
                     int                 findings)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "scenario");
  json_builder_add_string_value (builder, result->scenario);
  json_builder_set_member_name (builder, "runs");
  json_builder_add_int_value (builder, result->runs);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, (gint64) result->seed);

  json_builder_set_member_name (builder, "time_to_restore_minutes");
  json_builder_begin_object (builder);
  json_member_double (builder, "p50", result->time_to_restore.p50);
  json_member_double (builder, "p90", result->time_to_restore.p90);
  json_member_double (builder, "p99", result->time_to_restore.p99);
  json_member_double (builder, "mean", result->time_to_restore.mean);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "handoffs");
  json_builder_begin_object (builder);
  json_member_double (builder, "mean", result->handoffs.mean);
  json_member_double (builder, "p90", result->handoffs.p90);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "loss");
  json_builder_begin_object (builder);
  json_member_double (builder, "p50", result->loss.p50);
  json_member_double (builder, "mean", result->loss.mean);
  json_member_double (builder, "per_year", result->loss_per_year);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, result->currency);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < OPM_SIM_N_STAGES; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, opm_sim_stage_get_nick (i));
      json_member_double (builder, "waiting_minutes_mean", result->stages[i].waiting);
      json_member_double (builder, "working_minutes_mean", result->stages[i].working);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "dora_band");
  json_builder_add_string_value (builder, opm_dora_band_get_nick (result->dora_band));

  json_member_double (builder, "incidents_per_year", result->incidents_per_year);
  json_builder_set_member_name (builder, "on_call_cost");
  json_builder_begin_object (builder);
  json_member_double (builder, "standby_per_year", result->standby_cost_per_year);
  json_member_double (builder, "callouts_per_year", result->callout_cost_per_year);
  json_member_double (builder, "per_year", result->on_call_cost_per_year);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "services");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->services->len; i++)
    {
      const OpmSimServiceResult *entry = &g_array_index (result->services, OpmSimServiceResult, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "service");
      json_builder_add_string_value (builder, opm_element_get_id (OPM_ELEMENT (entry->service)));
      json_member_double (builder, "incidents_per_year", entry->incidents_per_year);
      json_member_double (builder, "loss_per_year", entry->loss_per_year);
      json_member_double (builder, "flpe", entry->flpe);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (findings >= 0)
    {
      json_builder_set_member_name (builder, "findings");
      json_builder_add_int_value (builder, findings);
    }

  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static char *
format_minutes (double minutes)
{
  return opm_chart_format_minutes (minutes);
}

static void
simulate_print_text (const OpmSimResult  *result,
                     OpmScenario         *scenario,
                     const OpmSimOptions *options)
{
  g_autofree char *p50 = format_minutes (result->time_to_restore.p50);
  g_autofree char *p90 = format_minutes (result->time_to_restore.p90);
  g_autofree char *p99 = format_minutes (result->time_to_restore.p99);
  g_autofree char *mean = format_minutes (result->time_to_restore.mean);
  g_autofree char *loss_p50 = opm_sim_format_money (result->currency, result->loss.p50);
  g_autofree char *loss_mean = opm_sim_format_money (result->currency, result->loss.mean);
  g_autofree char *loss_year = opm_sim_format_money (result->currency, result->loss_per_year);
  g_autofree char *on_call = opm_sim_format_money (result->currency, result->on_call_cost_per_year);
  GListModel *services = opm_scenario_get_services (scenario);

  g_print (_("%s: %u runs, seed %" G_GUINT64_FORMAT "\n"), result->scenario, result->runs, result->seed);
  if (options->service != NULL || options->start >= 0 || options->priority > 0)
    {
      g_autoptr(GString) every = g_string_new (_("Every incident"));

      if (options->service != NULL)
        g_string_append_printf (every, _(" in %s"), opm_service_get_name (options->service));
      if (options->start >= 0)
        {
          g_autofree char *when = opm_sim_format_start (options->start);

          g_string_append_printf (every, _(" at %s"), when);
        }
      if (options->priority > 0)
        g_string_append_printf (every, _(", P%u"), options->priority);
      g_print ("%s\n", every->str);
    }
  g_print (_("Time to restore: P50 %s, P90 %s, P99 %s, mean %s (DORA: %s)\n"), p50, p90, p99, mean,
           opm_dora_band_get_label (result->dora_band));
  g_print (_("Handoffs: mean %.1f, P90 %.0f\n"), result->handoffs.mean, result->handoffs.p90);
  g_print (_("Loss per incident: P50 %s, mean %s; per year %s (%.1f incidents)\n"), loss_p50, loss_mean, loss_year,
           result->incidents_per_year);
  g_print (_("On-call cost per year: %s\n"), on_call);
  g_print (_("Mean minutes per stage, waiting / working:\n"));
  for (guint i = 0; i < OPM_SIM_N_STAGES; i++)
    g_print ("  %-16s %8.1f / %.1f\n", opm_sim_stage_get_label (i), result->stages[i].waiting,
             result->stages[i].working);
  g_print (_("Loss per year and FLPE by service:\n"));
  for (guint i = 0; i < result->services->len; i++)
    {
      const OpmSimServiceResult *entry = &g_array_index (result->services, OpmSimServiceResult, i);
      g_autofree char *loss = opm_sim_format_money (result->currency, entry->loss_per_year);

      if (entry->incidents_per_year <= 0)
        continue;
      if (isfinite (entry->flpe))
        g_print ("  %s: %s, FLPE %.0f %%\n", opm_service_get_name (entry->service), loss, entry->flpe * 100);
      else
        g_print ("  %s: %s\n", opm_service_get_name (entry->service), loss);
    }
  (void) services;
}

static void
simulate_print_csv (const OpmSimResult *result,
                    OpmScenario        *scenario)
{
  GListModel *services = opm_scenario_get_services (scenario);

  g_print ("run,service,start,priority,time_to_restore_minutes,handoffs,waiting_minutes,working_minutes,"
           "loss,callouts\n");
  for (guint i = 0; i < result->per_run->len; i++)
    {
      const OpmSimRun *run = &g_array_index (result->per_run, OpmSimRun, i);
      g_autoptr(OpmService) service = g_list_model_get_item (services, run->service);
      g_autofree char *start = opm_sim_format_start (run->start);

      g_print ("%u,%s,%s,P%u,%.2f,%u,%.2f,%.2f,%.2f,%u\n", i, opm_element_get_id (OPM_ELEMENT (service)), start,
               run->priority, run->time_to_restore, run->handoffs, run->waiting, run->working, run->loss,
               run->callouts);
    }
}

static void
simulate_print_trace (OpmDocument   *document,
                      OpmScenario   *scenario,
                      OpmSimOptions *options,
                      guint          run)
{
  g_autoptr(OpmSimulation) simulation = opm_simulation_new (scenario, opm_document_get_parameters (document),
                                                            options, NULL);
  g_autoptr(OpmSimTrace) trace = NULL;
  g_autofree char *start = NULL;
  g_autofree char *total = NULL;

  g_return_if_fail (simulation != NULL);

  trace = opm_simulation_trace (simulation, run);
  start = opm_sim_format_start (trace->start);
  total = format_minutes (trace->time_to_restore);
  g_print (_("Run %u: P%u incident in %s at %s, restored after %s\n"), run, trace->priority,
           opm_service_get_name (trace->service), start, total);
  for (guint i = 0; i < trace->steps->len; i++)
    {
      const OpmSimStep *step = &g_array_index (trace->steps, OpmSimStep, i);
      g_autofree char *when = opm_sim_format_start (step->time);

      g_print ("  %s +%7.1f min  %-14s %-8s %s\n", when, step->duration, opm_sim_stage_get_label (step->stage),
               step->waiting ? _("waiting") : _("working"), step->why);
    }
}

static int
command_simulate (int    argc,
                  char **argv)
{
  g_auto(SimArgs) args = { -1, NULL, -1, NULL, NULL, NULL, NULL, { 0 } };
  g_autofree char *scenario_name = NULL;
  gint64 trace = -1;
  GOptionEntry entries[N_SIM_ENTRIES + 3] = {
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("The scenario to simulate (default: the first)"), "NAME" },
    { "trace", 0, 0, G_OPTION_ARG_INT64, &trace, N_("Also replay run N step by step (text format)"), "N" },
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(OpmSimResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OpmSimOptions options;
  OpmScenario *scenario;
  SimFormat format;
  int status = OPM_CLI_EXIT_OK;

  sim_args_entries (&args, TRUE, &entries[2]);
  context = command_context ("simulate", entries);
  if (!parse_options ("simulate", context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error ("simulate", argc < 2 ? _("name the FILE to simulate") : _("name only one FILE"));
  if (!sim_args_parse ("simulate", &args, TRUE, &options, &format, &status))
    return status;
  if (trace != -1 && (trace < 0 || (args.runs != -1 && trace >= args.runs) || trace > 9999999))
    return usage_error ("simulate", _("--trace must name a run, from 0 to the number of runs − 1"));

  document = opm_document_load (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return OPM_CLI_EXIT_FAILED;
    }

  scenario = find_scenario (argv[1], document, scenario_name);
  if (scenario == NULL)
    return OPM_CLI_EXIT_FAILED;

  result = simulate_scenario (argv[1], document, scenario, &options, args.service);
  if (result == NULL)
    return OPM_CLI_EXIT_FAILED;

  switch (format)
    {
    case SIM_FORMAT_JSON:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();

        simulate_build_json (builder, result, -1);
        print_json (builder);
      }
      break;
    case SIM_FORMAT_CSV:
      simulate_print_csv (result, scenario);
      break;
    case SIM_FORMAT_TEXT:
    default:
      simulate_print_text (result, scenario, &options);
      if (trace >= 0 && trace < result->runs)
        simulate_print_trace (document, scenario, &options, (guint) trace);
      break;
    }

  return OPM_CLI_EXIT_OK;
}

static int
command_compare (int    argc,
                 char **argv)
{
  g_auto(SimArgs) args = { -1, NULL, -1, NULL, NULL, NULL, NULL, { 0 } };
  g_autofree char *from_name = NULL;
  g_autofree char *to_name = NULL;
  GOptionEntry entries[N_SIM_ENTRIES + 3] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_name, N_("The current scenario"), "NAME" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_name, N_("The target scenario"), "NAME" },
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(OpmDocument) document = NULL;
  g_autoptr(OpmSimResult) from_result = NULL;
  g_autoptr(OpmSimResult) to_result = NULL;
  g_autoptr(GPtrArray) from_findings = NULL;
  g_autoptr(GPtrArray) to_findings = NULL;
  g_autoptr(GError) error = NULL;
  OpmSimOptions options;
  OpmScenario *from, *to;
  OpmSimDelta delta;
  SimFormat format;
  int status = OPM_CLI_EXIT_OK;

  sim_args_entries (&args, FALSE, &entries[2]);
  context = command_context ("compare", entries);
  if (!parse_options ("compare", context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error ("compare", argc < 2 ? _("name the FILE to compare in") : _("name only one FILE"));
  if (from_name == NULL || to_name == NULL)
    return usage_error ("compare", _("--from and --to are required"));
  if (!sim_args_parse ("compare", &args, FALSE, &options, &format, &status))
    return status;

  document = opm_document_load (argv[1], &error);
  if (document == NULL)
    {
      g_printerr ("%s\n", error->message);
      return OPM_CLI_EXIT_FAILED;
    }

  from = find_scenario (argv[1], document, from_name);
  to = from != NULL ? find_scenario (argv[1], document, to_name) : NULL;
  if (from == NULL || to == NULL)
    return OPM_CLI_EXIT_FAILED;

  /* The same options and seed: both scenarios see the same random numbers. */
  from_result = simulate_scenario (argv[1], document, from, &options, args.service);
  if (from_result == NULL)
    return OPM_CLI_EXIT_FAILED;
  to_result = simulate_scenario (argv[1], document, to, &options, args.service);
  if (to_result == NULL)
    return OPM_CLI_EXIT_FAILED;

  opm_sim_result_compare (from_result, to_result, &delta);
  from_findings = opm_check_scenario (from, opm_document_get_parameters (document));
  to_findings = opm_check_scenario (to, opm_document_get_parameters (document));

  if (format == SIM_FORMAT_JSON)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "from");
      simulate_build_json (builder, from_result, (int) from_findings->len);
      json_builder_set_member_name (builder, "to");
      simulate_build_json (builder, to_result, (int) to_findings->len);
      json_builder_set_member_name (builder, "delta");
      json_builder_begin_object (builder);
      json_member_double (builder, "time_to_restore_p50_minutes", delta.time_to_restore_p50);
      json_member_double (builder, "time_to_restore_p90_minutes", delta.time_to_restore_p90);
      json_member_double (builder, "handoffs_mean", delta.handoffs_mean);
      json_member_double (builder, "loss_per_year", delta.loss_per_year);
      json_member_double (builder, "on_call_cost_per_year", delta.on_call_cost_per_year);
      json_builder_set_member_name (builder, "findings");
      json_builder_add_int_value (builder, (gint64) to_findings->len - (gint64) from_findings->len);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      print_json (builder);
    }
  else
    {
      g_autofree char *p50 = format_minutes (fabs (delta.time_to_restore_p50));
      g_autofree char *p90 = format_minutes (fabs (delta.time_to_restore_p90));
      g_autofree char *loss = opm_sim_format_money (to_result->currency, delta.loss_per_year);
      g_autofree char *on_call = opm_sim_format_money (to_result->currency, delta.on_call_cost_per_year);

      simulate_print_text (from_result, from, &options);
      g_print ("\n");
      simulate_print_text (to_result, to, &options);
      g_print ("\n");
      g_print (_("From %s to %s:\n"), from_result->scenario, to_result->scenario);
      g_print (_("  Time to restore P50: %s%s\n"), delta.time_to_restore_p50 < 0 ? "−" : "+", p50);
      g_print (_("  Time to restore P90: %s%s\n"), delta.time_to_restore_p90 < 0 ? "−" : "+", p90);
      g_print (_("  Handoffs (mean): %+.1f\n"), delta.handoffs_mean);
      g_print (_("  Loss per year: %s\n"), loss);
      g_print (_("  On-call cost per year: %s\n"), on_call);
      g_print (_("  Checker findings: %u → %u\n"), from_findings->len, to_findings->len);
    }

  return OPM_CLI_EXIT_OK;
}

/* }}} */

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s\n  opmodel-cli COMMAND [OPTION…]\n\n%s\n", _("Usage:"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n             %s\n", commands[i].name, _(commands[i].summary),
             _(commands[i].synopsis));
  fprintf (stream, "\n%s\n", _("Run “opmodel-cli COMMAND --help” for the options of a command."));
  fprintf (stream, "%s\n", _("Exit status: 0 success, 1 invalid input or failure, 2 bad usage."));
}

int
opm_cli_main (int    argc,
              char **argv)
{
  if (argc < 2)
    {
      print_help (stderr);
      return OPM_CLI_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_help (stdout);
      return OPM_CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("opmodel-cli %s (file format %d)\n", PACKAGE_VERSION, OPM_FORMAT_VERSION);
      return OPM_CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      return commands[i].func (argc - 1, argv + 1);

  return usage_error (NULL, _("unknown command “%s”"), argv[1]);
}
