#!/usr/bin/env bash
# Reproduces the Sichuan example of docs/keytowns.md: the 186 county-level units of Sichuan (2020
# census, ../shared/data) ranked by the indicators the layer has. Needs ogr2ogr (gdal-bin) and a built
# quhua. Usage: scripts/keytowns-sichuan-example.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
out="${2:-$(mktemp -d)}"
layer="$root/../shared/data/china-county-census2020/sichuan_counties_2020census.geojson"
ogr2ogr -f CSV "$out/sichuan_indicators.csv" "$layer" -dialect SQLite -sql \
  "SELECT CODE AS code, NAME AS name, POPU AS population, POPU_URB AS urban_share,
          POPU / area_km2 AS density_per_km2, POPU_REG_P + POPU_REG_O AS inflow_share
   FROM sichuan_counties_2020census ORDER BY CODE"
"$build/quhua" keytowns rank --indicators "$out/sichuan_indicators.csv" --method entropy-topsis \
  --top 20 --max-per-parent 3 --robustness 1000 --seed 2020 --lang en --out "$out/entropy_topsis.xlsx"
"$build/quhua" keytowns rank --indicators "$out/sichuan_indicators.csv" --method combined-topsis \
  --ahp "$root/docs/examples/keytowns/sichuan_ahp.csv" --alpha 0.5 \
  --top 20 --max-per-parent 3 --robustness 1000 --seed 2020 --lang en --out "$out/combined_topsis.xlsx"
echo "tables written to $out" >&2
