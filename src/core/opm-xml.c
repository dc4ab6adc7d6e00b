/* opm-xml.c — reading and writing .opmodel documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading is a SAX parse of the whole file held in memory. It never touches
 * the network or another file and never expands entities: a document with a
 * DOCTYPE is refused the moment the parser meets it, before any internal
 * subset is read. Every element is checked as it arrives (known names, known
 * attributes, values in range); references are resolved at the end of each
 * scenario. The first problem stops the parse and is reported with its file,
 * line and column.
 *
 * Writing is deterministic: the same model always gives the same bytes, one
 * element per line, attributes in a fixed order, defaults left out.
 */

#define G_LOG_DOMAIN "opm-xml"

#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "opm-acknowledgement.h"
#include "opm-dependency.h"
#include "opm-document-private.h"
#include "opm-element-private.h"
#include "opm-error.h"
#include "opm-file.h"
#include "opm-property-private.h"
#include "opm-responsibility.h"
#include "opm-scenario-private.h"
#include "opm-team.h"

#define MAX_ELEMENTS   5000000
#define MAX_SCENARIOS  1000
#define N_KINDS        6

/* The first format version that has acknowledgements. Documents are written
 * in the oldest version that can hold them, so that an older Opmodel refuses
 * a document with acknowledgements as newer instead of dropping them, and
 * still reads every other document. */
#define FORMAT_VERSION_ACKNOWLEDGEMENTS 2

typedef enum
{
  STATE_DOCUMENT,
  STATE_ROOT,
  STATE_METADATA,
  STATE_PARAMETERS,
  STATE_SCENARIO,
  STATE_ELEMENT,
  STATE_CONTRACT,
  STATE_ACKNOWLEDGEMENT,
} State;

typedef struct
{
  GObject    *owner;     /* an element or an acknowledgement */
  GParamSpec *pspec;
  char       *id;
  /* where the reference is written, for messages; computed only on failure */
  const xmlChar *where;
  int         line;
  int         column;
} Reference;

typedef struct
{
  xmlParserCtxtPtr  ctxt;
  const char       *file;
  GError           *error;
  OpmDocument      *document;

  State             stack[8];
  guint             depth;

  gboolean          seen_metadata;
  gboolean          seen_parameters;
  gboolean          seen_contract;
  gint64            version;
  guint             n_scenarios;
  guint             n_elements;

  OpmScenario      *scenario;
  GHashTable       *ids;
  GPtrArray        *pending[N_KINDS];
  GArray           *references;
  GPtrArray        *acknowledgements;
  GHashTable       *acknowledged;  /* "RULE ID" of each acknowledgement */
  OpmElement       *element;
  GHashTable       *scenario_ids;
  GHashTable       *scenario_names;

  GString          *buffer;
  const xmlChar    *tag_start;   /* the '<' of the start tag being read */
  int               line;        /* its position, computed only on failure */
  int               column;
} Loader;

static void
reference_clear (gpointer data)
{
  Reference *ref = data;

  g_free (ref->id);
}

/* Positions */

/* Line and column of @p, a pointer into the input buffer before the parser's
 * current position. */
static gboolean
position_of (Loader        *loader,
             const xmlChar *p,
             int           *line,
             int           *column)
{
  xmlParserInputPtr input = loader->ctxt->input;
  const xmlChar *start;
  int newlines = 0;

  if (input == NULL || input->base == NULL || p < input->base || p > input->cur)
    return FALSE;

  for (const xmlChar *q = p; q < input->cur; q++)
    if (*q == '\n')
      newlines++;

  start = p;
  while (start > input->base && start[-1] != '\n')
    start--;

  *line = input->line - newlines;
  *column = (int) g_utf8_strlen ((const char *) start, p - start) + 1;
  return TRUE;
}

/* Remembers where the start tag being reported begins. */
static void
mark_start_tag (Loader *loader)
{
  xmlParserInputPtr input = loader->ctxt->input;

  loader->tag_start = NULL;
  loader->line = -1;

  if (input == NULL || input->base == NULL || input->cur == NULL)
    return;

  /* A literal '<' cannot occur inside a start tag, so the last one is ours. */
  for (const xmlChar *p = input->cur; p > input->base; p--)
    if (p[-1] == '<')
      {
        loader->tag_start = p - 1;
        return;
      }
}

/* The position of the current start tag (before the parser is stopped). */
static void
locate_start_tag (Loader *loader)
{
  if (loader->line > 0)
    return;

  if (loader->tag_start == NULL || !position_of (loader, loader->tag_start, &loader->line, &loader->column))
    {
      loader->line = xmlSAX2GetLineNumber (loader->ctxt);
      loader->column = xmlSAX2GetColumnNumber (loader->ctxt);
    }
}

static void
fail_at (Loader       *loader,
         OpmFileError  code,
         int           line,
         int           column,
         const char   *format,
         ...) G_GNUC_PRINTF (5, 6);

