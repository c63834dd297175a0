// JSON-RPC over HTTP to an Evidence Chain node (its RPC port serves HTTP and WebSocket).

/** `method(params)` on the node at `endpoint` (`http://…` or `ws://…`); throws the node's error. */
export async function call(endpoint, method, params = []) {
  const url = endpoint.replace(/^ws(s?):/, 'http$1:');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  if (!response.ok) throw new Error(`${method}: HTTP ${response.status}`);
  const body = await response.json();
  if (body.error) {
    const data = body.error.data ? `: ${typeof body.error.data === 'string' ? body.error.data : JSON.stringify(body.error.data)}` : '';
    throw new Error(`${method}: ${body.error.message}${data}`);
  }
  return body.result;
}
