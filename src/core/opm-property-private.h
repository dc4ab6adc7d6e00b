/* opm-property-private.h — table-driven properties for model objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every attribute of the meta-model is a GObject property described by one
 * row of a per-class table. The table gives the property its type, range,
 * default and the struct field that stores it, so that get/set, validation,
 * undo, copying and the .opmodel reader and writer all work from one source.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  OPM_PROP_STRING,
  OPM_PROP_INT,
  OPM_PROP_DOUBLE,
  OPM_PROP_BOOLEAN,
  OPM_PROP_ENUM,
  OPM_PROP_FLAGS,
  OPM_PROP_ELEMENT,   /* a reference to another element of the same scenario, stored as its id */
} OpmPropKind;

typedef enum
{
  OPM_PROP_SERIAL   = 1 << 0,  /* written to and read from files */
  OPM_PROP_REQUIRED = 1 << 1,  /* must be present in files */
  OPM_PROP_IDENT    = 1 << 2,  /* an id: [A-Za-z_][A-Za-z0-9_.:-]*, at most 64 bytes */
  OPM_PROP_LINE     = 1 << 3,  /* a single-line string */
  OPM_PROP_LOOK     = 1 << 4,  /* how it looks only (place, size, colour, route): no analysis reads it */
} OpmPropFlags;

typedef gboolean (*OpmStringCheck) (const char  *value,
                                    GError     **error);

typedef struct
{
  const char     *name;
  const char     *nick;
  const char     *blurb;
  OpmPropKind     kind;
  gsize           offset;
  GType         (*type_func) (void);   /* enum, flags or element type */
  double          min;
  double          max;
  double          def;                 /* numbers, booleans, enums and flags */
  const char     *def_string;
  OpmStringCheck  check;               /* extra check for strings */
  guint           flags;
  guint           max_length;          /* strings: 0 means the default cap */
} OpmPropInfo;

#define OPM_STRING_MAX_LENGTH 65536

void                _opm_props_install       (GObjectClass       *klass,
                                              const OpmPropInfo  *table,
                                              guint               n_props,
                                              GParamSpec        **pspecs);
const OpmPropInfo  *_opm_prop_info           (GParamSpec         *pspec);
void                _opm_props_init          (gpointer            instance,
                                              const OpmPropInfo  *table,
                                              guint               n_props);
void                _opm_props_finalize      (gpointer            instance,
                                              const OpmPropInfo  *table,
                                              guint               n_props);
void                _opm_prop_get_value      (GObject            *object,
                                              const OpmPropInfo  *info,
                                              GValue             *value);
gboolean            _opm_prop_set_value      (GObject            *object,
                                              const OpmPropInfo  *info,
                                              const GValue       *value);
void                _opm_props_get_property  (GObject            *object,
                                              const OpmPropInfo  *table,
                                              guint               prop_id,
                                              GValue             *value,
                                              GParamSpec         *pspec);
void                _opm_props_set_property  (GObject            *object,
                                              const OpmPropInfo  *table,
                                              guint               prop_id,
                                              const GValue       *value,
                                              GParamSpec         *pspec);
gboolean            _opm_prop_check_value    (GParamSpec         *pspec,
                                              const GValue       *value,
                                              GError            **error);
gboolean            _opm_prop_is_default     (GObject            *object,
                                              GParamSpec         *pspec);
gboolean            _opm_prop_parse          (GParamSpec         *pspec,
                                              const char         *text,
                                              GValue             *value,
                                              GError            **error);
void                _opm_prop_format         (GObject            *object,
                                              GParamSpec         *pspec,
                                              GString            *out);
GPtrArray          *_opm_object_serial_props (GObjectClass       *klass);
void                _opm_object_copy_props   (GObject            *dest,
                                              GObject            *src);

gboolean            _opm_check_ident         (const char         *value,
                                              GError            **error);
gboolean            _opm_check_text          (const char         *value,
                                              gboolean            single_line,
                                              guint               max_length,
                                              GError            **error);
void                _opm_format_double       (GString            *out,
                                              double              value);

/* Struct field access from a table row. */
#define OPM_PROP_FIELD(instance, info, type) \
  (*(type *) (gpointer) ((guint8 *) (instance) + (info)->offset))

G_END_DECLS
