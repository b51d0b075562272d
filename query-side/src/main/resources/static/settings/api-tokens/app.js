// Settings › API Tokens: sign in with a token, list the tenant's tokens, create, rotate and revoke them.
// Every value from the API reaches the page through textContent, never as markup.

import { apiClient, loadConfig } from './api.js';
import { closeButtons, closeDialog, openDialog } from './dialogs.js';
import { addDuration, expiryInstant, formatDate, formatDateTime, formatRelative, utcDate } from './format.js';
import { describe, endsSession } from './messages.js';

const SCOPES = ['read-only', 'sync-trigger', 'admin'];
const EXPIRING_SOON_DAYS = 14;
const EXPIRING_SOON_MS = EXPIRING_SOON_DAYS * 24 * 60 * 60 * 1000;
// Columns sort this way first when their header is chosen: names A–Z, times newest first, expiry soonest first.
const FIRST_DIRECTION = { name: '', createdAt: '-', expiresAt: '', lastUsedAt: '-' };

const $ = (id) => document.getElementById(id);

// The signed-in token is kept in this variable only: never in sessionStorage, localStorage or a cookie, so nothing
// outlives the tab and no other page of this origin (Swagger UI, say) can read it. A reload asks for it again.
let session = null;
let config = null;
let api = null;
const view = { sort: '-createdAt', cursors: [null], page: 0, nextCursor: null, items: [] };

const createExpiry = expiryField($('create-dialog').querySelector('[data-expiry]'));
const rotateExpiry = expiryField($('rotate-dialog').querySelector('[data-expiry]'));

start();

async function start() {
  wireEvents();
  try {
    config = await loadConfig();
  } catch (e) {
    showAlert(`${e.message}. Reload the page to try again.`);
    $('sign-in-submit').disabled = true;
    return;
  }
  api = apiClient({ commandSideUrl: config.commandSideUrl, getToken: () => session && session.token });
  $('sign-in-token').focus();
}

function wireEvents() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut('Signed out. The page has forgotten your token.'));

  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    reloadFromFirstPage();
  });
  for (const id of ['filter-status', 'filter-scope', 'filter-expiring', 'filter-limit']) {
    $(id).addEventListener('change', reloadFromFirstPage);
  }
  $('filter-q').addEventListener('search', reloadFromFirstPage);
  $('refresh').addEventListener('click', () => loadTokens({ announce: true }));
  for (const header of document.querySelectorAll('th[data-sort]')) {
    header.querySelector('button').addEventListener('click', () => sortBy(header.dataset.sort));
  }
  $('page-next').addEventListener('click', () => {
    view.cursors[view.page + 1] = view.nextCursor;
    view.page += 1;
    loadTokens({ announce: true });
  });
  $('page-previous').addEventListener('click', () => {
    view.page = Math.max(0, view.page - 1);
    loadTokens({ announce: true });
  });

  $('create-open').addEventListener('click', openCreate);
  $('create-form').addEventListener('submit', submitCreate);
  $('revoke-form').addEventListener('submit', submitRevoke);
  $('rotate-form').addEventListener('submit', submitRotate);
  $('secret-copy').addEventListener('click', copySecret);
  $('secret-value').addEventListener('focus', (event) => event.target.select());
  $('secret-done').addEventListener('click', () => $('secret-dialog').close());
  for (const dialog of document.querySelectorAll('dialog')) {
    closeButtons(dialog);
  }
}

// --- Signing in and out ------------------------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const input = $('sign-in-token');
  const token = input.value.trim();
  clearAlert();
  if (!token.startsWith('vf_tok_')) {
    fieldError('sign-in-token', 'sign-in-error', 'A VersionForge token starts with vf_tok_. Paste all of it.');
    input.focus();
    return;
  }
  fieldError('sign-in-token', 'sign-in-error', null);
  $('sign-in-submit').disabled = true;
  session = { token, caller: null };
  try {
    session.caller = await api.whoAmI();
  } catch (e) {
    session = null;
    fieldError('sign-in-token', 'sign-in-error', describe(e));
    input.focus();
    return;
  } finally {
    $('sign-in-submit').disabled = false;
  }
  input.value = '';
  showSignedIn();
  await loadTokens();
  announce(`Signed in with a ${session.caller.scope} token of tenant ${session.caller.tenantId}.`);
}

