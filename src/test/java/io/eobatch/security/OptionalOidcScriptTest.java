package io.eobatch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * {@code wildfly-config/optional-oidc.cli}, the switch to OpenID Connect, keeps the settings the security of a bearer
 * token rests on, and the README's Security section documents every environment variable it reads (and no other).
 * OidcIT shows the same settings at work on a server; this catches an edit of the script before a server starts.
 */
class OptionalOidcScriptTest {

    private static final Path SCRIPT = Path.of("wildfly-config/optional-oidc.cli");
    private static final Pattern VARIABLE = Pattern.compile("EOBATCH_OIDC_[A-Z_]+");

    /** The script's operations: its lines without comments, continuation lines joined. */
    private static String operations() throws IOException {
        StringBuilder ops = new StringBuilder();
        for (String line : Files.readAllLines(SCRIPT)) {
            if (!line.strip().startsWith("#")) {
                ops.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line + "\n");
            }
        }
        return ops.toString();
    }

    @Test
    void securesTheWarBearerOnlyAndChecksTheAudience() throws IOException {
        String ops = operations();
        assertEquals(1, ops.strip().lines().count(), "one operation: " + ops);
        assertTrue(ops.startsWith("/subsystem=elytron-oidc-client/secure-deployment=eobatch.war:add("), ops);
        assertTrue(ops.contains("bearer-only=true"), "no login redirects, tokens only: " + ops);
        assertTrue(ops.contains("verify-token-audience=true"), "a token for another client is refused: " + ops);
        assertTrue(ops.contains("provider-url=\"${env.EOBATCH_OIDC_ISSUER_URL}\""), "the issuer has no default: " + ops);
        assertFalse(ops.contains("allow-any-hostname=true") || ops.contains("disable-trust-manager=true"), ops);
    }

    @Test
    void theReadmeDocumentsEveryVariableOfTheScript() throws IOException {
        Set<String> inScript = variables(operations());
        String readme = Files.readString(Path.of("README.md"));
        String security = readme.substring(readme.indexOf("## Security"), readme.indexOf("\n## ", readme.indexOf(
                "## Security") + 1));
        assertEquals(Set.of("EOBATCH_OIDC_ISSUER_URL", "EOBATCH_OIDC_CLIENT_ID", "EOBATCH_OIDC_RESOURCE_ROLES",
                "EOBATCH_OIDC_PRINCIPAL_CLAIM", "EOBATCH_OIDC_SSL_REQUIRED"), inScript);
        assertEquals(inScript, variables(security), "README, Security: the variables of optional-oidc.cli");
    }

    private static Set<String> variables(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
