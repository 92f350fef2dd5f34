"""Reads a Zarr store written by eobatch with independent readers (zarr-python, GDAL's Zarr driver, xarray when
installed) and compares every pixel with the expected values (raw little-endian float32, rows x columns, north-west
first). Prints one JSON object: per reader the shape, the count of equal pixels (NaN equals NaN), and what the reader
says of the grid. Usage: read_zarr.py STORE VARIABLE EXPECTED.f32 ROWS COLUMNS"""
import json
import sys

import numpy as np

store, var, expected, rows, cols = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
exp = np.fromfile(expected, dtype="<f4").reshape(rows, cols)
out = {}


def compare(a):
    a = np.asarray(a, dtype="<f4")
    r = {"shape": list(a.shape)}
    if a.shape == exp.shape:
        r["equal"] = int(((a == exp) | (np.isnan(a) & np.isnan(exp))).sum())
        r["nan"] = int(np.isnan(a).sum())
    return r


try:
    import zarr
    g = zarr.open_group(store, mode="r")
    a = g[var]
    out["zarr"] = compare(a[:])
    out["zarr"].update({"version": zarr.__version__, "dims": a.attrs.get("_ARRAY_DIMENSIONS"),
                        "chunks": list(a.chunks), "fill": str(a.fill_value)})
except ImportError as e:
    out["zarr"] = {"missing": str(e)}

try:
    from osgeo import gdal
    gdal.UseExceptions()
    ds = gdal.Open('ZARR:"%s":/%s' % (store, var))
    band = ds.GetRasterBand(1)
    out["gdal"] = compare(band.ReadAsArray())
    srs = ds.GetSpatialRef()
    out["gdal"].update({"version": gdal.__version__, "geotransform": list(ds.GetGeoTransform()),
                        "epsg": srs.GetAuthorityCode(None) if srs is not None else None,
                        "nodata": str(band.GetNoDataValue())})
except ImportError as e:
    out["gdal"] = {"missing": str(e)}

try:
    import xarray
    ds = xarray.open_zarr(store, consolidated=False)
    v = ds[var]
    out["xarray"] = compare(v.values)
    out["xarray"].update({"version": xarray.__version__, "dims": list(v.dims),
                          "x0": float(ds["x"].values[0]), "y0": float(ds["y"].values[0]),
                          "grid_mapping": v.attrs.get("grid_mapping") or v.encoding.get("grid_mapping"),
                          "crs_wkt": ds["spatial_ref"].attrs.get("crs_wkt", "")[:40]})
except ImportError as e:
    out["xarray"] = {"missing": str(e)}

print(json.dumps(out))
