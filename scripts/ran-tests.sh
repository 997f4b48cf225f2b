#!/usr/bin/env bash
# Fails unless the cargo test output in $1 shows at least one test passed: a suite that compiles
# to no test, or whose tests are all filtered or ignored, must not count as green.
set -euo pipefail
log="$1"; what="$2"
if ! grep -Eq '^test result: ok\. [1-9][0-9]* passed' "$log"; then
  echo "FAIL: no $what ran (see $log)" >&2
  exit 1
fi
