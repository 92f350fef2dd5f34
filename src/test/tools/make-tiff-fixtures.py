#!/usr/bin/python3
"""Makes the small GeoTIFF fixtures of src/test/resources/tiff/ with GDAL and prints the expected values that
GeoTiffBandVariantsTest commits (run once; the tests do not need GDAL):

    /usr/bin/python3 src/test/tools/make-tiff-fixtures.py /tmp/tiff-fixtures src/test/resources/tiff

Source: a 100x80 px window (col 200, row 150) of the drava clip S2A_33TWL_20230815_0_L2A (B02/B03/B04 UInt16, SCL Byte).
"""
import os, shutil, sys
import numpy as np
from osgeo import gdal

gdal.UseExceptions()
tmp, out = sys.argv[1], sys.argv[2]
os.makedirs(tmp, exist_ok=True)
os.makedirs(out, exist_ok=True)
item = os.path.join(os.path.dirname(__file__), '../../../../shared/data/s2l2a-drava-2023-08/sentinel-2-l2a/S2A_33TWL_20230815_0_L2A')
item = os.path.normpath(item)
WIN = [200, 150, 100, 80]
TILED32 = ['TILED=YES', 'BLOCKXSIZE=32', 'BLOCKYSIZE=32']

def tr(name, src, co, ot=None, scale=None, nodata=None, mo=None, fmt='GTiff', srs=None, ullr=None, win=WIN):
    dst = os.path.join(tmp, name)
    opts = dict(format=fmt, srcWin=win, creationOptions=co)
    if ot: opts['outputType'] = gdal.GetDataTypeByName(ot)
    if scale: opts['scaleParams'] = [scale]
    if nodata is not None: opts['noData'] = nodata
    if mo: opts['metadataOptions'] = mo
    if srs: opts['outputSRS'] = srs
    if ullr: opts['outputBounds'] = ullr
    gdal.Translate(dst, src, **opts)
    return dst

B04 = os.path.join(item, 'B04.tif')
SCL = os.path.join(item, 'SCL.tif')
rgb = os.path.join(tmp, 'rgb.vrt')
gdal.BuildVRT(rgb, [os.path.join(item, b) for b in ('B04.tif', 'B03.tif', 'B02.tif')], separate=True)

# a UInt16 source with a 40x40 block of zeros (nodata) so that SPARSE_OK leaves tiles unwritten
sparse_src = os.path.join(tmp, 'sparse_src.tif')
a = gdal.Open(B04).ReadAsArray(*WIN).astype(np.uint16)
a[0:40, 0:40] = 0
d = gdal.GetDriverByName('GTiff').Create(sparse_src, 100, 80, 1, gdal.GDT_UInt16)
ds4 = gdal.Open(B04)
gt = list(ds4.GetGeoTransform()); gt[0] += WIN[0] * gt[1]; gt[3] += WIN[1] * gt[5]
d.SetGeoTransform(gt); d.SetProjection(ds4.GetProjection()); d.GetRasterBand(1).SetNoDataValue(0)
d.GetRasterBand(1).WriteArray(a); d = None

