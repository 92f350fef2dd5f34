package io.eobatch.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

class FootprintsTest {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    @Test
    void antiMeridianBboxMatchesBothSides() {
        Geometry box = Footprints.ofBbox(new double[] {170, -10, -170, 10});
        assertEquals("MultiPolygon", box.getGeometryType());
        assertTrue(box.intersects(WGS84.createPoint(new Coordinate(175, 0))));
        assertTrue(box.intersects(WGS84.createPoint(new Coordinate(-175, 0))));
        assertFalse(box.intersects(WGS84.createPoint(new Coordinate(0, 0))));
    }
}
