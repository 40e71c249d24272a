#!/usr/bin/env bash
# Starts the whole system: PostgreSQL, Redis, RabbitMQ, the six services and the gateway, with the dashboard.
# Extra arguments go to the AppHost, e.g. ./run.sh --keep-state
set -euo pipefail
cd "$(dirname "$0")"
eng/install-prerequisites.sh
exec dotnet run --project AppHost -- "$@"
