#!/bin/sh
# NDVI statistics speed: eobatch (Java) against the GDAL/numpy reference on the same inputs, in the same run.
# From the project directory:   sh src/test/bench/ndvi-speed.sh          (LARGE=1 adds a 10980 x 10980 px scene)
# Needs: JDK 17, Maven (offline is fine once dependencies are cached), Debian's gdal-bin python3-gdal python3-numpy.
set -eu
SHARED=${SHARED:-../shared/data}
REF=${REF:-../shared/tools/gdal_zonal_ndvi.py}
PY=/usr/bin/python3
REPS=${REPS:-300}
GDAL_REPS=${GDAL_REPS:-20}
DRAVA=$SHARED/s2l2a-drava-2023-08/sentinel-2-l2a
R29=$SHARED/s2l2a-29RKH-20200219
OUT=target/bench
mkdir -p $OUT

mvn -o -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
CP=target/test-classes:target/classes:$(cat target/bench.cp)

now_ms() { date +%s%N | awk '{printf "%.3f", $1 / 1e6}'; }

# The inputs: the 10 drava items with aoi-drava.geojson and 29RKH with aoi-29RKH.geojson (11 runs of the reference,
# 22 statistics; the Java benchmark computes exactly these 22 statistics per round).
ref_all() {
  for D in $DRAVA/*/; do $PY "$REF" $D/B04.tif $D/B08.tif $D/SCL.tif $SHARED/aoi/aoi-drava.geojson > /dev/null; done
  $PY "$REF" $R29/B04.tif $R29/B08.tif $R29/SCL.tif $SHARED/aoi/aoi-29RKH.geojson > /dev/null
}

echo "== GDAL reference, one python process per scene (as a user runs it), 3 rounds"
ref_all   # warm the page cache
BEST=999999999
for i in 1 2 3; do
  T0=$(now_ms); ref_all; T1=$(now_ms)
  T=$(echo "$T1 $T0" | awk '{printf "%.1f", $1 - $2}')
  echo "gdal.process_round_ms=$T"
  BEST=$(echo "$BEST $T" | awk '{ print ($2 < $1) ? $2 : $1 }')
done
echo "gdal.process_round_best_ms=$BEST"

echo "== GDAL reference inside one interpreter ($GDAL_REPS runs per scene after one warm-up; no start-up, no imports)"
INPROC=0
for D in $DRAVA/*/; do
  T=$($PY src/test/bench/gdal_inprocess.py $GDAL_REPS "$REF" $D/B04.tif $D/B08.tif $D/SCL.tif $SHARED/aoi/aoi-drava.geojson)
  INPROC=$(echo "$INPROC $T" | awk '{printf "%.4f", $1 + $2}')
done
T=$($PY src/test/bench/gdal_inprocess.py $GDAL_REPS "$REF" $R29/B04.tif $R29/B08.tif $R29/SCL.tif $SHARED/aoi/aoi-29RKH.geojson)
INPROC=$(echo "$INPROC $T" | awk '{printf "%.4f", $1 + $2}')
echo "gdal.inprocess_round_ms=$INPROC"

echo "== eobatch (Java), $REPS rounds after warm-up"
T0=$(now_ms)
java -cp "$CP" io.eobatch.bench.NdviSpeedBenchmark --shared $SHARED --reps $REPS | tee $OUT/java-sample.txt
T1=$(now_ms)
echo "java.process_total_ms=$(echo "$T1 $T0" | awk '{printf "%.1f", $1 - $2}')"
JROUND=$(sed -n 's/^sample.round_ms=//p' $OUT/java-sample.txt)
JDECODE=$(sed -n 's/^sample.decode_round_ms=//p' $OUT/java-sample.txt)

echo "== ratios (GDAL time / eobatch time, same 22 statistics)"
echo "ratio.gdal_processes_vs_java_statistics=$(echo "$BEST $JROUND" | awk '{printf "%.0f", $1 / $2}')"
echo "ratio.gdal_inprocess_vs_java_statistics=$(echo "$INPROC $JROUND" | awk '{printf "%.1f", $1 / $2}')"
echo "ratio.gdal_inprocess_vs_java_decode_and_statistics=$(echo "$INPROC $JDECODE" | awk '{printf "%.2f", $1 / $2}')"

if [ "${LARGE:-0}" = "1" ]; then
  L=${LARGE_DIR:-/tmp/eobatch-bench-large}
  SRC=$DRAVA/S2B_33TWL_20230820_0_L2A
  mkdir -p $L
  echo "== large synthetic scene in $L: B04/B08 10980 x 10980 px, SCL 5490 x 5490 (gdal_translate -outsize, nearest)"
  for B in B04 B08; do
    [ -f $L/$B.tif ] || gdal_translate -q -outsize 10980 10980 -r near -co TILED=YES -co COMPRESS=DEFLATE $SRC/$B.tif $L/$B.tif
  done
  [ -f $L/SCL.tif ] || gdal_translate -q -outsize 5490 5490 -r near -co TILED=YES -co COMPRESS=DEFLATE $SRC/SCL.tif $L/SCL.tif
  T0=$(now_ms)
  $PY "$REF" $L/B04.tif $L/B08.tif $L/SCL.tif $SHARED/aoi/aoi-drava.geojson | tee $OUT/gdal-large.jsonl | cut -c1-100
  T1=$(now_ms)
  GL=$(echo "$T1 $T0" | awk '{printf "%.1f", $1 - $2}')
  echo "gdal.large_process_ms=$GL"
  GLI=$($PY src/test/bench/gdal_inprocess.py 2 "$REF" $L/B04.tif $L/B08.tif $L/SCL.tif $SHARED/aoi/aoi-drava.geojson)
  echo "gdal.large_inprocess_ms=$GLI"
  java -Xmx8g -cp "$CP" io.eobatch.bench.NdviSpeedBenchmark --shared $SHARED --reps 1 --warmup 0 --decode-reps 1 \
       --large $L --large-aoi $SHARED/aoi/aoi-drava.geojson --large-reps 5 | grep '^large' | tee $OUT/java-large.txt
  JL=$(awk -F= '/^large\..*\.ms=/ {s += $2} END {printf "%.4f", s}' $OUT/java-large.txt)
  JLD=$(sed -n 's/^large.decode_ms=//p' $OUT/java-large.txt)
  echo "java.large_statistics_ms=$JL"
  echo "== large: same counts and means as GDAL?"
  $PY - $OUT/gdal-large.jsonl $OUT/java-large.txt <<'PYEOF'
import json, sys
g = {o["id"]: o for o in map(json.loads, open(sys.argv[1]))}
j = dict(l.strip().split("=", 1) for l in open(sys.argv[2]) if "=" in l)
for i, o in g.items():
    ok = int(j["large.%s.pixels" % i]) == o["pixelsInPolygon"] and int(j["large.%s.valid" % i]) == o["valid"] \
        and abs(float(j["large.%s.mean" % i]) - o["mean"]) < 1e-9
    print("large.%s.equal_to_gdal=%s (mean diff %.1e)" % (i, ok, float(j["large.%s.mean" % i]) - o["mean"]))
PYEOF
  echo "ratio.large_gdal_inprocess_vs_java_statistics=$(echo "$GLI $JL" | awk '{printf "%.1f", $1 / $2}')"
  echo "ratio.large_gdal_process_vs_java_decode_and_statistics=$(echo "$GL $JLD $JL" | awk '{printf "%.2f", $1 / ($2 + $3)}')"
fi
