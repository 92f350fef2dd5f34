package io.eobatch.security;

/**
 * The roles of eobatch: the groups of a user of WildFly's application realm ({@code add-user.sh -a -g ROLE}), or the
 * roles of an OpenID Connect token. Each role includes the one before it only when the user has both: give an
 * operator {@code operator}, an administrator {@code admin}; every resource lists the roles that may call it.
 *
 * <table>
 *   <caption>what each role may do</caption>
 *   <tr><th>role</th><th>may</th></tr>
 *   <tr><td>{@value #VIEWER}</td><td>read everything: jobs, executions, items, statistics, results, STAC, AOIs</td></tr>
 *   <tr><td>{@value #OPERATOR}</td><td>also upload AOIs, estimate, launch, stop, restart, retry-failed, abandon</td></tr>
 *   <tr><td>{@value #ADMIN}</td><td>also delete AOIs and results</td></tr>
 * </table>
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
