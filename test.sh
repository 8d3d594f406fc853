#!/usr/bin/env bash
# Runs the whole test suite: unit, property and interop tests (interop needs the Debian peers; see .ci/run).
set -euo pipefail
cd "$(dirname "$0")"
exec mvn -B -ntp verify "$@"
