// Shows the OpenAPI document the page names in Swagger UI. A file of its own, rather than
// a script in the page: the Content-Security-Policy runs no inline script.
window.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({ url: element.dataset.openapiUrl, domNode: element });
});
