#!/bin/sh
# Recomputes the expected statistics of the tests with the GDAL/numpy reference (needs Debian's gdal-bin,
# python3-gdal, python3-numpy). Run from the project directory:   sh src/test/resources/expected/regenerate.sh
# The tests themselves never need GDAL: they read the files this script writes.
set -eu
SHARED=${SHARED:-../shared/data}
REF=${REF:-../shared/tools/gdal_zonal_ndvi.py}
PY=/usr/bin/python3
OUT=src/test/resources/expected
R=$SHARED/s2l2a-29RKH-20200219
$PY "$REF" $R/B04.tif $R/B08.tif $R/SCL.tif $SHARED/aoi/aoi-29RKH.geojson > $OUT/29RKH-20200219.jsonl
mkdir -p $OUT/drava
for D in $SHARED/s2l2a-drava-2023-08/sentinel-2-l2a/*/; do
  ITEM=$(basename "$D")
  $PY "$REF" $D/B04.tif $D/B08.tif $D/SCL.tif $SHARED/aoi/aoi-drava.geojson > $OUT/drava/$ITEM.jsonl
done

# NDWI, EVI, a BOA offset of -1000 (forced on an item that does not need it, to test the arithmetic), histograms
# and SCL cloud counts, with this project's generalisation of the reference script (same pixel semantics):
TOOL=src/test/tools/gdal_zonal_index.py
DR=$SHARED/s2l2a-drava-2023-08/sentinel-2-l2a
mkdir -p $OUT/index $OUT/mosaic
for ITEM in S2B_33TWL_20230820_0_L2A S2A_33TWM_20230818_0_L2A; do
  for IDX in NDVI NDWI EVI; do
    $PY $TOOL --index $IDX $DR/$ITEM $SHARED/aoi/aoi-drava.geojson > $OUT/index/$IDX-$ITEM.jsonl
  done
done
$PY $TOOL --index NDVI --boa-offset -1000 $DR/S2B_33TWL_20230820_0_L2A $SHARED/aoi/aoi-drava.geojson \
  > $OUT/index/NDVI-offset-1000-S2B_33TWL_20230820_0_L2A.jsonl
$PY $TOOL --index EVI --boa-offset -1000 $DR/S2B_33TWL_20230820_0_L2A $SHARED/aoi/aoi-drava.geojson \
  > $OUT/index/EVI-offset-1000-S2B_33TWL_20230820_0_L2A.jsonl
$PY $TOOL --index NDVI $R $SHARED/aoi/aoi-29RKH.geojson > $OUT/index/NDVI-29RKH-20200219.jsonl

# Per-day mosaics of the two overlapping MGRS tiles (33TWL + 33TWM) of each date.
for DATE in 20230810 20230813 20230815 20230818 20230820; do
  $PY $TOOL --mosaic --index NDVI $DR/*_33TWL_${DATE}_0_L2A $DR/*_33TWM_${DATE}_0_L2A $SHARED/aoi/aoi-drava.geojson \
    > $OUT/mosaic/NDVI-$DATE.jsonl
done

# Hard cases (AOIs made by src/test/tools/make_test_aois.py, synthetic raster by make_zone_edge_raster.py),
# through the shared reference script, plus their mosaic on 2023-08-20 through the tool above.
mkdir -p $OUT/hard
for ITEM in S2B_33TWL_20230820_0_L2A S2A_33TWM_20230818_0_L2A; do
  for AOI in hard-drava ties-utm33; do
    $PY "$REF" $DR/$ITEM/B04.tif $DR/$ITEM/B08.tif $DR/$ITEM/SCL.tif src/test/resources/aoi/$AOI.geojson \
      > $OUT/hard/$AOI-$ITEM.jsonl
  done
done
for AOI in hard-drava ties-utm33; do
  $PY $TOOL --mosaic --index NDVI $DR/S2B_33TWL_20230820_0_L2A $DR/S2B_33TWM_20230820_0_L2A \
    src/test/resources/aoi/$AOI.geojson > $OUT/hard/$AOI-mosaic-20230820.jsonl
done
Z=src/test/resources/synthetic/zone-edge
$PY "$REF" $Z/B04.tif $Z/B08.tif $Z/SCL.tif src/test/resources/aoi/zone-edge.geojson > $OUT/hard/zone-edge.jsonl
$PY "$REF" $R/B04.tif $R/B08.tif $R/SCL.tif src/test/resources/aoi/ties-utm29.geojson > $OUT/hard/ties-utm29-29RKH.jsonl
Z=src/test/resources/synthetic/rounding
$PY "$REF" $Z/B04.tif $Z/B08.tif $Z/SCL.tif src/test/resources/aoi/ties-rounding.geojson > $OUT/hard/ties-rounding.jsonl

# Coverage weighting (exactextract's definitions). The reference is shared/tools/coverage_zonal_ndvi.py (GDAL + GEOS);
# src/test/tools/coverage_zonal_index.py computes the same weights the same way and adds what the tests check besides
# (weighted percentiles, valid and cloud counts, histogram, invalid AOIs made valid, mosaics). Every single-scene line
# it writes is checked here against the shared reference's line for the same feature (pixels equal, coverage and
# validCoverage to 1e-9 pixel, mean/stdev/min/max to 1e-12); the shared script stops at the first invalid polygon,
# so it is run on a copy of the AOI file holding the valid features only.
COV=${COV:-../shared/tools/coverage_zonal_ndvi.py}
CTOOL=src/test/tools/coverage_zonal_index.py
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# cov_scene SCENE_DIR AOI OUT_FILE [--keep-unknown-scl]
cov_scene() {
  $PY $CTOOL ${4:-} "$1" "$2" > "$3"
  $PY - "$2" $TMP/valid.geojson <<'PYEOF'
import json, sys
from shapely.geometry import shape
fc = json.load(open(sys.argv[1]))
fc["features"] = [f for f in fc["features"] if shape(f["geometry"]).is_valid]
json.dump(fc, open(sys.argv[2], "w"))
PYEOF
  $PY "$COV" "$1/B04.tif" "$1/B08.tif" "$1/SCL.tif" $TMP/valid.geojson > $TMP/ref.jsonl
  $PY - $TMP/ref.jsonl "$3" <<'PYEOF'
import json, sys
ref = [json.loads(l) for l in open(sys.argv[1])]
ours = {o["id"]: o for o in map(json.loads, open(sys.argv[2]))}
bad = []
for r in ref:
    o = ours[r["id"]]
    tol = {"coverage": 1e-9, "validCoverage": 1e-9, "mean": 1e-12, "stdev": 1e-12, "min": 1e-12, "max": 1e-12}
    if o["pixels"] != r["pixels"] or set(r) - {"id", "pixels"} - set(o) \
            or any(abs(o[k] - r[k]) > tol[k] for k in r if k in tol):
        bad.append((r, o))
if bad:
    sys.exit("%s differs from the shared reference: %s" % (sys.argv[2], bad))
print("%s: %d of %d features checked against the shared reference" % (sys.argv[2], len(ref), len(ours)))
PYEOF
}
mkdir -p $OUT/coverage/drava $OUT/coverage/hard $OUT/coverage/mosaic
cov_scene $R $SHARED/aoi/aoi-29RKH.geojson $OUT/coverage/29RKH-20200219.jsonl
for D in $DR/*/; do
  cov_scene ${D%/} $SHARED/aoi/aoi-drava.geojson $OUT/coverage/drava/$(basename "$D").jsonl
