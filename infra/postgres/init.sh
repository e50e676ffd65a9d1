#!/usr/bin/env bash
# One database and one login role per subgraph (DESIGN.md: database per service): role sbor_users
# owns database sbor_users and only it, and no other role may connect there; nothing connects as
# the superuser. Run once by the postgres image on an empty data volume (mounted into
# /docker-entrypoint-initdb.d by docker-compose.yml); idempotent, so an older volume whose services
# still connect as postgres is brought over with
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-sbor-databases.sh
# (objects made there earlier then still belong to postgres: `REASSIGN`, or `npm run infra:up`'s
# infra/lib/postgres-roles.ts, hands them over). Without Docker, `npm run infra:up` does the same.
# Passwords: DB_PASSWORD_<SERVICE>, set by docker-compose.yml from the operator's .env.
set -euo pipefail

for service in users events tickets notifications; do
  password_variable="DB_PASSWORD_${service^^}"
  password="${!password_variable:?$password_variable is not set}"
  psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v name="sbor_${service}" -v password="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'name') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'name')\gexec
ALTER ROLE :"name" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
SELECT format('CREATE DATABASE %I OWNER %I', :'name', :'name') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name')\gexec
ALTER DATABASE :"name" OWNER TO :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
