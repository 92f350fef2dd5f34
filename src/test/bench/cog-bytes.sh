#!/bin/sh
# COG byte-efficiency and decode-time benchmark of the GeoTIFF reader (not a unit test).
#
#   src/test/bench/cog-bytes.sh [workdir]        (run from the project directory; default workdir /tmp/eobatch-cog-bench)
#
# 1. Makes a full-size 10980x10980 UInt16 COG (10 m pixels, EPSG:32633) from the drava B04 clip with GDAL:
#    bilinear upsampling plus uniform noise 0..63 DN (so that it compresses about like real 10 m imagery),
#    then gdal_translate -of COG -co BLOCKSIZE=1024 -co COMPRESS=DEFLATE, with and without -co PREDICTOR=2.
#    Files go to the work dir, never into the project.
# 2. Runs io.eobatch.bench.CogBytesBench (src/test/java) with the test classpath: it serves the COGs from an HTTP
#    server on 127.0.0.1, reads AOI windows and prints bytes/requests vs TileByteCounts, then times the read+decode
#    of a 1024x1024 window against gdal_translate -srcwin of the same window.
set -eu
WORK=${1:-/tmp/eobatch-cog-bench}
SRC=${EOBATCH_SHARED_DATA:-../shared/data}/s2l2a-drava-2023-08/sentinel-2-l2a/S2A_33TWL_20230815_0_L2A/B04.tif
mkdir -p "$WORK"
if [ ! -f "$WORK/cog_deflate.tif" ] || [ ! -f "$WORK/cog_deflate_pred2.tif" ]; then
    gdal_translate -q -outsize 10980 10980 -r bilinear -a_ullr 500000 5200020 609800 5090220 -ot Float32 \
        "$SRC" "$WORK/up.tif"
    gdal_calc.py --quiet --overwrite -A "$WORK/up.tif" --type=UInt16 --NoDataValue=0 \
        --calc="numpy.clip(A + numpy.random.default_rng(1).integers(0, 64, A.shape), 1, 65535)" \
        --co TILED=YES --co COMPRESS=DEFLATE --outfile="$WORK/full.tif"
    rm -f "$WORK/up.tif"
    gdal_translate -q -of COG -co BLOCKSIZE=1024 -co COMPRESS=DEFLATE "$WORK/full.tif" "$WORK/cog_deflate.tif"
    gdal_translate -q -of COG -co BLOCKSIZE=1024 -co COMPRESS=DEFLATE -co PREDICTOR=2 "$WORK/full.tif" "$WORK/cog_deflate_pred2.tif"
    rm -f "$WORK/full.tif"
fi
ls -l "$WORK"/cog_*.tif
mvn -o -q -B test-compile
echo "machine: nproc=$(nproc), $(lscpu | grep 'Model name' | sed 's/  */ /g')"
echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
java -cp target/classes:target/test-classes io.eobatch.bench.CogBytesBench "$WORK" "$WORK/cog_deflate.tif" "$WORK/cog_deflate_pred2.tif"
