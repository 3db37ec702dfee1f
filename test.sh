#!/usr/bin/env bash
# Runs every CourseKit test on a fresh machine: installs what the tests need (with apt-get, only when missing),
# then runs `dotnet test CourseKit.sln`. CI (.ci/run) calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")"

# Debian packages the tests need, as "command-or-file package" pairs.
REQUIREMENTS=(
  "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz dataset-fashion-mnist"  # Fashion-MNIST, 60,000 + 10,000 images
  "chromium chromium"                                                                    # renders exported notebooks in the browser test
  "npm npm"                                                                              # fetches KaTeX below
  "/usr/lib/x86_64-linux-gnu/libOpenCL.so.1 ocl-icd-libopencl1"                          # the OpenCL loader …
  "/etc/OpenCL/vendors/pocl.icd pocl-opencl-icd"                                         # … and POCL, OpenCL on the CPU, for the OpenCL backend's tests
  "clang-14 clang-14"                                                                    # compiles the CUDA kernels to PTX (a check that needs no GPU)
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

# nuget.config names this folder as the local feed for a packed CourseKit; restore needs it to exist.
mkdir -p artifacts/packages

# KaTeX for exported notebook pages (embedded, so the pages render offline), from the npm registry. (plotly.js is
# carried by CourseKit itself: src/CourseKit/Plots/plotly.js.)
if [ ! -f node_modules/katex/dist/katex.min.js ]; then
  echo "== installing katex (npm)"
  npm install --no-save --no-package-lock --no-audit --no-fund --silent katex
fi

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
