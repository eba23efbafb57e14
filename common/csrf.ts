/**
 * The header the web client sends on every API request, proving a state-changing request comes
 * from the app's own pages: a cross-site form cannot set it, and a cross-origin fetch cannot add
 * it without a CORS preflight, which the server never grants (docs/decisions/0009).
 */
export const CLIENT_HEADER = 'x-requested-with';
export const CLIENT_HEADER_VALUE = 'gonghui';
