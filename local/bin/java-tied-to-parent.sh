#!/bin/sh
# Runs DynamoDB Local's java so that it dies with its parent: our stdin is a pipe from the parent,
# and it closes whenever the parent exits, even on SIGKILL, so no Java process is ever orphaned.
# Without java, exit as a shell does for a missing command (127): the launcher says what to install.
if ! command -v java >/dev/null 2>&1; then
  echo "java: not found on PATH" >&2
  exit 127
fi
exec 3<&0
java "$@" <&- &
child=$!
# The watcher is a subshell using only builtins, so killing it leaves nothing behind.
( while read -r _ <&3; do :; done; kill "$child" 2>/dev/null ) &
watcher=$!
exec 3<&-
trap 'kill "$child" "$watcher" 2>/dev/null' TERM INT
wait "$child"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
