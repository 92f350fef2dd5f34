#!/usr/bin/python3
"""Writes the hard-case AOIs of the tests (src/test/resources/aoi). Run from the project directory:
   python3 src/test/tools/make_test_aois.py"""
import json, math

def fc(features, crs=None):
    out = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": i, "name": n}, "geometry": g} for i, n, g in features]}
    if crs:
        out["crs"] = {"type": "name", "properties": {"name": crs}}
    return out

def poly(*rings):
    return {"type": "Polygon", "coordinates": [[list(p) for p in r] for r in rings]}

def multi(*polys):
    return {"type": "MultiPolygon", "coordinates": [p["coordinates"] for p in polys]}

def rect(x0, y0, x1, y1):  # counter-clockwise, closed
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]

def star(cx, cy, r1, r2, n=5):
    pts = []
    for k in range(2 * n):
        r = r1 if k % 2 == 0 else r2
        a = math.pi / 2 + k * math.pi / n
        pts.append((round(cx + r * math.cos(a) / math.cos(math.radians(cy)), 6), round(cy + r * math.sin(a), 6)))
    return pts + [pts[0]]

# --- lon/lat AOIs over the drava tiles (33TWL: lat 45.78..46.05, 33TWM: lat 45.96..46.23, lon 15.77..16.29) ---
drava = [
    ("two-holes", "polygon with two holes", poly(
        rect(15.85, 45.85, 16.05, 45.95),
        [(15.88, 45.87), (15.88, 45.90), (15.92, 45.90), (15.92, 45.87), (15.88, 45.87)],
        [(15.96, 45.91), (16.01, 45.915), (15.99, 45.935), (15.96, 45.91)])),
    ("multi-3", "multipolygon of three parts, one with a hole", multi(
        poly(rect(16.12, 45.80, 16.17, 45.84)),
        poly([(16.18, 45.87), (16.24, 45.88), (16.20, 45.93), (16.18, 45.87)]),
        poly([(15.80, 45.99), (15.84, 45.98), (15.86, 46.01), (15.83, 46.04), (15.79, 46.02), (15.80, 45.99)],
             rect(15.815, 46.0, 15.835, 46.015)))),
    ("concave-u", "U-shaped polygon", poly(
        [(16.00, 45.80), (16.10, 45.80), (16.10, 45.86), (16.08, 45.86), (16.08, 45.82), (16.02, 45.82),
         (16.02, 45.86), (16.00, 45.86), (16.00, 45.80)])),
    ("concave-l", "L-shaped polygon", poly(
        [(15.90, 45.96), (15.98, 45.96), (15.98, 45.975), (15.915, 45.975), (15.915, 46.03), (15.90, 46.03),
         (15.90, 45.96)])),
    ("star", "five-pointed star (concave)", poly(star(16.12, 45.98, 0.04, 0.015))),
    ("straddle-overlap", "thin diagonal band across the 33TWL/33TWM overlap", poly(
        [(15.95, 45.93), (15.97, 45.925), (16.07, 46.10), (16.05, 46.105), (15.95, 45.93)])),
    ("sub-pixel", "30 m square between pixel centres", poly(rect(16.0003, 45.9003, 16.0007, 45.9005))),
    ("outside", "far outside both tiles", poly(rect(14.0, 45.0, 14.1, 45.1))),
    ("partly-outside", "crosses the west edge of the tiles", poly(rect(15.70, 45.90, 15.80, 45.95))),
    ("bowtie", "self-intersecting ring (even-odd)", poly([(16.20, 45.95), (16.26, 46.00), (16.26, 45.95), (16.20, 46.00),
                                                          (16.20, 45.95)])),
    ("overlapping-parts", "multipolygon whose parts overlap (GDAL: union)", multi(
        poly(rect(16.20, 46.06, 16.25, 46.10)), poly(rect(16.23, 46.08, 16.27, 46.12)))),
]
json.dump(fc(drava), open("src/test/resources/aoi/hard-drava.geojson", "w"), indent=1)

