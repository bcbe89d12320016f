# Shared by the bench scripts that need a deployment-like path (sourced, not run): nginx in front
# of a sandbox with TLS (a throwaway CA made here), HTTP/2 and gzip for JSON, as real IVCAP
# deployments sit behind an HTTPS ingress; and a slow-link relay (slowlink.py) that adds latency
# and a bandwidth cap per direction, as for people at home or in the field.
#
# start_ingress SANDBOX_URL WORKDIR: sets INGRESS_URL (https://127.0.0.1:PORT), INGRESS_CA (the
#   CA certificate, PEM) and INGRESS_PID; stop_ingress stops it.
# start_relay TARGET_HOST:PORT DELAY_MS MBIT: sets RELAY_PORT and RELAY_PID; stop_relay stops it.
# Nothing is installed here: installer/install-deps.sh lists nginx, openssl and python3.
# Everything nginx writes (pid, logs, temp files) stays under WORKDIR, so it runs as any user.

INGRESS_PID=
RELAY_PID=

ingress_need() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$tool" ]; then
            echo "ingresslib: '$tool' is missing; run installer/install-deps.sh" >&2
            exit 2
        fi
    done
}

# A free loopback TCP port (the kernel's choice; released before nginx binds it).
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A CA and a server certificate for 127.0.0.1 and localhost, valid two days, in $1.
make_ingress_certs() {
    local dir=$1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -keyout "$dir/ca.key" -out "$dir/ca.pem" -subj "/CN=IVCAP bench CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout "$dir/server.key" -out "$dir/server.csr" -subj "/CN=127.0.0.1" 2>/dev/null
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=CA:FALSE" \
        "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
        -CAcreateserial -days 2 -extfile "$dir/server.ext" -out "$dir/server.pem" 2>/dev/null
}

start_ingress() { # $1 = sandbox URL (http://127.0.0.1:PORT), $2 = work dir
    ingress_need nginx openssl python3 curl
    local upstream=${1#http://} dir port user=""
    dir=$(mkdir -p "$2/ingress" && cd "$2/ingress" && pwd)
    mkdir -p "$dir/tmp"
    make_ingress_certs "$dir"
    port=$(free_port)
    # Workers of a root master would run as nobody, who cannot enter a private WORKDIR.
    [ "$(id -u)" -eq 0 ] && user="user root;"
    cat >"$dir/nginx.conf" <<CONF
$user
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    upstream sandbox {
        server $upstream;
        keepalive 16;
    }
    server {
        listen 127.0.0.1:$port ssl http2;
        ssl_certificate $dir/server.pem;
        ssl_certificate_key $dir/server.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        gzip on;
        gzip_proxied any;
        gzip_min_length 256;
        gzip_types application/json application/problem+json application/ld+json text/plain;
        # 10 MB upload PATCHes pass through unbuffered; event streams are not held back.
        client_max_body_size 64m;
        location / {
            proxy_pass http://sandbox;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-Proto https;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_request_buffering off;
            proxy_buffering off;
            proxy_read_timeout 3600s;
            proxy_send_timeout 3600s;
        }
    }
}
CONF
    INGRESS_CA=$dir/ca.pem
    INGRESS_URL=https://127.0.0.1:$port
    PATH=$PATH:/usr/sbin nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' \
        >"$dir/nginx.out" 2>&1 &
    INGRESS_PID=$!
    for _ in $(seq 1 200); do
        curl -s -o /dev/null --cacert "$INGRESS_CA" "$INGRESS_URL/" && return 0
        kill -0 "$INGRESS_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "ingress did not start" >&2
    cat "$dir/nginx.out" "$dir/error.log" >&2 2>/dev/null
    exit 1
}
stop_ingress() {
    [ -n "$INGRESS_PID" ] && kill "$INGRESS_PID" 2>/dev/null && wait "$INGRESS_PID" 2>/dev/null || true
    INGRESS_PID=
}

start_relay() { # $1 = target host:port, $2 = delay each way (ms), $3 = Mbit/s each way
    ingress_need python3
    local out
    out=$(mktemp)
    python3 "$(dirname "${BASH_SOURCE[0]}")/slowlink.py" --target "$1" --delay-ms "$2" \
        --mbit "$3" >"$out" 2>&1 &
    RELAY_PID=$!
    for _ in $(seq 1 200); do
        RELAY_PORT=$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$out" | grep -o '[0-9]*$' || true)
        [ -n "$RELAY_PORT" ] && rm -f "$out" && return 0
        kill -0 "$RELAY_PID" 2>/dev/null || break
        sleep 0.05
    done
    echo "relay did not start" >&2
    cat "$out" >&2
    exit 1
}
stop_relay() {
    [ -n "$RELAY_PID" ] && kill "$RELAY_PID" 2>/dev/null && wait "$RELAY_PID" 2>/dev/null || true
    RELAY_PID=
}