function showSignedIn() {
  const { caller } = session;
  const admin = caller.scope === 'admin';
  $('session-name').textContent = caller.name || `token ${caller.tokenId.slice(0, 8)}`;
  $('session-scope').textContent = caller.scope;
  $('session-scope').className = `badge scope-${caller.scope}`;
  $('session-tenant').textContent = caller.tenantId;
  $('session').hidden = false;
  $('sign-in').hidden = true;
  $('tokens').hidden = false;
  $('create-open').hidden = !admin;
  $('actions-header').hidden = !admin;
  const notice = $('read-only-notice');
  notice.hidden = admin;
  notice.textContent = admin
    ? ''
    : `You are signed in with a ${caller.scope} token: you can see the tokens, but creating and revoking them `
      + 'needs an admin token.';
}

/** Forgets the token and everything shown with it. */
function signOut(message) {
  session = null;
  view.items = [];
  view.cursors = [null];
  view.page = 0;
  view.nextCursor = null;
  for (const dialog of document.querySelectorAll('dialog[open]')) {
    dialog.close();
  }
  $('tokens-body').replaceChildren();
  $('session').hidden = true;
  $('tokens').hidden = true;
  $('create-open').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-token').value = '';
  clearAlert();
  fieldError('sign-in-token', 'sign-in-error', null);
  announce(message);
  $('sign-in-token').focus();
}

/** Shows a refusal; one that means the token itself is no longer usable signs out. */
function handleError(error, where = showAlert) {
  if (session && endsSession(error)) {
    const message = describe(error);
    signOut(message);
    fieldError('sign-in-token', 'sign-in-error', message);
    return;
  }
  where(describe(error));
}

// --- The table ------------------------------------------------------------------------------------------------------

function reloadFromFirstPage() {
  view.cursors = [null];
  view.page = 0;
  loadTokens({ announce: true });
}

function sortBy(field) {
  const current = view.sort.replace(/^-/, '');
  const direction = current === field ? (view.sort.startsWith('-') ? '' : '-') : FIRST_DIRECTION[field];
  view.sort = `${direction}${field}`;
  for (const header of document.querySelectorAll('th[data-sort]')) {
    if (header.dataset.sort === field) {
      header.setAttribute('aria-sort', direction === '-' ? 'descending' : 'ascending');
    } else {
      header.removeAttribute('aria-sort');
    }
  }
  reloadFromFirstPage();
}

function listParameters() {
  const parameters = { sort: view.sort, limit: $('filter-limit').value };
  const q = $('filter-q').value.trim();
  if (q) {
    parameters.q = q;
  }
  if ($('filter-status').value) {
    parameters.status = $('filter-status').value;
  }
  if ($('filter-scope').value) {
    parameters.scope = $('filter-scope').value;
  }
  if ($('filter-expiring').checked) {
    parameters.expiringWithinDays = String(EXPIRING_SOON_DAYS);
  }
  const cursor = view.cursors[view.page];
  if (cursor) {
    parameters.cursor = cursor;
  }
  return parameters;
}

let latestLoad = 0;

async function loadTokens({ announce: say = false } = {}) {
  if (!session) {
    return;
  }
  // Only the latest load may fill the table: an answer to a superseded filter or sort arriving late is dropped.
  const load = ++latestLoad;
  const table = $('tokens-table');
  table.setAttribute('aria-busy', 'true');
  try {
    const page = await api.listTokens(listParameters());
    if (load !== latestLoad || !session) {
      return;
    }
    clearAlert();
    view.items = page.items;
    view.nextCursor = page.nextCursor;
    renderTable();
    if (say) {
      announce($('tokens-summary').textContent);
    }
  } catch (e) {
    if (load === latestLoad) {
      handleError(e);
    }
  } finally {
    if (load === latestLoad) {
      table.removeAttribute('aria-busy');
    }
  }
}

/** Says why an action on a row that was out of date changed nothing, with the table brought up to date. */
async function showStale(message) {
  // Shown after the reload, which clears the alerts of earlier loads; focus goes to the page, the row's button is gone.
  await loadTokens();
  showAlert(message);
  $('main').focus();
}

