#!/usr/bin/env bash
# Regenerates the PostgreSQL migrations from the current EF model, as one `Initial`
# migration in src/ScoranInclusion.Storage/Postgres/Migrations.
#
# REVIEW: no PostgreSQL database has been deployed yet, so the Postgres migration set is
# rebuilt from scratch instead of growing one migration per change like SQLite's: run this
# after any model change (new entities, a merged branch) and commit the result; the
# conformance tests fail when the model and the migration differ (pending model changes).
# Once a PostgreSQL database is in production, stop regenerating and use
# `dotnet ef migrations add NAME --context PostgresScoranDbContext --output-dir Postgres/Migrations`.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
rm -rf src/ScoranInclusion.Storage/Postgres/Migrations
dotnet ef migrations add Initial \
  --project src/ScoranInclusion.Storage \
  --startup-project src/ScoranInclusion.Storage \
  --context PostgresScoranDbContext \
  --output-dir Postgres/Migrations \
  --configuration Release
dotnet format src/ScoranInclusion.Storage/ScoranInclusion.Storage.csproj --include src/ScoranInclusion.Storage/Postgres/Migrations/ >/dev/null
echo "Migrations PostgreSQL régénérées : src/ScoranInclusion.Storage/Postgres/Migrations"
