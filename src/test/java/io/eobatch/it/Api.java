package io.eobatch.it;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/**
 * The integration tests' client of the eobatch REST API: plain HTTP and JSON-P, nothing of the server's code. Every
 * request carries HTTP Basic credentials: by default those of {@link #DEFAULT_USER} (system properties
 * {@code eobatch.user} and {@code eobatch.password}; in the ITs the build's {@code it-admin}, who may do everything);
 * {@link #as} sends another user's, {@link #anonymous} none.
 */
public final class Api {

    public static final String BASE = System.getProperty("eobatch.url", "http://127.0.0.1:8080");
    /** The password of the ITs' users (pom: eobatch.it.password; add-user.sh adds them before the ITs). */
    public static final String IT_PASSWORD = System.getProperty("eobatch.it.password", "eobatch-IT-pw-7");
    /** The ITs' users: the role of their name; {@code it-nobody} has none of eobatch's roles. */
    public static final String VIEWER = "it-viewer", OPERATOR = "it-operator", ADMIN = "it-admin", NOBODY = "it-nobody";
    public static final String DEFAULT_USER = System.getProperty("eobatch.user", ADMIN);
    public static final String DEFAULT_PASSWORD = System.getProperty("eobatch.password", IT_PASSWORD);
    private static final Client DEFAULT = new Client(DEFAULT_USER, DEFAULT_PASSWORD);
    // HTTP/1.1 as curl speaks it: the JDK client's default h2c upgrade of a POST can stall the body on Undertow.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Api() {
    }

    /** A response: status, headers and body. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonObject json() {
            return (JsonObject) jsonValue();
        }

        public JsonStructure jsonValue() {
            try (var r = Json.createReader(new StringReader(body))) {
                return r.read();
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    /** A client that sends one user's credentials, or none ({@code user == null}). */
    public static final class Client {
        private final String user;
        private final String authorization;

        Client(String user, String password) {
            this.user = user;
            this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** The user, or null for a client without credentials. */
        public String user() {
            return user;
        }

        public Response get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", "application/json"));
        }

        public Response get(String path, String accept) {
            return send(HttpRequest.newBuilder(uri(path)).GET().header("Accept", accept));
        }

        public Response post(String path, String json) {
            return post(path, "application/json", (json == null ? "" : json).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** A POST with this Content-Type ({@code null}: none) and body. */
        public Response post(String path, String contentType, byte[] body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            return send(b);
        }

        public Response delete(String path) {
            return send(HttpRequest.newBuilder(uri(path)).DELETE().header("Accept", "application/json"));
        }

        /** Sends {@code request} with this client's credentials. */
        public Response send(HttpRequest.Builder request) {
            try {
                HttpResponse<String> r = HTTP.send(authorize(request).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return new Response(r.statusCode(), r.body(), r);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Adds this client's {@code Authorization} header, if it has credentials. */
        public HttpRequest.Builder authorize(HttpRequest.Builder request) {
            return authorization == null ? request : request.header("Authorization", authorization);
        }
    }

    /** A client sending {@code user}'s credentials. */
    public static Client as(String user, String password) {
        return new Client(user, password);
    }

    /** A client sending one of the ITs' users' credentials ({@link #VIEWER}, {@link #OPERATOR}, ...). */
    public static Client as(String itUser) {
        return new Client(itUser, IT_PASSWORD);
    }

    /** A client sending no credentials. */
    public static Client anonymous() {
        return new Client(null, null);
    }

    public static Response get(String path) {
        return DEFAULT.get(path);
    }

    public static Response get(String path, String accept) {
        return DEFAULT.get(path, accept);
    }

    public static Response post(String path, String json) {
        return DEFAULT.post(path, json);
    }

    public static Response post(String path, String contentType, byte[] body) {
        return DEFAULT.post(path, contentType, body);
    }

    public static Response postFile(String path, String contentType, Path file) throws IOException {
        return post(path, contentType, java.nio.file.Files.readAllBytes(file));
    }

    public static Response delete(String path) {
        return DEFAULT.delete(path);
    }

    /** Adds the default user's {@code Authorization} header to a request the caller sends itself. */
    public static HttpRequest.Builder authorize(HttpRequest.Builder request) {
        return DEFAULT.authorize(request);
    }

    public static URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : BASE + path);
    }

    static Response send(HttpRequest.Builder request) {
        return DEFAULT.send(request);
    }

    /** Waits until the application answers (the deployment scanner deploys after the server has started). */
    public static void awaitReady(Duration timeout) {
        pollUntil(() -> {
            try {
                return HTTP.send(authorize(HttpRequest.newBuilder(uri("/api/"))).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, status -> status == 200, timeout, "eobatch answering 200 at " + BASE + "/api/");
    }

    /** Polls {@code path} until {@code done} holds for its JSON, or fails at the deadline. */
    public static JsonObject pollUntil(String path, Predicate<JsonObject> done, Duration timeout) {
        return pollUntil(() -> {
            Response r = get(path);
            return r.status() == 200 ? r.json() : null;
        }, done, timeout, "condition on " + path);
    }

    /**
     * The ITs' one wait: asks {@code probe} every 200 ms until {@code done} holds for its answer ({@code null}: no
     * answer yet) and returns that answer, or fails at the deadline naming {@code what} and the last answer.
     */
    public static <T> T pollUntil(Supplier<T> probe, Predicate<T> done, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T last = probe.get();
            if (last != null && done.test(last)) {
                return last;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not reached within " + timeout + "; last: " + last);
            }
            pause(200);
        }
    }

    /** Polls an execution until its batch status is terminal (COMPLETED, FAILED, STOPPED, ABANDONED). */
    public static JsonObject awaitTerminal(long executionId, Duration timeout) {
        return pollUntil("/api/executions/" + executionId, e -> switch (e.getString("status", "")) {
            case "COMPLETED", "FAILED", "STOPPED", "ABANDONED" -> true;
            default -> false;
        }, timeout);
    }

    /** The polling interval of {@link #pollUntil}: a poll with a deadline, never a fixed wait for a job. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
