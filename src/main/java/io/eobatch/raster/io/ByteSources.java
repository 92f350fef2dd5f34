package io.eobatch.raster.io;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

import io.eobatch.outbound.OutboundPolicy;

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
        return open(uri, null);
    }

    /**
     * Opens {@code uri} as {@link #open(URI)} does, under {@code policy}: a URL the policy refuses (scheme, host,
     * link-local address) is an {@link io.eobatch.outbound.OutboundRefusedException} before anything is read, and an
     * http(s) source follows the policy on every request and redirect. {@code null}: any host but a link-local one.
     */
    public static ByteSource open(URI uri, OutboundPolicy policy) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        OutboundPolicy p = policy == null ? OutboundPolicy.anyHost() : policy;
        if (!scheme.isEmpty()) {
            p.check(uri);
        }
        switch (scheme) {
            case "http":
            case "https":
                return HttpRangeByteSource.builder(uri).policy(p).build();
            case "file":
                return new FileByteSource(Path.of(uri));
            case "":
                return new FileByteSource(Path.of(uri.getPath()));
            default:
                throw new IOException("unsupported URI scheme '" + scheme + "' in " + uri + " (file, http, https)");
        }
    }
}
