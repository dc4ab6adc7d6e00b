/* opm-property.c — table-driven properties for model objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "opm-property"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "opm-element.h"
#include "opm-error.h"
#include "opm-property-private.h"

/* Which table describes the properties of which class: a lock-free lookup
 * for _opm_prop_info(), which the reader and writer call for every value. */
typedef struct
{
  GType              type;
  const OpmPropInfo *table;
  guint              n_props;
} Registration;

#define MAX_REGISTRATIONS 32

static Registration registrations[MAX_REGISTRATIONS];
static guint n_registrations;

void
_opm_props_install (GObjectClass       *klass,
                    const OpmPropInfo  *table,
                    guint               n_props,
                    GParamSpec        **pspecs)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  guint slot = g_atomic_int_get (&n_registrations);

  /* Class initialisation is serialised by the type system. */
  g_assert (slot < MAX_REGISTRATIONS);
  registrations[slot].type = G_OBJECT_CLASS_TYPE (klass);
  registrations[slot].table = table;
  registrations[slot].n_props = n_props;
  g_atomic_int_set (&n_registrations, slot + 1);

  pspecs[0] = NULL;

  for (guint i = 0; i < n_props; i++)
    {
      const OpmPropInfo *info = &table[i];
      GParamSpec *pspec = NULL;

      switch (info->kind)
        {
        case OPM_PROP_STRING:
          pspec = g_param_spec_string (info->name, info->nick, info->blurb,
                                       info->def_string != NULL ? info->def_string : "", flags);
          break;
        case OPM_PROP_INT:
          pspec = g_param_spec_int (info->name, info->nick, info->blurb,
                                    (int) info->min, (int) info->max, (int) info->def, flags);
          break;
        case OPM_PROP_DOUBLE:
          pspec = g_param_spec_double (info->name, info->nick, info->blurb,
                                       info->min, info->max, info->def, flags);
          break;
        case OPM_PROP_BOOLEAN:
          pspec = g_param_spec_boolean (info->name, info->nick, info->blurb, info->def != 0, flags);
          break;
        case OPM_PROP_ENUM:
          pspec = g_param_spec_enum (info->name, info->nick, info->blurb,
                                     info->type_func (), (int) info->def, flags);
          break;
        case OPM_PROP_FLAGS:
          pspec = g_param_spec_flags (info->name, info->nick, info->blurb,
                                      info->type_func (), (guint) info->def, flags);
          break;
        case OPM_PROP_ELEMENT:
          pspec = g_param_spec_object (info->name, info->nick, info->blurb,
                                       info->type_func (), flags);
          break;
        default:
          g_assert_not_reached ();
        }

      pspecs[i + 1] = pspec;
    }

  g_object_class_install_properties (klass, n_props + 1, pspecs);
}

const OpmPropInfo *
_opm_prop_info (GParamSpec *pspec)
{
  guint n = g_atomic_int_get (&n_registrations);

  for (guint i = 0; i < n; i++)
    if (registrations[i].type == pspec->owner_type)
      {
        if (pspec->param_id >= 1 && pspec->param_id <= registrations[i].n_props &&
            (registrations[i].table[pspec->param_id - 1].name == pspec->name ||
             g_str_equal (registrations[i].table[pspec->param_id - 1].name, pspec->name)))
          return &registrations[i].table[pspec->param_id - 1];
        return NULL;
      }

  return NULL;
}

