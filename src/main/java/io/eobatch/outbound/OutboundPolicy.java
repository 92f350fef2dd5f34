package io.eobatch.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where the outbound requests made on behalf of one catalog (or one provider) may go: the URLs found in documents
 * (child and item links, {@code next} links, asset hrefs) and the targets of redirects are all checked here before
 * anything is sent to them.
 *
 * <ul>
 *   <li><b>Schemes.</b> A catalog configured as a {@code file:} URL may read {@code file:} hrefs (and http(s) ones
 *       only on hosts listed for it); a catalog on {@code http:} may use http and https; one on {@code https:} only
 *       https (no downgrade). A {@code file:} href in an http catalog is refused: a remote document never names a
 *       file of this server.</li>
 *   <li><b>Hosts.</b> The catalog's own host and port, plus the entries of its allowed-hosts list
 *       ({@code eobatch.catalog.<name>.allowed-hosts}): {@code host} (any port) or {@code host:port}, compared
 *       case-insensitively; an entry {@code *} allows every host (still not a link-local one).</li>
 *   <li><b>Never link-local.</b> An address in 169.254.0.0/16 or fe80::/10 (cloud metadata services live there)
 *       is refused whatever the lists say, written as an IP literal in any form Java reads (also {@code ::ffff:}
 *       mapped) or as a name that resolves to one.</li>
 * </ul>
 *
 * <p>{@link #anyHost} is the policy of code given none (unit tests, library use): every host, still never a
 * link-local one. Immutable and thread-safe.
 */
public final class OutboundPolicy {

    private final String owner;
    private final String setting;
    private final Set<String> schemes;
    private final Set<String> hosts;
    private final boolean anyHost;
    private final OutboundLimits limits;

    private OutboundPolicy(String owner, String setting, Set<String> schemes, Set<String> hosts, boolean anyHost,
                           OutboundLimits limits) {
        this.owner = owner;
        this.setting = setting;
        this.schemes = Set.copyOf(schemes);
        this.hosts = Set.copyOf(hosts);
        this.anyHost = anyHost;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Every scheme eobatch reads (http, https, file) on every host, but never a link-local address. */
    public static OutboundPolicy anyHost(OutboundLimits limits) {
        return new OutboundPolicy("this request", null, Set.of("http", "https", "file"), Set.of(), true, limits);
    }

    /** {@link #anyHost} with the limits in force. */
    public static OutboundPolicy anyHost() {
        return anyHost(OutboundLimits.current());
    }

    /**
     * The policy of a catalog configured at {@code root}.
     *
     * @param owner      what the policy is for, in messages ("catalog drava")
     * @param setting    the key that lists more hosts, named in messages ({@code eobatch.catalog.drava.allowed-hosts})
     * @param root       the configured catalog URL: its scheme decides the schemes, its host and port are allowed
     * @param extraHosts more allowed hosts: {@code host}, {@code host:port} or {@code *}
     */
    public static OutboundPolicy forRoot(String owner, String setting, URI root, Collection<String> extraHosts,
                                         OutboundLimits limits) {
        String scheme = scheme(root);
        Set<String> schemes = new LinkedHashSet<>();
        Set<String> hosts = new LinkedHashSet<>();
        boolean any = false;
        switch (scheme) {
            case "file" -> schemes.addAll(Set.of("file", "http", "https"));
            case "http" -> schemes.addAll(Set.of("http", "https"));
            case "https" -> schemes.add("https");
            default -> throw new IllegalArgumentException(owner + ": unsupported URL scheme \"" + scheme + "\" in " + root);
        }
        if (!scheme.equals("file") && root.getHost() != null) {
            hosts.add(hostPort(root));
        }
        for (String h : extraHosts) {
            String e = h == null ? "" : h.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*")) {
                any = true;
            } else {
                hosts.add(e);
            }
        }
        return new OutboundPolicy(owner, setting, schemes, hosts, any, limits);
    }

    /** The limits requests under this policy follow. */
    public OutboundLimits limits() {
        return limits;
    }

    /** This policy with other limits. */
    public OutboundPolicy withLimits(OutboundLimits l) {
        return new OutboundPolicy(owner, setting, schemes, hosts, anyHost, l);
    }

    /** What the policy is for ("catalog drava"). */
    public String owner() {
        return owner;
    }

    /**
     * Checks that {@code uri} may be fetched.
     *
     * @throws OutboundRefusedException naming the URL and the reason when it may not
     */
    public void check(URI uri) throws OutboundRefusedException {
        String why = refusal(uri);
        if (why != null) {
            throw new OutboundRefusedException(uri + ": not fetched: " + why);
        }
    }

    /** Whether {@code uri} may be fetched. */
    public boolean allows(URI uri) {
        return refusal(uri) == null;
    }

    /** Why {@code uri} may not be fetched, or null when it may. */
    String refusal(URI uri) {
        if (uri == null || !uri.isAbsolute()) {
            return "not an absolute URL";
        }
        String scheme = scheme(uri);
        if (!schemes.contains(scheme)) {
            return "the scheme " + scheme + ": is not allowed for " + owner + " (allowed: " + String.join(", ", schemes)
                    + (scheme.equals("file") ? "; a file: href only for a catalog configured as a file" : "") + ")";
        }
        if (scheme.equals("file")) {
            return null;
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "no host";
        }
        boolean literal = host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        String ll = literal ? linkLocal(host) : null; // an IP written out: said first, and no name is looked up
        if (ll != null) {
            return "the host " + host + " is a link-local address (" + ll + "), never fetched";
        }
        if (!anyHost && !hosts.contains(host.toLowerCase(Locale.ROOT)) && !hosts.contains(hostPort(uri))) {
            return "the host " + hostPort(uri) + " is not allowed for " + owner + " (allowed: "
                    + (hosts.isEmpty() ? "none" : String.join(", ", hosts))
                    + (setting == null ? "" : "; more in " + setting) + ")";
        }
        ll = literal ? null : linkLocal(host); // a name allowed above: not one that resolves to a link-local address
        if (ll != null) {
            return "the host " + host + " is a link-local address (" + ll + "), never fetched";
        }
        return null;
    }

    /**
     * The link-local address {@code host} is or resolves to (169.254.0.0/16, fe80::/10), or null. A name that does
     * not resolve is not refused here: the request then fails as any unknown host does.
     */
    static String linkLocal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int zone = h.indexOf('%'); // an IPv6 zone id (fe80::1%25eth0 in a URL): the address is what counts
        if (h.indexOf(':') >= 0 && zone >= 0) {
            h = h.substring(0, zone);
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(h);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
        for (InetAddress a : all) {
            if (a.isLinkLocalAddress() || (a instanceof Inet4Address && (a.getAddress()[0] & 0xff) == 169
                    && (a.getAddress()[1] & 0xff) == 254)) {
                return a.getHostAddress();
            }
        }
        return null;
    }

    /** Whether {@code a} and {@code b} have the same scheme, host and port (default ports made explicit). */
    public static boolean sameOrigin(URI a, URI b) {
        return scheme(a).equals(scheme(b)) && hostPort(a).equals(hostPort(b));
    }

    /** {@code host:port} of {@code uri}, lower case, the scheme's default port made explicit. */
    static String hostPort(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equals(scheme(uri)) ? 443 : "http".equals(scheme(uri)) ? 80 : -1;
        }
        return port < 0 ? host : host + ":" + port;
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "OutboundPolicy[" + owner + ": schemes " + schemes + ", hosts " + (anyHost ? "any" : hosts) + ", "
                + limits + "]";
    }
}
