#!/usr/bin/env bash
# make fuzz: property-based fuzzing of issue/front-matter parsing, metric blocks and the preview's
# request paths for a bounded time. FUZZ_SECONDS is the time per target (default 100, so five minutes
# in all with the build); FUZZ_SEED picks another sequence of mutations. The corpus is in
# Tests/JianbaoFuzzTests/Corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_SECONDS="${FUZZ_SECONDS:-100}"
export FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"
echo "模糊测试：每个目标 ${FUZZ_SECONDS} 秒，种子 ${FUZZ_SEED}（用 FUZZ_SEED=${FUZZ_SEED} 复现）"
swift test --filter JianbaoFuzzTests
