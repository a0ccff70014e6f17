#!/usr/bin/env bash
# Seed corpora for the fuzz targets, made from the samples, the layouts and documents rendered
# from them (signed and sealed PDFs, page scans as PNG and JPEG, the seals' QR texts). The
# output is generated and large: it goes under build/ and is never committed.
#
#   tests/fuzz/make-seeds.sh [corpus-dir]     default: build/fuzz/corpus
#
# ABSAH names the absah binary (default: build/release/engine/cli/absah); the development PKI
# in keys/dev is made on first use.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/build/fuzz/corpus}"
absah="${ABSAH:-$root/build/release/engine/cli/absah}"
export ABSAH_DATA_DIR="$root" SOURCE_DATE_EPOCH=1780272000
[ -x "$absah" ] || { echo "no absah binary at $absah (set ABSAH=...)" >&2; exit 2; }

for target in record_render layout_parser pdf_checks image_qr png_decode seal_text verify_document http_request; do
  mkdir -p "$out/$target"
  # The committed hand-made seeds and past crashes start every corpus.
  for kind in seeds regressions; do
    [ -d "$root/tests/fuzz/$kind/$target" ] && cp -f "$root/tests/fuzz/$kind/$target"/* "$out/$target"/ 2>/dev/null || true
  done
done

# Records: "<type>\n<record JSON>", one per sample.
for sample in "$root"/samples/*.json; do
  type="$(basename "$sample" .json)"
  { printf '%s\n' "$type"; cat "$sample"; } >"$out/record_render/$type"
done

# Layouts as written (their $include of parts/ resolves against the real parts).
cp -f "$root"/layouts/*.jsonc "$out/layout_parser/"
cp -f "$root"/layouts/parts/*.jsonc "$out/layout_parser/" 2>/dev/null || true

# Rendered documents: a card, a table-heavy KK, a letter and an akta, signed and sealed.
[ -f "$root/keys/dev/signing-key.pem" ] || "$absah" keys init --dir "$root/keys/dev" >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for type in ktp_el kk sk_pindah akta_kelahiran; do
  "$absah" render --type "$type" --data "$root/samples/$type.json" --out "$work/$type.pdf" >/dev/null
  "$absah" render --type "$type" --data "$root/samples/$type.json" --out "$work/$type-unsigned.pdf" \
    --unsigned >/dev/null
  for target in pdf_checks verify_document; do
    cp -f "$work/$type.pdf" "$work/$type-unsigned.pdf" "$out/$target/"
  done
  # The seal URL is the URI of the QR's link annotation.
  qpdf --qdf --object-streams=disable "$work/$type.pdf" "$work/$type.qdf.pdf" || true
  grep -ao '/URI ([^)]*)' "$work/$type.qdf.pdf" | sed 's|^/URI (||; s|)$||' | head -1 \
    | tr -d '\n' >"$out/seal_text/$type.txt"
  # Scans: small pages at low resolution (the image target caps images at 1 MP).
  pdftoppm -r 50 -gray -png -f 1 -l 1 "$work/$type.pdf" "$work/$type-scan"
  pdftoppm -r 50 -gray -jpeg -jpegopt quality=60 -f 1 -l 1 "$work/$type.pdf" "$work/$type-scan"
  for target in image_qr verify_document; do cp -f "$work/$type"-scan*.{png,jpg} "$out/$target/"; done
done
# A card at a readable resolution, where the QR decodes.
pdftoppm -r 150 -gray -png -f 1 -l 1 "$work/ktp_el.pdf" "$work/ktp-150"
cp -f "$work"/ktp-150*.png "$out/image_qr/"
cp -f "$out"/seal_text/*.txt "$out/verify_document/"

# HTTP requests (fuzz_http_request.cpp: a route byte, then the body): each sample as an issue
# request, each rendered PDF and scan as a verify body, each seal as a public-page path.
for sample in "$root"/samples/*.json; do
  type="$(basename "$sample" .json)"
  { printf '\x00{"type":"%s","record":' "$type"; cat "$sample"; printf '}'; } \
    >"$out/http_request/issue-$type"
done
for file in "$out"/verify_document/*.pdf "$out"/verify_document/*.png; do
  { printf '\x01'; cat "$file"; } >"$out/http_request/verify-$(basename "$file")"
done
for file in "$out"/seal_text/*.txt; do
  { printf '\x05'; sed 's|^.*/v/||' "$file"; } >"$out/http_request/public-$(basename "$file" .txt)"
done
for target in "$out"/*/; do echo "$(ls "$target" | wc -l) seeds in $target"; done