files = [
    tr('u16_lzw.tif', B04, TILED32 + ['COMPRESS=LZW']),
    tr('u16_deflate_pred2.tif', B04, TILED32 + ['COMPRESS=DEFLATE', 'PREDICTOR=2']),
    tr('u8_deflate_pred2.tif', SCL, TILED32 + ['COMPRESS=DEFLATE', 'PREDICTOR=2']),
    tr('i16_lzw_pred2.tif', B04, TILED32 + ['COMPRESS=LZW', 'PREDICTOR=2'], ot='Int16', scale=[0, 2000, -1000, 1000]),
    tr('f32_deflate_pred3.tif', B04, TILED32 + ['COMPRESS=DEFLATE', 'PREDICTOR=3'], ot='Float32', scale=[0, 10000, -1, 1], nodata=-9999),
    tr('f32_lzw_pred2.tif', B04, TILED32 + ['COMPRESS=LZW', 'PREDICTOR=2'], ot='Float32', scale=[0, 10000, -1, 1]),
    tr('u16_strips_deflate.tif', B04, ['COMPRESS=DEFLATE', 'BLOCKYSIZE=24']),
    tr('u16_strips_none.tif', B04, ['BLOCKYSIZE=24']),
    tr('u8_strips_packbits.tif', SCL, ['COMPRESS=PACKBITS', 'BLOCKYSIZE=16']),
    tr('u16_bigendian_pred2.tif', B04, TILED32 + ['COMPRESS=DEFLATE', 'PREDICTOR=2', 'ENDIANNESS=BIG']),
    # not predictor 3: GDAL 3.6 / libtiff 4.5 writes big-endian float predictor 3 wrongly (cannot read it back)
    tr('f32_bigendian_pred2.tif', B04, TILED32 + ['COMPRESS=LZW', 'PREDICTOR=2', 'ENDIANNESS=BIG'], ot='Float32', scale=[0, 10000, -1, 1]),
    tr('u16_bigtiff.tif', B04, TILED32 + ['COMPRESS=DEFLATE', 'BIGTIFF=YES']),
    tr('u16_point.tif', B04, TILED32 + ['COMPRESS=DEFLATE'], mo=['AREA_OR_POINT=Point']),
    tr('u8_geographic.tif', SCL, TILED32 + ['COMPRESS=DEFLATE'], srs='EPSG:4326', ullr=[15.5, 46.5, 16.5, 45.7]),
    tr('u16_cog_ovr.tif', B04, ['BLOCKSIZE=32', 'COMPRESS=DEFLATE', 'OVERVIEW_RESAMPLING=NEAREST'], fmt='COG'),
    tr('u16_sparse.tif', sparse_src, TILED32 + ['COMPRESS=DEFLATE', 'SPARSE_OK=TRUE'], win=[0, 0, 100, 80]),
    tr('rgb_pixel_deflate.tif', rgb, TILED32 + ['COMPRESS=DEFLATE', 'INTERLEAVE=PIXEL', 'PREDICTOR=2']),
    tr('rgb_band_lzw.tif', rgb, TILED32 + ['COMPRESS=LZW', 'INTERLEAVE=BAND']),
]

def weighted(arr):
    a = arr.astype(np.float64).ravel()
    w = (np.arange(a.size) % 7 + 1).astype(np.float64)
    return float(np.nansum(a * w))

print('// name, band, geotransform (x0, px, y0, py), epsg, nodata, sum, weighted sum (index % 7 + 1), '
      'value(3,5), value(99,79), window(10,7,45,33) sum')
for f in files:
    name = os.path.basename(f)
    shutil.copy(f, os.path.join(out, name))
    ds = gdal.Open(f)
    gt = ds.GetGeoTransform()
    srs = ds.GetSpatialRef()
    epsg = int(srs.GetAuthorityCode(None)) if srs and srs.GetAuthorityCode(None) else 0
    for b in range(1, ds.RasterCount + 1):
        band = ds.GetRasterBand(b)
        arr = band.ReadAsArray().astype(np.float64)
        nd = band.GetNoDataValue()
        win = arr[7:7 + 33, 10:10 + 45]
        print('row("%s", %d, %r, %r, %r, %r, %d, %s, %r, %r, %r, %r, %r),' % (
            name, b - 1, gt[0], gt[1], gt[3], gt[5], epsg, 'null' if nd is None else repr(float(nd)) ,
            float(arr.sum()), weighted(arr), float(arr[5, 3]), float(arr[79, 99]), float(win.sum())))
    if ds.GetRasterBand(1).GetOverviewCount():
        band = ds.GetRasterBand(1)
        for i in range(band.GetOverviewCount()):
            o = band.GetOverview(i)
            oa = o.ReadAsArray().astype(np.float64)
            print('// overview %d of %s: %dx%d sum %r weighted %r' % (i, name, o.XSize, o.YSize, float(oa.sum()), weighted(oa)))
    print('//   %s: %d bytes, %s' % (name, os.path.getsize(f), ds.GetMetadata('IMAGE_STRUCTURE')))