void
_opm_props_init (gpointer            instance,
                 const OpmPropInfo  *table,
                 guint               n_props)
{
  for (guint i = 0; i < n_props; i++)
    {
      const OpmPropInfo *info = &table[i];

      switch (info->kind)
        {
        case OPM_PROP_STRING:
          OPM_PROP_FIELD (instance, info, char *) =
            g_strdup (info->def_string != NULL ? info->def_string : "");
          break;
        case OPM_PROP_INT:
          OPM_PROP_FIELD (instance, info, int) = (int) info->def;
          break;
        case OPM_PROP_DOUBLE:
          OPM_PROP_FIELD (instance, info, double) = info->def;
          break;
        case OPM_PROP_BOOLEAN:
          OPM_PROP_FIELD (instance, info, gboolean) = info->def != 0;
          break;
        case OPM_PROP_ENUM:
          OPM_PROP_FIELD (instance, info, int) = (int) info->def;
          break;
        case OPM_PROP_FLAGS:
          OPM_PROP_FIELD (instance, info, guint) = (guint) info->def;
          break;
        case OPM_PROP_ELEMENT:
          OPM_PROP_FIELD (instance, info, gpointer) = NULL;
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

void
_opm_props_finalize (gpointer            instance,
                     const OpmPropInfo  *table,
                     guint               n_props)
{
  for (guint i = 0; i < n_props; i++)
    {
      const OpmPropInfo *info = &table[i];

      if (info->kind == OPM_PROP_STRING)
        g_clear_pointer (&OPM_PROP_FIELD (instance, info, char *), g_free);
      else if (info->kind == OPM_PROP_ELEMENT)
        g_clear_object (&OPM_PROP_FIELD (instance, info, GObject *));
    }
}

void
_opm_prop_get_value (GObject           *object,
                     const OpmPropInfo *info,
                     GValue            *value)
{
  switch (info->kind)
    {
    case OPM_PROP_STRING:
      g_value_set_string (value, OPM_PROP_FIELD (object, info, char *));
      break;
    case OPM_PROP_INT:
      g_value_set_int (value, OPM_PROP_FIELD (object, info, int));
      break;
    case OPM_PROP_DOUBLE:
      g_value_set_double (value, OPM_PROP_FIELD (object, info, double));
      break;
    case OPM_PROP_BOOLEAN:
      g_value_set_boolean (value, OPM_PROP_FIELD (object, info, gboolean));
      break;
    case OPM_PROP_ENUM:
      g_value_set_enum (value, OPM_PROP_FIELD (object, info, int));
      break;
    case OPM_PROP_FLAGS:
      g_value_set_flags (value, OPM_PROP_FIELD (object, info, guint));
      break;
    case OPM_PROP_ELEMENT:
      g_value_set_object (value, OPM_PROP_FIELD (object, info, GObject *));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Stores @value without notification; returns whether anything changed. */
gboolean
_opm_prop_set_value (GObject           *object,
                     const OpmPropInfo *info,
                     const GValue      *value)
{
  switch (info->kind)
    {
    case OPM_PROP_STRING:
      {
        const char *s = g_value_get_string (value);
        char **field = &OPM_PROP_FIELD (object, info, char *);

        if (s == NULL)
          s = "";
        if (g_strcmp0 (*field, s) == 0)
          return FALSE;
        g_free (*field);
        *field = g_strdup (s);
        return TRUE;
      }
    case OPM_PROP_INT:
      {
        int v = g_value_get_int (value);
        if (OPM_PROP_FIELD (object, info, int) == v)
          return FALSE;
        OPM_PROP_FIELD (object, info, int) = v;
        return TRUE;
      }
    case OPM_PROP_DOUBLE:
      {
        double v = g_value_get_double (value);
        if (v == 0.0)
          v = 0.0;  /* no negative zero */
        if (OPM_PROP_FIELD (object, info, double) == v)
          return FALSE;
        OPM_PROP_FIELD (object, info, double) = v;
        return TRUE;
      }
    case OPM_PROP_BOOLEAN:
      {
        gboolean v = g_value_get_boolean (value) != FALSE;
        if (OPM_PROP_FIELD (object, info, gboolean) == v)
          return FALSE;
        OPM_PROP_FIELD (object, info, gboolean) = v;
        return TRUE;
      }
    case OPM_PROP_ENUM:
      {
        int v = g_value_get_enum (value);
        if (OPM_PROP_FIELD (object, info, int) == v)
          return FALSE;
        OPM_PROP_FIELD (object, info, int) = v;
        return TRUE;
      }
    case OPM_PROP_FLAGS:
      {
        guint v = g_value_get_flags (value);
        if (OPM_PROP_FIELD (object, info, guint) == v)
          return FALSE;
        OPM_PROP_FIELD (object, info, guint) = v;
        return TRUE;
      }
    case OPM_PROP_ELEMENT:
      return g_set_object (&OPM_PROP_FIELD (object, info, GObject *), g_value_get_object (value));
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

void
_opm_props_get_property (GObject           *object,
                         const OpmPropInfo *table,
                         guint              prop_id,
                         GValue            *value,
                         GParamSpec        *pspec)
{
  _opm_prop_get_value (object, &table[prop_id - 1], value);
}

void
_opm_props_set_property (GObject           *object,
                         const OpmPropInfo *table,
                         guint              prop_id,
                         const GValue      *value,
                         GParamSpec        *pspec)
{
  if (_opm_prop_set_value (object, &table[prop_id - 1], value))
    g_object_notify_by_pspec (object, pspec);
}

gboolean
_opm_check_ident (const char  *value,
                  GError     **error)
{
  gsize len = strlen (value);

  if (len == 0 || len > 64 || !(g_ascii_isalpha (value[0]) || value[0] == '_'))
    goto bad;

  for (gsize i = 1; i < len; i++)
    {
      char c = value[i];

      if (!(g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == ':'))
        goto bad;
    }

  return TRUE;

bad:
  g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
               _("“%.80s” is not a valid id (a letter or “_” then letters, digits, “_”, “-”, “.” or “:”, "
               "at most 64 characters)"), value);
  return FALSE;
}

/* Text must be representable in XML 1.0 and stay within the size cap. */
gboolean
_opm_check_text (const char  *value,
                 gboolean     single_line,
                 guint        max_length,
                 GError     **error)
{
  const char *end;
  gsize len = strlen (value);

  if (max_length == 0)
    max_length = OPM_STRING_MAX_LENGTH;

  if (len > max_length)
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   _("text is %lu bytes long, more than the limit of %u"), (gulong) len, max_length);
      return FALSE;
    }

  if (!g_utf8_validate_len (value, len, &end))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   _("text is not valid UTF-8 (at byte %lu)"), (gulong) (end - value));
      return FALSE;
    }

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean ok;

      if (c == '\n' || c == '\r')
        ok = !single_line;
      else if (c == '\t')
        ok = TRUE;
      else
        ok = c >= 0x20 && !(c >= 0xD800 && c <= 0xDFFF) && c != 0xFFFE && c != 0xFFFF;

      if (!ok)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                       single_line && (c == '\n' || c == '\r')
                         ? _("text must be a single line")
                         : _("text contains the control character U+%04X"), c);
          return FALSE;
        }
    }

  return TRUE;
}

