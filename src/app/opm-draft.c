/* opm-draft.c — an autosaved copy of a document with unsaved changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drafts live in $XDG_DATA_HOME/opmodel/drafts/ as three files named after a
 * random id: ID.opmodel (the document), ID.draft (a key file with the title
 * and the file the document belongs to) and ID.lock. A process editing a
 * draft holds an flock() on its lock file, which the kernel drops when the
 * process ends, however it ends: a draft whose lock is free was left behind
 * by a crash and is offered back. Both files are written with the same
 * atomic, durable replacement as documents, off the main thread, one write
 * at a time per draft.
 */

#define G_LOG_DOMAIN "opm-draft"

#include "config.h"

#include "opm-draft.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#define GROUP "Draft"

struct _OpmDraft
{
  GObject       parent_instance;

  char         *id;
  char         *path;          /* ID.opmodel */
  char         *info_path;     /* ID.draft */
  char         *lock_path;     /* ID.lock */
  GFile        *file;
  OpmFileStamp  stamp;
  char         *title;
  GDateTime    *written;
  int           lock_fd;

  gboolean      writing;
  gboolean      discard_pending;
  GBytes       *pending;
};

G_DEFINE_FINAL_TYPE (OpmDraft, opm_draft, G_TYPE_OBJECT)

enum {
  WRITE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* File stamps */

void
_opm_file_stamp_query (GFile        *file,
                       OpmFileStamp *stamp)
{
  g_autoptr(GFileInfo) info = NULL;

  memset (stamp, 0, sizeof *stamp);

  if (file == NULL)
    return;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC ","
                            G_FILE_ATTRIBUTE_UNIX_INODE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return;

  stamp->exists = TRUE;
  stamp->size = g_file_info_get_size (info);
  stamp->inode = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE);
  stamp->mtime_usec = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
                      g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

gboolean
_opm_file_stamp_equal (const OpmFileStamp *a,
                       const OpmFileStamp *b)
{
  if (!a->exists || !b->exists)
    return a->exists == b->exists;

  return a->inode == b->inode && a->size == b->size && a->mtime_usec == b->mtime_usec;
}

/* The folder */

/**
 * opm_draft_get_folder:
 *
 * Returns: (transfer full): where drafts are kept
 */
char *
opm_draft_get_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "opmodel", "drafts", NULL);
}

static OpmDraft *
draft_new_with_id (const char *id)
{
  OpmDraft *self = g_object_new (OPM_TYPE_DRAFT, NULL);
  g_autofree char *folder = opm_draft_get_folder ();
  g_autofree char *data_name = g_strconcat (id, ".opmodel", NULL);
  g_autofree char *info_name = g_strconcat (id, ".draft", NULL);
  g_autofree char *lock_name = g_strconcat (id, ".lock", NULL);

  self->id = g_strdup (id);
  self->path = g_build_filename (folder, data_name, NULL);
  self->info_path = g_build_filename (folder, info_name, NULL);
  self->lock_path = g_build_filename (folder, lock_name, NULL);

  return self;
}

/* Whether some process, this one included, holds the draft's lock. */
static gboolean
lock_is_held (const char *lock_path)
{
  int fd = g_open (lock_path, O_RDWR | O_CLOEXEC, 0);
  gboolean held;

  if (fd < 0)
    return FALSE;

  held = flock (fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  close (fd);   /* drops the probe's own lock */

  return held;
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  OpmDraft *da = *(OpmDraft **) a;
  OpmDraft *db = *(OpmDraft **) b;

  return -g_date_time_compare (da->written, db->written);
}

/**
 * opm_draft_list:
 *
 * The drafts no running window is editing: those left by a crash or a kill.
 *
 * Returns: (transfer container) (element-type OpmDraft): newest first
 */
GPtrArray *
opm_draft_list (void)
{
  GPtrArray *drafts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folder = opm_draft_get_folder ();
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return drafts;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(OpmDraft) draft = NULL;
      g_autoptr(GKeyFile) info = NULL;
      g_autofree char *id = NULL;
      g_autofree char *uri = NULL;
      GStatBuf st;

      if (!g_str_has_suffix (name, ".draft") || name[0] == '.')
        continue;

      id = g_strndup (name, strlen (name) - strlen (".draft"));
      draft = draft_new_with_id (id);

      if (g_stat (draft->path, &st) != 0 || lock_is_held (draft->lock_path))
        continue;

      info = g_key_file_new ();
      if (!g_key_file_load_from_file (info, draft->info_path, G_KEY_FILE_NONE, NULL))
        continue;

      draft->title = g_key_file_get_string (info, GROUP, "title", NULL);
      uri = g_key_file_get_string (info, GROUP, "file", NULL);
      if (uri != NULL && uri[0] != '\0')
        draft->file = g_file_new_for_uri (uri);
      draft->stamp.exists = g_key_file_get_boolean (info, GROUP, "file-exists", NULL);
      draft->stamp.inode = g_key_file_get_uint64 (info, GROUP, "file-inode", NULL);
      draft->stamp.size = g_key_file_get_int64 (info, GROUP, "file-size", NULL);
      draft->stamp.mtime_usec = g_key_file_get_int64 (info, GROUP, "file-mtime-usec", NULL);
      draft->written = g_date_time_new_from_unix_local (st.st_mtime);

      g_ptr_array_add (drafts, g_steal_pointer (&draft));
    }

  g_ptr_array_sort (drafts, compare_newest_first);

  return drafts;
}

