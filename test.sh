#!/usr/bin/env bash
# Runs every test against real PostgreSQL, Redis and RabbitMQ servers, installing them first if missing.
set -euo pipefail
cd "$(dirname "$0")"
eng/install-prerequisites.sh --tests
results="$(mktemp -d)"
status=0
dotnet build Assemblee.sln
# The system and browser tests write what each project printed here (tests/SystemTests/Infrastructure/ResourceLogs.cs).
rm -rf artifacts/logs
# One test project at a time (-m:1): the system and browser tests each start the whole application, and two at once on a
# two-core machine would slow both past their timeouts. The build above stays parallel. The console names each failure;
# what the services printed is in artifacts/logs, and each test's output in the trx files (the summary names their folder).
# The tests put a dozen programs on two cores, where ASP.NET Core's server garbage collector (a heap and a collector thread
# per core in every process, sized for a machine of its own) costs CPU the others need: every test program, and each program
# it starts, collects as a desktop program does. One system test (mostly the start) took 65 and 74 s instead of 77, 78, 84 s. Run
# mode and the benchmarks keep the server collector the city deploys.
export DOTNET_gcServer=0
dotnet test Assemblee.sln --no-build -m:1 --logger "console;verbosity=minimal" --logger trx --results-directory "$results" || status=$?
/usr/bin/python3 - "$results" <<'PY'
import glob, os, re, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(path).getroot()
    counters = root.find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed")); failed += int(counters.get("failed"))
    skipped += int(counters.get("notExecuted"))
    # The console log is long; repeat each failure last so that the tail of a CI log names it.
    for result in root.iterfind(".//t:UnitTestResult[@outcome='Failed']", ns):
        message = result.find("t:Output/t:ErrorInfo/t:Message", ns)
        print(f"FAILED {result.get('testName')}: {(message.text or '')[:1500] if message is not None else ''}")
if failed:
    # A page that shows only its error page says nothing of the service that failed: the last errors each project logged.
    for path in sorted(glob.glob("artifacts/logs/*/*.log")):
        lines = [re.sub(r"^\S+Z |\x1b\[[0-9;]*m", "", line.rstrip()) for line in open(path, errors="replace")]
        # A health check fails while its service starts; that is not what broke a test.
        starts = [i for i, line in enumerate(lines)
                  if line.startswith(("fail:", "crit:")) and "HealthCheckService" not in line][-3:]
        for i in starts:
            print(f"{os.path.basename(path)[:-4]}: " + " | ".join(line.strip() for line in lines[i:i + 3])[:240])
print(f"Tests: {passed} passed, {failed} failed, {skipped} skipped (each test's output: the trx files in {sys.argv[1]})")
PY
exit $status
