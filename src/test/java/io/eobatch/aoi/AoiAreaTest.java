package io.eobatch.aoi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.eobatch.testsupport.TestData;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class AoiAreaTest {

    /**
     * Areas (m2) of the sample AOIs on WGS 84 by GeographicLib's geod_polygonarea (PROJ 9.1, libproj25), from
     * {@code /usr/bin/python3 src/test/resources/aoi/geod_polygon_area.py aoi-drava.geojson aoi-29RKH.geojson}:
     * {id, edges as geodesics, edges straight in lon/lat (densified to 1e-4 degree)}.
     */
    static final Object[][] REFERENCE = {
        {"drava-a", 254049669.90812302, 254045636.7221421},
        {"drava-b", 25024583.768291473, 25024585.748456195},
        {"aoi-1", 151766049.4895506, 151768080.36179397},
        {"aoi-2", 71471058.83817291, 71471053.47526823},
    };

    @Test
    void sampleAoisMatchGeographicLibWithEdgesStraightInLonLat() {
        Map<String, Geometry> aois = new java.util.HashMap<>();
        TestData.allSampleAois().forEach(a -> aois.put(a.id(), a.geometry()));
        for (Object[] r : REFERENCE) {
            double actual = AoiArea.squareMetres(aois.get((String) r[0]));
            double lonLatEdges = (double) r[2];
            assertEquals(lonLatEdges, actual, lonLatEdges * 1e-6, r[0] + " vs lon/lat edges");
            // Geodesic edges enclose a slightly different area: 1.6e-5 relative on drava-a, 15 km edges at 46 N.
            double geodesicEdges = (double) r[1];
            assertEquals(geodesicEdges, actual, geodesicEdges * 3e-5, r[0] + " vs geodesic edges");
        }
    }

    @Test
    void aOneDegreeCellAt45NorthMatchesTheClosedFormEllipsoidalZoneArea() throws ParseException {
        Geometry cell = wkt("POLYGON ((10 45, 11 45, 11 46, 10 46, 10 45))");
        double expected = zoneArea(Math.toRadians(45), Math.toRadians(46)) * Math.toRadians(1);
        assertEquals(expected, AoiArea.squareMetres(cell), expected * 1e-6);
    }

    @Test
    void holesAreSubtractedAndPartsAdded() throws ParseException {
        double outer = AoiArea.squareMetres(wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0))"));
        double hole = AoiArea.squareMetres(wkt("POLYGON ((0.2 0.2, 0.4 0.2, 0.4 0.4, 0.2 0.4, 0.2 0.2))"));
        double withHole = AoiArea.squareMetres(
                wkt("POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.2 0.2, 0.2 0.4, 0.4 0.4, 0.4 0.2, 0.2 0.2))"));
        assertEquals(outer - hole, withHole, 1e-3);
        double far = AoiArea.squareMetres(wkt("POLYGON ((179 -1, 180 -1, 180 0, 179 0, 179 -1))"));
        double multi = AoiArea.squareMetres(wkt(
                "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 1, 0 0)), ((179 -1, 180 -1, 180 0, 179 0, 179 -1)))"));
        assertEquals(outer + far, multi, 1e-3);
        // A 1-degree cell on the equator is the same area wherever its longitude is.
        assertEquals(outer, far, outer * 1e-9);
    }

    /**
     * Area (m2 per radian of longitude) of the WGS 84 ellipsoid between latitudes phi1 and phi2: the closed form
     * b^2/2 [ sin(phi)/(1 - e^2 sin^2(phi)) + 1/(2e) ln((1 + e sin(phi))/(1 - e sin(phi))) ] evaluated between them.
     */
    static double zoneArea(double phi1, double phi2) {
        double a = 6378137.0;
        double f = 1 / 298.257223563;
        double b = a * (1 - f);
        double e = Math.sqrt(f * (2 - f));
        java.util.function.DoubleUnaryOperator q = phi -> {
            double s = Math.sin(phi);
            return s / (1 - e * e * s * s) + Math.log((1 + e * s) / (1 - e * s)) / (2 * e);
        };
        return b * b / 2 * (q.applyAsDouble(phi2) - q.applyAsDouble(phi1));
    }

    static Geometry wkt(String text) throws ParseException {
        return new WKTReader(AoiGeometries.FACTORY).read(text);
    }
}
