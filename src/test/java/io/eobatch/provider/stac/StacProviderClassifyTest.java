package io.eobatch.provider.stac;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.net.ConnectException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.eobatch.provider.ItemDataException;
import io.eobatch.provider.TransientSourceException;
import io.eobatch.raster.io.HttpStatusException;

class StacProviderClassifyTest {

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void passingHttpErrorsAreRetried(int status) {
        assertInstanceOf(TransientSourceException.class,
                StacProvider.classify("x", new HttpStatusException(status, "HTTP " + status)));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410})
    void finalHttpErrorsFailTheItem(int status) {
        assertInstanceOf(ItemDataException.class,
                StacProvider.classify("x", new HttpStatusException(status, "HTTP " + status)));
    }

    @org.junit.jupiter.api.Test
    void refusedConnectionsAreRetriedAndBadFilesFailTheItem() {
        assertInstanceOf(TransientSourceException.class,
                StacProvider.classify("x", new IOException("GET", new ConnectException("refused"))));
        assertInstanceOf(ItemDataException.class,
                StacProvider.classify("x", new IOException("not a TIFF: bad magic")));
    }
}
