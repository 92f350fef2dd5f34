package io.eobatch.batch.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.eobatch.batch.Jobs;
import io.eobatch.batch.ParameterException;
import io.eobatch.raster.composite.TilingGrid;

class TiledCompositeJobTest {

    private static Properties props(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("from", "2023-08-01");
        m.put("to", "2023-08-31");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return TiledCompositeJob.DEFINITION.toProperties(m);
    }

    @Test
    void theJobIsOfferedWithItsDefaults() {
        assertEquals(TiledCompositeJob.DEFINITION, Jobs.definition("tiled-composite").orElseThrow());
        Properties p = props("bbox", "15.92,45.95,16.05,46.03");
        assertEquals("10", p.getProperty("tileSize"));
        assertEquals("10", p.getProperty("resolution"));
        assertEquals("0", p.getProperty("buffer"));
        assertEquals("max", p.getProperty("composite"));
        assertEquals("false", p.getProperty("skipExisting"));
        assertEquals("false", p.getProperty("overwrite"));
        new TiledCompositeJob().checkRelations(p);
    }

    @ParameterizedTest(name = "{0} -> refused on {1}")
    @CsvSource(delimiter = ';', value = {
        "aoi=a,bbox=1 2 3 4; bbox", "; aoi", "bbox=16,46,15,47; bbox", "bbox=1,2,3; bbox",
        "bbox=15,45,16,46,skipExisting=true,overwrite=true; overwrite",
        "bbox=15,45,16,46,tileSize=5,resolution=120; resolution"})
    void relationsNameTheParameter(String given, String parameter) {
        Properties p = props();
        if (given != null) {
            // "k=v,k=v" where a bbox value has its own commas: split on ",<name>=" only
            for (String kv : given.split(",(?=[a-zA-Z]+=)")) {
                String[] f = kv.split("=", 2);
                p.setProperty(f[0], f[1].replace(' ', ','));
            }
        }
        assertEquals(parameter, 
                assertThrows(ParameterException.class, () -> new TiledCompositeJob().checkRelations(p)).parameter());
    }

    @Test
    void tileKeysRebuildTheTileExactly() {
        TilingGrid g = new TilingGrid(32633, 4800, 60, 3);
        var t = g.tile(118, 1060);
        String key = TileKey.of(t, g);
        assertEquals("33N-x0566-y5088/32633/118/1060", key);
        assertEquals(t, TileKey.parse(key, 4800, 60, 3));
    }
}
