package io.eobatch.it.oidc;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.json.Json;

/**
 * An OpenID Connect provider on 127.0.0.1 for the integration tests, as much of one as a bearer-only resource server
 * asks of it: the discovery document ({@code <issuer>/.well-known/openid-configuration}, OpenID Connect Discovery
 * 1.0) and the JSON Web Key Set it names ({@code jwks_uri}, RFC 7517) with one RSA key; and access tokens in
 * Keycloak's shape (RS256 JWT, {@code kid} header, {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat},
 * {@code typ: Bearer}, {@code azp}, {@code preferred_username}, roles in {@code realm_access.roles}), signed here
 * with nimbus-jose-jwt. Tokens are handed to the tests directly (no token endpoint: a bearer-only server never calls
 * one). {@link Token} builds the good token and each of its broken variants.
 */
public final class StandInIssuer implements AutoCloseable {

    /** The client id eobatch is configured with (pom: EOBATCH_OIDC_CLIENT_ID). */
    public static final String CLIENT_ID = "eobatch";

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final String issuer;
    private final RSAKey key;
    /** Another key with the same key id: what a forger without the issuer's key would sign with. */
    private final RSAKey forgedKey;
    private final AtomicInteger jwksRequests = new AtomicInteger();

    /** Starts the issuer on 127.0.0.1:{@code port}; its issuer URL is {@code http://127.0.0.1:port/realms/eobatch}. */
    public StandInIssuer(int port) throws IOException {
        try {
            key = new RSAKeyGenerator(2048).keyID("it-key-1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
            forgedKey = new RSAKeyGenerator(2048).keyID("it-key-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + port + "/realms/eobatch";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        server.setExecutor(pool);
        server.createContext("/realms/eobatch/.well-known/openid-configuration", this::discovery);
        server.createContext("/realms/eobatch/protocol/openid-connect/certs", this::jwks);
        server.start();
    }

    /** The issuer URL: what eobatch's provider URL is set to and what a good token's {@code iss} says. */
    public String issuer() {
        return issuer;
    }

    /** How many times the JWKS was fetched. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** A good token for {@code user} with {@code roles} in {@code realm_access.roles}, valid for an hour. */
    public Token token(String user, String... roles) {
        return new Token(user, List.of(roles));
    }

    private void discovery(HttpExchange ex) throws IOException {
        String base = issuer + "/protocol/openid-connect";
        String body = Json.createObjectBuilder().add("issuer", issuer)
                .add("authorization_endpoint", base + "/auth").add("token_endpoint", base + "/token")
                .add("userinfo_endpoint", base + "/userinfo").add("end_session_endpoint", base + "/logout")
                .add("jwks_uri", base + "/certs")
                .add("response_types_supported", Json.createArrayBuilder().add("code"))
                .add("subject_types_supported", Json.createArrayBuilder().add("public"))
                .add("id_token_signing_alg_values_supported", Json.createArrayBuilder().add("RS256"))
                .build().toString();
        send(ex, body);
    }

    private void jwks(HttpExchange ex) throws IOException {
        jwksRequests.incrementAndGet();
        send(ex, new JWKSet(key.toPublicJWK()).toString());
    }

    private static void send(HttpExchange ex, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders("GET".equals(ex.getRequestMethod()) ? 200 : 405, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    /** An access token being built: good by default; each method breaks one thing. */
    public final class Token {
        private final String user;
        private final List<String> roles;
        private String iss = issuer;
        private String audience = CLIENT_ID;
        private Instant expires = Instant.now().plus(Duration.ofHours(1));
        private RSAKey signer = key;
        private String rolesClaim = "realm_access";
        private boolean typ = true;

        Token(String user, List<String> roles) {
            this.user = user;
            this.roles = roles;
        }

        /** Expired {@code ago} ago (issued an hour before that). */
        public Token expired(Duration ago) {
            expires = Instant.now().minus(ago);
            return this;
        }

        /** For another client. */
        public Token audience(String aud) {
            audience = aud;
            return this;
        }

        /** From another issuer. */
        public Token issuer(String iss) {
            this.iss = iss;
            return this;
        }

        /** Signed with a key that is not the issuer's (same key id). */
        public Token forged() {
            signer = forgedKey;
            return this;
        }

        /** Signed with a key whose key id the issuer's JWKS does not list (a rotated-out or made-up key). */
        public Token unknownKey() {
            try {
                signer = new RSAKeyGenerator(2048).keyID("it-key-unknown").generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** Roles in the top-level {@code roles} claim (Entra ID's app roles) instead of {@code realm_access.roles}. */
        public Token rolesInRolesClaim() {
            rolesClaim = "roles";
            return this;
        }

        /** Roles only as client roles of eobatch ({@code resource_access.eobatch.roles}, Keycloak's client roles). */
        public Token rolesAsClientRoles() {
            rolesClaim = "resource_access";
            return this;
        }

        /** Without the {@code typ: Bearer} claim (Keycloak's access tokens have it; Entra ID's do not). */
        public Token withoutTyp() {
            typ = false;
            return this;
        }

        /** The signed JWT (compact serialization). */
        public String jwt() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(iss).subject(UUID.nameUUIDFromBytes(
                    user.getBytes(StandardCharsets.UTF_8)).toString()).audience(audience)
                    .issueTime(Date.from(expires.minus(Duration.ofHours(1)))).expirationTime(Date.from(expires))
                    .jwtID(UUID.randomUUID().toString()).claim("azp", CLIENT_ID).claim("preferred_username", user);
            if (typ) {
                claims.claim("typ", "Bearer");
            }
            if ("roles".equals(rolesClaim)) {
                claims.claim("roles", roles);
            } else if ("resource_access".equals(rolesClaim)) {
                claims.claim("resource_access", Map.of(CLIENT_ID, Map.of("roles", roles)));
            } else {
                claims.claim("realm_access", Map.of("roles", roles));
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            try {
                jwt.sign(new RSASSASigner(signer));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }
}
