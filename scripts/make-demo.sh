#!/usr/bin/env bash
# Regenerates the bundled demo: a small simulated world in each of the four platform formats
# (examples/demo/<format>/), with its ground truth apart (examples/demo-truth/<format>/) so that
# reading examples/demo reads posts only.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
rm -rf examples/demo examples/demo-truth
for format in x-stream jetstream mastodon telegram; do
  scratch=$(mktemp -d)
  node bin/tagwatch.js simulate --posts 1000 --seed "demo-$format" --days 21 --out "$scratch" --format "$format"
  mkdir -p "examples/demo/$format" "examples/demo-truth/$format"
  mv "$scratch"/truth/* "examples/demo-truth/$format/"
  rmdir "$scratch/truth"
  mv "$scratch"/* "examples/demo/$format/"
  rmdir "$scratch"
done