function renderTable() {
  $('tokens-body').replaceChildren(...view.items.map(row));
  $('tokens-empty').hidden = view.items.length > 0;
  $('page-previous').disabled = view.page === 0;
  $('page-next').disabled = !view.nextCursor;
  const count = view.items.length;
  const shown = count === 1 ? '1 token' : `${count} tokens`;
  const more = view.nextCursor ? ', more on the next page' : '';
  $('tokens-summary').textContent = `Page ${view.page + 1}: ${shown}${more}.`;
}

function row(token) {
  const tr = $('row-template').content.firstElementChild.cloneNode(true);
  tr.dataset.tokenId = token.id;
  tr.dataset.status = token.status;
  if (token.rotatedTo) {
    tr.dataset.rotatedTo = token.rotatedTo;
  }

  tr.querySelector('.token-name').textContent = token.name;
  tr.querySelector('.token-hint').textContent = `vf_tok_…${token.tokenHint}`;
  tr.querySelector('.this-session').hidden = token.id !== session.caller.tokenId;

  const scope = tr.querySelector('.cell-scope .badge');
  scope.textContent = token.scope;
  scope.classList.add(`scope-${token.scope}`);

  const created = tr.querySelector('.cell-created');
  setTime(created.querySelector('time'), token.createdAt, formatDate(token.createdAt));
  created.querySelector('.by').textContent = `by ${actorName(token.createdBy)}`;

  renderExpiry(tr.querySelector('.cell-expires'), token);
  renderLastUse(tr.querySelector('.cell-used'), token);
  renderStatus(tr.querySelector('.cell-status'), token);

  const actions = tr.querySelector('.cell-actions');
  if (session.caller.scope !== 'admin') {
    actions.remove();
  } else if (token.status === 'active') {
    // A replaced token has a successor already: the API refuses a second one, so only Revoke is left for it.
    if (!token.rotatedTo) {
      actions.append(actionButton('Rotate', 'rotate', token, (event) => openRotate(token, event.currentTarget)));
    }
    actions.append(actionButton('Revoke', 'revoke', token, (event) => openRevoke(token, event.currentTarget)));
  }
  return tr;
}

function actionButton(label, action, token, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = action === 'revoke' ? 'button button-small button-danger-quiet' : 'button button-small';
  button.dataset.action = action;
  button.append(label);
  const name = document.createElement('span');
  name.className = 'visually-hidden';
  name.textContent = ` token ${token.name}`;
  button.append(name);
  button.addEventListener('click', onClick);
  return button;
}

function renderExpiry(cell, token) {
  setTime(cell.querySelector('time'), token.expiresAt, formatDate(token.expiresAt));
  const relative = cell.querySelector('.relative');
  if (token.status === 'expired') {
    relative.textContent = `expired ${formatRelative(token.expiredAt || token.expiresAt)}`;
  } else if (token.status === 'revoked') {
    relative.textContent = 'no longer applies';
  } else {
    relative.textContent = formatRelative(token.expiresAt);
  }
  if (token.status === 'active' && expiringSoon(token)) {
    const badge = document.createElement('span');
    badge.className = 'badge badge-warning';
    badge.dataset.badge = 'expiring-soon';
    badge.textContent = 'Expires soon';
    cell.append(badge);
  }
}

function renderLastUse(cell, token) {
  if (!token.lastUsedAt) {
    cell.textContent = 'Never';
    cell.classList.add('muted');
    return;
  }
  const time = document.createElement('time');
  setTime(time, token.lastUsedAt, formatRelative(token.lastUsedAt));
  cell.append(time);
  if (token.lastUsedIp) {
    const ip = document.createElement('span');
    ip.className = 'sub';
    ip.textContent = `from ${token.lastUsedIp}`;
    cell.append(ip);
  }
}

