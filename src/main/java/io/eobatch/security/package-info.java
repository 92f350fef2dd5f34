/**
 * Who may do what, and who did it. Authentication is the container's (Elytron: HTTP Basic against the application
 * realm, or OpenID Connect bearer tokens when configured; {@code WEB-INF/web.xml}, {@code wildfly-config/50-security.cli});
 * the application only declares roles ({@link io.eobatch.security.Roles}, {@code @RolesAllowed} on every resource,
 * enforced by RESTEasy), answers the container's 401 and 403 as problem+json ({@link io.eobatch.security.ProblemErrorServlet}),
 * refuses cross-site requests ({@link io.eobatch.security.CrossSiteFilter}) and records who launched, stopped,
 * restarted, retried or abandoned an execution ({@link io.eobatch.security.ExecutionActions}).
 */
package io.eobatch.security;
