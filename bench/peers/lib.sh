# Sourced by bench/peers/peers.sh and http2.sh after bench/lib/nginx.sh:
#
#   peers_setup NAME
#
# sets WORK (a folder on the RAM disk, readable by nginx's workers) and FLAGS ($FLAGS_BIN, or the Native AOT binary
# published from this checkout into WORK), and at exit stops nginx, the processes whose pids are in PEER_PIDS
# (SIGTERM, then waited for) and removes WORK. Needs REPO set.
PEER_PIDS=()

peers_cleanup() {
  local pid
  for pid in "${PEER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}

peers_setup() {
  WORK=$(mktemp -d "/dev/shm/$1.XXXXXX")
  chmod 755 "$WORK"  # nginx workers run as an unprivileged user
  trap peers_cleanup EXIT
  FLAGS=${FLAGS_BIN:-}
  if [ -z "$FLAGS" ]; then
    echo "Publishing the Native AOT binary..." >&2
    dotnet publish "$REPO/src/Flags" -c Release -r linux-x64 -o "$WORK/native" -v quiet -nologo >&2
    FLAGS="$WORK/native/flags"
  fi
}
