#!/usr/bin/env bash
# Runs CourseKit's full test suite and the CUDA benchmarks on a machine that has an NVIDIA driver but no .NET and no
# network (such as a lent GPU box), from a bundle built here.
#
#   bench/gpu-run.sh pack           on a machine with the .NET SDK: builds the bundle in artifacts/gpu/ (git-ignored)
#   bench/gpu-run.sh run [OUTDIR]   on the target: unpacks the bundle, prints the machine's facts, runs the tests, the
#                                   CUDA benches and (where PyTorch sees a GPU) bench/torch_reference.py; every step's
#                                   output goes to OUTDIR/<step>.log (OUTDIR: $OUT if set, else artifacts/gpu/out)
#   bench/gpu-run.sh local          `run` here, in an environment without the SDK, to prove the bundle is complete
#
# The bundle (artifacts/gpu/, at most 64 MiB so the device tool can carry it in one path):
#   runtime.tar.xz  the .NET runtime from this machine's SDK install: the `dotnet` host, host/fxr and the shared
#                   frameworks the published apps name in their runtimeconfig.json (Microsoft.NETCore.App, and
#                   Microsoft.AspNetCore.App for the tests), less the debugger, tracing and standalone-GC libraries
#   apps.tar.xz     Release builds (framework-dependent `dotnet publish`) of tests/CourseKit.Tests, with
#                   bench/CourseKit.TestRunner beside it, and of bench/CourseKit.Bench
#   data.tar.xz     ../shared/conformance, ../shared/datasets and Fashion-MNIST (stored as raw IDX, which xz packs
#                   ~4 MB smaller than the gzip files; `run` gzips it back to the standard file names)
#   MANIFEST.txt    what was packed: commit, runtime version, sizes
#
# The tests cannot use `dotnet test` there (that needs the SDK); CourseKit.TestRunner drives xunit's engine directly
# and is started with the tests' own runtimeconfig and deps files:
#   dotnet exec --runtimeconfig CourseKit.Tests.runtimeconfig.json --depsfile CourseKit.Tests.deps.json \
#               CourseKit.TestRunner.dll CourseKit.Tests.dll
#
# pack reuses the compressed runtime and data from artifacts/gpu-build while their sources are unchanged; delete that
# folder to rebuild everything.
#
# Settings (environment): GPU_RUN_STEPS   the steps `run` does, a comma list of tests,gemm,mlp,torch (default: all)
#                         GPU_RUN_TESTS_TIMEOUT / GPU_RUN_BENCH_TIMEOUT   seconds per step (default 420 / 120)
#                         GPU_RUN_TEST_FILTER   passed to the runner as --filter (e.g. cuda: only the CUDA tests)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUNDLE="$REPO/artifacts/gpu"            # what is carried to the target: only the files listed above
STAGE="$REPO/artifacts/gpu-build"       # pack's work folder (build outputs, unpacked copies); never carried
UNPACKED="$REPO/artifacts/gpu-run"      # run's apps and data; inside the checkout, because a few tests look for
                                        # CourseKit.sln above their own folder to read the sources
LIMIT_BYTES=$((64 * 1024 * 1024))       # the device tool carries at most 64 MiB in all

