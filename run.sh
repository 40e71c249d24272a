#!/usr/bin/env bash
# Starts the whole system: PostgreSQL, Redis, RabbitMQ, the six services and the gateway, with the Aspire dashboard.
#   ./run.sh                 data in a fresh folder, thrown away at the next start
#   ./run.sh --keep-state    data (and its generated passwords) kept in .state/ for the next run
#   ./run.sh --demo          also fills the Assembly with a clearly synthetic promotion (a draw done, members, ateliers,
#                            sessions, texts, a veille question) once everything is up; options combine
#   ./run.sh --identity-provider  people and services sign in at a real OpenID Connect provider run beside the services
#                            (accounts: --Identity:Accounts:0:Subject … ; see the README), not with the development key
# Other arguments go to the AppHost. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
eng/install-prerequisites.sh
args=()
for arg in "$@"; do
  case "$arg" in
    --keep-state) args+=(--LocalState:Directory "$PWD/.state") ;;
    --demo) args+=(--Demo true) ;;
    --identity-provider) args+=(--Identity:Provider local) ;;
    *) args+=("$arg") ;;
  esac
done
exec dotnet run --project AppHost -- "${args[@]}"
