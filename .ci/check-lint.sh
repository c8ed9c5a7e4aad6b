#!/usr/bin/env bash
# Static checks: ruff (lint and format), the import contract (layers import only downward; the
# library never imports its test helpers) and mypy on the whole package ([tool.mypy] in pyproject.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
PATHS=(summarizer tests bench evals setup.py)

echo "== ruff check";         python3 -m ruff check "${PATHS[@]}"
echo "== ruff format --check"; python3 -m ruff format --check "${PATHS[@]}"
echo "== lint-imports";        lint-imports
echo "== mypy";                python3 -m mypy

echo "check-lint: OK ($(( $(date +%s) - started )) s)"