log() { printf '== %s\n' "$*"; }
die() { printf 'gpu-run.sh: %s\n' "$*" >&2; exit 1; }
size_of() { stat -c %s "$1"; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

# Compresses stdin to a file: xz at its highest preset, on every core. The bundle is built rarely and carried often.
xz_to() { xz -T0 -9 -c >"$1.tmp" && mv "$1.tmp" "$1"; }

# ---------------------------------------------------------------------------------------------------------------------
# pack
# ---------------------------------------------------------------------------------------------------------------------

# Framework name/version pairs ("Microsoft.NETCore.App 10.0.0") from a runtimeconfig.json.
frameworks_of() {
  python3 - "$1" <<'EOF'
import json, sys
options = json.load(open(sys.argv[1]))["runtimeOptions"]
for fw in options.get("frameworks") or [options["framework"]]:
    print(fw["name"], fw["version"])
EOF
}

# The installed version of a shared framework that the host would pick for a minimum version: the highest patch with
# the same major.minor (the default roll-forward policy, Minor, prefers the same major.minor, latest patch).
installed_framework() {
  local root="$1" name="$2" want="$3" majmin
  majmin="$(cut -d. -f1,2 <<<"$want")"
  local dir
  for dir in "$root/shared/$name/$majmin".*; do
    if [[ "$(basename "$dir")" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then basename "$dir"; fi  # no previews
  done | sort -t. -k3,3n | tail -n 1
}

# The folder with Fashion-MNIST's four .gz files, looked for where CourseKit's loader looks.
find_fashion_mnist() {
  local dir
  for dir in "${COURSEKIT_DATA:-}/fashion-mnist" "$REPO/../shared/datasets/fashion-mnist" \
             "$HOME/.cache/coursekit/datasets/fashion-mnist" /usr/share/datasets/fashion-mnist; do
    if [ -f "$dir/train-images-idx3-ubyte.gz" ] && [ -f "$dir/t10k-labels-idx1-ubyte.gz" ]; then echo "$dir"; return; fi
  done
  die "Fashion-MNIST not found (Debian: apt-get install dataset-fashion-mnist, or set COURSEKIT_DATA)"
}

# dotnet publish into $STAGE/apps/<name>, Release, framework-dependent, without symbols, documentation or satellite
# resources. Intermediate files go to $STAGE/obj, so a build running at the same time in the checkout is not disturbed.
publish() {
  local project="$1" dest="$2"
  dotnet publish "$REPO/$project" -c Release --nologo -v quiet --self-contained false \
    --artifacts-path "$STAGE/obj" -o "$dest" \
    -p:DebugType=none -p:DebugSymbols=false -p:SatelliteResourceLanguages=en -p:GenerateDocumentationFile=false
}

pack() {
  command -v dotnet >/dev/null || die "pack needs the .NET SDK"
  command -v python3 >/dev/null || die "pack needs python3 (to read runtimeconfig.json)"
  local started=$SECONDS
  mkdir -p "$REPO/artifacts/packages"   # nuget.config names this local feed; restore needs it to exist
  rm -rf "$STAGE/apps" "$BUNDLE"
  mkdir -p "$STAGE/apps" "$BUNDLE"

  log "publishing tests/CourseKit.Tests, bench/CourseKit.TestRunner and bench/CourseKit.Bench (Release)"
  local tests="$STAGE/apps/tests" bench="$STAGE/apps/bench"
  publish tests/CourseKit.Tests "$tests"
  publish bench/CourseKit.TestRunner "$STAGE/apps/runner"
  publish bench/CourseKit.Bench "$bench"
  # The runner runs with the tests' deps file, which already lists the xunit engine: only its own dll is needed.
  cp "$STAGE/apps/runner/CourseKit.TestRunner.dll" "$tests/"
  rm -rf "$STAGE/apps/runner"
  # Microsoft.NET.Test.Sdk brings the code-coverage collector for `dotnet test` (14 MB, plus native profilers per
  # platform); nothing lists it in the deps file, and the runner does not use it.
  rm -rf "$tests/CodeCoverage" "$tests"/{alpine,arm64,macos,ubuntu,x64,x86}
  find "$STAGE/apps" \( -name '*.pdb' -o -name '*.xml' \) -delete

  # The runtime: the frameworks both apps need, at the version the host would choose from this install.
  local dotnet_root fw_list=() name want have
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  while read -r name want; do
    have="$(installed_framework "$dotnet_root" "$name" "$want")"
    [ -n "$have" ] || die "$name $want (needed by the published apps) is not installed in $dotnet_root"
    fw_list+=("$name/$have")
  done < <(cat <(frameworks_of "$tests/CourseKit.Tests.runtimeconfig.json") \
               <(frameworks_of "$bench/CourseKit.Bench.runtimeconfig.json") | sort -u)
  local fxr
  fxr="$(ls "$dotnet_root/host/fxr" | sort -V | tail -n 1)"
  local runtime_id="fxr=$fxr ${fw_list[*]}"

  # The runtime and the data take a minute each to compress and rarely change: reuse them while their sources match.
  local runtime_stamp="$STAGE/runtime.stamp"
  if [ -f "$STAGE/runtime.tar.xz" ] && [ "$(cat "$runtime_stamp" 2>/dev/null)" = "$runtime_id" ]; then
    log "runtime unchanged ($runtime_id): reusing it"
  else
    log "packing the .NET runtime: $runtime_id"
    local rt="$STAGE/runtime"
    rm -rf "$rt" && mkdir -p "$rt/host/fxr" "$rt/shared"
    cp -a "$dotnet_root/dotnet" "$rt/"
    cp -a "$dotnet_root/host/fxr/$fxr" "$rt/host/fxr/"
    local fw
    for fw in "${fw_list[@]}"; do
      mkdir -p "$rt/shared/$(dirname "$fw")"
      cp -a "$dotnet_root/shared/$fw" "$rt/shared/$fw"
    done
    # Not needed to run managed code: the debugger's data-access and debugging libraries, the crash-dump writer,
    # LTTng tracing and the two standalone GCs (used only when a config names them). The host does not check for them.
    local core
    core="$(ls -d "$rt"/shared/Microsoft.NETCore.App/*)"
    rm -f "$core"/{libmscordaccore.so,libmscordbi.so,createdump,libcoreclrtraceptprovider.so,libclrgc.so,libclrgcexp.so}
    tar -C "$rt" -cf - . | xz_to "$STAGE/runtime.tar.xz"
    echo "$runtime_id" >"$runtime_stamp"
    rm -rf "$rt"
  fi

  local fashion shared="$REPO/../shared" data_stamp="$STAGE/data.stamp" data_id
  fashion="$(find_fashion_mnist)"
  if [ ! -d "$shared/conformance" ] || [ ! -d "$shared/datasets" ]; then
    die "../shared (conformance, datasets) not found beside the checkout"
  fi
  # Data is reused while the sources' names, sizes and times are unchanged.
  data_id="$( (find "$shared/conformance" "$shared/datasets" "$fashion" -type f -printf '%p %s %T@\n') | sort | md5sum)"
  if [ -f "$STAGE/data.tar.xz" ] && [ "$(cat "$data_stamp" 2>/dev/null)" = "$data_id" ]; then
    log "data unchanged: reusing it"
  else
    log "packing the data: $shared/conformance, $shared/datasets, Fashion-MNIST from $fashion"
    local data="$STAGE/data"
    rm -rf "$data" && mkdir -p "$data/datasets/fashion-mnist"
    cp -a "$shared/conformance" "$data/conformance"
    cp -a "$shared/datasets/." "$data/datasets/"
    local f
    for f in "$fashion"/*-ubyte.gz; do gzip -dc "$f" >"$data/datasets/fashion-mnist/$(basename "$f" .gz)"; done
    chmod -R u+w "$data"  # shared/ may be read-only; the unpacked copy must be writable (run gzips in place)
    tar -C "$data" -cf - . | xz_to "$STAGE/data.tar.xz"
    echo "$data_id" >"$data_stamp"
    rm -rf "$data"
  fi

  log "packing the apps"
  tar -C "$STAGE/apps" -cf - . | xz_to "$BUNDLE/apps.tar.xz"
  cp "$STAGE/runtime.tar.xz" "$STAGE/data.tar.xz" "$BUNDLE/"

  # What was packed, and the sizes against the device tool's limit.
  local total=0 file
  {
    echo "CourseKit GPU bundle, packed $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n)"
    echo "commit: $(git -C "$REPO" rev-parse HEAD 2>/dev/null || echo unknown)$(git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo ' (with uncommitted changes)')"
    echo "runtime: $runtime_id"
    echo "Fashion-MNIST from: $fashion"
  } >"$BUNDLE/MANIFEST.txt"
  for file in runtime.tar.xz apps.tar.xz data.tar.xz; do
    total=$((total + $(size_of "$BUNDLE/$file")))
    printf '%-16s %10d bytes  %s\n' "$file" "$(size_of "$BUNDLE/$file")" "$(mib "$(size_of "$BUNDLE/$file")")" >>"$BUNDLE/MANIFEST.txt"
  done
  total=$((total + $(size_of "$BUNDLE/MANIFEST.txt")))
  printf '%-16s %10d bytes  %s (limit %s)\n' "total" "$total" "$(mib "$total")" "$(mib "$LIMIT_BYTES")" >>"$BUNDLE/MANIFEST.txt"

  log "bundle in ${BUNDLE#"$REPO"/} (pack took $((SECONDS - started)) s)"
  cat "$BUNDLE/MANIFEST.txt"
  [ "$total" -le "$LIMIT_BYTES" ] || die "the bundle is over the 64 MiB the device tool carries: trim it"
  echo 'carry it with: carry=["artifacts/gpu"], command: bash bench/gpu-run.sh run'
}

# ---------------------------------------------------------------------------------------------------------------------
# run
# ---------------------------------------------------------------------------------------------------------------------

# Unpacks a .tar.xz; falls back to Python's lzma where the xz tool is missing (minimal images).
untar_xz() {
  local archive="$1" dest="$2"
  mkdir -p "$dest"
  if command -v xz >/dev/null; then
    xz -dc "$archive" | tar -C "$dest" -xf -
  else
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' "$archive" "$dest"
  fi
}

STEP_NAMES=()
STEP_RESULTS=()

# run_step NAME TIMEOUT COMMAND...: runs the command with its output shown and written to $OUTDIR/NAME.log, records
# its exit status and carries on whatever it is (124 means it ran out of time).
run_step() {
  local name="$1" limit="$2" status
  shift 2
  log "$name: $*" | tee "$OUTDIR/$name.log"
  set +e
  if command -v timeout >/dev/null; then
    timeout --kill-after=10 "$limit" "$@" 2>&1 | tee -a "$OUTDIR/$name.log"
  else
    "$@" 2>&1 | tee -a "$OUTDIR/$name.log"
  fi
  status=${PIPESTATUS[0]}
  set -e
  echo "== $name: exit status $status" | tee -a "$OUTDIR/$name.log"
  STEP_NAMES+=("$name")
  STEP_RESULTS+=("$status")
}

skip_step() {
  echo "== $1: skipped ($2)" | tee "$OUTDIR/$1.log"
  STEP_NAMES+=("$1")
  STEP_RESULTS+=("skipped: $2")
}

wanted() { [[ ",${GPU_RUN_STEPS:-tests,gemm,mlp,torch}," == *",$1,"* ]]; }

machine_facts() {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)   host: $(uname -n)   kernel: $(uname -r)"
  [ -r /etc/os-release ] && echo "os: $(. /etc/os-release && echo "${PRETTY_NAME:-unknown}")"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) logical cores)"
  echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  if command -v nvidia-smi >/dev/null; then
    echo "gpu: $(nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader 2>&1)"
    nvidia-smi 2>&1 || true
  else
    echo "gpu: no nvidia-smi on PATH"
  fi
  [ -r /proc/driver/nvidia/version ] && echo "driver: $(head -n 1 /proc/driver/nvidia/version)"
  echo "CUDA libraries (ldconfig -p):"
  ldconfig -p 2>/dev/null | grep -E 'libcuda\.|libnvrtc|libcublas' | sed 's/^/  /' || echo "  none"
  if command -v nvcc >/dev/null; then echo "nvcc: $(nvcc --version | tail -n 1)"; fi
  echo "OpenCL ICDs: $(ls /etc/OpenCL/vendors 2>/dev/null | tr '\n' ' ' || true)"
  echo "python3: $(python3 --version 2>&1 || echo none)"
  python3 -c 'import torch; print("torch:", torch.__version__, "CUDA", torch.version.cuda, "available:", torch.cuda.is_available())' 2>/dev/null \
    || echo "torch: not importable"
  echo ".NET (bundled): $("$DOTNET" --list-runtimes | tr '\n' ';')"
}

# Passed/failed/skipped per device, from the runner's results file: a test belongs to the first device named in
# quotes in its display name (theory rows look like Name(device: "cuda")), else to "any" (device-independent tests).
summarise_tests() {
  awk -F '\t' '
    { dev = "any"
      if (match($3, /"(cpu|reference|opencl|cuda)"/)) dev = substr($3, RSTART + 1, RLENGTH - 2)
      n[dev, $1]++; devs[dev] = 1 }
    END { for (d in devs) printf "  %-10s %5d passed, %4d failed, %4d skipped\n", d, n[d, "PASS"], n[d, "FAIL"], n[d, "SKIP"] }
  ' "$1" | sort
}

run() {
  OUTDIR="${1:-${OUT:-$BUNDLE/out}}"
  mkdir -p "$OUTDIR"
  OUTDIR="$(cd "$OUTDIR" && pwd)"
  local file
  for file in runtime.tar.xz apps.tar.xz data.tar.xz; do
    [ -f "$BUNDLE/$file" ] || die "$BUNDLE/$file missing: run 'bench/gpu-run.sh pack' on a machine with the .NET SDK and carry artifacts/gpu"
  done
  export PATH="$PATH:/usr/sbin:/sbin"  # ldconfig
  local started=$SECONDS

  log "unpacking the bundle ($(head -n 2 "$BUNDLE/MANIFEST.txt" | tail -n 1))"
  RUNTIME_DIR="$(mktemp -d "${TMPDIR:-/tmp}/coursekit-dotnet.XXXXXX")"
  trap 'rm -rf "$RUNTIME_DIR"' EXIT
  untar_xz "$BUNDLE/runtime.tar.xz" "$RUNTIME_DIR"
  if [ -d "$UNPACKED" ]; then chmod -R u+w "$UNPACKED" && rm -rf "$UNPACKED"; fi
  untar_xz "$BUNDLE/apps.tar.xz" "$UNPACKED"
  untar_xz "$BUNDLE/data.tar.xz" "$UNPACKED/data"
  gzip -1 "$UNPACKED"/data/datasets/fashion-mnist/*-ubyte  # back to the standard .gz names the loaders read
  DOTNET="$RUNTIME_DIR/dotnet"
  # Only the bundled runtime: no SDK, no user-wide tools or settings, no telemetry, no downloads of data.
  unset DOTNET_ROOT DOTNET_HOST_PATH MSBuildSDKsPath
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  export COURSEKIT_DATA="$UNPACKED/data/datasets" COURSEKIT_CONFORMANCE_DIR="$UNPACKED/data/conformance" COURSEKIT_OFFLINE=1
  echo "unpacked in $((SECONDS - started)) s: runtime in $RUNTIME_DIR, apps and data in $UNPACKED"

  log "machine"
  machine_facts 2>&1 | tee "$OUTDIR/machine.txt"

  local tests_timeout="${GPU_RUN_TESTS_TIMEOUT:-420}" bench_timeout="${GPU_RUN_BENCH_TIMEOUT:-120}"
  if wanted tests; then
    local filter=()
    [ -n "${GPU_RUN_TEST_FILTER:-}" ] && filter=(--filter "$GPU_RUN_TEST_FILTER")
    # From the tests' folder, as `dotnet test` runs them; the runner writes one line per test to tests-results.tsv.
    pushd "$UNPACKED/tests" >/dev/null
    rm -f "$OUTDIR/tests-results.tsv"
    run_step tests "$tests_timeout" "$DOTNET" exec \
      --runtimeconfig CourseKit.Tests.runtimeconfig.json --depsfile CourseKit.Tests.deps.json \
      CourseKit.TestRunner.dll CourseKit.Tests.dll --results "$OUTDIR/tests-results.tsv" "${filter[@]}"
    popd >/dev/null
    if [ -s "$OUTDIR/tests-results.tsv" ]; then
      { echo "tests per device:"; summarise_tests "$OUTDIR/tests-results.tsv"; } | tee -a "$OUTDIR/tests.log"
    fi
  fi

  local bench=("$DOTNET" exec "$UNPACKED/bench/CourseKit.Bench.dll")
  wanted gemm && run_step bench-gemm "$bench_timeout" "${bench[@]}" gemm --size 4096 --backend cuda
  wanted mlp && run_step bench-mlp "$bench_timeout" "${bench[@]}" mlp --dataset fashion-mnist --epochs 1 --backend cuda

  if wanted torch; then
    if python3 -c 'import torch; assert torch.cuda.is_available()' >/dev/null 2>&1; then
      run_step torch-gemm "$bench_timeout" python3 "$REPO/bench/torch_reference.py" gemm --size 4096 --reps 20
      run_step torch-mlp "$bench_timeout" python3 "$REPO/bench/torch_reference.py" mlp --epochs 1 --batch-size 128
    else
      skip_step torch "python3 with a CUDA-enabled torch not found"
    fi
  fi

  # One line per step, also in summary.txt; the closing test line is the runner's own.
  local i failed=0
  {
    echo "== summary ($((SECONDS - started)) s in all; logs in $OUTDIR)"
    for i in "${!STEP_NAMES[@]}"; do
      printf '  %-12s %s\n' "${STEP_NAMES[$i]}" "exit status ${STEP_RESULTS[$i]}" | sed 's/exit status skipped/skipped/'
    done
    [ -f "$OUTDIR/tests-results.tsv" ] && grep -h -E '^[0-9]+ passed, [0-9]+ failed' "$OUTDIR/tests.log" | tail -n 1 | sed 's/^/  tests: /'
  } | tee "$OUTDIR/summary.txt"
  for i in "${!STEP_RESULTS[@]}"; do
    [[ "${STEP_RESULTS[$i]}" == 0 || "${STEP_RESULTS[$i]}" == skipped* ]] || failed=1
  done
  return "$failed"
}

# ---------------------------------------------------------------------------------------------------------------------
# local
# ---------------------------------------------------------------------------------------------------------------------

# `run` on this machine in a clean environment whose PATH finds a `dotnet` that only fails, so any use of the SDK
# would show. Without a GPU the CUDA tests are skipped and the CUDA benches fail: only the tests step must pass.
local_run() {
  local outdir="${1:-$REPO/artifacts/gpu-local-out}" fake
  fake="$(mktemp -d)"
  printf '#!/bin/sh\necho "gpu-run.sh local: the system dotnet was called: $*" >&2\nexit 99\n' >"$fake/dotnet"
  chmod +x "$fake/dotnet"
  rm -rf "$outdir"
  set +e
  env -i PATH="$fake:/usr/bin:/bin" HOME="$HOME" TMPDIR="${TMPDIR:-/tmp}" LANG=C.UTF-8 bash "$REPO/bench/gpu-run.sh" run "$outdir"
  set -e
  rm -rf "$fake"
  local tests_status
  tests_status="$(awk '$1 == "tests" { print $NF }' "$outdir/summary.txt")"
  echo "== local: tests step exit status ${tests_status:-missing} (the CUDA bench steps are expected to fail without a GPU)"
  [ "$tests_status" = 0 ]
}

case "${1:-}" in
  pack) pack ;;
  run) shift; run "$@" ;;
  local) shift; local_run "$@" ;;
  *) echo "usage: bench/gpu-run.sh pack | run [OUTDIR] | local [OUTDIR]" >&2; exit 2 ;;
esac
