package io.eobatch.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.eobatch.config.Limits;

/**
 * Marks a resource method whose body is a JSON object of parameters (launch, estimate, restart, adding AOIs to a
 * set, the bodiless actions): its body may hold at most {@link Limits#jsonBodyBytes()} (default 1 MiB), else 413
 * problem+json naming {@code body}, by its {@code Content-Length} before anything is read, or while it is read when
 * it comes in chunks. AOI uploads have their own, larger limit ({@link io.eobatch.aoi.AoiLimits}); the HTTP
 * listener's {@code max-post-size} (wildfly-config/40-http.cli, 64 MiB) is above both, so that a client meets
 * these 413s rather than the server's bare 400.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface JsonBodyLimit {

    /** The filter that enforces {@link JsonBodyLimit}. */
    @Provider
    @JsonBodyLimit
    class Filter implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            long max = Limits.current().jsonBodyBytes();
            if (request.getLength() > max) {
                throw tooLarge(max);
            }
            request.setEntityStream(new Bounded(request.getEntityStream(), max));
        }

        static ProblemException tooLarge(long max) {
            return new ProblemException(Response.Status.REQUEST_ENTITY_TOO_LARGE, "the JSON body is larger than "
                    + max + " bytes (" + Limits.JSON_BODY_BYTES + ")", "body");
        }
    }

    /** A stream that fails with a 413 problem once more than {@code max} bytes have been read from it. */
    final class Bounded extends FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw Filter.tooLarge(max);
            }
        }
    }
}
