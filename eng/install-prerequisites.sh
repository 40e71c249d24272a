#!/usr/bin/env bash
# Installs, from Debian's packages, what the system needs to run (and, with --tests, to be tested) and is missing:
# PostgreSQL, Redis, RabbitMQ and SMTP servers (run as local processes by the AppHost, not as system services), COIN-OR CBC,
# DejaVu fonts; for the tests python3-grpcio (gRPC interop), python3-jsonschema (the manifest's schema), poppler and
# tesseract (a PDF rendered and read back), zbar (a letter's QR code read back), Chromium's headless shell (the browser
# tests' browser).
set -euo pipefail

packages=()
compgen -G "/usr/lib/postgresql/*/bin/postgres" > /dev/null || packages+=(postgresql)
[ -x /usr/bin/redis-server ] || packages+=(redis-server)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || packages+=(rabbitmq-server)
# COIN-OR CLP and CBC: the LP and ILP solvers of the sortition engine.
compgen -G "/usr/lib/*/libCbcSolver.so.3" > /dev/null || packages+=(coinor-libcbc3)
# aiosmtpd: the SMTP server run mode starts, which keeps what notifications sends.
/usr/bin/python3 -c 'import aiosmtpd' 2> /dev/null || packages+=(python3-aiosmtpd)
# DejaVu Sans: the font of the compensation statements' PDFs.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
if [ "${1:-}" = "--tests" ]; then
  /usr/bin/python3 -c 'import grpc, grpc_tools' 2> /dev/null || packages+=(python3-grpcio python3-grpc-tools)
  /usr/bin/python3 -c 'import jsonschema' 2> /dev/null || packages+=(python3-jsonschema)
  # A statement's PDF is rendered to PNG and read back as a person would see it.
  command -v pdftoppm > /dev/null || packages+=(poppler-utils)
  [ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || packages+=(tesseract-ocr tesseract-ocr-eng)
  command -v zbarimg > /dev/null || packages+=(zbar-tools)
  # The browser tests drive Debian's Chromium headless shell through Playwright, which downloads no browser of its own.
  [ -x /usr/bin/chromium-headless-shell ] || packages+=(chromium-headless-shell)
fi
command -v dotnet > /dev/null || { echo "The .NET 10 SDK is required: https://dot.net" >&2; exit 1; }

if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing: ${packages[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}" > /dev/null
fi
