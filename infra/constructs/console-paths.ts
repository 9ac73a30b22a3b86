/**
 * The CloudFront Function (cloudfront-js-2.0) in front of the console bucket, as source text: CloudFront runs it
 * at the edge, and the tests run the very same text in node.
 *
 * The console routes with history paths (/console/alarms/<id>), which are no objects in the bucket: a path under
 * /console/ whose last segment has no dot is a page, so the viewer gets index.html and the console's router picks
 * the page. Paths with a dot are assets (the hashed script) and go through untouched, so a missing asset stays a
 * 403/404 instead of an HTML page parsed as JavaScript. `/` and `/console` redirect to the console's root.
 */
export const CONSOLE_PATHS_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/' || uri === '/console') {
    return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/console/' } } };
  }
  if (uri.indexOf('/console/') === 0 && uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1) {
    request.uri = '/console/index.html';
  }
  return request;
}`;
