#!/bin/sh
# NDVI statistics speed: eobatch (Java, GeoTiffBand + SceneStatistics) against GDAL/numpy on the same inputs, in the
# same run. From the project directory:
#   sh src/test/bench/ndvi-speed.sh             sample data only (about 1 min)
#   LARGE=1 sh src/test/bench/ndvi-speed.sh     adds two 10980 x 10980 px scenes in /tmp (about 8 min, ~4 GB RAM)
# Needs: JDK 17, Maven (offline is fine once dependencies are cached), Debian's gdal-bin python3-gdal python3-numpy.
# GDAL is timed with two scripts that give the same numbers: the reference ../shared/tools/gdal_zonal_ndvi.py
# (reads whole bands) and src/test/bench/gdal_window_ndvi.py (reads only each AOI's window, as a careful GDAL user
# would); the script checks that all three (reference, windowed, eobatch) agree. Raw outputs: target/bench/.
# eobatch is timed under both pixel weightings in the same loops (a centre round, then a coverage round, alternately):
# the ratio.coverage_vs_centre.* lines are coverage time / centre time (budget: 1.5).
set -eu
SHARED=${SHARED:-../shared/data}
REF=${REF:-../shared/tools/gdal_zonal_ndvi.py}
WIN=src/test/bench/gdal_window_ndvi.py
PY=/usr/bin/python3
REPS=${REPS:-300}          # Java rounds of the sample statistics (bands in memory)
E2E_REPS=${E2E_REPS:-20}   # Java rounds of the sample end to end (files, HTTP)
GDAL_REPS=${GDAL_REPS:-20} # in-process GDAL runs per sample scene
ROUNDS=${ROUNDS:-3}        # large: interleaved GDAL-process / Java-process rounds
BENCH_ARGS=${BENCH_ARGS:-} # extra NdviSpeedBenchmark arguments, e.g. --parallel-decode
DRAVA=$SHARED/s2l2a-drava-2023-08/sentinel-2-l2a
R29=$SHARED/s2l2a-29RKH-20200219
OUT=target/bench
mkdir -p $OUT

echo "machine: nproc=$(nproc); $(lscpu | grep 'Model name' | sed 's/  */ /g'); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "versions: $(java -version 2>&1 | head -1); GDAL $($PY -c 'from osgeo import gdal; print(gdal.__version__)');" \
     "numpy $($PY -c 'import numpy; print(numpy.__version__)')"
echo "load.before=$(cut -d' ' -f1-3 /proc/loadavg)"

if ! mvn -o -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test \
     > $OUT/mvn.log 2>&1; then
  # Offline without the dependency plugin's own dependencies: the test classpath surefire records in its report.
  echo "(dependency:build-classpath unavailable, see $OUT/mvn.log: classpath taken from a surefire report)"
  mvn -o -q -B test -Dtest=PolygonRasterizerTest > $OUT/mvn.log 2>&1 || { cat $OUT/mvn.log; exit 1; }
  sed -n 's/.*name="surefire.test.class.path" value="\([^"]*\)".*/\1/p' \
    target/surefire-reports/TEST-io.eobatch.raster.PolygonRasterizerTest.xml | tr ':' '\n' | grep '\.jar$' \
    | paste -sd: - > target/bench.cp
fi
CP=target/test-classes:target/classes:$(cat target/bench.cp)
BENCH="java -cp $CP io.eobatch.bench.NdviSpeedBenchmark"

now_ms() { date +%s%N | awk '{printf "%.3f", $1 / 1e6}'; }
# timed CMD...: runs CMD (stdout to $TIMED_OUT), appends "wall_ms cpu_ms" of the process to $TIMED_LOG
timed() {
  /usr/bin/time -f "%e %U %S" -o $OUT/time.tmp "$@" > "$TIMED_OUT"
  awk '{printf "%.1f %.1f\n", $1 * 1000, ($2 + $3) * 1000}' $OUT/time.tmp >> "$TIMED_LOG"
}
median_col() { sort -n -k"$1" "$2" | awk -v k="$1" '{a[NR] = $k} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# ---------------------------------------------------------------------------------------------------- sample
# The 10 drava items with aoi-drava.geojson and 29RKH with aoi-29RKH.geojson: 11 scenes, 22 statistics.
ref_all() {
  for D in $DRAVA/*/; do $PY "$1" $D/B04.tif $D/B08.tif $D/SCL.tif $SHARED/aoi/aoi-drava.geojson > /dev/null; done
  $PY "$1" $R29/B04.tif $R29/B08.tif $R29/SCL.tif $SHARED/aoi/aoi-29RKH.geojson > /dev/null
}
echo "== sample, GDAL reference, one python process per scene (as a user runs it), best of 3 rounds"
ref_all "$REF"   # warm the page cache
BEST=999999999
for i in 1 2 3; do
  T0=$(now_ms); ref_all "$REF"; T1=$(now_ms)
  BEST=$(echo "$BEST $T1 $T0" | awk '{ t = $2 - $3; print (t < $1) ? t : $1 }')
done
echo "gdal.process_round_best_ms=$BEST"

inproc_all() {  # sums "wall cpu" of gdal_inprocess.py over the 11 scenes
  { for D in $DRAVA/*/; do
      $PY src/test/bench/gdal_inprocess.py $GDAL_REPS "$1" $D/B04.tif $D/B08.tif $D/SCL.tif $SHARED/aoi/aoi-drava.geojson
    done
    $PY src/test/bench/gdal_inprocess.py $GDAL_REPS "$1" $R29/B04.tif $R29/B08.tif $R29/SCL.tif $SHARED/aoi/aoi-29RKH.geojson
  } | awk '{w += $1; c += $2} END {printf "%.1f %.1f", w, c}'
}
echo "== sample, GDAL inside one interpreter ($GDAL_REPS runs per scene after one warm-up; no start-up, no imports)"
set -- $(inproc_all "$REF"); GREF=$1; GREFC=$2
echo "gdal.reference_inprocess_round_ms=$GREF cpu_ms=$GREFC"
set -- $(inproc_all "$WIN"); GWIN=$1; GWINC=$2
echo "gdal.windowed_inprocess_round_ms=$GWIN cpu_ms=$GWINC"

