#!/usr/bin/python3
"""GDAL + GEOS reference for eobatch's coverage-weighted NDVI statistics, generalising
shared/tools/coverage_zonal_ndvi.py (same weights computed the same way, same output keys) with what the Java tests
also check: the weighted percentiles (definition below), counts of valid and cloudy pixels, the histogram, invalid
AOIs and per-day mosaics.

usage: coverage_zonal_index.py [--keep-unknown-scl] [--mosaic] SCENE_DIR [SCENE_DIR ...] AOI.geojson

Weights: c = area(pixel square ∩ polygon) / area(pixel square) by GEOS (shapely) in the band's CRS after
reprojecting the polygon with OGR, exactly as coverage_zonal_ndvi.py. An invalid polygon (GEOS cannot intersect
it) is first made valid part by part (shapely make_valid) and its parts unioned, which is what JTS's GeometryFixer
does to the shapes of the tests (a bow-tie becomes its two lobes, overlapping parts their union).
Validity: invalid where B04 or B08 is 0, SCL (nearest onto the band grid) is in {0,1,3,8,9,10} or unknown (> 11,
unless --keep-unknown-scl, the shared script's rule), or B04 + B08 = 0.
Single scene: the pixels of the AOI's bounding-box window clipped to the raster.
--mosaic: scenes ordered by (eo:cloud_cover, item id); the first scene's band grid over the window
[floor(min), ceil(max)) of the AOI's exact bounds in pixels, not clipped; every scene warped nearest onto it; a pixel
counts when its centre lies on at least one scene's raster and takes the first scene where it is valid.
Over the pixels with c > 0:
  pixels = their number, valid = those valid, cloud = those invalid only through the SCL (bands non-zero),
  coverage = sum c, validCoverage = sum c over the valid pixels, mean = sum(c v) / sum c,
  stdev = sqrt(sum c (v - mean)^2 / sum c), min, max, histogram (20 bins over [-1, 1] of the clipped values,
  counts of pixels), and the weighted percentiles p10, p50, p90 (exactextract's "quantile"): values sorted by
  (value, weight), position s_k = k w_k + (n - 1) (w_0 + ... + w_{k-1}), the p-th percentile is the value at
  t = p/100 (n - 1) W linearly interpolated between the v_k, v_{k+1} with s_k <= t < s_{k+1}.
Output: one JSON line per feature (its "id" property)."""
import sys, json, os
import numpy as np
from osgeo import gdal, ogr, osr
from shapely import wkb
from shapely.geometry import box
from shapely.prepared import prep
from shapely.ops import unary_union
from shapely.validation import make_valid
from zonal_common import cloud_cover, warp_near
gdal.UseExceptions()

args = sys.argv[1:]
mosaic, keep_unknown = False, False
while args and args[0].startswith('--'):
    a = args.pop(0)
    if a == '--mosaic': mosaic = True
    elif a == '--keep-unknown-scl': keep_unknown = True
    else: sys.exit('unknown option ' + a)
scenes, aoi_p = args[:-1], args[-1]


def valid_polygon(poly):
    if poly.is_valid: return poly
    parts = list(poly.geoms) if poly.geom_type == 'MultiPolygon' else [poly]
    fixed = unary_union([make_valid(p) for p in parts])
    if fixed.geom_type == 'GeometryCollection':  # keep the areal components only
        fixed = unary_union([g for g in fixed.geoms if g.geom_type in ('Polygon', 'MultiPolygon')])
    return fixed


def coverage(poly, gt, c0, c1, r0, r1):
    """c of every pixel of the window, as shared/tools/coverage_zonal_ndvi.py computes it."""
    pp = prep(poly); px_area = abs(gt[1] * gt[5])
    cov = np.zeros((max(0, r1 - r0), max(0, c1 - c0)))
    for r in range(r0, r1):
        y0 = gt[3] + r * gt[5]; y1 = y0 + gt[5]
        for c in range(c0, c1):
            x0 = gt[0] + c * gt[1]; x1 = x0 + gt[1]
            b = box(x0, min(y0, y1), x1, max(y0, y1))
            if not pp.intersects(b): continue
            cov[r - r0, c - c0] = 1.0 if pp.contains(b) else poly.intersection(b).area / px_area
    return cov


