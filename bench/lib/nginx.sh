# Sourced by the bench scripts: start a private nginx on 127.0.0.1, configured as a static site would be (sendfile,
# keep-alive, no access log), with its pid, logs and temp files in the caller's work folder.
# Usage: start_nginx WORK PORT 'LOCATION DIRECTIVES'   e.g. start_nginx "$WORK" 18080 "location /flags/ { alias $DIR/; }"
# Stop it with: kill -QUIT "$(cat "$WORK/nginx.pid")"
start_nginx() {
    local work=$1 port=$2 site=$3
    mkdir -p "$work/nginx-tmp"
    cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
daemon on;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp;
  fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp;
  scgi_temp_path $work/nginx-tmp;
  keepalive_requests 1000000;
  sendfile on;
  server {
    listen 127.0.0.1:$port;
    $site
  }
}
NGINX
    nginx -c "$work/nginx.conf" -e "$work/nginx-error.log"
}
