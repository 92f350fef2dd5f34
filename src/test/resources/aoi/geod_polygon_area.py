# Area (m2) on WGS 84 of each feature of GeoJSON files, two ways, with GeographicLib's geod_polygonarea (PROJ 9.1, libproj25):
#  geodesic: edges are geodesics (the polygon as given);
#  lonlat:   edges are straight lines in lon/lat (RFC 7946), approximated by densifying every edge to 1e-4 degree.
import ctypes, json, math, sys
lib = ctypes.CDLL("libproj.so.25")
g = ctypes.create_string_buffer(8192)
lib.geod_init(g, ctypes.c_double(6378137.0), ctypes.c_double(1/298.257223563))
def ring_area(ring, step):
    pts = []
    for a, b in zip(ring[:-1], ring[1:]):
        n = max(1, math.ceil(max(abs(b[0]-a[0]), abs(b[1]-a[1])) / step)) if step else 1
        pts += [(a[0] + (b[0]-a[0]) * k / n, a[1] + (b[1]-a[1]) * k / n) for k in range(n)]
    n = len(pts)
    lats = (ctypes.c_double * n)(*[p[1] for p in pts]); lons = (ctypes.c_double * n)(*[p[0] for p in pts])
    A = ctypes.c_double(); P = ctypes.c_double()
    lib.geod_polygonarea(g, lats, lons, n, ctypes.byref(A), ctypes.byref(P))
    return abs(A.value)
for f in sys.argv[1:]:
    for feat in json.load(open(f))["features"]:
        geom = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        area = lambda step: sum(ring_area(p[0], step) - sum(ring_area(h, step) for h in p[1:]) for p in polys)
        print(feat["properties"]["id"], "geodesic", repr(area(None)), "lonlat", repr(area(1e-4)))