echo "== sample, eobatch (Java): statistics $REPS rounds, end to end $E2E_REPS rounds (files, HTTP on 127.0.0.1)"
$BENCH --shared $SHARED --reps $REPS --e2e-reps $E2E_REPS --http $BENCH_ARGS | tee $OUT/java-sample.txt
JROUND=$(sed -n 's/^sample.round_ms=//p' $OUT/java-sample.txt)
JFILES=$(sed -n 's/^sample.files_round_ms=//p' $OUT/java-sample.txt)
JFILESC=$(sed -n 's/^sample.files_round_cpu_ms=//p' $OUT/java-sample.txt)
JHTTP=$(sed -n 's/^sample.http_round_ms=//p' $OUT/java-sample.txt)
echo "== sample ratios (GDAL time / eobatch time, same 22 statistics; > 1 means eobatch is faster)"
r() { echo "$1 $2" | awk '{printf "%.2f", $1 / $2}'; }
echo "ratio.gdal_processes_vs_java_statistics=$(r $BEST $JROUND)"
echo "ratio.gdal_reference_inprocess_vs_java_statistics=$(r $GREF $JROUND)"
echo "ratio.gdal_reference_inprocess_vs_java_files=$(r $GREF $JFILES)"
echo "ratio.gdal_windowed_inprocess_vs_java_files=$(r $GWIN $JFILES) (cpu $(r $GWINC $JFILESC))"
echo "ratio.gdal_windowed_inprocess_vs_java_http=$(r $GWIN $JHTTP)"
echo "== coverage weighting vs centre rule (eobatch, same run, alternating rounds; coverage time / centre time)"
grep '^ratio.coverage_vs_centre' $OUT/java-sample.txt

