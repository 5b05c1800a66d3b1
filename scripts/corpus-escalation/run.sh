#!/usr/bin/env bash
# Runs blast-radius over the deliberately vulnerable IAM setups of ../shared/corpus (setups.cjs) and
# reports, per privilege escalation path they contain, whether the privilege-escalation rule finds it.
#
# Each setup is turned into an inventory by real Terraform, offline: prepare-tf.cjs makes a copy
# that plans with only hashicorp/aws and the loopback STS stand-in; the copy is planned, the plan's
# creates are written to a state as if applied (deployed-state.cjs) until everything exists; the
# final plan against that state knows every ARN and policy, as the deployed account would. Each
# path's start principals are declared as agents (evaluate.cjs config), `blast-radius check` writes
# report.json, and evaluate.cjs judges the findings against setups.cjs and writes the table.
#
# usage: scripts/corpus-escalation/run.sh [SETUP ...]   (default: every setup)
# needs: terraform and hashicorp/aws 5.100.0 in a filesystem mirror (TF_PLUGIN_MIRROR, default
#        /opt/tf-plugins), node, `npm run build`, and ../shared/corpus (CORPUS to point elsewhere).
#        Work goes to CORPUS_WORK (default /tmp/blast-radius-corpus); the table to
#        docs/corpus-escalation.md. MOCK_PORT (default 4598) is the STS stand-in's port.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
corpus=${CORPUS:-$repo/../shared/corpus}
work=${CORPUS_WORK:-/tmp/blast-radius-corpus}
port=${MOCK_PORT:-4598}
[ -d "$corpus" ] || { echo "no corpus at $corpus (set CORPUS)" >&2; exit 2; }
[ -f "$repo/build/bin/blast-radius.mjs" ] || { echo "build the CLI first: npm run build" >&2; exit 2; }
command -v terraform > /dev/null || { echo "terraform is not on PATH" >&2; exit 2; }

mkdir -p "$work"
# shellcheck source=../terraform-fixtures/offline-env.sh
. "$here/../terraform-fixtures/offline-env.sh"
offline_terraform "$work" "$port"
echo '{"arn": "arn:aws:iam::111111111111:user/corpus-terraform", "user_id": "AIDACORPUSTERRAFORM01"}' > "$work/caller.json"
: > "$work/mock.log"
node "$repo/scripts/terraform-fixtures/mock-sts.cjs" "$port" "$work/caller.json" "$work/mock.log" &
mock=$!
trap 'kill "$mock" 2>/dev/null || true' EXIT
sleep 1

if [ ! -f "$work/schema.json" ]; then
  mkdir -p "$work/schema"
  printf 'provider "aws" {\n  region = "us-east-1"\n}\n' > "$work/schema/main.tf"
  (cd "$work/schema" && terraform init -input=false > init.log && terraform providers schema -json > "$work/schema.json")
fi

# Plans one setup into $dir/plan.json and checks it into $dir/report.json; output goes to $dir/run.log.
analyse() {
  local name=$1 source=$2 flag=$3 vars=$4 dir=$5
  local args=()
  [ "$flag" = "-" ] || args+=("$flag")
  node "$here/prepare-tf.cjs" "${args[@]}" "$corpus/$source" "$dir/tf" "$work/schema.json" "$vars"
  cd "$dir/tf"
  terraform init -input=false -no-color > init.log
  echo '{"version": 4, "serial": 0, "lineage": "5b0d9e6a-3c1f-4a7e-8d2b-9f6c1e0a7b34", "resources": []}' > deployed.tfstate
  for _ in 1 2 3 4 5 6 7 8; do
    terraform plan -input=false -refresh=false -no-color -state=deployed.tfstate -out round.out > plan.log
    terraform show -json round.out > round.json
    node "$here/deployed-state.cjs" "$work/schema.json" round.json next.tfstate deployed.tfstate | tee round.log
    mv next.tfstate deployed.tfstate
    grep -q 'deployed: +0$' round.log && break
  done
  terraform plan -input=false -refresh=false -no-color -state=deployed.tfstate -out final.out > final.log
  terraform show -json final.out > "$dir/plan.json"
  { grep -E '^(Plan:|No changes)' final.log || echo 'no resource changes'; } | sed 's/^/final plan: /'
  node "$here/evaluate.cjs" config "$name" "$dir/blast-radius.yaml"
  [ -f "$dir/blast-radius.yaml" ] || return 0
  node "$repo/build/bin/blast-radius.mjs" check --plan "$dir/plan.json" --config "$dir/blast-radius.yaml" \
    --format json --fail-on none --output "$dir/report.json"
}

wanted=("$@")
while IFS=$'\t' read -r name source flag vars; do
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " =~ " $name " ]]; then continue; fi
  dir="$work/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  # (set -e does not hold inside a command that `if` tests: the status is taken after it instead.)
  set +e
  (
    set -e
    analyse "$name" "$source" "$flag" "$vars" "$dir"
  ) > "$dir/run.log" 2>&1
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    echo "== $name: $(grep '^final plan' "$dir/run.log")"
  else
    echo "== $name: FAILED (the last lines of $dir/run.log:)"
    tail -n 15 "$dir/run.log" | sed 's/^/   /'
  fi
done < <(node "$here/evaluate.cjs" list)

if grep -v 'Action=GetCallerIdentity' "$work/mock.log"; then
  echo "the provider called AWS APIs other than sts:GetCallerIdentity (above)" >&2
  exit 1
fi
node "$here/evaluate.cjs" results "$work" "$repo/docs/corpus-escalation.md"
