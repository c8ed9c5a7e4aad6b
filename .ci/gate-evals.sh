#!/usr/bin/env bash
# Eval gate: run the offline analyzer on the golden cases (evals/cases) and fail (exit 1) when a
# gated metric falls more than MAX_REGRESSION below the committed baseline. Set EVAL_REPORT_DIR
# to also keep Markdown, HTML and JUnit XML reports there.
# Regenerate the baseline after a deliberate change of the analyzer or the cases:
#   summarizer eval run --analyzer rules --save-baseline evals/baselines/rules.json
set -euo pipefail
cd "$(dirname "$0")/.."

MAX_REGRESSION="${EVAL_MAX_REGRESSION:-0.01}"
# A private state directory: CI never touches (or depends on) a developer's database.
SUMMARIZER_HOME="$(mktemp -d)"
export SUMMARIZER_HOME
trap 'rm -rf "$SUMMARIZER_HOME"' EXIT

reports=()
if [ -n "${EVAL_REPORT_DIR:-}" ]; then
  mkdir -p "$EVAL_REPORT_DIR"
  reports=(--report-md "$EVAL_REPORT_DIR/eval-rules.md" --report-html "$EVAL_REPORT_DIR/eval-rules.html"
           --junit "$EVAL_REPORT_DIR/eval-rules.junit.xml")
fi

python3 -m summarizer eval run --analyzer rules --label ci \
  --baseline evals/baselines/rules.json --max-regression "$MAX_REGRESSION" "${reports[@]}"
