/* opm-cli.c — opmodel-cli commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-cli"

#include "config.h"

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

static const Command commands[] = {
  { "validate", N_("FILE…"), N_("Check documents and summarise what they hold"), command_validate },
  { "check", N_("FILE [--scenario NAME] [--format text|json]"),
    N_("Run the model checker over a scenario; exit status 3 when it finds an error"), command_check },
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