function renderStatus(cell, token) {
  const status = cell.querySelector('.status');
  status.textContent = { active: 'Active', revoked: 'Revoked', expired: 'Expired' }[token.status] || token.status;
  status.className = `status status-${token.status}`;
  const detail = cell.querySelector('.status-detail');
  if (token.status === 'revoked' && token.revokedAt) {
    // Nobody is named yet for a grace period that has ended by the clock, before its revocation is recorded.
    detail.textContent = token.revokedBy
      ? `${formatDate(token.revokedAt)} by ${actorName(token.revokedBy)}`
      : `${formatDate(token.revokedAt)}, grace period over`;
    detail.title = formatDateTime(token.revokedAt);
  } else if (token.status === 'active' && token.rotatedTo) {
    status.textContent = 'Rotated';
    status.className = 'status status-rotated';
    // The grace end comes from the dashboard, or, right after this page rotated the token, from the rotation itself;
    // a row kept on the page past it still tells that the token no longer works.
    if (!token.graceEndsAt) {
      detail.textContent = 'replaced; still works until revoked or expired';
    } else if (new Date(token.graceEndsAt).getTime() <= Date.now()) {
      detail.textContent = `stopped working ${formatDateTime(token.graceEndsAt)}`;
    } else {
      detail.textContent = `works until ${formatDateTime(token.graceEndsAt)}`;
    }
  } else if (token.status === 'active' && token.rotatedFrom) {
    const predecessor = view.items.find((item) => item.id === token.rotatedFrom);
    detail.textContent = predecessor ? `replaces vf_tok_…${predecessor.tokenHint}` : 'replaces an older token';
  }
}

function setTime(element, iso, text) {
  element.dateTime = iso;
  element.textContent = text;
  element.title = formatDateTime(iso);
}

function expiringSoon(token) {
  if (typeof token.expiringSoon === 'boolean') {
    return token.expiringSoon;
  }
  return new Date(token.expiresAt).getTime() - Date.now() <= EXPIRING_SOON_MS;
}

/** Who an actor of the audit metadata is, in words: the operator, a token by its name where known, or a user. */
function actorName(actor) {
  if (!actor) {
    return 'unknown';
  }
  if (actor === 'operator') {
    return 'the operator (command line)';
  }
  if (!actor.startsWith('token:')) {
    return actor;
  }
  const id = actor.slice('token:'.length);
  if (session.caller.tokenId === id) {
    return 'you';
  }
  const known = view.items.find((item) => item.id === id);
  return known ? known.name : `token ${id.slice(0, 8)}…`;
}

/** Puts a changed or new token into the table without reloading it. */
function showToken(token, { prepend = false } = {}) {
  const index = view.items.findIndex((item) => item.id === token.id);
  if (index >= 0) {
    view.items[index] = { ...view.items[index], ...token };
    const existing = $('tokens-body').querySelector(`tr[data-token-id="${CSS.escape(token.id)}"]`);
    const replacement = row(view.items[index]);
    if (existing) {
      existing.replaceWith(replacement);
    }
    return replacement;
  }
  if (prepend && view.page === 0) {
    view.items.unshift(token);
    renderTable();
  }
  return $('tokens-body').querySelector(`tr[data-token-id="${CSS.escape(token.id)}"]`);
}

// --- Create ---------------------------------------------------------------------------------------------------------

function openCreate() {
  const form = $('create-form');
  form.reset();
  hideError('create-error');
  fieldError('create-name', 'create-name-error', null);
  const ownRank = SCOPES.indexOf(session.caller.scope);
  $('create-scope').replaceChildren(
    ...SCOPES.filter((_, rank) => rank <= ownRank).map((scope) => new Option(scope, scope)),
  );
  createExpiry.reset();
  openDialog($('create-dialog'), { opener: $('create-open'), initialFocus: $('create-name') });
}

async function submitCreate(event) {
  event.preventDefault();
  hideError('create-error');
  const name = $('create-name').value.trim();
  if (!name) {
    fieldError('create-name', 'create-name-error', 'Give the token a name, such as where it is used.');
    $('create-name').focus();
    return;
  }
  fieldError('create-name', 'create-name-error', null);
  const expiry = createExpiry.read();
  if (!expiry) {
    showError('create-error', 'Choose the last day the token is valid.');
    return;
  }

  $('create-submit').disabled = true;
  let created;
  try {
    created = await api.createToken({ name, scope: $('create-scope').value, ...expiry });
  } catch (e) {
    if (e.code === 'name-taken' || e.code === 'name-invalid') {
      fieldError('create-name', 'create-name-error', describe(e));
      $('create-name').focus();
    } else {
      handleError(e, (message) => showError('create-error', message));
    }
    return;
  } finally {
    $('create-submit').disabled = false;
  }

  await closeDialog($('create-dialog'));
  const { token: secret, ...token } = created;
  showToken({ lastUsedAt: null, ...token }, { prepend: true });
  showSecret(token.name, secret, { opener: $('create-open') });
  announce(`Token “${token.name}” created. Copy it now: it will not be shown again.`);
}

