// Refusals in words a person understands. The service's problem+json `code` is stable (API.md); its `detail` is
// the fallback for a code this page does not know yet.

import { formatTime, secondsUntil } from './format.js';

const MESSAGES = {
  'token-missing': 'Sign in with a token first.',
  'token-invalid': 'That token is not recognised. Check that you pasted all of it, starting with vf_tok_.',
  'token-revoked': 'This token has been revoked, so it can no longer be used. Sign in with another token.',
  'token-expired': 'This token has expired. Sign in with another token.',
  'name-taken': 'Another active token already has this name. Choose a different name.',
  'name-invalid': 'A name has 1 to 100 characters and no control characters.',
  'expiry-required': 'Choose when the token expires.',
  'expiry-invalid':
    'That expiry cannot be used: it must lie in the future and within the longest lifetime this service allows.',
  'scope-above-caller': 'You cannot give a token a higher scope than your own token has.',
  'scope-invalid': 'Choose one of the scopes offered.',
  'token-not-active': 'This token is no longer active, so nothing was changed.',
  'token-not-found': 'This token no longer exists in your tenant.',
  'token-already-rotated':
    'This token has already been rotated, so nothing was changed. Rotate its successor instead: the newer token '
    + 'with the same name.',
  'grace-period-invalid': 'Choose how long the old token keeps working: at most 30 days.',
  'reason-too-long': 'A reason has at most 500 characters.',
  'reason-invalid': 'A reason cannot contain control characters.',
  'auth-unavailable': 'Tokens cannot be checked at the moment. Try again in a few seconds.',
  'cross-origin-refused':
    'The command side does not accept calls from this page’s address. Ask the operator to add it to '
    + 'VF_CORS_ALLOWED_ORIGINS.',
  'request-too-large': 'That request is too large.',
  'internal-error': 'The service failed and nothing was changed. Try again; if it keeps failing, tell the operator.',
};

/** A sentence or two saying what went wrong and what to do next. */
export function describe(error, now = Date.now()) {
  if (error.code === 'rate-limited') {
    return rateLimited(error, now);
  }
  if (error.code === 'insufficient-scope') {
    return `Your token’s scope does not allow this; it needs a token of scope ${error.requiredScope || 'admin'}.`;
  }
  if (error.code === 'network-error') {
    return error.service === 'command'
      ? 'The command side could not be reached. Check that it is running, and that it accepts this page’s '
        + 'address (VF_CORS_ALLOWED_ORIGINS).'
      : 'The service could not be reached. Check that it is running and try again.';
  }
  if (error.status === 404 && error.code === 'not-found' && error.service === 'command') {
    return 'The command side does not offer this action.';
  }
  const known = MESSAGES[error.code];
  const text = known || error.detail || `The request failed (HTTP ${error.status}).`;
  return error.requestId && !known ? `${text} (Request id ${error.requestId}.)` : text;
}

function rateLimited(error, now) {
  if (!error.retryAt) {
    return 'This token has made too many requests this minute. Wait a minute and try again.';
  }
  const seconds = secondsUntil(error.retryAt, now);
  const wait = seconds === 1 ? '1 second' : `${seconds} seconds`;
  return `This token has made too many requests this minute. Try again in ${wait}, at ${formatTime(error.retryAt)}.`;
}

/** Whether a refusal means the signed-in token itself can no longer be used. */
export function endsSession(error) {
  return ['token-missing', 'token-invalid', 'token-revoked', 'token-expired'].includes(error.code);
}
