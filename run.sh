#!/usr/bin/env bash
# Starts the whole system: PostgreSQL, Redis, RabbitMQ, the six services and the gateway, with the Aspire dashboard.
#   ./run.sh                 data in a fresh folder, thrown away at the next start
#   ./run.sh --keep-state    data (and its generated passwords) kept in .state/ for the next run
#   ./run.sh --demo          also fills the Assembly with a clearly synthetic promotion (a draw done, members, ateliers,
#                            sessions, texts, a veille question) once everything is up; options combine
# Other arguments go to the AppHost. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
eng/install-prerequisites.sh
args=()
for arg in "$@"; do
  case "$arg" in
    --keep-state) args+=(--LocalState:Directory "$PWD/.state") ;;
    --demo) args+=(--Demo true) ;;
    *) args+=("$arg") ;;
  esac
done
exec dotnet run --project AppHost -- "${args[@]}"