static void
fail_at (Loader       *loader,
         OpmFileError  code,
         int           line,
         int           column,
         const char   *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (loader->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _opm_file_error_set (&loader->error, code, loader->file, MAX (line, 1), column, "%s", message);
  xmlStopParser (loader->ctxt);
}

#define fail(loader, code, ...) \
  G_STMT_START { \
    locate_start_tag (loader); \
    fail_at (loader, code, (loader)->line, (loader)->column, __VA_ARGS__); \
  } G_STMT_END

/* libxml2 callbacks */

static void
on_structured_error (void        *user_data,
                     xmlErrorPtr  xml_error)
{
  Loader *loader = user_data;
  g_autofree char *message = NULL;
  OpmFileError code = OPM_FILE_ERROR_MALFORMED;
  int line;
  int column;

  if (xml_error == NULL || xml_error->level < XML_ERR_ERROR || loader->error != NULL)
    return;

  message = g_strstrip (g_strdup (xml_error->message != NULL ? xml_error->message : "malformed XML"));
  line = xml_error->line > 0 ? xml_error->line : xmlSAX2GetLineNumber (loader->ctxt);
  column = xml_error->int2 > 0 ? xml_error->int2 : xmlSAX2GetColumnNumber (loader->ctxt);

  switch (xml_error->code)
    {
    case XML_ERR_ENTITY_LOOP:
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
    case XML_ERR_ENTITY_BOUNDARY:
      code = OPM_FILE_ERROR_FORBIDDEN;
      break;
    case XML_ERR_USER_STOP:
      return;
    default:
      break;
    }

  fail_at (loader, code, line, column, "%s", message);
}

static void
on_internal_subset (void          *user_data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  Loader *loader = user_data;

  fail_at (loader, OPM_FILE_ERROR_FORBIDDEN,
           xmlSAX2GetLineNumber (loader->ctxt), 1,
           "documents with a DOCTYPE are refused (they can define entities or load other files)");
}

static xmlEntityPtr
on_get_entity (void          *user_data,
               const xmlChar *name)
{
  Loader *loader = user_data;

  fail_at (loader, OPM_FILE_ERROR_FORBIDDEN,
           xmlSAX2GetLineNumber (loader->ctxt), xmlSAX2GetColumnNumber (loader->ctxt),
           "the entity “&%.40s;” is not allowed", (const char *) name);
  return NULL;
}

static void
on_start_document (void *user_data)
{
  Loader *loader = user_data;
  const xmlChar *encoding = loader->ctxt->input != NULL ? loader->ctxt->input->encoding : NULL;

  if (encoding == NULL)
    encoding = loader->ctxt->encoding;

  if (encoding != NULL && g_ascii_strcasecmp ((const char *) encoding, "UTF-8") != 0)
    fail_at (loader, OPM_FILE_ERROR_MALFORMED, 1, 1,
             "the document is in %.40s; .opmodel files are UTF-8", (const char *) encoding);
}

static void
on_characters (void          *user_data,
               const xmlChar *text,
               int            len)
{
  Loader *loader = user_data;

  for (int i = 0; i < len; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
      {
        fail_at (loader, OPM_FILE_ERROR_INVALID,
                 xmlSAX2GetLineNumber (loader->ctxt), xmlSAX2GetColumnNumber (loader->ctxt),
                 "unexpected text; everything is held in attributes");
        return;
      }
}

/* Attributes */

typedef struct
{
  const xmlChar *localname;
  const xmlChar *prefix;
  const xmlChar *uri;
  const xmlChar *value;
  const xmlChar *end;
} Attribute;

/* The attribute's value. Without entity replacement (never asked for: it
 * would also apply to entities of a DTD) libxml2 hands an ampersand over as
 * "&#38;", and nothing else can put an ampersand in a value. */
static const char *
attribute_text (Loader          *loader,
                const Attribute *attr)
{
  const char *p = (const char *) attr->value;
  const char *end = (const char *) attr->end;

  g_string_truncate (loader->buffer, 0);

  while (p < end)
    {
      const char *amp = memchr (p, '&', end - p);

      if (amp == NULL)
        {
          g_string_append_len (loader->buffer, p, end - p);
          break;
        }

      g_string_append_len (loader->buffer, p, amp - p);
      g_string_append_c (loader->buffer, '&');
      p = amp + (end - amp >= 5 && memcmp (amp, "&#38;", 5) == 0 ? 5 : 1);
    }

  return loader->buffer->str;
}

/* The position of an attribute, or of its start tag, before the parser is
 * stopped. The value usually points into the input; the name precedes it. */
static void
attribute_position (Loader          *loader,
                    const Attribute *attr,
                    int             *line,
                    int             *column)
{
  if (position_of (loader, attr->value, line, column))
    {
      *column = MAX (1, *column - (int) strlen ((const char *) attr->localname) - 2);
      return;
    }

  locate_start_tag (loader);
  *line = loader->line;
  *column = loader->column;
}

/* Reads the attributes of @object from a start tag. */
static gboolean
read_attributes (Loader     *loader,
                 GObject    *object,
                 const char *tag,
                 int         n_attributes,
                 const xmlChar **attributes)
{
  GPtrArray *serial = _opm_object_serial_props (G_OBJECT_GET_CLASS (object));
  guint64 seen = 0;

  g_assert (serial->len <= 64);

  for (int i = 0; i < n_attributes; i++)
    {
      const Attribute *attr = (const Attribute *) &attributes[i * 5];
      const char *name = (const char *) attr->localname;
      g_autoptr(GError) local_error = NULL;
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec = NULL;
      const OpmPropInfo *info;
      gsize length = attr->end - attr->value;
      guint max_length;
      guint index = 0;
      int line, column;

      if (attr->prefix == NULL)
        for (index = 0; index < serial->len; index++)
          if (strcmp (((GParamSpec *) g_ptr_array_index (serial, index))->name, name) == 0)
            {
              pspec = g_ptr_array_index (serial, index);
              break;
            }

      if (pspec == NULL)
        {
          attribute_position (loader, attr, &line, &column);
          fail_at (loader, OPM_FILE_ERROR_INVALID, line, column,
                   "<%s> has no attribute “%s%s%.60s”", tag,
                   attr->prefix != NULL ? (const char *) attr->prefix : "",
                   attr->prefix != NULL ? ":" : "", name);
          return FALSE;
        }

      seen |= G_GUINT64_CONSTANT (1) << index;
      info = _opm_prop_info (pspec);
      max_length = info->max_length != 0 ? info->max_length : OPM_STRING_MAX_LENGTH;

      if (length > max_length)
        {
          attribute_position (loader, attr, &line, &column);
          fail_at (loader, OPM_FILE_ERROR_TOO_LARGE, line, column,
                   "<%s> attribute “%s” is %" G_GSIZE_FORMAT " bytes long, more than the limit of %u",
                   tag, name, length, max_length);
          return FALSE;
        }

      if (!_opm_prop_parse (pspec, attribute_text (loader, attr), &value, &local_error))
        {
          attribute_position (loader, attr, &line, &column);
          fail_at (loader, OPM_FILE_ERROR_INVALID, line, column, "<%s> %s", tag, local_error->message);
          return FALSE;
        }

      if (info->kind == OPM_PROP_ELEMENT)
        {
          Reference ref = {
            object, pspec, g_value_dup_string (&value), attr->value, 0, 0
          };

          /* Without a pointer into the input, take the position now. */
          if (attr->value < loader->ctxt->input->base || attr->value > loader->ctxt->input->cur)
            {
              ref.where = NULL;
              attribute_position (loader, attr, &ref.line, &ref.column);
            }

          g_array_append_val (loader->references, ref);
        }
      else if ((info->flags & OPM_PROP_IDENT) != 0 && OPM_IS_ELEMENT (object))
        {
          _opm_element_set_id (OPM_ELEMENT (object), g_value_get_string (&value));
        }
      else
        {
          _opm_prop_set_value (object, info, &value);
        }
    }

  for (guint index = 0; index < serial->len; index++)
    {
      GParamSpec *pspec = g_ptr_array_index (serial, index);

      if ((_opm_prop_info (pspec)->flags & OPM_PROP_REQUIRED) != 0 &&
          (seen & (G_GUINT64_CONSTANT (1) << index)) == 0)
        {
          fail (loader, OPM_FILE_ERROR_INVALID, "<%s> needs the attribute “%s”", tag, pspec->name);
          return FALSE;
        }
    }

  return TRUE;
}

/* Elements */

static void
start_root (Loader         *loader,
            int             n_attributes,
            const xmlChar **attributes)
{
  const Attribute *version_attr = NULL;
  gint64 version = 0;

  for (int i = 0; i < n_attributes; i++)
    {
      const Attribute *attr = (const Attribute *) &attributes[i * 5];

      if (attr->prefix == NULL && strcmp ((const char *) attr->localname, "format-version") == 0)
        version_attr = attr;
    }

  if (version_attr == NULL)
    {
      fail (loader, OPM_FILE_ERROR_INVALID, "<opmodel> needs the attribute “format-version”");
      return;
    }

  if (!g_ascii_string_to_signed (attribute_text (loader, version_attr), 10, 1, G_MAXINT, &version, NULL))
    {
      const char *text = loader->buffer->str;
      gboolean digits = text[0] != '\0' && strlen (text) < 64;

      for (const char *c = text; *c != '\0'; c++)
        digits = digits && g_ascii_isdigit (*c);

      /* a version too big for an int is still a newer version */
      if (digits && strspn (text, "0") < strlen (text) && strlen (text) > 9)
        {
          fail (loader, OPM_FILE_ERROR_NEWER_VERSION,
                "this document uses format version %s, written by a newer Opmodel; "
                "this version reads format version %d and older: update Opmodel to open it",
                text, OPM_FORMAT_VERSION);
          return;
        }

      fail (loader, OPM_FILE_ERROR_INVALID, "“format-version” must be a whole number from 1, not “%.20s”",
            loader->buffer->str);
      return;
    }

  loader->version = version;

  if (version > OPM_FORMAT_VERSION)
    {
      fail (loader, OPM_FILE_ERROR_NEWER_VERSION,
            "this document uses format version %" G_GINT64_FORMAT ", written by a newer Opmodel; "
            "this version reads format version %d and older: update Opmodel to open it",
            version, OPM_FORMAT_VERSION);
      return;
    }

  for (int i = 0; i < n_attributes; i++)
    {
      const Attribute *attr = (const Attribute *) &attributes[i * 5];

      if (attr != version_attr)
        {
          fail (loader, OPM_FILE_ERROR_INVALID, "<opmodel> has no attribute “%.60s”",
                (const char *) attr->localname);
          return;
        }
    }
}

static void
start_scenario (Loader         *loader,
                int             n_attributes,
                const xmlChar **attributes)
{
  OpmScenario *scenario;

  if (++loader->n_scenarios > MAX_SCENARIOS)
    {
      fail (loader, OPM_FILE_ERROR_TOO_LARGE, "more than %d scenarios", MAX_SCENARIOS);
      return;
    }

  scenario = _opm_scenario_new ();
  loader->scenario = scenario;

  if (!read_attributes (loader, G_OBJECT (scenario), "scenario", n_attributes, attributes))
    return;

  if (g_hash_table_contains (loader->scenario_ids, opm_scenario_get_id (scenario)))
    {
      fail (loader, OPM_FILE_ERROR_DUPLICATE_ID, "another scenario already has the id “%s”",
            opm_scenario_get_id (scenario));
      return;
    }

  if (g_hash_table_contains (loader->scenario_names, opm_scenario_get_name (scenario)))
    {
      fail (loader, OPM_FILE_ERROR_DUPLICATE_ID, "another scenario is already called “%s”",
            opm_scenario_get_name (scenario));
      return;
    }

  g_hash_table_add (loader->scenario_ids, g_strdup (opm_scenario_get_id (scenario)));
  g_hash_table_add (loader->scenario_names, g_strdup (opm_scenario_get_name (scenario)));

  for (guint k = 0; k < N_KINDS; k++)
    loader->pending[k] = g_ptr_array_new_with_free_func (g_object_unref);
  loader->ids = g_hash_table_new (g_str_hash, g_str_equal);
  loader->acknowledgements = g_ptr_array_new_with_free_func (g_object_unref);
  loader->acknowledged = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_array_set_size (loader->references, 0);
}

static void
start_element (Loader         *loader,
               const char     *tag,
               int             n_attributes,
               const xmlChar **attributes)
{
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);
  OpmElement *element = NULL;
  guint kind;

  for (kind = 0; kind < n_types; kind++)
    if (strcmp (OPM_ELEMENT_CLASS (g_type_class_peek (types[kind]))->tag, tag) == 0)
      break;

  if (kind == n_types)
    {
      fail (loader, OPM_FILE_ERROR_INVALID,
            "unknown element <%.60s> in <scenario> (expected team, service, responsibility, "
            "dependency, note, group or acknowledgement)", tag);
      return;
    }

  if (++loader->n_elements > MAX_ELEMENTS)
    {
      fail (loader, OPM_FILE_ERROR_TOO_LARGE, "more than %d elements", MAX_ELEMENTS);
      return;
    }

  element = g_object_new (types[kind], NULL);
  g_ptr_array_add (loader->pending[kind], element);
  loader->element = element;
  loader->seen_contract = FALSE;

  if (!read_attributes (loader, G_OBJECT (element), tag, n_attributes, attributes))
    return;

  if (g_hash_table_contains (loader->ids, opm_element_get_id (element)))
    {
      fail (loader, OPM_FILE_ERROR_DUPLICATE_ID,
            "the id “%s” is already used in scenario “%s”",
            opm_element_get_id (element), opm_scenario_get_name (loader->scenario));
      return;
    }

  g_hash_table_insert (loader->ids, (gpointer) opm_element_get_id (element), element);
}

static void
start_acknowledgement (Loader         *loader,
                       int             n_attributes,
                       const xmlChar **attributes)
{
  OpmAcknowledgement *acknowledgement;
  const Reference *ref;
  char *key;

  if (loader->version < FORMAT_VERSION_ACKNOWLEDGEMENTS)
    {
      fail (loader, OPM_FILE_ERROR_INVALID,
            "<acknowledgement> needs format version %d or newer, but the document is format version %"
            G_GINT64_FORMAT, FORMAT_VERSION_ACKNOWLEDGEMENTS, loader->version);
      return;
    }

  if (++loader->n_elements > MAX_ELEMENTS)
    {
      fail (loader, OPM_FILE_ERROR_TOO_LARGE, "more than %d elements", MAX_ELEMENTS);
      return;
    }

  acknowledgement = g_object_new (OPM_TYPE_ACKNOWLEDGEMENT, NULL);
  g_ptr_array_add (loader->acknowledgements, acknowledgement);

  if (!read_attributes (loader, G_OBJECT (acknowledgement), "acknowledgement", n_attributes, attributes))
    return;

  /* the element is resolved at the end of the scenario; ids are unique in
   * it, so the same rule and id mean the same finding */
  ref = &g_array_index (loader->references, Reference, loader->references->len - 1);
  g_assert (ref->owner == G_OBJECT (acknowledgement));
  key = g_strconcat (opm_acknowledgement_get_rule_id (acknowledgement), " ", ref->id, NULL);
  if (!g_hash_table_add (loader->acknowledged, key))
    fail (loader, OPM_FILE_ERROR_DUPLICATE_ID,
          "the findings of %s about “%s” are already acknowledged in scenario “%s”",
          opm_acknowledgement_get_rule_id (acknowledgement), ref->id, opm_scenario_get_name (loader->scenario));
}

static void
on_start_element (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             n_namespaces,
                  const xmlChar **namespaces,
                  int             n_attributes,
                  int             n_defaulted,
                  const xmlChar **attributes)
{
  Loader *loader = user_data;
  const char *tag = (const char *) localname;
  State parent = loader->stack[loader->depth];
  State state;

  if (loader->error != NULL)
    return;

  mark_start_tag (loader);

  if (uri != NULL || n_namespaces > 0)
    {
      fail (loader, OPM_FILE_ERROR_INVALID, "namespaces are not used in .opmodel files (on <%.60s>)", tag);
      return;
    }

  if (parent == STATE_DOCUMENT && strcmp (tag, "opmodel") == 0)
    state = STATE_ROOT;
  else if (parent == STATE_ROOT && strcmp (tag, "metadata") == 0 && !loader->seen_metadata &&
           loader->n_scenarios == 0)
    state = STATE_METADATA;
  else if (parent == STATE_ROOT && strcmp (tag, "parameters") == 0 && !loader->seen_parameters &&
           loader->n_scenarios == 0)
    state = STATE_PARAMETERS;
  else if (parent == STATE_ROOT && strcmp (tag, "scenario") == 0)
    state = STATE_SCENARIO;
  else if (parent == STATE_SCENARIO && strcmp (tag, "acknowledgement") == 0)
    state = STATE_ACKNOWLEDGEMENT;
  else if (parent == STATE_SCENARIO)
    state = STATE_ELEMENT;
  else if (parent == STATE_ELEMENT && strcmp (tag, "contract") == 0 && OPM_IS_TEAM (loader->element) &&
           !loader->seen_contract)
    state = STATE_CONTRACT;
  else
    {
      static const char *names[] = {
        NULL, "opmodel", "metadata", "parameters", "scenario", NULL, "contract", "acknowledgement"
      };
      const char *parent_name = parent == STATE_ELEMENT && loader->element != NULL
                                  ? opm_element_get_tag (loader->element) : names[parent];

      if (parent == STATE_DOCUMENT)
        fail (loader, OPM_FILE_ERROR_INVALID, "this is not an Opmodel document (the root is <%.60s>, "
              "not <opmodel>)", tag);
      else
        fail (loader, OPM_FILE_ERROR_INVALID, "unexpected <%.60s> in <%s>", tag, parent_name);
      return;
    }

  loader->stack[++loader->depth] = state;

  switch (state)
    {
    case STATE_ROOT:
      start_root (loader, n_attributes, attributes);
      break;
    case STATE_METADATA:
      loader->seen_metadata = TRUE;
      read_attributes (loader, G_OBJECT (loader->document), tag, n_attributes, attributes);
      break;
    case STATE_PARAMETERS:
      loader->seen_parameters = TRUE;
      read_attributes (loader, G_OBJECT (opm_document_get_parameters (loader->document)), tag,
                       n_attributes, attributes);
      break;
    case STATE_SCENARIO:
      start_scenario (loader, n_attributes, attributes);
      break;
    case STATE_ELEMENT:
      start_element (loader, tag, n_attributes, attributes);
      break;
    case STATE_CONTRACT:
      loader->seen_contract = TRUE;
      read_attributes (loader, G_OBJECT (opm_team_get_contract (OPM_TEAM (loader->element))), tag,
                       n_attributes, attributes);
      break;
    case STATE_ACKNOWLEDGEMENT:
      start_acknowledgement (loader, n_attributes, attributes);
      break;
    case STATE_DOCUMENT:
    default:
      g_assert_not_reached ();
    }
}

static void
reference_position (Loader    *loader,
                    Reference *ref)
{
  Attribute attr = { (const xmlChar *) ref->pspec->name, NULL, NULL, ref->where, NULL };

  if (ref->where != NULL)
    attribute_position (loader, &attr, &ref->line, &ref->column);
}

/* What holds a reference, for messages: "responsibility “r1”". */
static char *
describe_owner (GObject *owner)
{
  if (OPM_IS_ACKNOWLEDGEMENT (owner))
    return g_strdup_printf ("acknowledgement of %s",
                            opm_acknowledgement_get_rule_id (OPM_ACKNOWLEDGEMENT (owner)));

  return g_strdup_printf ("%s “%s”", opm_element_get_tag (OPM_ELEMENT (owner)),
                          opm_element_get_id (OPM_ELEMENT (owner)));
}

static void
end_scenario (Loader *loader)
{
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);

  for (guint i = 0; i < loader->references->len; i++)
    {
      Reference *ref = &g_array_index (loader->references, Reference, i);
      OpmElement *target = g_hash_table_lookup (loader->ids, ref->id);
      g_auto(GValue) value = G_VALUE_INIT;


      if (target == NULL)
        {
          g_autofree char *owner = describe_owner (ref->owner);

          reference_position (loader, ref);
          fail_at (loader, OPM_FILE_ERROR_DANGLING_REFERENCE, ref->line, ref->column,
                   "%s: %s=\"%s\" names no element of scenario “%s”",
                   owner, ref->pspec->name, ref->id, opm_scenario_get_name (loader->scenario));
          return;
        }

      if (!G_TYPE_CHECK_INSTANCE_TYPE (target, ref->pspec->value_type))
        {
          g_autoptr(GTypeClass) klass = g_type_class_ref (ref->pspec->value_type);
          g_autofree char *owner = describe_owner (ref->owner);

          reference_position (loader, ref);
          fail_at (loader, OPM_FILE_ERROR_INVALID, ref->line, ref->column,
                   "%s: “%s” names the %s “%s”, but must name a %s",
                   owner, ref->pspec->name, opm_element_get_tag (target), ref->id,
                   OPM_ELEMENT_CLASS (klass)->tag);
          return;
        }

      g_value_init (&value, ref->pspec->value_type);
      g_value_set_object (&value, target);
      _opm_prop_set_value (ref->owner, _opm_prop_info (ref->pspec), &value);

      if (OPM_IS_DEPENDENCY (ref->owner) &&
          opm_dependency_get_from (OPM_DEPENDENCY (ref->owner)) ==
          opm_dependency_get_to (OPM_DEPENDENCY (ref->owner)))
        {
          reference_position (loader, ref);
          fail_at (loader, OPM_FILE_ERROR_INVALID, ref->line, ref->column,
                   "dependency “%s”: a service cannot depend on itself",
                   opm_element_get_id (OPM_ELEMENT (ref->owner)));
          return;
        }
    }

  for (guint k = 0; k < n_types; k++)
    _opm_scenario_append_many (loader->scenario, types[k], loader->pending[k]);
  _opm_scenario_append_acknowledgements (loader->scenario, loader->acknowledgements);

  _opm_document_append_scenario (loader->document, loader->scenario);
}

