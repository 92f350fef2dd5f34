package io.eobatch.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class ReprojectionTest {

    /**
     * Expected values from GDAL 3.6.2 / PROJ:
     * {@code printf "lon lat\n" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:<epsg> -output_xy}.
     */
    @ParameterizedTest
    @CsvSource({
            "32633, 15.90, 45.93, 569776.82185353, 5086663.82731746",
            "32633, 16.10, 45.92, 585298.055039099, 5085747.24420075",
            "32633, 18.0, 46.0, 732293.358479253, 5098424.07964357",
            "32633, 18.1, 46.1, 739603.017830264, 5109831.05375823",
            "32629, -11.50, 24.75, 247165.191971, 2739576.377291",
            "32629, -10.98, 25.13, 300383.937877, 2780807.726964",
    })
    void lonLatToUtmEqualsGdal(int epsg, double lon, double lat, double x, double y) {
        double[] p = Reprojection.transform(lon, lat, 4326, epsg);
        assertEquals(x, p[0], 1e-6, "easting");
        assertEquals(y, p[1], 1e-6, "northing");
    }

    @Test
    void geometryIsTransformedVertexByVertexWithoutDensifying() throws ParseException {
        Geometry g = new WKTReader().read("POLYGON ((15.9 45.93, 16.1 45.92, 16.15 46.0, 15.9 45.93))");
        Geometry utm = Reprojection.fromWgs84(g, 32633);
        assertEquals(g.getNumPoints(), utm.getNumPoints(), "no vertex added");
        assertNotSame(g, utm);
        assertEquals(15.9, g.getCoordinates()[0].x, 0.0, "input untouched");
        assertArrayEquals(Reprojection.transform(16.1, 45.92, 4326, 32633),
                new double[] {utm.getCoordinates()[1].x, utm.getCoordinates()[1].y}, 0.0);
    }

    @Test
    void roundTripIsExactToAMillimetre() {
        double[] utm = Reprojection.transform(17.95, 45.5, 4326, 32633);
        double[] back = Reprojection.transform(utm[0], utm[1], 32633, 4326);
        assertEquals(17.95, back[0], 1e-8);
        assertEquals(45.5, back[1], 1e-8);
    }

    @Test
    void unknownCodeNamesTheCode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reprojection.transform(1, 2, 4326, 999999));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("EPSG:999999"), e.getMessage());
    }
}