# --- EPSG:32633 AOIs with vertices exactly on pixel centres / corners of the 33TWL 120 m grid (origin 559980, 5100000).
#     On 33TWM (origin y 5120100) the same coordinates fall half a pixel off: centres become edges. ---
def cx(i): return 559980 + 60 + 120 * i
def cy(j): return 5100000 - 60 - 120 * j
def ex(i): return 559980 + 120 * i
def ey(j): return 5100000 - 120 * j
cw = [(cx(10), cy(10)), (cx(20), cy(10)), (cx(20), cy(15)), (cx(10), cy(15)), (cx(10), cy(10))]
ties = [
    ("rect-centres-cw", "rectangle, vertices on centres, clockwise", poly(cw)),
    ("rect-centres-ccw", "same rectangle, counter-clockwise", poly(list(reversed(cw)))),
    ("rect-corners", "rectangle, vertices on pixel corners", poly(rect(ex(30), ey(15), ex(40), ey(10)))),
    ("diamond-centres", "diamond, vertices on centres, edges through centres",
     poly([(cx(50), cy(10)), (cx(60), cy(20)), (cx(50), cy(30)), (cx(40), cy(20)), (cx(50), cy(10))])),
    ("triangle-centres", "right triangle, hypotenuse through centres",
     poly([(cx(70), cy(10)), (cx(90), cy(10)), (cx(70), cy(30)), (cx(70), cy(10))])),
    ("hole-on-centres", "rectangle on corners with a hole on centres",
     poly(rect(ex(100), ey(30), ex(120), ey(10)), rect(cx(105), cy(25), cx(115), cy(15)))),
    ("overlap-centres", "multipolygon, two overlapping squares on centres",
     multi(poly(rect(cx(130), cy(20), cx(140), cy(10))), poly(rect(cx(135), cy(25), cx(145), cy(15))))),
    ("staircase", "horizontal edges on centre rows in both directions",
     poly([(cx(150), cy(10)), (cx(155), cy(10)), (cx(155), cy(14)), (cx(160), cy(14)), (cx(160), cy(18)),
           (cx(152), cy(18)), (cx(152), cy(22)), (cx(148), cy(22)), (cx(148), cy(16)), (cx(150), cy(16)),
           (cx(150), cy(10))])),
    ("spike-on-centre-row", "vertices touching centre rows from above and below",
     poly([(cx(170), cy(10)), (cx(175), cy(14)), (cx(180), cy(10)), (cx(182), cy(20)), (cx(176), cy(16)),
           (cx(168), cy(20)), (cx(170), cy(10))])),
    ("u-on-centres", "U shape on centres",
     poly([(cx(190), cy(10)), (cx(192), cy(10)), (cx(192), cy(20)), (cx(198), cy(20)), (cx(198), cy(10)),
           (cx(200), cy(10)), (cx(200), cy(22)), (cx(190), cy(22)), (cx(190), cy(10))])),
    ("overlap-zone", "rectangle on centres inside the 33TWL/33TWM overlap",
     poly(rect(cx(60), cy(80), cx(90), cy(60)))),
]
json.dump(fc(ties, "urn:ogc:def:crs:EPSG::32633"), open("src/test/resources/aoi/ties-utm33.geojson", "w"), indent=1)

# --- lon/lat AOIs over the synthetic zone-edge raster (EPSG:32633, x 725000..737000, lon about 17.9..18.07) ---
edge = [
    ("across-18E", "crosses lon 18 E, the UTM 33/34 boundary", poly(
        [(17.95, 45.98), (18.04, 45.975), (18.05, 46.02), (17.99, 46.05), (17.94, 46.03), (17.95, 45.98)])),
    ("east-of-18E", "entirely in UTM zone 34's longitudes", poly(rect(18.01, 45.99, 18.05, 46.03))),
]
json.dump(fc(edge), open("src/test/resources/aoi/zone-edge.geojson", "w"), indent=1)

# --- EPSG:32629 AOIs on pixel centres / corners of the 29RKH 100 m grid (origin 199980, 2800020). With 100 m pixels
#     GDAL's inverse geotransform (x * 0.01 - 1999.8) misses x.5 by an ulp for many centres: GDAL's own rounding,
#     not the exact position, decides these ties. ---
def cx9(i): return 199980 + 50 + 100 * i
def cy9(j): return 2800020 - 50 - 100 * j
def ex9(i): return 199980 + 100 * i
def ey9(j): return 2800020 - 100 * j
ties29 = [
    ("rect-centres", "rectangle, vertices on centres",
     poly(rect(cx9(400), cy9(420), cx9(430), cy9(400)))),
    ("rect-corners", "rectangle, vertices on corners", poly(rect(ex9(450), ey9(420), ex9(470), ey9(400)))),
    ("diamond-centres", "diamond, vertices on centres",
     poly([(cx9(500), cy9(400)), (cx9(520), cy9(420)), (cx9(500), cy9(440)), (cx9(480), cy9(420)), (cx9(500), cy9(400))])),
    ("triangle-centres", "triangle, hypotenuse through centres",
     poly([(cx9(550), cy9(400)), (cx9(580), cy9(400)), (cx9(550), cy9(430)), (cx9(550), cy9(400))])),
    ("staircase-centres", "horizontal edges on centre rows",
     poly([(cx9(600), cy9(400)), (cx9(610), cy9(400)), (cx9(610), cy9(410)), (cx9(620), cy9(410)), (cx9(620), cy9(420)),
           (cx9(600), cy9(420)), (cx9(600), cy9(400))])),
]
json.dump(fc(ties29, "urn:ogc:def:crs:EPSG::32629"), open("src/test/resources/aoi/ties-utm29.geojson", "w"), indent=1)
