#!/usr/bin/env bash
# qdsim sweep as a Slurm job array: one array task per shard, all shards writing into one shared directory.
# Usage:   sbatch docs/slurm-sweep.sh configs/example-sweep.json /scratch/$USER/example-sweep
# Then:    qdsim sweep merge /scratch/$USER/example-sweep --out /scratch/$USER/example-sweep-final   (checks completeness)
# Shards are 0-based (0 <= i < N); --array=0-7 gives 8 shards. `--shard slurm` reads SLURM_ARRAY_TASK_ID,
# SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT, so --array=1-8 works as well. Resubmitting the same array resumes:
# finished points are skipped, a task killed at its time limit loses only the points it had in flight.
#SBATCH --job-name=qdsim-sweep
#SBATCH --array=0-7
#SBATCH --cpus-per-task=8
#SBATCH --mem-per-cpu=1G
#SBATCH --time=02:00:00
#SBATCH --output=qdsim-sweep-%A_%a.log
set -euo pipefail

SWEEP_FILE=${1:?usage: sbatch slurm-sweep.sh SWEEP.json OUT_DIR}
OUT_DIR=${2:?usage: sbatch slurm-sweep.sh SWEEP.json OUT_DIR}
QDSIM=${QDSIM:-qdsim}   # the qdsim executable, or "dotnet /path/to/qdsim.dll"

# Equivalent explicit form (0-based array only): --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"
$QDSIM sweep "$SWEEP_FILE" --out "$OUT_DIR" --shard slurm --threads "${SLURM_CPUS_PER_TASK:-1}"