if [ "${LARGE:-0}" = "1" ]; then
  # ------------------------------------------------------------------------------------------------- large
  L1=${LARGE_DIR:-/tmp/eobatch-bench-large}
  L2=${LARGE_COG_DIR:-/tmp/eobatch-bench-large-cog}
  SRC=$DRAVA/S2B_33TWL_20230820_0_L2A
  mkdir -p $L1 $L2
  echo "== large scenes: B04/B08 10980 x 10980 px, SCL 5490 x 5490, the extent of the drava clip (3.65 x 2.73 m px)"
  # L1: nearest blow-up, 256 px tiles, DEFLATE: blocky, compresses ~150:1 (cheap to decode)
  for B in B04 B08; do
    [ -f $L1/$B.tif ] || gdal_translate -q -outsize 10980 10980 -r near -co TILED=YES -co COMPRESS=DEFLATE $SRC/$B.tif $L1/$B.tif
  done
  [ -f $L1/SCL.tif ] || gdal_translate -q -outsize 5490 5490 -r near -co TILED=YES -co COMPRESS=DEFLATE $SRC/SCL.tif $L1/SCL.tif
  # L2: the same plus 0..63 DN of noise on non-zero pixels, as COGs with 1024 px tiles, DEFLATE, no predictor, overviews
  # (the layout of Earth Search's 10 m COGs; ~210 MB a band, like real ones)
  for B in B04 B08; do
    if [ ! -f $L2/$B.tif ]; then
      gdal_calc.py --quiet --overwrite -A $L1/$B.tif --type=UInt16 --NoDataValue=0 \
        --calc="numpy.where(A > 0, numpy.clip(A + numpy.random.default_rng(1).integers(0, 64, A.shape), 1, 65535), 0)" \
        --co TILED=YES --co COMPRESS=DEFLATE --co PREDICTOR=2 --outfile=$L2/noisy_$B.tif
      gdal_translate -q -of COG -co BLOCKSIZE=1024 -co COMPRESS=DEFLATE $L2/noisy_$B.tif $L2/$B.tif
      rm $L2/noisy_$B.tif
    fi
  done
  [ -f $L2/SCL.tif ] || gdal_translate -q -of COG -co BLOCKSIZE=1024 -co COMPRESS=DEFLATE -co RESAMPLING=NEAREST $L1/SCL.tif $L2/SCL.tif
  ls -l $L1 $L2
  AOI=$SHARED/aoi/aoi-drava.geojson
  for L in $L1 $L2; do
    N=$(basename $L)
    echo "== large $N: GDAL reference, one process (reads whole bands)"
    TIMED_OUT=$OUT/gdal-ref-$N.jsonl TIMED_LOG=$OUT/t-ref-$N.txt; : > $TIMED_LOG
    timed $PY "$REF" $L/B04.tif $L/B08.tif $L/SCL.tif $AOI
    echo "gdal.$N.reference_process_ms cpu_ms=$(cat $TIMED_LOG)"
    echo "== large $N: $ROUNDS interleaved rounds of one GDAL windowed process and one Java process (cold JVM)"
    : > $OUT/t-win-$N.txt; : > $OUT/t-java-$N.txt
    for i in $(seq $ROUNDS); do
      TIMED_OUT=$OUT/gdal-win-$N.jsonl TIMED_LOG=$OUT/t-win-$N.txt timed $PY $WIN $L/B04.tif $L/B08.tif $L/SCL.tif $AOI
      TIMED_OUT=$OUT/java-once-$N.txt TIMED_LOG=$OUT/t-java-$N.txt timed $BENCH --once $L $AOI
    done
    GW=$(median_col 1 $OUT/t-win-$N.txt); GWC=$(median_col 2 $OUT/t-win-$N.txt)
    JW=$(median_col 1 $OUT/t-java-$N.txt); JWC=$(median_col 2 $OUT/t-java-$N.txt)
    echo "gdal.$N.windowed_process_ms=$GW cpu_ms=$GWC (median; all: $(tr '\n' ';' < $OUT/t-win-$N.txt))"
    echo "java.$N.process_ms=$JW cpu_ms=$JWC (median; all: $(tr '\n' ';' < $OUT/t-java-$N.txt))"
    echo "== large $N: GDAL windowed inside one interpreter (3 runs after a warm-up)"
    set -- $($PY src/test/bench/gdal_inprocess.py 3 $WIN $L/B04.tif $L/B08.tif $L/SCL.tif $AOI); GI=$1; GIC=$2
    echo "gdal.$N.windowed_inprocess_ms=$GI cpu_ms=$GIC"
    echo "== large $N: eobatch inside one JVM (5 runs after a warm-up; files, reads alone, HTTP, bands in memory)"
    java -Xmx8g -cp "$CP" io.eobatch.bench.NdviSpeedBenchmark --reps 0 --large $L --large-aoi $AOI --large-reps 5 \
         --http --large-memory $BENCH_ARGS | grep '^large\|^ratio' | tee $OUT/java-large-$N.txt
    JI=$(sed -n "s/^large.$N.files_ms=//p" $OUT/java-large-$N.txt)
    JIC=$(sed -n "s/^large.$N.files_cpu_ms=//p" $OUT/java-large-$N.txt)
    echo "== large $N: do the reference, the windowed script and eobatch agree? (counts exactly, mean to 1e-9)"
    $PY - $OUT/gdal-ref-$N.jsonl $OUT/gdal-win-$N.jsonl $OUT/java-large-$N.txt $N <<'PYEOF'
import json, sys
ref = {o["id"]: o for o in map(json.loads, open(sys.argv[1]))}
win = {o["id"]: o for o in map(json.loads, open(sys.argv[2]))}
j = dict(l.strip().split("=", 1) for l in open(sys.argv[3]) if "=" in l)
n = sys.argv[4]
for i, o in ref.items():
    ok = win[i] == o and int(j["large.%s.%s.pixels" % (n, i)]) == o["pixelsInPolygon"] \
        and int(j["large.%s.%s.valid" % (n, i)]) == o["valid"] and abs(float(j["large.%s.%s.mean" % (n, i)]) - o["mean"]) < 1e-9
    print("large.%s.%s.all_equal=%s (windowed == reference: %s; java mean - reference mean = %.1e)"
          % (n, i, ok, win[i] == o, float(j["large.%s.%s.mean" % (n, i)]) - o["mean"]))
PYEOF
    echo "ratio.$N.gdal_windowed_process_vs_java_process=$(r $GW $JW) (cpu $(r $GWC $JWC))"
    echo "ratio.$N.gdal_windowed_inprocess_vs_java_in_jvm=$(r $GI $JI) (cpu $(r $GIC $JIC))"
    echo "ratio.$N.gdal_reference_process_vs_java_process=$(r $(cut -d' ' -f1 $OUT/t-ref-$N.txt) $JW)"
  done
fi
echo "load.after=$(cut -d' ' -f1-3 /proc/loadavg)"
