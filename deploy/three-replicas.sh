#!/usr/bin/env bash
# A school's playground on one machine: Redis, three app replicas and HAProxy with sticky sessions.
# Students open http://<this machine>:8080 . Ctrl+C stops everything this script started.
#   needs: Debian/Ubuntu packages redis-server and haproxy (apt-get install redis-server haproxy),
#          pip install -r requirements.txt, and .streamlit/secrets.toml with the key and [classroom].
# Settings (environment): PORT (8080), FIRST_APP_PORT (8501), REDIS_PORT (6379), PLAYGROUND_STATE_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8080}"
FIRST_APP_PORT="${FIRST_APP_PORT:-8501}"
REDIS_PORT="${REDIS_PORT:-6379}"
# One state folder for every replica (same machine): a student sent to another replica finds their kept work.
export PLAYGROUND_STATE_DIR="${PLAYGROUND_STATE_DIR:-$PWD/.state}"
# Budgets, the queue and the key's rate limit, shared by the replicas ([classroom] store in secrets works too).
export PLAYGROUND_REDIS_URL="${PLAYGROUND_REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/0}"
mkdir -p "$PLAYGROUND_STATE_DIR/redis"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
redis-server deploy/redis.conf --port "$REDIS_PORT" --dir "$PLAYGROUND_STATE_DIR/redis" &
pids+=($!)
for i in 1 2 3; do
  port=$((FIRST_APP_PORT + i - 1))
  export "PLAYGROUND_APP$i=127.0.0.1:$port"
  python -m streamlit run streamlit_app.py --server.headless true --server.address 127.0.0.1 \
    --server.port "$port" &
  pids+=($!)
done
export PLAYGROUND_BIND="0.0.0.0:$PORT"
haproxy -db -f deploy/haproxy.cfg &
pids+=($!)
echo "the playground: http://$(hostname):$PORT (three replicas, Redis on $REDIS_PORT)"
wait -n
