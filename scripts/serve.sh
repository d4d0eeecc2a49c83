#!/usr/bin/env bash
# Serves the site in the foreground with the background-task worker beside it.
# Stopping the server (Ctrl-C) stops the worker too.
set -euo pipefail
HOST=${1:-127.0.0.1}
PORT=${2:-8000}
PY=.venv/bin/python

$PY manage.py db_worker --interval 1 &
worker=$!
trap 'kill $worker 2>/dev/null || true' EXIT INT TERM

echo "Casebase: http://$HOST:$PORT/  (admin: http://$HOST:$PORT/admin/, accounts: README.md)"
$PY manage.py runserver --noreload "$HOST:$PORT"
