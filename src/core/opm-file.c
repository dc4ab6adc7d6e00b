/* opm-file.c — atomic, durable replacement of a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The new contents go to a temporary file in the same folder, which is
 * flushed to disk, given the old file's mode and owner, and renamed over the
 * old file; the folder is flushed too. If anything fails the temporary file
 * is removed and the old file is untouched. A symbolic link is followed, so
 * that the file it points to is replaced and the link stays a link.
 */

#define G_LOG_DOMAIN "opm-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "opm-error.h"
#include "opm-file.h"

static OpmFileFault injected_fault;

void
_opm_file_inject_fault (OpmFileFault fault)
{
  injected_fault = fault;
}

static gboolean
take_fault (OpmFileFault fault)
{
  if (injected_fault != fault)
    return FALSE;

  injected_fault = OPM_FILE_FAULT_NONE;
  return TRUE;
}

static gboolean
set_io_error (GError     **error,
              const char  *path,
              const char  *what,
              int          saved_errno)
{
  _opm_file_error_set (error, OPM_FILE_ERROR_IO, path, 0, 0, "%s: %s", what, g_strerror (saved_errno));
  return FALSE;
}

/* Follows symbolic links to the file that really gets replaced. */
static char *
resolve_links (const char  *path,
               GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < 40; i++)
    {
      GStatBuf st;
      g_autofree char *link = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);

      link = g_file_read_link (current, &local_error);
      if (link == NULL)
        {
          _opm_file_error_set (error, OPM_FILE_ERROR_IO, path, 0, 0, "%s", local_error->message);
          return NULL;
        }

      if (!g_path_is_absolute (link))
        {
          g_autofree char *dir = g_path_get_dirname (current);
          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
      else
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
    }

  set_io_error (error, path, "cannot follow the link", ELOOP);
  return NULL;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, 1 << 20));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }

      data += n;
      length -= n;
    }

  return TRUE;
}

/**
 * opm_file_replace_contents:
 *
 * Replaces the contents of @path atomically and durably: afterwards the file
 * holds either all of @data or, on failure, exactly what it held before.
 */
gboolean
opm_file_replace_contents (const char  *path,
                           const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  GStatBuf st;
  gboolean exists;
  int saved_errno = 0;
  int fd;
  int dfd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  target = resolve_links (path, error);
  if (target == NULL)
    return FALSE;

  exists = g_stat (target, &st) == 0;
  if (exists && !S_ISREG (st.st_mode))
    return set_io_error (error, path, "not a regular file", EINVAL);

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  if (take_fault (OPM_FILE_FAULT_CREATE))
    return set_io_error (error, path, "cannot create a temporary file", EROFS);

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_io_error (error, path, "cannot create a temporary file", errno);

  /* Keep the mode and, where allowed, the owner of the file being replaced;
   * a new file gets 0666 less the umask, as open() made it. */
  if (exists)
    {
      if (fchmod (fd, st.st_mode & 07777) != 0)
        {
          saved_errno = errno;
          goto fail;
        }
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        { /* not permitted for ordinary users: the owner becomes the saver */ }
    }

  if (take_fault (OPM_FILE_FAULT_WRITE))
    {
      /* Half the data, then the disk is full. */
      write_all (fd, data, length / 2, &saved_errno);
      saved_errno = ENOSPC;
      goto fail;
    }

  if (!write_all (fd, data, length, &saved_errno))
    goto fail;

  if (take_fault (OPM_FILE_FAULT_SYNC))
    {
      saved_errno = EIO;
      goto fail;
    }

  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      goto fail;
    }

  if (close (fd) != 0)
    {
      fd = -1;
      saved_errno = errno;
      goto fail;
    }
  fd = -1;

  if (take_fault (OPM_FILE_FAULT_RENAME))
    {
      saved_errno = EXDEV;
      goto fail;
    }

  if (g_rename (tmp, target) != 0)
    {
      saved_errno = errno;
      goto fail;
    }

  /* Make the rename itself durable. */
  dfd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dfd >= 0)
    {
      fsync (dfd);
      close (dfd);
    }

  return TRUE;

fail:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return set_io_error (error, path, "cannot save", saved_errno);
}

/**
 * opm_file_read_contents:
 *
 * Reads a whole file of at most %OPM_FILE_MAX_SIZE bytes.
 */
gboolean
opm_file_read_contents (const char  *path,
                        char       **data,
                        gsize       *length,
                        GError     **error)
{
  g_autofree char *buffer = NULL;
  GStatBuf st;
  gsize size;
  gsize done = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return set_io_error (error, path, "cannot open", errno);

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;
      close (fd);
      return set_io_error (error, path, "cannot read", saved_errno);
    }

  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      return set_io_error (error, path, "cannot open", EISDIR);
    }

  if (S_ISREG (st.st_mode) && st.st_size > OPM_FILE_MAX_SIZE)
    {
      close (fd);
      _opm_file_error_set (error, OPM_FILE_ERROR_TOO_LARGE, path, 1, 1,
                           "the file is %" G_GINT64_FORMAT " bytes, more than the %d MiB Opmodel reads",
                           (gint64) st.st_size, OPM_FILE_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  size = S_ISREG (st.st_mode) ? (gsize) st.st_size + 1 : 65536;
  buffer = g_malloc (size + 1);

  for (;;)
    {
      gssize n;

      if (done == size)
        {
          if (size > OPM_FILE_MAX_SIZE)
            {
              close (fd);
              _opm_file_error_set (error, OPM_FILE_ERROR_TOO_LARGE, path, 1, 1,
                                   "the file is more than the %d MiB Opmodel reads",
                                   OPM_FILE_MAX_SIZE / (1024 * 1024));
              return FALSE;
            }
          size *= 2;
          buffer = g_realloc (buffer, size + 1);
        }

      n = read (fd, buffer + done, size - done);
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          close (fd);
          return set_io_error (error, path, "cannot read", saved_errno);
        }
      if (n == 0)
        break;
      done += n;
    }

  close (fd);
  buffer[done] = '\0';
  *data = g_steal_pointer (&buffer);
  *length = done;

  return TRUE;
}
