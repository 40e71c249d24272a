#!/usr/bin/env bash
# Runs every test against real PostgreSQL, Redis and RabbitMQ servers, installing them first if missing.
set -euo pipefail
cd "$(dirname "$0")"
eng/install-prerequisites.sh --tests
results="$(mktemp -d)"
status=0
dotnet test Assemblee.sln --logger "console;verbosity=normal" --logger trx --results-directory "$results" || status=$?
/usr/bin/python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed")); failed += int(counters.get("failed"))
    skipped += int(counters.get("notExecuted"))
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
