#!/usr/bin/env bash
# HTTP/2 rows of the peer table (issue 18): 10,000 files of 4 KB over HTTPS with HTTP/2 negotiated by ALPN, C=64,
# from nginx (ssl, http2 on) and from `flags serve --tls` (its /blob/4k?seed=N bodies), both with one self-signed
# certificate made by openssl in the work folder and trusted by every client (--cacert). Clients: the flags Native AOT
# binary (`flags fetch`, HTTP/2 by ALPN by default), `curl --parallel --http2` and wget2 --http2, runs interleaved
# (runner.py), medians, output on the RAM disk. Loopback only; everything it starts is stopped on exit.
#
#   bench/peers/http2.sh          FLAGS_BIN=path/to/flags (default: publish this checkout's native binary)
#   REPS=3 C=64 ROWS="h2nginx h2flags" bench/peers/http2.sh
#
# Needs: dotnet, nginx (with http_v2 and ssl: nginx-light has both), openssl, curl (with nghttp2), wget2, python3.
set -euo pipefail

REPS=${REPS:-3}
C=${C:-64}
ROWS=${ROWS:-h2nginx h2flags}
PORT=${PORT:-18430}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$REPO/bench/peers
. "$REPO/bench/lib/nginx.sh"
. "$HERE/lib.sh"
peers_setup peers-h2

# --- certificate, data, servers ------------------------------------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
chmod 644 "$WORK/key.pem"
NGINX=https://127.0.0.1:$PORT/f
OURS=https://127.0.0.1:$((PORT + 1))
python3 - "$WORK" "$NGINX" "$OURS" <<'PY'
import os, sys
work, nginx, ours = sys.argv[1:]
os.makedirs(f"{work}/www/f", exist_ok=True)
for i in range(10000):
    with open(f"{work}/www/f/{i:06d}.bin", "wb") as f:
        f.write(os.urandom(4096))
lists = {
    "h2nginx": [(f"{nginx}/{i:06d}.bin", f"{i:06d}.bin") for i in range(10000)],
    "h2flags": [(f"{ours}/blob/4k?seed={i}", f"{i:06d}.bin") for i in range(10000)],
}
for name, items in lists.items():
    with open(f"{work}/{name}.flags", "w") as f:
        f.writelines(f"{u} {n}\n" for u, n in items)
    with open(f"{work}/{name}.curl", "w") as f:
        f.writelines(f'url = "{u}"\noutput = "{n}"\n' for u, n in items)
    with open(f"{work}/{name}.txt", "w") as f:
        f.writelines(f"{u}\n" for u, _ in items)
PY
# start_nginx writes "listen 127.0.0.1:$PORT;": the port argument carries the listen parameters.
start_nginx "$WORK" "$PORT ssl http2" "ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem; location /f/ { root $WORK/www; }"
"$FLAGS" serve --port "$((PORT + 1))" --cert "$WORK/cert.pem" --key "$WORK/key.pem" > "$WORK/serve.log" 2>&1 &
PEER_PIDS+=($!)
for url in "$NGINX/000000.bin" "$OURS/blob/4k?seed=0"; do
  for _ in $(seq 100); do curl -sf --cacert "$WORK/cert.pem" -o /dev/null "$url" && break; sleep 0.1; done
done
for url in "$NGINX/000000.bin" "$OURS/blob/4k?seed=0"; do
  version=$(curl -s --cacert "$WORK/cert.pem" -o /dev/null -w '%{http_version}' "$url")
  [ "$version" = 2 ] || { echo "$url answered HTTP/$version, not HTTP/2." >&2; exit 1; }
done

# --- rows ----------------------------------------------------------------------------------------------------------
OUT=$WORK/out
RESULTS=$WORK/results.jsonl
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%FT%TZ)
for r in $ROWS; do
  python3 "$HERE/runner.py" "$RESULTS" "$r" "$REPS" 1 "$OUT" \
    "flags=$FLAGS fetch -i $WORK/$r.flags -m $C --cacert $WORK/cert.pem -o {out}" \
    "curl=curl -s -f --parallel --http2 --parallel-max $C --cacert $WORK/cert.pem --output-dir {out} --config $WORK/$r.curl" \
    "wget2=wget2 -q --tries=1 --no-robots --http2 --http2-request-window=$C --max-threads $C --ca-certificate=$WORK/cert.pem -P {out} -i $WORK/$r.txt"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

echo "Machine: $(nproc) cores, load average before $LOAD_BEFORE, after $LOAD_AFTER; started $STARTED; REPS=$REPS interleaved; C=$C"
echo "flags: $FLAGS; curl $(curl --version | head -1 | cut -d' ' -f2) (nghttp2), wget2 $(wget2 --version | head -1 | awk '{print $3}'), nginx $(nginx -v 2>&1 | cut -d/ -f2) (ssl, http2)"
echo
python3 "$HERE/table.py" "$RESULTS" 194 "$WORK"
