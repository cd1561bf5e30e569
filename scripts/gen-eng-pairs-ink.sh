#!/bin/sh
# Like gen-eng-pairs.sh (corpus-derived simscan inputs of ocr-pairs/eng, never the devset, read by
# the SYSTEM English model `tesseract -l eng`, psm 3), with the page made more like a real office
# scan before it is read: the ink spread or thinned (toner, photocopies of photocopies), the page
# scanned at 200-300 dpi with simscan's blur/noise/JPEG, and some pages shrunk and enlarged again
# (a fax or a low-resolution scan printed and scanned anew). Deterministic: each input's variant,
# seed and size follow from its number. Writes line-aligned pairs NNN.gt.txt / NNN.ocr.txt into
# OUT (not committed: they hold corpus text).
#   scripts/gen-eng-pairs-ink.sh SHARED OUT [STEP] [OFFSET]   (inputs OFFSET+1, OFFSET+1+STEP, …)
# Run two at once with OFFSETs 0 and 1 and STEP 2 to use two cores. Needs imagemagick, img2pdf,
# python3-gi-cairo and gir1.2-pango-1.0 (apt) for simscan.
set -eu
SHARED=$1; OUT=$2; STEP=${3:-3}; OFFSET=${4:-0}
SIM=$SHARED/tools/simscan
export PATH=/usr/bin:$PATH
mkdir -p "$OUT/runs"
i=0
for f in $(ls "$SHARED"/ocr-pairs/eng/input/*.txt | sort); do
  i=$((i + 1))
  [ $(( (i - 1 - OFFSET) % STEP )) -eq 0 ] || continue
  [ $i -gt "$OFFSET" ] || continue
  id=$(basename "$f" .txt)
  [ -s "$OUT/$id.gt.txt" ] && continue
  level=$(( (i % 2) + 1 ))                 # 300 dpi good scan, 200 dpi average scan
  size=$(( 13 + (i % 2) ))                 # 13-14 pt, as notices are set
  case $(( (i / 2) % 4 )) in               # ink: as printed, spread, thinned, rescaled
    0) ink="" ;;
    1) ink="-morphology Erode Diamond:1" ;;
    2) ink="-morphology Dilate Diamond:1" ;;
    3) ink="-resize 60% -resize 166.67%" ;;
  esac
  run="$OUT/runs/$id"
  "$SIM/simscan" --degrade $level --seed $((9000 + i)) --no-ocr --max-pages 1 --size $size "$f" "$run" >/dev/null 2>&1 || { echo "skip $id"; continue; }
  # shellcheck disable=SC2086
  [ -z "$ink" ] || convert "$run/page-1.png" $ink "$run/page-1.png"
  tesseract "$run/page-1.png" "$run/ocr.eng" -l eng --psm 3 >/dev/null 2>&1
  python3 "$SIM/simscan-pairs.py" "$run/gt.txt" "$run/ocr.eng.txt" "$OUT/$id.gt.txt" "$OUT/$id.ocr.txt" 2>>"$OUT/pairs.log"
  echo "$id level=$level size=$size ink=${ink:-none}" >> "$OUT/variants.log"
  rm -f "$run"/*.png "$run"/*.pdf
done
