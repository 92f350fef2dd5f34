#!/bin/sh
# Recomputes the expected statistics of the tests with the GDAL/numpy reference (needs Debian's gdal-bin,
# python3-gdal, python3-numpy). Run from the project directory:   sh src/test/resources/expected/regenerate.sh
# The tests themselves never need GDAL: they read the files this script writes.
set -eu
SHARED=${SHARED:-../shared/data}
REF=${REF:-/work/shared/tools/gdal_zonal_ndvi.py}
PY=/usr/bin/python3
OUT=src/test/resources/expected
R=$SHARED/s2l2a-29RKH-20200219
$PY "$REF" $R/B04.tif $R/B08.tif $R/SCL.tif $SHARED/aoi/aoi-29RKH.geojson > $OUT/29RKH-20200219.jsonl
mkdir -p $OUT/drava
for D in $SHARED/s2l2a-drava-2023-08/sentinel-2-l2a/*/; do
  ITEM=$(basename "$D")
  $PY "$REF" $D/B04.tif $D/B08.tif $D/SCL.tif $SHARED/aoi/aoi-drava.geojson > $OUT/drava/$ITEM.jsonl
done
