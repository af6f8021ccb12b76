#!/usr/bin/env bash
# Nightly backup of Fabrique (run by fabrique-backup.timer, or by hand as the fabrique user):
#   - the database as a pg_dump custom-format archive (restore with pg_restore);
#   - the media folder as a dated snapshot, hard-linked to the previous one with
#     rsync --link-dest, so an unchanged video takes its space once, not every night.
# Keeps BACKUP_KEEP_DAYS (14) days. Copy $BACKUP_DIR off the machine as well
# (docs/deploy.md, "Backups"): a backup on the same disk is not a backup.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL is not set (source /etc/fabrique/env)}"
backup_dir="${BACKUP_DIR:-/var/backups/fabrique}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
media_root="${MEDIA_ROOT:-/var/lib/fabrique/media}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"

umask 077
mkdir -p "$backup_dir"
cd "$backup_dir"

# Written under a temporary name and renamed once complete: a dump that exists is whole.
pg_dump --format=custom --no-owner --no-privileges --file="db-$stamp.dump.part" "$DATABASE_URL"
mv "db-$stamp.dump.part" "db-$stamp.dump"

if [ -d "$media_root" ]; then
  link_dest=()
  if [ -d media-latest ]; then
    link_dest=(--link-dest="$backup_dir/media-latest")
  fi
  rsync -a --delete "${link_dest[@]}" "$media_root/" "media-$stamp.part/"
  mv "media-$stamp.part" "media-$stamp"
  ln -sfn "media-$stamp" media-latest
fi

# Retention: older dumps and snapshots go; the newest of each always stays.
find . -maxdepth 1 -name 'db-*.dump' -mtime +"$keep_days" -print -delete
find . -maxdepth 1 -name 'media-2*' -type d -mtime +"$keep_days" \
  ! -name "$(readlink media-latest || echo none)" -print -exec rm -rf {} +
rm -rf ./*.part ./db-*.dump.part

echo "backup $stamp: $(du -sh "db-$stamp.dump" | cut -f1) database, media in media-$stamp"
