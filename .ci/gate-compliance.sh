#!/usr/bin/env bash
# Compliance gate: run the offline compliance analysis on the golden compliance cases
# (evals/compliance_cases) and fail (exit 1) when citation precision or recall, exposure within one,
# or the no-forbidden-claims rate falls more than MAX_REGRESSION below the committed baseline, or
# when any forbidden claim appears. Regenerate the baseline after a deliberate change:
#   summarizer eval compliance --save-baseline evals/baselines/compliance.json
set -euo pipefail
cd "$(dirname "$0")/.."

SUMMARIZER_HOME="$(mktemp -d)"
export SUMMARIZER_HOME
trap 'rm -rf "$SUMMARIZER_HOME"' EXIT

python3 -m summarizer eval compliance --baseline evals/baselines/compliance.json \
  --max-regression "${EVAL_MAX_REGRESSION:-0.01}"
