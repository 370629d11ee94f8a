#!/usr/bin/env bash
# Adds one PostgreSQL migration, as SQLite's are added: the set in
# src/ScoranInclusion.Storage/Postgres/Migrations grows one migration per model change and is
# never regenerated (databases record the ids they applied; a database holding an id this code
# lacks is refused as "newer than the code").
#
#   tools/pg-migrations.sh NOM       adds the migration NOM (PascalCase, not already used) for
#                                    PostgresScoranDbContext, formats it, lists the files added
#   tools/pg-migrations.sh --check   writes nothing; exit 0 when the migrations describe the model,
#                                    1 when a migration is missing
#
# The first migration, 20261128225937_Initial, is the frozen baseline every PostgreSQL database
# was created with: never edit, rename or regenerate it (Storage.Tests/MigrationsTests checks it
# stays first, and that the model has no change without its migration). To drop a migration
# that was never applied anywhere: `dotnet ef migrations remove --context PostgresScoranDbContext
# --project src/ScoranInclusion.Storage --configuration Release`.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=src/ScoranInclusion.Storage/Postgres/Migrations
usage="usage : tools/pg-migrations.sh NOM      (ajoute la migration PostgreSQL NOM, par exemple AjoutHorairesExceptionnels)
        tools/pg-migrations.sh --check  (dit si le modèle a des changements sans migration PostgreSQL ; n'écrit rien)"

if [ "$#" -ne 1 ]; then
  echo "$usage" >&2
  exit 2
fi

name="$1"
if [ "$name" = "-h" ] || [ "$name" = "--help" ]; then
  echo "$usage"
  exit 0
fi
if [ "$name" != "--check" ]; then
  if ! [[ "$name" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
    echo "pg-migrations.sh : nom de migration invalide « $name » : une lettre majuscule puis des lettres et des chiffres (ex. AjoutHorairesExceptionnels)." >&2
    echo "$usage" >&2
    exit 2
  fi
  # Case-insensitively: two files differing only by case cannot both live on every file system.
  existing=$(find "$dir" -maxdepth 1 -iname "*_${name}.cs" -printf '%f\n' | head -n 1)
  if [ -n "$existing" ]; then
    echo "pg-migrations.sh : la migration « $name » existe déjà ($dir/$existing) ; choisissez un autre nom." >&2
    exit 2
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
# One build, then both ef commands reuse it (--no-build).
if ! log=$(dotnet build src/ScoranInclusion.Storage -c Release -p:SkipWebBuild=true --nologo -v quiet 2>&1); then
  echo "$log" >&2
  echo "pg-migrations.sh : la compilation de ScoranInclusion.Storage a échoué ; rien n'a été écrit." >&2
  exit 1
fi
ef=(--project src/ScoranInclusion.Storage --startup-project src/ScoranInclusion.Storage
  --context PostgresScoranDbContext --configuration Release --no-build)

# Exit 0: no change; otherwise EF says the model changed, or something else failed (shown, then stop).
pending=0
if ! log=$(dotnet ef migrations has-pending-model-changes "${ef[@]}" 2>&1); then
  if [[ "$log" != *"Changes have been made to the model"* ]]; then
    echo "$log" >&2
    exit 1
  fi
  pending=1
fi

if [ "$name" = "--check" ]; then
  if [ "$pending" = 1 ]; then
    echo "Le modèle a des changements sans migration PostgreSQL : ajoutez-en une avec tools/pg-migrations.sh NOM." >&2
    exit 1
  fi
  echo "Les migrations PostgreSQL décrivent le modèle : rien à ajouter."
  exit 0
fi

before=$(find "$dir" -maxdepth 1 -name '*.cs' -printf '%f\n' | sort)
dotnet ef migrations add "$name" --output-dir Postgres/Migrations "${ef[@]}" >/dev/null
dotnet format src/ScoranInclusion.Storage/ScoranInclusion.Storage.csproj --include "$dir/" >/dev/null

echo "Migration PostgreSQL ajoutée : $name"
comm -13 <(echo "$before") <(find "$dir" -maxdepth 1 -name '*.cs' -printf '%f\n' | sort) | sed "s|^|  + $dir/|"
echo "  ~ $dir/PostgresScoranDbContextModelSnapshot.cs (mis à jour)"
if [ "$pending" = 0 ]; then
  echo "Le modèle n'avait aucun changement : la migration est vide (à remplir à la main, ou à retirer avec dotnet ef migrations remove)."
fi