def weighted_percentile(v, w, q):
    order = np.lexsort((w, v)); v = v[order]; w = w[order]; n = v.size
    before = np.concatenate(([0.0], np.cumsum(w)[:-1]))
    s = np.arange(n) * w + (n - 1) * before
    t = q / 100 * (n - 1) * w.sum()
    k = int(np.searchsorted(s, t, side='right')) - 1
    if k >= n - 1: return float(v[-1])
    return float(v[k] + (t - s[k]) / (s[k + 1] - s[k]) * (v[k + 1] - v[k]))


vec = ogr.Open(aoi_p); lyr = vec.GetLayer()
src = lyr.GetSpatialRef() or osr.SpatialReference()
if lyr.GetSpatialRef() is None: src.ImportFromEPSG(4326)
src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
if mosaic: scenes = sorted(scenes, key=cloud_cover)
first = gdal.Open(os.path.join(scenes[0], 'B04.tif'))
gt0 = first.GetGeoTransform()
dst = osr.SpatialReference(); dst.ImportFromWkt(first.GetProjection()); dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
ct = osr.CoordinateTransformation(src, dst)
invalid_scl = [0, 1, 3, 8, 9, 10]
for feat in lyr:
    g = feat.GetGeometryRef().Clone(); g.Transform(ct)
    poly = valid_polygon(wkb.loads(bytes(g.ExportToWkb())))
    minx, miny, maxx, maxy = poly.bounds
    c0 = int(np.floor((minx - gt0[0]) / gt0[1])); c1 = int(np.ceil((maxx - gt0[0]) / gt0[1]))
    r0 = int(np.floor((maxy - gt0[3]) / gt0[5])); r1 = int(np.ceil((miny - gt0[3]) / gt0[5]))
    if not mosaic:
        c0, r0, c1, r1 = max(0, c0), max(0, r0), min(first.RasterXSize, c1), min(first.RasterYSize, r1)
    W, H = max(0, c1 - c0), max(0, r1 - r0)
    cov = coverage(poly, gt0, c0, c1, r0, r1)
    gt = (gt0[0] + c0 * gt0[1], gt0[1], 0.0, gt0[3] + r0 * gt0[5], 0.0, gt0[5])
    covered = np.zeros((H, W), bool); valid = np.zeros((H, W), bool); cloud = np.zeros((H, W), bool)
    value = np.full((H, W), np.nan)
    for d in (scenes if W and H else []):
        ds = gdal.Open(os.path.join(d, 'B04.tif')); sgt = ds.GetGeoTransform()
        red, nir = (warp_near(os.path.join(d, n + '.tif'), gt, W, H).astype(np.float64) for n in ('B04', 'B08'))
        scl = warp_near(os.path.join(d, 'SCL.tif'), gt, W, H)
        cx = gt[0] + (np.arange(W) + 0.5) * gt[1]; cy = gt[3] + (np.arange(H) + 0.5) * gt[5]
        ci = np.floor((cx - sgt[0]) / sgt[1] + 1e-10); ri = np.floor((cy - sgt[3]) / sgt[5] + 1e-10)
        on = np.outer((ri >= 0) & (ri < ds.RasterYSize), (ci >= 0) & (ci < ds.RasterXSize))
        bands_ok = (red != 0) & (nir != 0) & (red + nir != 0)
        scl_bad = np.isin(scl, invalid_scl) | ((scl > 11) & (not keep_unknown))
        with np.errstate(divide='ignore', invalid='ignore'):
            ndvi = (nir - red) / (nir + red)
        todo = (cov > 0) & on & ~valid
        covered |= todo
        cloud |= todo & bands_ok & scl_bad
        good = todo & bands_ok & ~scl_bad
        value[good] = ndvi[good]; valid |= good
    w = cov[valid]; v = value[valid]
    out = {"id": feat.GetField("id"), "pixels": int(covered.sum()), "coverage": float(cov[covered].sum()),
           "validCoverage": float(w.sum()), "valid": int(v.size), "cloud": int((cloud & ~valid).sum())}
    if v.size:
        m = float((w * v).sum() / w.sum())
        out.update(mean=m, stdev=float(np.sqrt((w * (v - m) ** 2).sum() / w.sum())), min=float(v.min()),
                   max=float(v.max()), p10=weighted_percentile(v, w, 10), p50=weighted_percentile(v, w, 50),
                   p90=weighted_percentile(v, w, 90),
                   histogram=[int(h) for h in np.histogram(np.clip(v, -1, 1), bins=20, range=(-1, 1))[0]])
    print(json.dumps(out))