/* The attribute as the user knows it: its translated label; or, for a
 * file, the attribute's name there. */
static const char *
prop_label (GParamSpec *pspec,
            gboolean    in_file)
{
  const char *nick = g_param_spec_get_nick (pspec);

  if (in_file || nick == NULL || *nick == '\0')
    return g_param_spec_get_name (pspec);

  return g_dgettext (GETTEXT_PACKAGE, nick);
}

/* Checks that @value is an acceptable value for @pspec: in range, finite,
 * representable in a file. */
static gboolean
check_value (GParamSpec    *pspec,
             const GValue  *value,
             gboolean       in_file,
             GError       **error)
{
  const OpmPropInfo *info = _opm_prop_info (pspec);

  g_return_val_if_fail (info != NULL, FALSE);

  if (!G_VALUE_HOLDS (value, pspec->value_type))
    {
      g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                   _("“%s” takes a %s, not a %s"), prop_label (pspec, in_file),
                   g_type_name (pspec->value_type), G_VALUE_TYPE_NAME (value));
      return FALSE;
    }

  switch (info->kind)
    {
    case OPM_PROP_STRING:
      {
        const char *s = g_value_get_string (value);
        g_autoptr(GError) local_error = NULL;

        if (s == NULL)
          s = "";
        if ((info->flags & OPM_PROP_IDENT) != 0)
          {
            if (!_opm_check_ident (s, error))
              return FALSE;
          }
        else if (!_opm_check_text (s, (info->flags & OPM_PROP_LINE) != 0, info->max_length, &local_error) ||
                 (info->check != NULL && !info->check (s, &local_error)))
          {
            g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                         _("“%s”: %s"), prop_label (pspec, in_file), local_error->message);
            return FALSE;
          }
        return TRUE;
      }
    case OPM_PROP_INT:
      {
        int v = g_value_get_int (value);
        if (v < info->min || v > info->max)
          {
            g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                         _("“%s” must be between %d and %d, not %d"), prop_label (pspec, in_file),
                         (int) info->min, (int) info->max, v);
            return FALSE;
          }
        return TRUE;
      }
    case OPM_PROP_DOUBLE:
      {
        double v = g_value_get_double (value);
        if (!isfinite (v))
          {
            g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                         _("“%s” must be a finite number"), prop_label (pspec, in_file));
            return FALSE;
          }
        if (v < info->min || v > info->max)
          {
            g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                         _("“%s” must be between %g and %g, not %g"), prop_label (pspec, in_file),
                         info->min, info->max, v);
            return FALSE;
          }
        return TRUE;
      }
    case OPM_PROP_BOOLEAN:
      return TRUE;
    case OPM_PROP_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (pspec->value_type);
        if (g_enum_get_value (klass, g_value_get_enum (value)) == NULL)
          {
            g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                         _("%d is not a value of “%s”"), g_value_get_enum (value), prop_label (pspec, in_file));
            return FALSE;
          }
        return TRUE;
      }
    case OPM_PROP_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (pspec->value_type);
        if ((g_value_get_flags (value) & ~klass->mask) != 0)
          {
            g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                         _("0x%x has unknown flags for “%s”"), g_value_get_flags (value), prop_label (pspec, in_file));
            return FALSE;
          }
        return TRUE;
      }
    case OPM_PROP_ELEMENT:
      if (g_value_get_object (value) == NULL && (info->flags & OPM_PROP_REQUIRED) != 0)
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                       _("“%s” must refer to an element"), prop_label (pspec, in_file));
          return FALSE;
        }
      return TRUE;
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