/**
 * opm_draft_new:
 *
 * A draft for a document that has none yet; nothing is written until
 * opm_draft_write().
 */
OpmDraft *
opm_draft_new (void)
{
  g_autofree char *id = g_uuid_string_random ();

  return draft_new_with_id (id);
}

const char *
opm_draft_get_id (OpmDraft *self)
{
  g_return_val_if_fail (OPM_IS_DRAFT (self), NULL);
  return self->id;
}

/* Where the draft's copy of the document is. */
const char *
opm_draft_get_path (OpmDraft *self)
{
  g_return_val_if_fail (OPM_IS_DRAFT (self), NULL);
  return self->path;
}

/**
 * opm_draft_get_file:
 *
 * Returns: (nullable) (transfer none): the file the document belongs to, NULL
 *   if it was never saved
 */
GFile *
opm_draft_get_file (OpmDraft *self)
{
  g_return_val_if_fail (OPM_IS_DRAFT (self), NULL);
  return self->file;
}

/**
 * opm_draft_set_file:
 * @stamp: (nullable): how @file looked when the document was loaded or saved
 *
 * Recorded with the next write.
 */
void
opm_draft_set_file (OpmDraft           *self,
                    GFile              *file,
                    const OpmFileStamp *stamp)
{
  g_return_if_fail (OPM_IS_DRAFT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->file, file);
  if (stamp != NULL)
    self->stamp = *stamp;
  else
    memset (&self->stamp, 0, sizeof self->stamp);
}

void
opm_draft_get_stamp (OpmDraft     *self,
                     OpmFileStamp *stamp)
{
  g_return_if_fail (OPM_IS_DRAFT (self));
  g_return_if_fail (stamp != NULL);

  *stamp = self->stamp;
}

const char *
opm_draft_get_title (OpmDraft *self)
{
  g_return_val_if_fail (OPM_IS_DRAFT (self), NULL);
  return self->title != NULL ? self->title : "";
}

void
opm_draft_set_title (OpmDraft   *self,
                     const char *title)
{
  g_return_if_fail (OPM_IS_DRAFT (self));

  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * opm_draft_get_written:
 *
 * Returns: (nullable) (transfer none): when the draft was last written
 */
GDateTime *
opm_draft_get_written (OpmDraft *self)
{
  g_return_val_if_fail (OPM_IS_DRAFT (self), NULL);
  return self->written;
}

/**
 * opm_draft_claim:
 *
 * Takes the draft for this process, so that no other process offers it.
 *
 * Returns: %FALSE if another process, or another draft object, holds it
 */
gboolean
opm_draft_claim (OpmDraft *self)
{
  g_autofree char *folder = NULL;
  int fd;

  g_return_val_if_fail (OPM_IS_DRAFT (self), FALSE);

  if (self->lock_fd >= 0)
    return TRUE;

  folder = opm_draft_get_folder ();
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      g_debug ("Cannot create %s: %s", folder, g_strerror (errno));
      return FALSE;
    }

  fd = g_open (self->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_debug ("Cannot open %s: %s", self->lock_path, g_strerror (errno));
      return FALSE;
    }

  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      close (fd);
      return FALSE;
    }

  self->lock_fd = fd;
  return TRUE;
}

gboolean
opm_draft_exists (OpmDraft *self)
{
  g_return_val_if_fail (OPM_IS_DRAFT (self), FALSE);

  return g_file_test (self->info_path, G_FILE_TEST_EXISTS) && g_file_test (self->path, G_FILE_TEST_EXISTS);
}

/* Whether a write is under way or waiting. */
gboolean
opm_draft_is_writing (OpmDraft *self)
{
  g_return_val_if_fail (OPM_IS_DRAFT (self), FALSE);
  return self->writing;
}

/* Writing */