static void
clear_scenario (Loader *loader)
{
  for (guint k = 0; k < N_KINDS; k++)
    g_clear_pointer (&loader->pending[k], g_ptr_array_unref);
  g_clear_pointer (&loader->ids, g_hash_table_unref);
  g_clear_pointer (&loader->acknowledgements, g_ptr_array_unref);
  g_clear_pointer (&loader->acknowledged, g_hash_table_unref);
  if (loader->references != NULL)
    g_array_set_size (loader->references, 0);
  g_clear_object (&loader->scenario);
  loader->element = NULL;
}

static void
on_end_element (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  Loader *loader = user_data;
  State state;

  if (loader->error != NULL)
    return;

  state = loader->stack[loader->depth--];

  if (state == STATE_SCENARIO)
    {
      end_scenario (loader);
      clear_scenario (loader);
    }
  else if (state == STATE_ROOT && loader->n_scenarios == 0)
    {
      fail_at (loader, OPM_FILE_ERROR_INVALID,
               xmlSAX2GetLineNumber (loader->ctxt), xmlSAX2GetColumnNumber (loader->ctxt),
               "the document has no scenario");
    }
}

static void
ignore_generic_error (void       *user_data,
                      const char *format,
                      ...)
{
}

static void
line_and_column (const char *data,
                 const char *p,
                 int        *line,
                 int        *column)
{
  const char *start = data;

  *line = 1;
  for (const char *q = data; q < p; q++)
    if (*q == '\n')
      {
        (*line)++;
        start = q + 1;
      }

  *column = (int) g_utf8_strlen (start, p - start) + 1;
  if (!g_utf8_validate (start, p - start, NULL))
    *column = (int) (p - start) + 1;
}