gboolean
_opm_prop_is_default (GObject    *object,
                      GParamSpec *pspec)
{
  const OpmPropInfo *info = _opm_prop_info (pspec);

  switch (info->kind)
    {
    case OPM_PROP_STRING:
      return g_strcmp0 (OPM_PROP_FIELD (object, info, char *),
                        info->def_string != NULL ? info->def_string : "") == 0;
    case OPM_PROP_INT:
      return OPM_PROP_FIELD (object, info, int) == (int) info->def;
    case OPM_PROP_DOUBLE:
      return OPM_PROP_FIELD (object, info, double) == info->def;
    case OPM_PROP_BOOLEAN:
      return OPM_PROP_FIELD (object, info, gboolean) == (info->def != 0);
    case OPM_PROP_ENUM:
      return OPM_PROP_FIELD (object, info, int) == (int) info->def;
    case OPM_PROP_FLAGS:
      return OPM_PROP_FIELD (object, info, guint) == (guint) info->def;
    case OPM_PROP_ELEMENT:
      return OPM_PROP_FIELD (object, info, gpointer) == NULL;
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;
  double v;

  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;

  /* Only plain decimal notation: no hex floats, inf or nan. */
  for (const char *p = text; *p != '\0'; p++)
    if (!(g_ascii_isdigit (*p) || *p == '-' || *p == '+' || *p == '.' || *p == 'e' || *p == 'E'))
      return FALSE;

  v = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (v))
    return FALSE;

  *out = v;
  return TRUE;
}

gboolean
_opm_prop_check_value (GParamSpec    *pspec,
                       const GValue  *value,
                       GError       **error)
{
  return check_value (pspec, value, FALSE, error);
}

/* Parses the file spelling @text of @pspec into @value (initialised by us).
 * Element references are parsed as id strings. */
