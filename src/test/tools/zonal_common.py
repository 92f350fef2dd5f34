"""Helpers shared by gdal_zonal_index.py and coverage_zonal_index.py (imported from the scripts' own folder)."""
import glob, json, math, os
from osgeo import gdal


def cloud_cover(d):
    """The order of a scene folder in a per-day mosaic: (eo:cloud_cover of its STAC item JSON, item id)."""
    js = glob.glob(os.path.join(d, '*.json'))
    if not js: return (math.inf, os.path.basename(d.rstrip('/')))
    it = json.load(open(js[0]))
    return (it['properties'].get('eo:cloud_cover', math.inf), it['id'])


def warp_near(path, gt, W, H):
    """The raster at path resampled nearest onto the W x H grid of geotransform gt (gdal.Warp, resampleAlg near)."""
    return gdal.Warp('', path, format='MEM', width=W, height=H,
                     outputBounds=(gt[0], gt[3] + H * gt[5], gt[0] + W * gt[1], gt[3]), resampleAlg='near').ReadAsArray()
