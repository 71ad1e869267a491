# Shared set-up of the whole-program fetch benchmarks (bench/fetch/progress.sh, bench/fetch/timeline.sh): source it
# after bench/lib/nginx.sh, then call
#
#   fetch_files_setup NAME [FLAGS_BINARY]
#
# It sets WORK (a folder on /dev/shm, removed with its nginx at exit) and FLAGS (FLAGS_BINARY, or the Native AOT binary
# published from this checkout), writes FILES files of 4 KB of random bytes served by nginx on 127.0.0.1:PORT, and their
# URLs, one a line, to $WORK/urls.txt. Needs REPO, FILES and PORT set, python3, nginx and curl.

fetch_files_cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}

fetch_files_setup() {
  WORK=$(mktemp -d "/dev/shm/$1.XXXXXX")
  chmod 755 "$WORK"
  trap fetch_files_cleanup EXIT

  FLAGS=${2:-}
  if [ -z "$FLAGS" ]; then
    echo "Publishing the Native AOT binary..." >&2
    dotnet publish "$REPO/src/Flags" -c Release -r linux-x64 -o "$WORK/native" -v quiet -nologo >&2
    FLAGS="$WORK/native/flags"
  fi

  python3 - "$WORK" "$FILES" "$PORT" <<'PY'
import os, sys
work, files, port = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(f"{work}/www/f", exist_ok=True)
for i in range(files):
    with open(f"{work}/www/f/{i:06d}.bin", "wb") as f:
        f.write(os.urandom(4096))
with open(f"{work}/urls.txt", "w") as f:
    f.writelines(f"http://127.0.0.1:{port}/f/{i:06d}.bin\n" for i in range(files))
PY
  start_nginx "$WORK" "$PORT" "root $WORK/www;"
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/f/000000.bin" && break; sleep 0.1; done
}
