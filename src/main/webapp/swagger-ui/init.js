// Swagger UI over eobatch's OpenAPI document. WildFly serves the document at /openapi on the application's port
// (no login: it describes the API, no data); "Try it out" sends the HTTP Basic login given under "Authorize".
// validatorUrl null: no badge that would ask an online validator about the document.
window.onload = function () {
    window.ui = SwaggerUIBundle({
        url: "/openapi?format=JSON",
        dom_id: "#swagger-ui",
        presets: [SwaggerUIBundle.presets.apis],
        layout: "BaseLayout",
        validatorUrl: null,
        deepLinking: true
    });
};