// --- The secret, shown once --------------------------------------------------------------------------------------

/**
 * Shows a new token's secret until the dialog closes; `predecessor` says what became of a rotated token, and
 * `warning` marks that as something left to do.
 */
function showSecret(name, secret, { opener, predecessor = null, warning = false }) {
  $('secret-name').textContent = name;
  $('secret-value').value = secret;
  $('secret-copy-status').textContent = '';
  const note = $('secret-predecessor');
  note.textContent = predecessor || '';
  note.className = warning ? 'notice notice-warning' : 'hint';
  note.hidden = !predecessor;
  openDialog($('secret-dialog'), {
    opener,
    initialFocus: $('secret-copy'),
    // Closing forgets it: the field was its only copy on the page.
    onClose: () => {
      $('secret-value').value = '';
      $('secret-name').textContent = '';
      $('secret-copy-status').textContent = '';
      note.textContent = '';
      note.hidden = true;
    },
  });
}

async function copySecret() {
  const field = $('secret-value');
  const status = $('secret-copy-status');
  try {
    await navigator.clipboard.writeText(field.value);
    status.textContent = 'Copied. Paste it into your secret manager now.';
  } catch {
    field.focus();
    field.select();
    status.textContent = 'The browser did not allow copying: the token is selected, press Ctrl+C (⌘C on a Mac).';
  }
}

// --- Revoke ---------------------------------------------------------------------------------------------------------

let revoking = null;

function openRevoke(token, opener) {
  revoking = token;
  $('revoke-form').reset();
  hideError('revoke-error');
  $('revoke-name').textContent = token.name;
  $('revoke-self').hidden = token.id !== session.caller.tokenId;
  openDialog($('revoke-dialog'), {
    opener,
    initialFocus: $('revoke-cancel'),
    onClose: () => {
      revoking = null;
    },
  });
}

async function submitRevoke(event) {
  event.preventDefault();
  const token = revoking;
  if (!token) {
    return;
  }
  hideError('revoke-error');
  $('revoke-submit').disabled = true;
  let revoked;
  try {
    revoked = await api.revokeToken(token.id, $('revoke-reason').value.trim());
  } catch (e) {
    if (e.code === 'token-not-active' || e.code === 'token-not-found') {
      $('revoke-dialog').close();
      await showStale(describe(e));
    } else {
      handleError(e, (message) => showError('revoke-error', message));
    }
    return;
  } finally {
    $('revoke-submit').disabled = false;
  }

  if (token.id === session.caller.tokenId) {
    signOut(`You revoked “${token.name}”, the token you were signed in with, so you are signed out.`);
    return;
  }
  const updated = showToken({ ...revoked, expiringSoon: false });
  $('revoke-dialog').returnFocusTo = updated && updated.querySelector('.cell-name');
  $('revoke-dialog').close();
  announce(`Token “${token.name}” revoked. It is refused from now on.`);
}

// --- Rotate ---------------------------------------------------------------------------------------------------------

let rotating = null;

function openRotate(token, opener) {
  rotating = token;
  $('rotate-form').reset();
  hideError('rotate-error');
  $('rotate-name').textContent = token.name;
  $('rotate-self').hidden = token.id !== session.caller.tokenId;
  rotateExpiry.reset();
  openDialog($('rotate-dialog'), {
    opener,
    initialFocus: $('rotate-cancel'),
    onClose: () => {
      rotating = null;
    },
  });
}

