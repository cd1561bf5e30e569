#!/bin/sh
# Renders the corpus-derived simscan inputs of ocr-pairs/eng (input/NNN.txt, corpus text, never the
# devset) again, with other seeds and sizes, and reads them with the SYSTEM English model (Debian's
# tesseract-ocr-eng, tessdata_fast) at the CLI's own page segmentation (psm 3): the OCR the
# English-model path meets in practice (`tesseract img out -l eng`), where ocr-pairs/eng used
# tesseract.js's best_int model at psm 6. Deterministic (fixed seeds). Writes line-aligned pairs
# NNN.gt.txt / NNN.ocr.txt into OUT (not committed: they hold corpus text).
#   scripts/gen-eng-pairs.sh SHARED OUT [STEP]   (every STEP-th input; default 3 → 50 pages)
set -eu
SHARED=$1; OUT=$2; STEP=${3:-3}
SIM=$SHARED/tools/simscan
# simscan needs the real ImageMagick; a stand-in convert may come first on PATH.
export PATH=/usr/bin:$PATH
mkdir -p "$OUT/runs"
i=0
for f in $(ls "$SHARED"/ocr-pairs/eng/input/*.txt | sort); do
  i=$((i + 1))
  [ $(( (i - 1) % STEP )) -eq 0 ] || continue
  id=$(basename "$f" .txt)
  [ -s "$OUT/$id.gt.txt" ] && continue
  level=$(( (i % 3) + 1 ))          # 1, 2, 3 in turn
  size=$(( 12 + (i % 3) ))          # 12–14 pt, as real notices are set
  run="$OUT/runs/$id"
  "$SIM/simscan" --degrade $level --seed $((7000 + i)) --langs eng --model fast --psm 3 \
    --max-pages 1 --jobs 1 --size $size "$f" "$run" >/dev/null 2>&1 || { echo "skip $id"; continue; }
  python3 "$SIM/simscan-pairs.py" "$run/gt.txt" "$run/ocr.eng.txt" "$OUT/$id.gt.txt" "$OUT/$id.ocr.txt" 2>>"$OUT/pairs.log"
  rm -f "$run"/*.png "$run"/*.pdf
done