typedef struct
{
  char   *path;
  char   *info_path;
  GBytes *contents;
  char   *info;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->path);
  g_free (job->info_path);
  g_bytes_unref (job->contents);
  g_free (job->info);
  g_free (job);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (job->contents, &length);

  /* the document first: a key file always describes a complete document */
  if (!opm_file_replace_contents (job->path, data != NULL ? data : "", length, &error) ||
      !opm_file_replace_contents (job->info_path, job->info, strlen (job->info), &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void start_write (OpmDraft *self,
                         GBytes   *contents);

static void
remove_files (OpmDraft *self)
{
  g_unlink (self->info_path);
  g_unlink (self->path);

  if (self->lock_fd >= 0)
    {
      g_unlink (self->lock_path);
      close (self->lock_fd);
      self->lock_fd = -1;
    }
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  OpmDraft *self = OPM_DRAFT (source);
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_debug ("Cannot write the draft %s: %s", self->path, error->message);
      g_signal_emit (self, signals[WRITE_FAILED], 0, error->message);
    }
  else
    {
      g_clear_pointer (&self->written, g_date_time_unref);
      self->written = g_date_time_new_now_local ();
    }

  if (self->discard_pending)
    {
      self->discard_pending = FALSE;
      remove_files (self);
    }

  if (self->pending != NULL)
    {
      g_autoptr(GBytes) next = g_steal_pointer (&self->pending);

      start_write (self, next);
    }
}

static char *
info_to_data (OpmDraft *self)
{
  g_autoptr(GKeyFile) info = g_key_file_new ();
  g_autofree char *uri = self->file != NULL ? g_file_get_uri (self->file) : NULL;

  g_key_file_set_string (info, GROUP, "title", self->title != NULL ? self->title : "");
  if (uri != NULL)
    {
      g_key_file_set_string (info, GROUP, "file", uri);
      g_key_file_set_boolean (info, GROUP, "file-exists", self->stamp.exists);
      g_key_file_set_uint64 (info, GROUP, "file-inode", self->stamp.inode);
      g_key_file_set_int64 (info, GROUP, "file-size", self->stamp.size);
      g_key_file_set_int64 (info, GROUP, "file-mtime-usec", self->stamp.mtime_usec);
    }

  return g_key_file_to_data (info, NULL, NULL);
}

static void
start_write (OpmDraft *self,
             GBytes   *contents)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  if (!opm_draft_claim (self))
    {
      g_signal_emit (self, signals[WRITE_FAILED], 0, _("another window is editing it"));
      return;
    }

  job = g_new0 (WriteJob, 1);
  job->path = g_strdup (self->path);
  job->info_path = g_strdup (self->info_path);
  job->contents = g_bytes_ref (contents);
  job->info = info_to_data (self);

  self->writing = TRUE;

  task = g_task_new (self, NULL, on_written, NULL);
  g_task_set_source_tag (task, start_write);
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_thread);
}

/**
 * opm_draft_write:
 * @contents: the serialised document
 *
 * Replaces the draft with @contents, the file and the title, in a thread.
 * While a write is under way only the newest contents wait for their turn.
 */
void
opm_draft_write (OpmDraft *self,
                 GBytes   *contents)
{
  g_return_if_fail (OPM_IS_DRAFT (self));
  g_return_if_fail (contents != NULL);

  if (self->writing)
    {
      g_clear_pointer (&self->pending, g_bytes_unref);
      self->pending = g_bytes_ref (contents);
      return;
    }

  start_write (self, contents);
}

/**
 * opm_draft_discard:
 *
 * Removes the draft from disk, after the write under way if there is one.
 * A later write makes it again.
 */
void
opm_draft_discard (OpmDraft *self)
{
  g_return_if_fail (OPM_IS_DRAFT (self));

  g_clear_pointer (&self->pending, g_bytes_unref);

  if (self->writing)
    self->discard_pending = TRUE;
  else
    remove_files (self);
}

/* GObject */

static void
opm_draft_finalize (GObject *object)
{
  OpmDraft *self = OPM_DRAFT (object);

  /* the files stay for the next start; the lock goes */
  if (self->lock_fd >= 0)
    close (self->lock_fd);

  g_free (self->id);
  g_free (self->path);
  g_free (self->info_path);
  g_free (self->lock_path);
  g_clear_object (&self->file);
  g_free (self->title);
  g_clear_pointer (&self->written, g_date_time_unref);
  g_clear_pointer (&self->pending, g_bytes_unref);

  G_OBJECT_CLASS (opm_draft_parent_class)->finalize (object);
}

static void
opm_draft_class_init (OpmDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = opm_draft_finalize;

  /**
   * OpmDraft::write-failed:
   * @message: why
   *
   * A write could not be done; the previous draft, if any, is intact.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
opm_draft_init (OpmDraft *self)
{
  self->lock_fd = -1;
}
