/** The Tandem mark, as the web app's favicon draws it. */
export const tandemMark =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#087f5b"/><circle cx="12" cy="16" r="6" fill="none" stroke="#fff" stroke-width="3"/><circle cx="20" cy="16" r="6" fill="none" stroke="#fff" stroke-width="3"/></svg>';

/** Tandem's header above the reference, and contrast fixes to Swagger UI's greys and colours. */
export const apiDocsCss = `
body { margin: 0; background: #fff; color: #1f2328; }
.tandem-docs-header {
  display: flex; align-items: center; gap: 12px; padding: 12px 24px;
  border-bottom: 1px solid #d0d7de; font-family: system-ui, sans-serif;
}
.tandem-docs-header a { display: flex; align-items: center; gap: 8px; color: #1f2328;
  font-weight: 700; font-size: 18px; text-decoration: none; }
.tandem-docs-header span { color: #424a53; }
.swagger-ui .info .title small.version-stamp { background-color: #3f6212; }
.swagger-ui .info .title small pre { color: #fff; }
.swagger-ui .info a, .swagger-ui .info .url, .swagger-ui a.nostyle:focus-visible { color: #0b5cad; }
.swagger-ui .btn.authorize { color: #146c3f; border-color: #146c3f; }
.swagger-ui .btn.authorize svg { fill: #146c3f; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #0b5cad; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #146c3f; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #9a4a07; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #0f6b63; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b3261e; }
.swagger-ui .opblock.opblock-head .opblock-summary-method,
.swagger-ui .opblock.opblock-options .opblock-summary-method { background: #5b3fa6; }
.swagger-ui .opblock.opblock-get .tab-header .tab-item.active h4 span:after { background: #0b5cad; }
.swagger-ui .parameter__in, .swagger-ui .parameter__deprecated,
.swagger-ui .prop-format, .swagger-ui .renderedMarkdown code { color: #4b5563; }
.swagger-ui .parameter__name.required span, .swagger-ui .parameter__name.required:after { color: #b3261e; }
.swagger-ui .btn.cancel { color: #b3261e; border-color: #b3261e; }
.swagger-ui .btn.execute { background-color: #0b5cad; border-color: #0b5cad; }
.swagger-ui .response-col_links, .swagger-ui .response-undocumented { color: #4b5563; }
.swagger-ui .opblock-tag small, .swagger-ui .opblock .opblock-summary-description { color: #1f2328; }
.swagger-ui .model-title, .swagger-ui .model .property.primitive, .swagger-ui .model-toggle { color: #1f2328; }
.swagger-ui .prop-type { color: #5b3fa6; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #4b5563; }
`;

/** Runs after Swagger UI: adds Tandem's header and repairs what screen readers trip on. */
export const apiDocsScript = `
(function () {
  var header = document.createElement('header');
  header.className = 'tandem-docs-header';
  var home = document.createElement('a');
  home.href = '/';
  var mark = document.createElement('img');
  mark.src = '/api/docs/static/theme/tandem.svg';
  mark.alt = '';
  mark.width = 28;
  mark.height = 28;
  home.appendChild(mark);
  home.appendChild(document.createTextNode('Tandem'));
  var what = document.createElement('span');
  what.textContent = 'API reference';
  header.appendChild(home);
  header.appendChild(what);
  document.body.insertBefore(header, document.body.firstChild);

  // Swagger UI renders a parameter's field without a label: name it after the parameter.
  function labelParameters() {
    var rows = document.querySelectorAll('tr[data-param-name]');
    for (var i = 0; i < rows.length; i += 1) {
      var name = rows[i].getAttribute('data-param-name');
      var fields = rows[i].querySelectorAll('input, select, textarea');
      for (var j = 0; j < fields.length; j += 1) {
        if (!fields[j].hasAttribute('aria-label')) fields[j].setAttribute('aria-label', name);
      }
    }
    var servers = document.getElementById('servers');
    if (servers && !servers.hasAttribute('aria-label')) servers.setAttribute('aria-label', 'Server');
    var bodies = document.querySelectorAll('.body-param textarea, .body-param__text');
    for (var k = 0; k < bodies.length; k += 1) {
      if (!bodies[k].hasAttribute('aria-label')) bodies[k].setAttribute('aria-label', 'Request body');
    }
    // Examples scroll sideways: a keyboard user must be able to reach them.
    var examples = document.querySelectorAll('.highlight-code > pre, pre.microlight');
    for (var m = 0; m < examples.length; m += 1) {
      if (!examples[m].hasAttribute('tabindex')) {
        examples[m].setAttribute('tabindex', '0');
        examples[m].setAttribute('aria-label', 'Example');
      }
    }
  }
  new MutationObserver(labelParameters).observe(document.body, { childList: true, subtree: true });
})();
`;
