// The two services' HTTP APIs as the page uses them (API.md): reads from the query side, which serves this page,
// and create/revoke/rotate on the command side, across origins. Refusals become ApiError, with problem+json's code.

/** A refused or failed call; `code` is the problem+json code, or `network-error` when no answer came. */
export class ApiError extends Error {
  constructor({ status, code, detail, requiredScope, retryAt, requestId, service }) {
    super(detail || code);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.requiredScope = requiredScope;
    this.retryAt = retryAt;
    this.requestId = requestId;
    this.service = service;
  }
}

/**
 * A client that signs every call with the token `getToken()` returns at the time of the call.
 * @param {{commandSideUrl: string, getToken: () => string}} options
 */
export function apiClient({ commandSideUrl, getToken }) {
  const query = (path, init) => call('', path, init, 'query');
  const command = (path, init) => call(commandSideUrl, path, init, 'command');

  async function call(base, path, { method = 'GET', body } = {}, service) {
    const headers = { Accept: 'application/json', Authorization: `Bearer ${getToken()}` };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch (e) {
      throw new ApiError({ status: 0, code: 'network-error', detail: e.message, service });
    }
    if (response.ok) {
      return response.json();
    }
    throw await refusal(response, service);
  }

  return {
    whoAmI: () => query('/api/v1/auth/whoami'),
    listTokens: (parameters) => query(`/api/v1/tokens?${new URLSearchParams(parameters)}`),
    createToken: (request) => command('/api/v1/tokens', { method: 'POST', body: request }),
    revokeToken: (id, reason) =>
      command(`/api/v1/tokens/${encodeURIComponent(id)}/revoke`, {
        method: 'POST',
        body: reason ? { reason } : {},
      }),
    rotateToken: (id, request) =>
      command(`/api/v1/tokens/${encodeURIComponent(id)}/rotate`, { method: 'POST', body: request }),
  };
}

async function refusal(response, service) {
  let problem = {};
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      problem = await response.json();
    } catch {
      problem = {};
    }
  }
  return new ApiError({
    status: response.status,
    code: problem.code || `http-${response.status}`,
    detail: problem.detail,
    requiredScope: problem.requiredScope,
    retryAt: retryAt(response.headers),
    requestId: response.headers.get('X-Request-Id'),
    service,
  });
}

/** When a refused call may be tried again: Retry-After (seconds), else the rate-limit window's reset; or null. */
function retryAt(headers) {
  const retryAfter = Number.parseInt(headers.get('Retry-After'), 10);
  if (Number.isFinite(retryAfter)) {
    return new Date(Date.now() + retryAfter * 1000);
  }
  const reset = Number.parseInt(headers.get('X-RateLimit-Reset'), 10);
  return Number.isFinite(reset) ? new Date(reset * 1000) : null;
}

/** Loads the page's configuration from the query side, which serves it from its own settings. */
export async function loadConfig() {
  const response = await fetch('/settings/api-tokens/config.json', { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) {
    throw new Error(`The page configuration could not be loaded (HTTP ${response.status})`);
  }
  return response.json();
}
