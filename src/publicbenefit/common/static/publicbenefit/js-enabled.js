// Marks the page as having JavaScript, as GOV.UK Frontend expects, from a file rather than an
// inline script so that the Content-Security-Policy can forbid inline scripts altogether.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
