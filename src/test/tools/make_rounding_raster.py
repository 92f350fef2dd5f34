#!/usr/bin/python3
"""Writes a tiny synthetic scene whose grid makes GDAL's inverse geotransform inexact at pixel centres: EPSG:32633,
origin (500000, 4900020), 100 m pixels, 40 x 30 (SCL same grid), into src/test/resources/synthetic/rounding, and the
AOIs src/test/resources/aoi/ties-rounding.geojson. There -4900020 / -100 + y * (1 / -100) lands an ulp below j + 0.5
for every centre row, so a horizontal edge "on" a centre row is not on it for GDAL. Deterministic.
Run from the project directory: /usr/bin/python3 src/test/tools/make_rounding_raster.py"""
import json
import numpy as np
from osgeo import gdal, osr
gdal.UseExceptions()
OUT = 'src/test/resources/synthetic/rounding/'
W, H, X0, Y0, PX = 40, 30, 500000.0, 4900020.0, 100.0
srs = osr.SpatialReference(); srs.ImportFromEPSG(32633)
rng = np.random.default_rng(7)

def write(name, arr, dtype):
    ds = gdal.GetDriverByName('GTiff').Create(OUT + name, W, H, 1, dtype, options=['COMPRESS=DEFLATE'])
    ds.SetGeoTransform((X0, PX, 0, Y0, 0, -PX)); ds.SetProjection(srs.ExportToWkt())
    b = ds.GetRasterBand(1); b.SetNoDataValue(0); b.WriteArray(arr); ds = None

write('B04.tif', rng.integers(500, 1500, (H, W)).astype(np.uint16), gdal.GDT_UInt16)
write('B08.tif', rng.integers(2000, 4000, (H, W)).astype(np.uint16), gdal.GDT_UInt16)
write('SCL.tif', np.full((H, W), 4, np.uint8), gdal.GDT_Byte)

def cx(i): return X0 + PX / 2 + PX * i
def cy(j): return Y0 - PX / 2 - PX * j
def feature(fid, ring):
    return {"type": "Feature", "properties": {"id": fid}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
aois = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32633"}},
        "features": [
            feature("rect-centres", [[cx(5), cy(5)], [cx(15), cy(5)], [cx(15), cy(20)], [cx(5), cy(20)], [cx(5), cy(5)]]),
            feature("triangle-centres", [[cx(20), cy(5)], [cx(35), cy(5)], [cx(20), cy(20)], [cx(20), cy(5)]]),
        ]}
json.dump(aois, open('src/test/resources/aoi/ties-rounding.geojson', 'w'), indent=1)