done
for ITEM in S2B_33TWL_20230820_0_L2A S2A_33TWM_20230818_0_L2A; do
  for AOI in hard-drava ties-utm33; do
    cov_scene $DR/$ITEM src/test/resources/aoi/$AOI.geojson $OUT/coverage/hard/$AOI-$ITEM.jsonl
  done
done
cov_scene $R src/test/resources/aoi/ties-utm29.geojson $OUT/coverage/hard/ties-utm29-29RKH.jsonl
cov_scene src/test/resources/synthetic/rounding src/test/resources/aoi/ties-rounding.geojson \
  $OUT/coverage/hard/ties-rounding.jsonl
cov_scene src/test/resources/synthetic/zone-edge src/test/resources/aoi/zone-edge.geojson \
  $OUT/coverage/hard/zone-edge.jsonl --keep-unknown-scl
for DATE in 20230810 20230813 20230815 20230818 20230820; do
  $PY $CTOOL --mosaic $DR/*_33TWL_${DATE}_0_L2A $DR/*_33TWM_${DATE}_0_L2A $SHARED/aoi/aoi-drava.geojson \
    > $OUT/coverage/mosaic/NDVI-$DATE.jsonl
done
for AOI in hard-drava ties-utm33; do
  $PY $CTOOL --mosaic $DR/S2B_33TWL_20230820_0_L2A $DR/S2B_33TWM_20230820_0_L2A src/test/resources/aoi/$AOI.geojson \
    > $OUT/coverage/hard/$AOI-mosaic-20230820.jsonl
done
