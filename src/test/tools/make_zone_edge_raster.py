#!/usr/bin/python3
"""Writes a small synthetic Sentinel-2-like scene in EPSG:32633 that extends east of 18 E (the UTM 33/34 boundary):
B04/B08 100 x 110 px at 120 m from (725000, 5106200), SCL at 240 m, into src/test/resources/synthetic/zone-edge.
Deterministic (seeded). Run from the project directory: /usr/bin/python3 src/test/tools/make_zone_edge_raster.py"""
import numpy as np
from osgeo import gdal, osr
gdal.UseExceptions()
OUT = 'src/test/resources/synthetic/zone-edge/'
rng = np.random.default_rng(20230820)
W, H, X0, Y0, PX = 100, 110, 725000.0, 5106200.0, 120.0
srs = osr.SpatialReference(); srs.ImportFromEPSG(32633)

def write(name, arr, px, dtype):
    ds = gdal.GetDriverByName('GTiff').Create(OUT + name, arr.shape[1], arr.shape[0], 1, dtype,
                                              options=['COMPRESS=DEFLATE', 'PREDICTOR=1'])
    ds.SetGeoTransform((X0, px, 0, Y0, 0, -px)); ds.SetProjection(srs.ExportToWkt())
    b = ds.GetRasterBand(1); b.SetNoDataValue(0); b.WriteArray(arr); ds = None

yy, xx = np.mgrid[0:H, 0:W]
red = (800 + 400 * np.sin(xx / 9.0) + 300 * np.cos(yy / 13.0) + rng.integers(0, 64, (H, W))).astype(np.uint16)
nir = (2600 + 900 * np.cos(xx / 11.0 + yy / 17.0) + rng.integers(0, 64, (H, W))).astype(np.uint16)
red[5:12, 60:75] = 0          # a nodata patch in B04
nir[90:95, 20:24] = 0         # and one in B08
scl = np.full((H // 2, W // 2), 4, np.uint8)
scl[:, 25:] = 5
scl[10:20, 30:45] = 9         # clouds
scl[30:34, 10:18] = 8
scl[40:42, 40:44] = 3         # shadow
scl[22, 22] = 12              # unknown class
scl[0:3, :] = 0               # no data stripe
write('B04.tif', red, PX, gdal.GDT_UInt16)
write('B08.tif', nir, PX, gdal.GDT_UInt16)
write('SCL.tif', scl, 2 * PX, gdal.GDT_Byte)