/* Checks what the parser would handle badly before it runs: other encodings
 * (libxml2 would switch to UTF-16 by itself), NUL bytes (it stops reading
 * there), and start tags with very many attributes (it compares each
 * attribute with all the earlier ones). */
static gboolean
prescan (const char  *data,
         gsize        length,
         const char  *display_name,
         GError     **error)
{
  const guchar *p = (const guchar *) data;
  const guchar *end = p + length;
  const char *nul = memchr (data, '\0', length);
  gsize skip = 0;
  guint attributes = 0;
  const guchar *tag = NULL;
  int line, column;

  if (length >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    skip = 3;

  if (length >= 2 && ((p[0] == 0xFE && p[1] == 0xFF) || (p[0] == 0xFF && p[1] == 0xFE)))
    {
      _opm_file_error_set (error, OPM_FILE_ERROR_MALFORMED, display_name, 1, 1,
                           "the document is in UTF-16; .opmodel files are UTF-8");
      return FALSE;
    }

  if (nul != NULL)
    {
      line_and_column (data, nul, &line, &column);
      _opm_file_error_set (error, OPM_FILE_ERROR_MALFORMED, display_name, line, column,
                           nul - data < 4 ? "the document is not UTF-8 text (it starts with a NUL byte; UTF-16?)"
                                          : "a NUL byte is not allowed in a document");
      return FALSE;
    }

  for (const guchar *q = p + skip; q < end && *q != '<'; q++)
    if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
      {
        line_and_column (data, (const char *) q, &line, &column);
        _opm_file_error_set (error, OPM_FILE_ERROR_MALFORMED, display_name, line, column,
                             "this is not an XML document in UTF-8");
        return FALSE;
      }

  for (const guchar *q = p + skip; q < end; q++)
    {
      if (tag == NULL)
        {
          if (*q != '<')
            continue;

          /* comments, CDATA and processing instructions hold no attributes */
          if (end - q >= 4 && memcmp (q, "<!--", 4) == 0)
            {
              const guchar *close = (const guchar *) g_strstr_len ((const char *) q + 4, end - q - 4, "-->");
              if (close == NULL)
                break;
              q = close + 2;
            }
          else if (end - q >= 9 && memcmp (q, "<![CDATA[", 9) == 0)
            {
              const guchar *close = (const guchar *) g_strstr_len ((const char *) q + 9, end - q - 9, "]]>");
              if (close == NULL)
                break;
              q = close + 2;
            }
          else if (end - q >= 2 && (q[1] == '?' || q[1] == '!' || q[1] == '/'))
            {
              const guchar *close = memchr (q, '>', end - q);
              if (close == NULL)
                break;
              q = close;
            }
          else
            {
              tag = q;
              attributes = 0;
            }
        }
      else if (*q == '"' || *q == '\'')
        {
          const guchar *close = memchr (q + 1, *q, end - q - 1);
          if (close == NULL)
            break;
          q = close;
        }
      else if (*q == '=')
        {
          if (++attributes > 128)
            {
              line_and_column (data, (const char *) tag, &line, &column);
              _opm_file_error_set (error, OPM_FILE_ERROR_TOO_LARGE, display_name, line, column,
                                   "a start tag with more than 128 attributes");
              return FALSE;
            }
        }
      else if (*q == '>' || *q == '<')
        {
          tag = NULL;
          if (*q == '<')
            q--;
        }
    }

  return TRUE;
}

/**
 * opm_document_load_from_data:
 * @data: the document's bytes
 * @display_name: (nullable): the name to use in error messages
 *
 * Returns: (transfer full) (nullable): the document, unmodified
 */
OpmDocument *
opm_document_load_from_data (const char  *data,
                             gsize        length,
                             const char  *display_name,
                             GError     **error)
{
  xmlSAXHandler sax;
  Loader loader = { 0 };
  g_autoptr(OpmDocument) document = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (display_name == NULL)
    display_name = "<memory>";

  if (length > OPM_FILE_MAX_SIZE)
    {
      _opm_file_error_set (error, OPM_FILE_ERROR_TOO_LARGE, display_name, 1, 1,
                           "the document is more than the %d MiB Opmodel reads",
                           OPM_FILE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  if (length == 0)
    {
      _opm_file_error_set (error, OPM_FILE_ERROR_MALFORMED, display_name, 1, 1, "the file is empty");
      return NULL;
    }

  if (!prescan (data, length, display_name, error))
    return NULL;

  xmlSetGenericErrorFunc (NULL, ignore_generic_error);

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startDocument = on_start_document;
  sax.startElementNs = on_start_element;
  sax.endElementNs = on_end_element;
  sax.characters = on_characters;
  sax.cdataBlock = on_characters;
  sax.internalSubset = on_internal_subset;
  sax.getEntity = on_get_entity;
  sax.getParameterEntity = on_get_entity;
  sax.serror = on_structured_error;

  document = _opm_document_new_empty ();

  loader.file = display_name;
  loader.document = document;
  loader.stack[0] = STATE_DOCUMENT;
  loader.buffer = g_string_sized_new (256);
  loader.references = g_array_new (FALSE, FALSE, sizeof (Reference));
  g_array_set_clear_func (loader.references, reference_clear);
  loader.scenario_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  loader.scenario_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  loader.ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (loader.ctxt == NULL)
    {
      _opm_file_error_set (&loader.error, OPM_FILE_ERROR_IO, display_name, 0, 0, "out of memory");
    }
  else
    {
      xmlFree (loader.ctxt->sax);
      loader.ctxt->sax = &sax;
      loader.ctxt->userData = &loader;
      xmlCtxtUseOptions (loader.ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
      loader.ctxt->replaceEntities = 0;
      loader.ctxt->loadsubset = 0;
      loader.ctxt->validate = 0;

      xmlParseDocument (loader.ctxt);

      if (loader.error == NULL && !loader.ctxt->wellFormed)
        _opm_file_error_set (&loader.error, OPM_FILE_ERROR_MALFORMED, display_name,
                             MAX (1, xmlSAX2GetLineNumber (loader.ctxt)), 1, "malformed XML");
      if (loader.error == NULL && g_list_model_get_n_items (opm_document_get_scenarios (document)) == 0)
        _opm_file_error_set (&loader.error, OPM_FILE_ERROR_INVALID, display_name, 1, 1,
                             "the document has no scenario");

      loader.ctxt->sax = NULL;
      xmlFreeParserCtxt (loader.ctxt);
    }

  clear_scenario (&loader);
  g_array_unref (loader.references);
  g_hash_table_unref (loader.scenario_ids);
  g_hash_table_unref (loader.scenario_names);
  g_string_free (loader.buffer, TRUE);

  if (loader.error != NULL)
    {
      g_propagate_error (error, loader.error);
      return NULL;
    }

  return g_steal_pointer (&document);
}

/**
 * opm_document_load:
 *
 * Returns: (transfer full) (nullable): the document read from @path
 */
OpmDocument *
opm_document_load (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!opm_file_read_contents (path, &data, &length, error))
    return NULL;

  return opm_document_load_from_data (data, length, path, error);
}

/* Writing */

static void
append_escaped (GString    *out,
                const char *text)
{
  const char *run = text;

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\n': entity = "&#10;"; break;
        case '\r': entity = "&#13;"; break;
        case '\t': entity = "&#9;"; break;
        default: continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append (out, run);
}

static void
write_attributes (GString *out,
                  GObject *object,
                  GString *scratch)
{
  GPtrArray *serial = _opm_object_serial_props (G_OBJECT_GET_CLASS (object));

  for (guint i = 0; i < serial->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (serial, i);
      const OpmPropInfo *info = _opm_prop_info (pspec);

      if ((info->flags & OPM_PROP_REQUIRED) == 0 && _opm_prop_is_default (object, pspec))
        continue;

      g_string_append_c (out, ' ');
      g_string_append (out, pspec->name);
      g_string_append (out, "=\"");

      if (info->kind == OPM_PROP_STRING)
        {
          append_escaped (out, OPM_PROP_FIELD (object, info, const char *));
        }
      else
        {
          g_string_truncate (scratch, 0);
          _opm_prop_format (object, pspec, scratch);
          append_escaped (out, scratch->str);
        }

      g_string_append_c (out, '"');
    }
}

static void
write_element (GString    *out,
               OpmElement *element,
               GString    *scratch)
{
  const char *tag = opm_element_get_tag (element);

  g_string_append (out, "    <");
  g_string_append (out, tag);
  write_attributes (out, G_OBJECT (element), scratch);

  if (OPM_IS_TEAM (element))
    {
      OpmTeam *team = OPM_TEAM (element);
      OpmContract *contract = opm_team_get_contract (team);

      if (opm_team_get_sourcing (team) == OPM_SOURCING_OUTSOURCED || !opm_contract_is_default (contract))
        {
          g_string_append (out, ">\n      <contract");
          write_attributes (out, G_OBJECT (contract), scratch);
          g_string_append (out, "/>\n    </team>\n");
          return;
        }
    }

  g_string_append (out, "/>\n");
}

/**
 * opm_document_serialize:
 *
 * Returns: (transfer full): the document as .opmodel bytes; the same model
 *   always gives the same bytes
 */
GBytes *
opm_document_serialize (OpmDocument *self)
{
  g_autoptr(GString) scratch = g_string_sized_new (64);
  GString *out;
  GListModel *scenarios;
  OpmParameters *parameters;
  guint n_types;
  const GType *types = opm_element_get_types (&n_types);
  gboolean any_parameter = FALSE;
  int version = 1;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), NULL);

  out = g_string_sized_new (4096 + 160 * (gsize) opm_document_get_n_elements (self));

  g_string_append (out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  scenarios = opm_document_get_scenarios (self);
  for (guint s = 0; s < g_list_model_get_n_items (scenarios); s++)
    if (g_list_model_get_n_items (opm_scenario_get_acknowledgements (opm_document_get_scenario (self, s))) > 0)
      version = FORMAT_VERSION_ACKNOWLEDGEMENTS;

  g_string_append_printf (out, "<opmodel format-version=\"%d\">\n", version);

  g_string_append (out, "  <metadata");
  write_attributes (out, G_OBJECT (self), scratch);
  g_string_append (out, "/>\n");

  parameters = opm_document_get_parameters (self);
  for (guint i = 0; i < OPM_N_PARAMS; i++)
    if (opm_parameters_get (parameters, i) != opm_parameters_get_default (i))
      any_parameter = TRUE;

  if (any_parameter)
    {
      g_string_append (out, "  <parameters");
      write_attributes (out, G_OBJECT (parameters), scratch);
      g_string_append (out, "/>\n");
    }

  for (guint s = 0; s < g_list_model_get_n_items (scenarios); s++)
    {
      OpmScenario *scenario = opm_document_get_scenario (self, s);
      GListModel *acknowledgements = opm_scenario_get_acknowledgements (scenario);

      g_string_append (out, "  <scenario");
      write_attributes (out, G_OBJECT (scenario), scratch);
      g_string_append (out, ">\n");

      for (guint k = 0; k < n_types; k++)
        {
          GListModel *list = opm_scenario_get_elements (scenario, types[k]);
          guint n = g_list_model_get_n_items (list);

          for (guint i = 0; i < n; i++)
            {
              g_autoptr(OpmElement) element = g_list_model_get_item (list, i);

              write_element (out, element, scratch);
            }
        }

      for (guint i = 0; i < g_list_model_get_n_items (acknowledgements); i++)
        {
          g_autoptr(OpmAcknowledgement) acknowledgement = g_list_model_get_item (acknowledgements, i);

          g_string_append (out, "    <acknowledgement");
          write_attributes (out, G_OBJECT (acknowledgement), scratch);
          g_string_append (out, "/>\n");
        }

      g_string_append (out, "  </scenario>\n");
    }

  g_string_append (out, "</opmodel>\n");

  return g_string_free_to_bytes (out);
}

/**
 * opm_document_save:
 *
 * Writes the document to @path atomically and durably and marks it
 * unmodified. On failure the file on disk is as it was and the document
 * stays modified.
 */
gboolean
opm_document_save (OpmDocument  *self,
                   const char   *path,
                   GError      **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (OPM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = opm_document_serialize (self);
  data = g_bytes_get_data (bytes, &length);

  if (!opm_file_replace_contents (path, data, length, error))
    return FALSE;

  opm_document_set_unmodified (self);
  return TRUE;
}
