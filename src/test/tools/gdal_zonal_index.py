#!/usr/bin/python3
"""GDAL/numpy reference for eobatch's index statistics, generalising shared/tools/gdal_zonal_ndvi.py (same pixel
semantics, same output keys) to NDVI/NDWI/EVI, a BOA offset, a histogram and per-day mosaics.

usage: gdal_zonal_index.py [--index NDVI|NDWI|EVI] [--boa-offset N] [--mosaic] SCENE_DIR [SCENE_DIR ...] AOI.geojson

SCENE_DIR holds B02/B03/B04/B08/SCL.tif and optionally the STAC item JSON (eo:cloud_cover orders a mosaic).
Single scene (one SCENE_DIR, no --mosaic): the AOI is burnt on the first index band's grid (gdal.RasterizeLayer,
pixel centre inside), SCL warped nearest onto it, invalid where a band DN is 0, SCL in {0,1,3,8,9,10} or unknown
(> 11), or the index denominator is 0.
--mosaic: scenes ordered by (eo:cloud_cover, item id); the common grid is the first scene's band grid over the
AOI's bounding-box window [floor(min), ceil(max)) in pixels, not clipped; every scene's bands and SCL are warped
nearest onto it; a pixel counts when its centre lies on at least one scene's raster and takes the first valid scene.
Output: one JSON line per feature (its "id" property)."""
import sys, json, math, os
import numpy as np
from osgeo import gdal, ogr, osr
from zonal_common import cloud_cover, warp_near
gdal.UseExceptions()

BANDS = {'NDVI': ['B04', 'B08'], 'NDWI': ['B03', 'B08'], 'EVI': ['B02', 'B04', 'B08']}
INVALID_SCL = {0, 1, 3, 8, 9, 10}

args = sys.argv[1:]
index, offset, mosaic = 'NDVI', 0, False
while args and args[0].startswith('--'):
    a = args.pop(0)
    if a == '--index': index = args.pop(0)
    elif a == '--boa-offset': offset = int(args.pop(0))
    elif a == '--mosaic': mosaic = True
    else: sys.exit('unknown option ' + a)
scenes, aoi_p = args[:-1], args[-1]

def compute(dns, off):
    v = [d + off for d in dns]
    with np.errstate(divide='ignore', invalid='ignore'):
        if index == 'NDVI':
            den = v[1] + v[0]; val = (v[1] - v[0]) / den
        elif index == 'NDWI':
            den = v[0] + v[1]; val = (v[0] - v[1]) / den
        else:
            b, r, n = (x * 0.0001 for x in v)
            den = n + 6 * r - 7.5 * b + 1; val = 2.5 * (n - r) / den
    return val, den != 0

def burn(geom, srs, gt, W, H, proj):
    mem = gdal.GetDriverByName('MEM').Create('', W, H, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(gt); mem.SetProjection(proj)
    tmp = ogr.GetDriverByName('Memory').CreateDataSource('m'); l2 = tmp.CreateLayer('l', srs)
    f2 = ogr.Feature(l2.GetLayerDefn()); f2.SetGeometry(geom.Clone()); l2.CreateFeature(f2)
    gdal.RasterizeLayer(mem, [1], l2, burn_values=[1])
    return mem.ReadAsArray() == 1

def stats(fid, inside_count, values, cloud_count):
    out = {"id": fid, "pixelsInPolygon": int(inside_count), "valid": int(values.size),
           "noData": int(inside_count - values.size), "cloud": int(cloud_count)}
    if values.size:
        hist = np.histogram(np.clip(values, -1, 1), bins=20, range=(-1, 1))[0]
        out.update({"mean": float(values.mean()), "min": float(values.min()), "max": float(values.max()),
                    "stDev(pop)": float(values.std()), "p50": float(np.percentile(values, 50)),
                    "p10": float(np.percentile(values, 10)), "p90": float(np.percentile(values, 90)),
                    "histogram": [int(h) for h in hist]})
    return out

vec = ogr.Open(aoi_p); lyr = vec.GetLayer(); srs = lyr.GetSpatialRef()
names = BANDS[index]
if mosaic:
    scenes = sorted(scenes, key=cloud_cover)
first = gdal.Open(os.path.join(scenes[0], names[0] + '.tif'))
gt0, proj0 = first.GetGeoTransform(), first.GetProjection()
for feat in lyr:
    geom = feat.GetGeometryRef()
    if not mosaic:
        W, H, gt = first.RasterXSize, first.RasterYSize, gt0
    else:
        dst = osr.SpatialReference(); dst.ImportFromWkt(proj0)
        dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER); srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        g = geom.Clone(); g.Transform(osr.CoordinateTransformation(srs, dst))
        minx, maxx, miny, maxy = g.GetEnvelope()
        inv = gdal.InvGeoTransform(gt0)  # GDAL's own inverse, as the Java side computes pixel positions
        xs = [inv[0] + x * inv[1] for x in (minx, maxx)]; ys = [inv[3] + y * inv[5] for y in (miny, maxy)]
        c0, r0 = math.floor(min(xs)), math.floor(min(ys))
        W, H = math.ceil(max(xs)) - c0, math.ceil(max(ys)) - r0
        gt = (gt0[0] + c0 * gt0[1], gt0[1], 0.0, gt0[3] + r0 * gt0[5], 0.0, gt0[5])
    inside = burn(geom, srs, gt, W, H, proj0)
    covered = np.zeros((H, W), bool); valid = np.zeros((H, W), bool); cloud = np.zeros((H, W), bool)
    value = np.full((H, W), np.nan)
    for d in scenes:
        ds = gdal.Open(os.path.join(d, names[0] + '.tif')); sgt = ds.GetGeoTransform()
        if mosaic:
            dns = [warp_near(os.path.join(d, n + '.tif'), gt, W, H).astype(np.float64) for n in names]
            cx = gt[0] + (np.arange(W) + 0.5) * gt[1]; cy = gt[3] + (np.arange(H) + 0.5) * gt[5]
            ci = np.floor((cx - sgt[0]) / sgt[1] + 1e-10); ri = np.floor((cy - sgt[3]) / sgt[5] + 1e-10)
            cov = np.outer((ri >= 0) & (ri < ds.RasterYSize), (ci >= 0) & (ci < ds.RasterXSize))
        else:
            dns = [gdal.Open(os.path.join(d, n + '.tif')).ReadAsArray().astype(np.float64) for n in names]
            cov = np.ones((H, W), bool)
        scl = warp_near(os.path.join(d, 'SCL.tif'), gt, W, H)
        bands_ok = np.all([x != 0 for x in dns], axis=0)
        scl_bad = np.isin(scl, list(INVALID_SCL)) | (scl > 11)
        val, den_ok = compute(dns, offset)
        todo = inside & cov & ~valid
        covered |= inside & cov
        cloud |= todo & bands_ok & scl_bad
        good = todo & bands_ok & ~scl_bad & den_ok
        value[good] = val[good]; valid |= good
    fid = feat.GetField('id')
    print(json.dumps(stats(fid, covered.sum(), value[valid], (cloud & ~valid).sum())))
