#!/usr/bin/env bash
# Installs the real PostgreSQL clients that internal/clienttest drives against
# `warehoused serve`: psql, pgjdbc (Java single-file launch), psycopg2 with
# SQLAlchemy, psycopg 3, asyncpg and psqlODBC via pyodbc (Debian packages,
# for Debian's /usr/bin/python3), and node-postgres (npm, into the gitignored
# internal/clienttest/clients/node/node_modules). Idempotent: when everything
# is present it only prints versions. Runs as root on Debian 12.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)

have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

need=()
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
# `java File.java` (single-file source launch) needs JDK 11+ with its compiler.
java_version=$(java -version 2>&1 | head -n 1 || true)
if ! command -v javac >/dev/null 2>&1 || ! [[ $java_version =~ version\ \"(1[1-9]|[2-9][0-9]) ]]; then
	need+=(default-jdk-headless)
fi
[ -f /usr/share/java/postgresql.jar ] || need+=(libpostgresql-jdbc-java)
have_pkg python3-psycopg2 || need+=(python3-psycopg2)
have_pkg python3-sqlalchemy || need+=(python3-sqlalchemy)
have_pkg python3-psycopg || need+=(python3-psycopg)
have_pkg python3-asyncpg || need+=(python3-asyncpg)
# psqlODBC (the ODBC driver BI tools use) through unixODBC and pyodbc.
have_pkg odbc-postgresql || need+=(odbc-postgresql unixodbc)
have_pkg python3-pyodbc || need+=(python3-pyodbc)
# The machine may bring Node.js (with npm) from elsewhere; Debian's npm
# conflicts with such a nodejs, so only install both when node is absent.
if ! command -v node >/dev/null 2>&1; then
	need+=(nodejs npm)
elif ! command -v npm >/dev/null 2>&1; then
	need+=(npm)
fi

if [ ${#need[@]} -gt 0 ]; then
	echo "installing: ${need[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

node_dir="$root/internal/clienttest/clients/node"
if [ ! -d "$node_dir/node_modules/pg" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ]; then
	(cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "psql:       $(psql --version)"
echo "java:       $(java -version 2>&1 | head -n 1)"
echo "pgjdbc:     $(dpkg-query -W -f='${Version}' libpostgresql-jdbc-java 2>/dev/null || echo present) /usr/share/java/postgresql.jar"
echo "python3:    $(/usr/bin/python3 --version 2>&1)"
echo "psycopg2:   $(/usr/bin/python3 -c 'import psycopg2; print(psycopg2.__version__)')"
echo "sqlalchemy: $(/usr/bin/python3 -c 'import sqlalchemy; print(sqlalchemy.__version__)')"
echo "psycopg 3:  $(/usr/bin/python3 -c 'import psycopg; print(psycopg.__version__)')"
echo "asyncpg:    $(/usr/bin/python3 -c 'import asyncpg; print(asyncpg.__version__)')"
echo "psqlODBC:   $(dpkg-query -W -f='${Version}' odbc-postgresql) (pyodbc $(/usr/bin/python3 -c 'import pyodbc; print(pyodbc.version)'))"
echo "node:       $(node --version)"
echo "pg (npm):   $(cd "$node_dir" && node -p 'require("pg/package.json").version')"
