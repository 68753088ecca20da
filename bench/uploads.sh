#!/usr/bin/env bash
# What a hostile spreadsheet upload costs against the real template, in one run (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -q -p pilotage-spreadsheet --bench hostile_uploads
