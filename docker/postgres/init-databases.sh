#!/bin/bash
# Run by the postgres service of docker-compose.yml once, when it initialises its empty volume (the official image
# runs /docker-entrypoint-initdb.d/*.sh then; so does the stand-in of scripts/local-images.sh).
#
# One database per app, each owned by a user of its own (ONEC_DB_USER/_PASSWORD and the others, from .env): every app
# keeps its Flyway migrations, its flyway_schema_history and its tables in the "public" schema of its own database,
# exactly as on H2 or on a PostgreSQL of its own, so no app needs a schema setting; no app can read or change another
# one's tables (PUBLIC loses CONNECT on each database); and one app's database can move to a server of its own by
# changing its SPRING_DATASOURCE_URL only. A single database with a schema per app would need a search_path or
# currentSchema per app and a Flyway setting, and would share one migration history and one backup unit for all.
#
# The users and passwords are set here only: changing them in .env later changes nothing in an existing volume
# (ALTER ROLE ... PASSWORD, or docker compose down -v to start afresh).
set -euo pipefail

create_database() {
    local database=$1 user=$2 password=$3
    echo "init-databases: database $database, owned by $user"
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v database="$database" -v user="$user" -v password="$password" <<'SQL'
CREATE ROLE :"user" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"user";
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
SQL
}

create_database onec "${ONEC_DB_USER:?}" "${ONEC_DB_PASSWORD:?}"
create_database dms "${DMS_DB_USER:?}" "${DMS_DB_PASSWORD:?}"
create_database crm "${CRM_DB_USER:?}" "${CRM_DB_PASSWORD:?}"
create_database soindi "${SOINDI_DB_USER:?}" "${SOINDI_DB_PASSWORD:?}"
create_database console "${CONSOLE_DB_USER:?}" "${CONSOLE_DB_PASSWORD:?}"
