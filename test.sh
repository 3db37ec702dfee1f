#!/usr/bin/env bash
# Runs every CourseKit test on a fresh machine: installs what the tests need (with apt-get, only when missing),
# then runs `dotnet test CourseKit.sln`. CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests need, as "command-or-file package" pairs.
REQUIREMENTS=(
  "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz dataset-fashion-mnist"  # Fashion-MNIST, 60,000 + 10,000 images
  "chromium chromium"                                                                    # renders exported notebooks in the browser test
  "bwrap bubblewrap"                                                                     # the grader's sandbox (tests/CourseKit.Cli.Tests/Sandbox)
  "/usr/lib/x86_64-linux-gnu/libOpenCL.so.1 ocl-icd-libopencl1"                          # the OpenCL loader …
  "/etc/OpenCL/vendors/pocl.icd pocl-opencl-icd"                                         # … and POCL, OpenCL on the CPU, for the OpenCL backend's tests
  "clang-14 clang-14"                                                                    # compiles the CUDA kernels to PTX (a check that needs no GPU)
  "/usr/lib/python3/dist-packages/nbclient/__init__.py python3-nbclient"                 # Jupyter's client side, for /usr/bin/python3: runs the
  "/usr/lib/python3/dist-packages/jupyter_client/__init__.py python3-jupyter-client"     # … notebooks in the real .NET Interactive kernel
  "/usr/lib/python3/dist-packages/nbformat/__init__.py python3-nbformat"                 # … (tests/CourseKit.Cli.Tests/RealKernel)
)

missing=()
for req in "${REQUIREMENTS[@]}"; do
  read -r probe package <<<"$req"
  if ! command -v "$probe" >/dev/null 2>&1 && [ ! -e "$probe" ]; then missing+=("$package"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (10 or later) is needed: https://learn.microsoft.com/dotnet/core/install/linux" >&2
  exit 1
fi

# The real .NET Interactive kernel (the one students run in Jupyter), for the test that executes every notebook in it:
# the tool goes into .tools/ and its kernelspec (.net-csharp, which runs `dotnet interactive`) into .tools/jupyter/, both
# inside this checkout, so nothing of the user's changes; the test puts them on PATH and JUPYTER_PATH.
KERNEL_VERSION=1.0.712001
export DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1
if [ "$(.tools/dotnet-interactive --version 2>/dev/null | cut -d+ -f1)" != "$KERNEL_VERSION" ]; then
  echo "== installing the .NET Interactive kernel $KERNEL_VERSION into .tools/"
  dotnet tool uninstall --tool-path .tools Microsoft.dotnet-interactive >/dev/null 2>&1 || true
  dotnet tool install --tool-path .tools Microsoft.dotnet-interactive --version "$KERNEL_VERSION"
  rm -rf .tools/jupyter
fi
if [ ! -f .tools/jupyter/kernels/.net-csharp/kernel.json ]; then
  echo "== registering the kernel with Jupyter (.tools/jupyter/kernels)"
  mkdir -p .tools/jupyter/kernels
  PATH="$PWD/.tools:$PATH" dotnet interactive jupyter install --path .tools/jupyter/kernels >/dev/null
fi

# nuget.config names this folder as the local feed for a packed CourseKit; restore needs it to exist.
mkdir -p artifacts/packages

# Tests read the course data and the Keras conformance cases in place, beside the checkout.
export COURSEKIT_CONFORMANCE_DIR="${COURSEKIT_CONFORMANCE_DIR:-$(cd .. && pwd)/shared/conformance}"
export COURSEKIT_DATA="${COURSEKIT_DATA:-$(cd .. && pwd)/shared/datasets}"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test CourseKit.sln --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain summary line over all test projects.
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1));
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
