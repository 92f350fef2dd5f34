#!/usr/bin/python3
"""GDAL/numpy NDVI zonal statistics like ../shared/tools/gdal_zonal_ndvi.py (same pixel rules, same output lines),
but reading only the window of each feature's bounding box: B04/B08 with ReadAsArray(xoff, yoff, w, h), the SCL
warped nearest onto that window only, the feature burnt onto that window only. What a careful GDAL user would
write; the benchmark (ndvi-speed.sh) checks that its output equals the reference's.
usage: gdal_window_ndvi.py B04.tif B08.tif SCL.tif aoi.geojson"""
import sys, json, math
import numpy as np
from osgeo import gdal, ogr, osr
gdal.UseExceptions()
red_p, nir_p, scl_p, aoi_p = sys.argv[1:5]
red_ds = gdal.Open(red_p); nir_ds = gdal.Open(nir_p)
gt = red_ds.GetGeoTransform(); W, H = red_ds.RasterXSize, red_ds.RasterYSize
dst = osr.SpatialReference(); dst.ImportFromWkt(red_ds.GetProjection())
dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
INVALID_SCL = [0, 1, 3, 8, 9, 10]
vec = ogr.Open(aoi_p); lyr = vec.GetLayer()
src = lyr.GetSpatialRef().Clone(); src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
to_grid = osr.CoordinateTransformation(src, dst)
for feat in lyr:
    g = feat.GetGeometryRef().Clone(); g.Transform(to_grid)
    minx, maxx, miny, maxy = g.GetEnvelope()
    # every pixel whose centre can be inside, with a 2-pixel margin (the vertex-wise transform is not exact)
    c0 = max(0, int(math.floor((minx - gt[0]) / gt[1])) - 2); c1 = min(W, int(math.ceil((maxx - gt[0]) / gt[1])) + 2)
    r0 = max(0, int(math.floor((maxy - gt[3]) / gt[5])) - 2); r1 = min(H, int(math.ceil((miny - gt[3]) / gt[5])) + 2)
    fid = feat.GetField("id")
    if c1 <= c0 or r1 <= r0:
        print(json.dumps({"id": fid, "pixelsInPolygon": 0, "valid": 0, "noData": 0})); continue
    w, h = c1 - c0, r1 - r0
    wgt = (gt[0] + c0 * gt[1], gt[1], 0, gt[3] + r0 * gt[5], 0, gt[5])
    red = red_ds.ReadAsArray(c0, r0, w, h).astype(np.float64)
    nir = nir_ds.ReadAsArray(c0, r0, w, h).astype(np.float64)
    scl = gdal.Warp('', scl_p, format='MEM', width=w, height=h,
                    outputBounds=(wgt[0], wgt[3] + h * wgt[5], wgt[0] + w * wgt[1], wgt[3]), resampleAlg='near').ReadAsArray()
    mem = gdal.GetDriverByName('MEM').Create('', w, h, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(wgt); mem.SetProjection(red_ds.GetProjection())
    tmp = ogr.GetDriverByName('Memory').CreateDataSource('m'); l2 = tmp.CreateLayer('l', lyr.GetSpatialRef())
    f2 = ogr.Feature(l2.GetLayerDefn()); f2.SetGeometry(feat.GetGeometryRef().Clone()); l2.CreateFeature(f2)
    gdal.RasterizeLayer(mem, [1], l2, burn_values=[1])
    inside = mem.ReadAsArray() == 1
    valid = inside & (red != 0) & (nir != 0) & ~np.isin(scl, INVALID_SCL)
    ndvi = (nir[valid] - red[valid]) / (nir[valid] + red[valid])
    if ndvi.size == 0:
        print(json.dumps({"id": fid, "pixelsInPolygon": int(inside.sum()), "valid": 0, "noData": int(inside.sum())})); continue
    print(json.dumps({"id": fid, "pixelsInPolygon": int(inside.sum()), "valid": int(valid.sum()),
        "noData": int((inside & ~valid).sum()), "mean": float(ndvi.mean()), "min": float(ndvi.min()), "max": float(ndvi.max()),
        "stDev(pop)": float(ndvi.std()), "p50": float(np.percentile(ndvi, 50)), "p10": float(np.percentile(ndvi, 10)),
        "p90": float(np.percentile(ndvi, 90))}))