gboolean
_opm_prop_parse (GParamSpec  *pspec,
                 const char  *text,
                 GValue      *value,
                 GError     **error)
{
  const OpmPropInfo *info = _opm_prop_info (pspec);

  switch (info->kind)
    {
    case OPM_PROP_STRING:
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, text);
      break;
    case OPM_PROP_ELEMENT:
      g_value_init (value, G_TYPE_STRING);
      g_value_set_string (value, text);
      return _opm_check_ident (text, error);
    case OPM_PROP_INT:
      {
        gint64 v;

        g_value_init (value, G_TYPE_INT);
        if (!g_ascii_string_to_signed (text, 10, G_MININT, G_MAXINT, &v, NULL))
          {
            g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                         "“%s” must be a whole number, not “%.40s”", prop_label (pspec, TRUE), text);
            return FALSE;
          }
        g_value_set_int (value, (int) v);
        break;
      }
    case OPM_PROP_DOUBLE:
      {
        double v;

        g_value_init (value, G_TYPE_DOUBLE);
        if (!parse_double (text, &v))
          {
            g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                         "“%s” must be a finite number, not “%.40s”", prop_label (pspec, TRUE), text);
            return FALSE;
          }
        g_value_set_double (value, v);
        break;
      }
    case OPM_PROP_BOOLEAN:
      g_value_init (value, G_TYPE_BOOLEAN);
      if (strcmp (text, "true") == 0)
        g_value_set_boolean (value, TRUE);
      else if (strcmp (text, "false") == 0)
        g_value_set_boolean (value, FALSE);
      else
        {
          g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                       "“%s” must be “true” or “false”, not “%.40s”", prop_label (pspec, TRUE), text);
          return FALSE;
        }
      break;
    case OPM_PROP_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (pspec->value_type);
        GEnumValue *ev = g_enum_get_value_by_nick (klass, text);

        g_value_init (value, pspec->value_type);
        if (ev == NULL)
          {
            g_autoptr(GString) nicks = g_string_new (NULL);

            for (guint i = 0; i < klass->n_values; i++)
              g_string_append_printf (nicks, "%s“%s”", i > 0 ? ", " : "", klass->values[i].value_nick);
            g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                         "“%s” must be one of %s, not “%.40s”", prop_label (pspec, TRUE), nicks->str, text);
            return FALSE;
          }
        g_value_set_enum (value, ev->value);
        break;
      }
    case OPM_PROP_FLAGS:
      {
        g_autoptr(GFlagsClass) klass = g_type_class_ref (pspec->value_type);
        g_auto(GStrv) words = g_strsplit (text, " ", -1);
        guint flags = 0;

        g_value_init (value, pspec->value_type);
        for (guint i = 0; words[i] != NULL; i++)
          {
            GFlagsValue *fv;

            if (words[i][0] == '\0')
              continue;
            fv = g_flags_get_value_by_nick (klass, words[i]);
            if (fv == NULL)
              {
                g_set_error (error, OPM_MODEL_ERROR, OPM_MODEL_ERROR_INVALID_VALUE,
                             "“%.40s” is not a known value of “%s”", words[i], prop_label (pspec, TRUE));
                return FALSE;
              }
            flags |= fv->value;
          }
        g_value_set_flags (value, flags);
        break;
      }
    default:
      g_assert_not_reached ();
    }

  return check_value (pspec, value, TRUE, error);
}

void
_opm_format_double (GString *out,
                    double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0.0)
    {
      g_string_append_c (out, '0');
      return;
    }

  if (fabs (value) < 1e15 && value == (double) (gint64) value)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  /* The shortest of a few precisions that reads back exactly. */
  for (int precision = 15; precision <= 17; precision++)
    {
      g_ascii_formatd (buf, sizeof buf, precision == 15 ? "%.15g" : precision == 16 ? "%.16g" : "%.17g",
                       value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);
}

