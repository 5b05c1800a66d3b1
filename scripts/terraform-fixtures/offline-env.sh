# Sourced by the scripts that run real Terraform offline: `offline_terraform WORK PORT` writes a CLI
# configuration under WORK that installs hashicorp/aws from the filesystem mirror (TF_PLUGIN_MIRROR,
# default /opt/tf-plugins) and nothing from the network, and exports the environment that points the
# provider's AWS calls at the loopback stand-in (mock-sts.cjs) on PORT with dummy credentials.
offline_terraform() {
  local work=$1 port=$2 mirror=${TF_PLUGIN_MIRROR:-/opt/tf-plugins}
  mkdir -p "$work/plugin-cache"
  cat > "$work/tfrc" <<TFRC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
plugin_cache_dir   = "$work/plugin-cache"
disable_checkpoint = true
TFRC
  unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_REGION AWS_REGION
  export TF_CLI_CONFIG_FILE="$work/tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
  export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
  export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_EC2_METADATA_DISABLED=true AWS_MAX_ATTEMPTS=1
}
