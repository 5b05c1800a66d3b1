#!/usr/bin/env bash
# Fails when the committed dist/ (the GitHub Action's bundle) is not what the sources build.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
node scripts/build-action.mjs
if [ -n "$(git status --porcelain -- dist)" ]; then
  git status --short -- dist >&2
  echo "dist/ is stale: run npm run build:action and commit dist/" >&2
  exit 1
fi
echo "dist/ is current"