/* Appends the file spelling of the property (not XML-escaped). */
void
_opm_prop_format (GObject    *object,
                  GParamSpec *pspec,
                  GString    *out)
{
  const OpmPropInfo *info = _opm_prop_info (pspec);

  switch (info->kind)
    {
    case OPM_PROP_STRING:
      g_string_append (out, OPM_PROP_FIELD (object, info, char *));
      break;
    case OPM_PROP_INT:
      g_string_append_printf (out, "%d", OPM_PROP_FIELD (object, info, int));
      break;
    case OPM_PROP_DOUBLE:
      _opm_format_double (out, OPM_PROP_FIELD (object, info, double));
      break;
    case OPM_PROP_BOOLEAN:
      g_string_append (out, OPM_PROP_FIELD (object, info, gboolean) ? "true" : "false");
      break;
    case OPM_PROP_ENUM:
      {
        GEnumClass *klass = g_type_class_peek (pspec->value_type);
        GEnumValue *ev = g_enum_get_value (klass, OPM_PROP_FIELD (object, info, int));

        g_assert (ev != NULL);
        g_string_append (out, ev->value_nick);
        break;
      }
    case OPM_PROP_FLAGS:
      {
        GFlagsClass *klass = g_type_class_peek (pspec->value_type);
        guint flags = OPM_PROP_FIELD (object, info, guint);
        gboolean first = TRUE;

        for (guint i = 0; i < klass->n_values; i++)
          {
            if ((flags & klass->values[i].value) != 0)
              {
                if (!first)
                  g_string_append_c (out, ' ');
                g_string_append (out, klass->values[i].value_nick);
                first = FALSE;
              }
          }
        break;
      }
    case OPM_PROP_ELEMENT:
      {
        OpmElement *element = OPM_PROP_FIELD (object, info, OpmElement *);

        if (element != NULL)
          g_string_append (out, opm_element_get_id (element));
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Attribute order in files: the id, then what the concrete class adds (name,
 * kind…), then layout from the abstract node or connector classes, then the
 * description. */
static guint
pspec_rank (GParamSpec *pspec)
{
  const OpmPropInfo *info = _opm_prop_info (pspec);

  if ((info->flags & OPM_PROP_IDENT) != 0)
    return 0;
  if (!G_TYPE_IS_ABSTRACT (pspec->owner_type))
    return 1;
  if (pspec->owner_type != OPM_TYPE_ELEMENT)
    return 2;
  return 3;
}

static int
compare_pspec (gconstpointer a,
               gconstpointer b)
{
  GParamSpec *pa = *(GParamSpec **) a;
  GParamSpec *pb = *(GParamSpec **) b;
  guint ra = pspec_rank (pa);
  guint rb = pspec_rank (pb);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (pa->owner_type != pb->owner_type)
    return g_type_depth (pa->owner_type) < g_type_depth (pb->owner_type) ? -1 : 1;
  return pa->param_id < pb->param_id ? -1 : pa->param_id > pb->param_id ? 1 : 0;
}

/* The serialised properties of a class, base classes first, each class in
 * table order. The array is owned by the type system cache. */
GPtrArray *
_opm_object_serial_props (GObjectClass *klass)
{
  static GHashTable *cache;
  G_LOCK_DEFINE_STATIC (cache);
  GPtrArray *props;

  G_LOCK (cache);

  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);

  props = g_hash_table_lookup (cache, GSIZE_TO_POINTER (G_OBJECT_CLASS_TYPE (klass)));
  if (props == NULL)
    {
      guint n = 0;
      g_autofree GParamSpec **all = g_object_class_list_properties (klass, &n);

      props = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        {
          const OpmPropInfo *info = _opm_prop_info (all[i]);

          if (info != NULL && (info->flags & OPM_PROP_SERIAL) != 0)
            g_ptr_array_add (props, all[i]);
        }
      g_ptr_array_sort (props, compare_pspec);
      g_hash_table_insert (cache, GSIZE_TO_POINTER (G_OBJECT_CLASS_TYPE (klass)), props);
    }

  G_UNLOCK (cache);

  return props;
}

/* Copies every serialised property but element references, without notification. */
void
_opm_object_copy_props (GObject *dest,
                        GObject *src)
{
  GPtrArray *props = _opm_object_serial_props (G_OBJECT_GET_CLASS (src));

  g_return_if_fail (G_OBJECT_TYPE (dest) == G_OBJECT_TYPE (src));

  for (guint i = 0; i < props->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (props, i);
      const OpmPropInfo *info = _opm_prop_info (pspec);
      g_auto(GValue) value = G_VALUE_INIT;

      if (info->kind == OPM_PROP_ELEMENT)
        continue;

      g_value_init (&value, pspec->value_type);
      _opm_prop_get_value (src, info, &value);
      _opm_prop_set_value (dest, info, &value);
    }
}
