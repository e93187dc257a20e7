#!/usr/bin/env bash
# GPU verification of QdSim's CUDA ensemble backend (docs/gpu-verification.md).
#   scripts/gpu-check.sh publish   on a machine WITH the .NET SDK: self-contained publish of qdsim into publish/ and
#                                  .device/qdsim-publish.tar.gz (what the device tool carries; must stay < 64 MiB)
#   scripts/gpu-check.sh run       on the GPU machine (no SDK needed): unpacks the archive, environment report,
#                                  self-test, benchmark
# Exit status of `run`: that of `qdsim gpu-selftest` (0 passed on CUDA, 1 a check failed, 3 no usable CUDA device).
set -euo pipefail
cd "$(dirname "$0")/.."
limit_mib=64

case "${1:-}" in
publish)
    rm -rf publish
    dotnet publish src/QdSim.Runner -c Release -r linux-x64 --self-contained -p:PublishSingleFile=false \
        -p:DebugType=none -p:GenerateDocumentationFile=false -o publish/
    # The self-contained folder is ~83 MiB (.NET 10 runtime): too large to carry as is, ~35 MiB gzipped.
    mkdir -p .device
    tar czf .device/qdsim-publish.tar.gz publish
    size_mib=$(( $(du -sk .device/qdsim-publish.tar.gz | cut -f1) / 1024 ))
    echo "publish/: $(( $(du -sk publish | cut -f1) / 1024 )) MiB; .device/qdsim-publish.tar.gz: ${size_mib} MiB (device carry limit ${limit_mib} MiB)"
    if (( size_mib >= limit_mib )); then
        echo "the archive is too large to carry; try -p:PublishTrimmed=true -p:TrimMode=partial (then re-run this check)" >&2
        exit 1
    fi
    ;;
run)
    if [[ ! -x publish/qdsim && -f .device/qdsim-publish.tar.gz ]]; then tar xzf .device/qdsim-publish.tar.gz; fi
    echo "== machine"; uname -a; nproc
    echo "== GPU"; (command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv) || echo "nvidia-smi not found"
    echo "== CUDA libraries"; (ldconfig -p | grep -E 'libcuda\.so|libnvrtc' ) || echo "libcuda/libnvrtc not in the loader cache (QDSIM_NVRTC=${QDSIM_NVRTC:-unset})"
    [[ -x publish/qdsim ]] || { echo "publish/qdsim missing: run 'scripts/gpu-check.sh publish' on the build machine and carry publish/" >&2; exit 2; }
    echo "== self-test and benchmark"
    status=0
    ./publish/qdsim gpu-selftest "${@:2}" || status=$?
    echo "gpu-check: qdsim gpu-selftest exited with ${status}"
    exit "${status}"
    ;;
*)
    echo "usage: scripts/gpu-check.sh publish | run [gpu-selftest options]" >&2
    exit 2
    ;;
esac