async function submitRotate(event) {
  event.preventDefault();
  const token = rotating;
  if (!token) {
    return;
  }
  hideError('rotate-error');
  const expiry = rotateExpiry.read();
  if (!expiry) {
    showError('rotate-error', 'Choose the last day the new token is valid.');
    return;
  }
  const grace = $('rotate-grace').value;
  // "Immediately" is a rotation without a grace period followed by a revoke: without one, the API keeps the old
  // token valid until someone revokes it.
  const immediately = grace === 'now';
  const request = immediately ? { ...expiry } : { ...expiry, gracePeriod: grace };

  $('rotate-submit').disabled = true;
  let created;
  try {
    created = await api.rotateToken(token.id, request);
  } catch (e) {
    if (['token-not-active', 'token-already-rotated', 'token-not-found'].includes(e.code)) {
      $('rotate-dialog').close();
      await showStale(describe(e));
    } else {
      handleError(e, (message) => showError('rotate-error', message));
    }
    return;
  } finally {
    $('rotate-submit').disabled = false;
  }

  const { token: secret, ...successor } = created;
  if (token.id === session.caller.tokenId) {
    // The page goes on with the successor, so that the old token's end does not sign the admin out.
    session.token = secret;
    session.caller = { ...session.caller, tokenId: successor.id };
  }
  // Closed before the old token's revoke, so that the confirmation cannot be sent twice while that call runs.
  await closeDialog($('rotate-dialog'));
  const outcome = immediately
    ? await revokeRotated(token, successor)
    : rotatedWithGrace(token, successor, grace);
  const successorRow = showToken({ lastUsedAt: null, ...successor }, { prepend: true });
  showSecret(successor.name, secret, {
    opener: successorRow ? successorRow.querySelector('.cell-name') : $('main'),
    predecessor: outcome.message,
    warning: outcome.warning,
  });
  announce(`Token “${successor.name}” rotated. Copy the new token now: it will not be shown again.`);
}

async function revokeRotated(token, successor) {
  try {
    const revoked = await api.revokeToken(token.id, 'rotated');
    showToken({ ...revoked, rotatedTo: successor.id, expiringSoon: false });
    return { message: 'The old token has been revoked: it is refused from now on.', warning: false };
  } catch (e) {
    showToken({ ...token, rotatedTo: successor.id });
    return {
      message: `The old token could not be revoked and still works: ${describe(e)} Revoke it from the table.`,
      warning: true,
    };
  }
}

function rotatedWithGrace(token, successor, grace) {
  // The grace period starts with the rotation, the instant the successor was created.
  const graceEndsAt = addDuration(successor.createdAt, grace);
  showToken({ ...token, rotatedTo: successor.id, graceEndsAt });
  return {
    message: `The old token keeps working until ${formatDateTime(graceEndsAt)}; then it is revoked by itself.`,
    warning: false,
  };
}

// --- Expiry choice: 30 days, 90 days, 1 year or a date; never "never" --------------------------------------------

function expiryField(fieldset) {
  const date = fieldset.querySelector('input[type=date]');
  const summary = fieldset.querySelector('[data-expiry-summary]');

  function chosen() {
    return fieldset.querySelector('input[type=radio]:checked').value;
  }

  function read() {
    if (chosen() !== 'custom') {
      return { expiresIn: chosen() };
    }
    return date.value ? { expiresAt: date.value } : null;
  }

  function update() {
    date.disabled = chosen() !== 'custom';
    const expiry = read();
    const instant = expiry && expiryInstant(expiry);
    summary.textContent = instant
      ? `Stops working at ${formatDateTime(instant.toISOString())}.`
      : 'Choose the last day the token is valid.';
  }

  fieldset.addEventListener('change', update);
  return {
    read,
    reset() {
      date.min = utcDate(0);
      date.max = utcDate(365);
      date.value = '';
      update();
    },
  };
}

// --- Messages -------------------------------------------------------------------------------------------------------

function announce(message) {
  const status = $('status');
  status.textContent = '';
  // A changed text is what a screen reader announces; clearing first repeats an identical message too.
  window.setTimeout(() => {
    status.textContent = message;
  }, 50);
}

function showAlert(message) {
  $('alert').textContent = message;
  $('alert').hidden = false;
}

function clearAlert() {
  $('alert').hidden = true;
  $('alert').textContent = '';
}

function showError(id, message) {
  $(id).textContent = message;
  $(id).hidden = false;
}

function hideError(id) {
  $(id).hidden = true;
  $(id).textContent = '';
}

function fieldError(inputId, errorId, message) {
  const input = $(inputId);
  if (message) {
    showError(errorId, message);
    input.setAttribute('aria-invalid', 'true');
  } else {
    hideError(errorId);
    input.removeAttribute('aria-invalid');
  }
}
