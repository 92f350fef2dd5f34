package io.eobatch.raster.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Opens a {@link ByteSource} for a URI: {@code file:} (or a URI without scheme: a path) or {@code http(s):}. */
public final class ByteSources {

    private ByteSources() {
    }

    /**
     * Opens {@code uri}: a local file for {@code file:} URIs and scheme-less paths, an {@link HttpRangeByteSource}
     * with default settings for {@code http:} and {@code https:}.
     *
     * @throws IOException when a local file cannot be opened (remote URLs are first contacted on the first read)
     */
    public static ByteSource open(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        switch (scheme) {
            case "http":
            case "https":
                return HttpRangeByteSource.of(uri);
            case "file":
                return new FileByteSource(Path.of(uri));
            case "":
                return new FileByteSource(Path.of(uri.getPath()));
            default:
                throw new IOException("unsupported URI scheme '" + scheme + "' in " + uri + " (file, http, https)");
        }
    }
}
