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
