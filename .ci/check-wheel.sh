#!/usr/bin/env bash
# The package a user installs works: build the wheel, install it in a fresh virtual environment
# outside the checkout, and from a temporary directory run the offline compare on the bundled
# example, `prompts list`, `compare --analyzer llm` against a loopback fake OpenAI server,
# `compare --compliance`, ingest + track + `site build`, and
# `eval run` (which must point at --cases). Fails loudly on any mismatch with the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECKOUT=$PWD
PY=${PYTHON:-python3}
started=$(date +%s)

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "check-wheel: FAIL: $*" >&2; exit 1; }

echo "== building the wheel"
# setuptools reuses ./build/lib and never deletes from it: a file moved or removed since the last
# build (a template that moved package) would still ship. Build from a copy without it.
mkdir -p "$WORK/src"
tar --exclude=./build --exclude=./.git --exclude='*.egg-info' -cf - . | tar -xf - -C "$WORK/src"
"$PY" -m build --wheel --outdir "$WORK/dist" "$WORK/src" >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; fail "wheel build"; }
WHEEL=$(ls "$WORK"/dist/*.whl)
"$PY" - "$WHEEL" <<'PYEOF' || fail "the wheel lacks bundled files"
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
need = ["summarizer/prompts/change_record/v3/manifest.yaml", "summarizer/prompts/judge/v1/system.md",
        "summarizer/examples/privacy-v1.md", "summarizer/examples/privacy-v2.md", "summarizer/data/prices.toml"]
missing = [n for n in need if n not in names]
if missing:
    sys.exit(f"missing from the wheel: {missing}")
PYEOF

echo "== installing it in a fresh virtual environment ($WORK/venv)"
"$PY" -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install -q --disable-pip-version-check "$WHEEL" >"$WORK/install.log" 2>&1 \
  || { cat "$WORK/install.log" >&2; fail "pip install of the wheel"; }

# The installed package only: no checkout on the path, a private state directory, no real key.
mkdir -p "$WORK/run" "$WORK/home"
cd "$WORK/run"
unset PYTHONPATH OPENAI_BASE_URL SUMMARIZER_PROMPTS_DIR SUMMARIZER_DB SUMMARIZER_CONFIG SUMMARIZER_MODEL SUMMARIZER_ANALYZER
export SUMMARIZER_HOME="$WORK/home" OPENAI_API_KEY="sk-dummy-for-the-loopback-server"
BIN="$WORK/venv/bin"
VPY="$BIN/python"

where=$("$VPY" -c "import summarizer; print(summarizer.__file__)")
case "$where" in "$WORK/venv/"*) ;; *) fail "summarizer imported from $where, not the fresh environment";; esac

echo "== summarizer compare (offline) on the bundled example"
mapfile -t EXAMPLE < <("$BIN/summarizer" example)
[ "${#EXAMPLE[@]}" -eq 2 ] || fail "'summarizer example' printed ${#EXAMPLE[@]} lines, expected 2"
"$BIN/summarizer" compare "${EXAMPLE[0]}" "${EXAMPLE[1]}" --format json >"$WORK/installed.json" || fail "offline compare"
(cd "$CHECKOUT" && PYTHONPATH="$CHECKOUT" "$PY" -m summarizer compare examples/privacy-v1.md examples/privacy-v2.md \
  --format json) >"$WORK/checkout.json" || fail "offline compare in the checkout"
"$VPY" - "$WORK/installed.json" "$WORK/checkout.json" <<'PYEOF' || fail "the installed record differs from the checkout's"
import json, sys
def canon(path):
    record = json.load(open(path, encoding="utf-8"))
    prov = record["provenance"]
    for key in ("timings_ms", "old_source", "new_source"):
        prov.pop(key, None)
    return record
installed, checkout = (canon(p) for p in sys.argv[1:3])
if installed != checkout:
    sys.exit("records differ (timings and source paths aside)")
assert installed["material"] and installed["severity"] == "high", installed["severity"]
PYEOF
"$BIN/summarizer" compare "${EXAMPLE[0]}" "${EXAMPLE[1]}" >/dev/null || fail "offline compare (text)"
"$BIN/summarizer" compare "${EXAMPLE[0]}" "${EXAMPLE[1]}" --format html >"$WORK/record.html" \
  && grep -q 'class="change" id="change-1-' "$WORK/record.html" || fail "compare --format html (the record template is package data)"

echo "== summarizer prompts list"
"$BIN/summarizer" prompts list >"$WORK/prompts.txt" || fail "prompts list"
(cd "$CHECKOUT" && PYTHONPATH="$CHECKOUT" "$PY" -m summarizer prompts list) >"$WORK/prompts-checkout.txt"
installed_ids=$(cut -d' ' -f1 "$WORK/prompts.txt" | sort)
checkout_ids=$(cut -d' ' -f1 "$WORK/prompts-checkout.txt" | sort)
[ -n "$installed_ids" ] && grep -q '^change_record@v3#' <<<"$installed_ids" || { cat "$WORK/prompts.txt" >&2; fail "no prompts listed"; }
[ "$installed_ids" = "$checkout_ids" ] || { diff <(echo "$installed_ids") <(echo "$checkout_ids") >&2; fail "prompt identities differ"; }

echo "== summarizer compare --analyzer llm against a loopback fake server"
"$VPY" - "$WORK/port" >"$WORK/server.log" 2>&1 <<'PYEOF' &
import json, sys, threading
from summarizer.testing.fake_openai import FakeOpenAIServer, ScriptedResponse, chat_completion
answer = {"changes": [], "material": True, "severity": "high", "categories": ["third_party_sharing"],
          "headline": "Acme Notes may now share your data with advertising partners",
          "summary": "The promise not to sell personal information was removed.",
          "impact": "Your data may reach advertisers.", "actions": [], "interpretive_note": None}
server = FakeOpenAIServer(responder=lambda body: ScriptedResponse(200, chat_completion(json.dumps(answer))))
server.start()
with open(sys.argv[1] + ".tmp", "w") as out:
    out.write(str(server.port))
import os; os.replace(sys.argv[1] + ".tmp", sys.argv[1])
threading.Event().wait()
PYEOF
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
[ -s "$WORK/port" ] || { cat "$WORK/server.log" >&2; fail "the fake server did not start"; }
PORT=$(cat "$WORK/port")
"$BIN/summarizer" compare "${EXAMPLE[0]}" "${EXAMPLE[1]}" --analyzer llm --model gpt-4o-mini \
  --base-url "http://127.0.0.1:$PORT/v1" --format json >"$WORK/llm.json" 2>"$WORK/llm.err" \
  || { cat "$WORK/llm.err" >&2; fail "compare --analyzer llm"; }
"$VPY" - "$WORK/llm.json" "$PORT" <<'PYEOF' || fail "the llm record or the server's log is wrong"
import json, sys, urllib.request
record = json.load(open(sys.argv[1], encoding="utf-8"))
prov = record["provenance"]
assert prov["analyzer"] == "llm" and prov["model"] == "gpt-4o-mini", prov
assert (prov.get("prompt_version") or "").startswith("change_record@"), prov.get("prompt_version")
stats = json.load(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[2]}/_fake/stats", timeout=10))
assert stats["chat_starts"], "the server saw no chat request"
PYEOF
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""

echo "== summarizer eval run (no cases in a wheel: one line pointing at --cases)"
set +e
"$BIN/summarizer" eval run >"$WORK/eval.out" 2>"$WORK/eval.err"; code=$?
set -e
[ "$code" -eq 2 ] || { cat "$WORK/eval.err" >&2; fail "eval run exited $code, expected 2"; }
[ "$(wc -l <"$WORK/eval.err")" -eq 1 ] && grep -q -- "--cases" "$WORK/eval.err" \
  || { cat "$WORK/eval.err" >&2; fail "eval run's message is not one line naming --cases"; }

echo "== compare --compliance and site build from the wheel (regulation table and templates are package data)"
"$BIN/summarizer" compare "${EXAMPLE[0]}" "${EXAMPLE[1]}" --compliance --format json >"$WORK/compliance.json" \
  || fail "compare --compliance"
"$VPY" -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["compliance"]["entries"], r.get("compliance")' \
  "$WORK/compliance.json" || fail "the compliance section is empty"
export SUMMARIZER_HOME="$WORK/home"
"$BIN/summarizer" ingest "${EXAMPLE[0]}" --service Acme --document "Privacy Policy" --date 2021-01-01 >/dev/null \
  && "$BIN/summarizer" ingest "${EXAMPLE[1]}" --service Acme --document "Privacy Policy" --date 2022-01-01 >/dev/null \
  && "$BIN/summarizer" track --no-progress >/dev/null \
  && "$BIN/summarizer" site build "$WORK/site" >/dev/null || fail "ingest, track and site build"
[ -s "$WORK/site/index.html" ] && ls "$WORK/site" | grep -q . || fail "the site has no index page"
unset SUMMARIZER_HOME

echo "check-wheel: OK ($(( $(date +%s) - started )) s)"
