package io.eobatch.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.eobatch.results.JsonValues;

/**
 * The error page of the errors the container answers before the application sees the request (web.xml
 * {@code <error-page>}): 401 when no or wrong credentials came (the authentication mechanism has set
 * {@code WWW-Authenticate} already), 403 when the user has none of eobatch's roles. Both as problem+json, like every
 * other error of the API, never the server's HTML page.
 */
@WebServlet("/error/problem")
public class ProblemErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : resp.getStatus();
        JsonObjectBuilder p = JsonValues.JSON.createObjectBuilder().add("type", "about:blank").add("title", title(status))
                .add("status", status).add("detail", detail(status));
        Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null) {
            p.add("instance", uri.toString());
        }
        resp.setStatus(status);
        resp.setContentType("application/problem+json");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.getWriter().write(p.build().toString());
    }

    static String title(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }

    static String detail(int status) {
        return switch (status) {
            case 401 -> "authentication required: send the credentials of a user with a role of eobatch (viewer, "
                    + "operator, admin), as HTTP Basic or as an OpenID Connect bearer token when configured";
            case 403 -> "the user has no role that may do this (viewer reads, operator also launches and changes, "
                    + "admin also deletes)";
            case 404 -> "no such resource";
            default -> "the server refused the request (" + status + ")";
        };
    }
}
