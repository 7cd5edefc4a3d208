#!/usr/bin/env bash
# Installs FactDesk the way docs/deploying.md says, in a new venv with the
# oldest pip we support, and checks that the result starts and serves: `check --deploy`,
# migrate, ingest one seed, then the event page and API lists answer 200 under gunicorn.
#
#   .ci/smoke_install.sh            # from the lock (what a desk runs)
#   .ci/smoke_install.sh pyproject  # from pyproject.toml's ranges (installed as a library)
#
# Why: pip before 23.3 once installed an app that could not import (jusText's
# `lxml[html_clean]` extra was silently dropped); the suites run in a venv with a newer pip.
set -euo pipefail
cd "$(dirname "$0")/.."

from=${1:-lock}
OLDEST_PIP=23.0.1
work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# A copy of the checkout's files, as a desk has it: what the smoke writes (static files,
# egg-info) must not land in the tree the test suites run in.
app=$work/app
mkdir "$app"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$app"
cd "$app"

started=$SECONDS
echo "-- new venv, pip $OLDEST_PIP, install from $from"
${PYTHON:-python3} -m venv "$work/venv"
bin=$work/venv/bin
"$bin/pip" install --quiet "pip==$OLDEST_PIP"
# --use-pep517: jamdict-data comes only as source, and its setup needs `wheel`, which pip
# before 23.1 does not bring unless it builds in an isolated environment.
case $from in
  lock)
    "$bin/pip" install --quiet --use-pep517 -r requirements/default.txt
    "$bin/pip" install --quiet --no-deps -e .
    ;;
  pyproject) "$bin/pip" install --quiet --use-pep517 -e . ;;
  *) echo "usage: $0 [lock|pyproject]" >&2; exit 2 ;;
esac
"$bin/pip" --version
echo "-- installed in $((SECONDS - started)) s"

# The variables docs/deploying.md documents for a deploy; the database is a file in the temp dir.
DJANGO_SECRET_KEY=$("$bin/python" -c "import secrets; print(secrets.token_urlsafe(50))")
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=desk.example.org DJANGO_HTTPS=1
export DATABASE_URL="sqlite:///$work/desk.sqlite3"
unset DJANGO_DEBUG

echo "-- check --deploy"
"$bin/python" manage.py check --deploy --fail-level WARNING
"$bin/python" manage.py migrate --noinput >/dev/null
"$bin/python" manage.py collectstatic --noinput >/dev/null
echo "-- ingest one seed"
"$bin/python" manage.py ingest seeds/000_10dd2e685f804502.txt
# Readers see only published events: an editor publishes it, as on the desk.
"$bin/python" manage.py shell --no-imports -c "
from django.contrib.auth import get_user_model
from claims.models import Event
from claims.services import set_event_published
editor = get_user_model().objects.create_superuser('smoke-editor')
for event in Event.objects.all():
    set_event_published(event=event, editor=editor, published=True)
"

port=$("$bin/python" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
"$bin/gunicorn" factdesk.wsgi --workers 1 --bind "127.0.0.1:$port" --log-level warning &
server=$!

# As the proxy would send it: the public host name, over HTTPS.
get() {
  curl -sS -o "$work/body" -w '%{http_code}' --max-time 30 \
    -H 'Host: desk.example.org' -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$port$1"
}
for _ in $(seq 60); do
  [ "$(get /healthz 2>/dev/null)" = 200 ] && break
  kill -0 "$server" 2>/dev/null || { echo "gunicorn exited"; exit 1; }
  sleep 0.5
done

failed=0
check() {
  local status
  status=$(get "$1") || status="no answer"
  echo "$status $1"
  [ "$status" = 200 ] || failed=1
}
check /healthz
check /api/v1/events/
slug=$("$bin/python" -c "import json, sys; print(json.load(sys.stdin)['results'][0]['slug'])" \
  <"$work/body") || { echo "no event in /api/v1/events/"; exit 1; }
check "/events/$slug/"
check "/api/v1/claims/?event=$slug"
check /
[ "$failed" -eq 0 ] || { echo "smoke test failed"; exit 1; }
echo "smoke test passed in $((SECONDS - started)) s"
