package io.eobatch.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;

/** Coordinates in, numbers out: EPSG transforms against GDAL ({@code gdaltransform}, GDAL 3.6), PROJ.4 definitions. */
class CrsTest {

    @ParameterizedTest(name = "EPSG:{0} ({2}, {3}) -> EPSG:{1} ({4}, {5})")
    @CsvSource({
            // source, target, x in, y in, x out, y out (lon/lat degrees, UTM metres)
            "4326, 32633, 18.0, 46.0, 732293.358479253, 5098424.07964357",
            "4326, 32629, -11.50, 24.75, 247165.191971, 2739576.377291",
            "32633, 4326, 732293.358479253, 5098424.07964357, 18.0, 46.0",
            "4326, 4326, 16.0, 46.0, 16.0, 46.0",
    })
    void epsgTransformsEqualGdal(int source, int target, double x, double y, double xOut, double yOut) {
        double[] p = Crs.apply(Crs.transform(source, target), x, y);
        double tolerance = target == Crs.WGS84 ? 1e-9 : 1e-6;
        assertEquals(xOut, p[0], tolerance, "x");
        assertEquals(yOut, p[1], tolerance, "y");
    }

    @ParameterizedTest(name = "laea centred on ({0}, {1})")
    @CsvSource({"16.0, 46.0", "-179.5, -12.25", "0, 0"})
    void proj4DefinitionMapsItsCentreToTheOrigin(double lon0, double lat0) {
        CoordinateReferenceSystem lonLat = Crs.proj4("WGS84", "+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs");
        CoordinateReferenceSystem laea = Crs.proj4("laea", String.format(Locale.ROOT,
                "+proj=laea +lat_0=%.9f +lon_0=%.9f +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs", lat0, lon0));
        double[] p = Crs.apply(Crs.transform(lonLat, laea), lon0, lat0);
        assertEquals(0, p[0], 1e-6, "x");
        assertEquals(0, p[1], 1e-6, "y");
    }

    @Test
    void epsgCrsIsParsedOnceAndTransformsAreOnePerThread() throws Exception {
        assertSame(Crs.epsg(32633), Crs.epsg(32633));
        CoordinateTransform mine = Crs.transform(Crs.WGS84, 32633);
        assertSame(mine, Crs.transform(Crs.WGS84, 32633));
        CoordinateTransform other = CompletableFuture.supplyAsync(() -> Crs.transform(Crs.WGS84, 32633)).get();
        assertNotSame(mine, other);
        assertNotSame(Crs.transform(Crs.epsg(4326), Crs.epsg(32633)), Crs.transform(Crs.epsg(4326), Crs.epsg(32633)));
    }

    @Test
    void unknownCodeNamesTheCodeWithProj4jsExceptionAsCause() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Crs.epsg(999999));
        assertTrue(e.getMessage().contains("EPSG:999999"), e.getMessage());
        assertNotNull(e.getCause());
    }
}
