// @ts-check
/**
 * Entry point: signs in (or finds the session), routes between the four views by hash
 * (#/file, #/charte, #/journal, #/tableau-de-bord) and starts the live feed.
 */
import { refreshAccounts, showAccounts, startAccounts, stopAccounts } from './accounts.js';
import { announce } from './announcer.js';
import { initCrises, refreshCrises, showCrises, startCrises, stopCrises } from './crises.js';
import { graphql, onSessionExpired } from './api.js';
import { initAudit, resetAudit, showAudit } from './audit.js';
import { initCharter, resetCharter, showCharter } from './charter.js';
import { initClaims, refreshClaims, resetClaims, showClaims } from './claims.js';
import { initOncall, resetOncall, showOncall } from './oncall.js';
import { initRegister, resetRegister, showRegister } from './register.js';
import { initRights, resetRights, showRights } from './rights.js';
import { resetDashboard, showDashboard } from './dashboard.js';
import { currentItemId, reloadItem, setReplyTools } from './detail.js';
import { ROLE_LABELS } from './format.js';
import { initKeyboard } from './keyboard.js';
import { startLive, stopLive } from './live.js';
import { initQueue, refreshNow, resetQueue, showQueue } from './queue.js';
import { LOGIN_MUTATION, LOGOUT_MUTATION, ME_QUERY, SAVED_REPLIES_QUERY, USERS_QUERY } from './queries.js';
import { canModerate, isAdmin, session } from './session.js';

const SESSION_EXPIRED = 'Votre session a expiré. Merci de vous reconnecter.';
const SESSION_ENDED = 'Votre session a pris fin (déconnexion, expiration ou connexion depuis un autre poste) : reconnectez-vous.';

/**
 * The views by the name in the address (`#/<name>`).
 * @typedef {{ title: string, show: () => unknown, moderatorsOnly?: boolean, adminsOnly?: boolean }} View
 * @type {Record<string, View>}
 */
const VIEWS = {
  file: { title: 'File de modération', show: showQueue },
  reclamations: { title: 'Réclamations', show: showClaims },
  charte: { title: 'Charte de modération', show: showCharter },
  journal: { title: 'Journal d’audit', show: showAudit, moderatorsOnly: true },
  'tableau-de-bord': { title: 'Tableau de bord', show: showDashboard },
  comptes: { title: 'Comptes des réseaux sociaux', show: showAccounts },
  crises: { title: 'Crises et alertes d’astreinte', show: showCrises },
  astreinte: { title: 'Astreinte et heures de bureau', show: showOncall },
  registre: { title: 'Registre des traitements', show: showRegister },
  'donnees-personnelles': { title: 'Données personnelles', show: showRights, adminsOnly: true },
};

/**
 * An element of index.html by id: every id a module asks for is in the page, so never null.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {string | null} */
let activeView = null;

function routeFromHash() {
  const name = location.hash.match(/^#\/([a-z-]+)/)?.[1];
  const view = VIEWS[/** @type {string} */ (name)];
  return /** @type {string} */ (view && (!view.moderatorsOnly || canModerate()) && (!view.adminsOnly || isAdmin()) ? name : 'file');
}

/**
 * Shows the view named in the address; `moveFocus` after a click in the nav, for screen readers.
 * @param {{ moveFocus: boolean }} options
 */
function route({ moveFocus }) {
  const name = routeFromHash();
  activeView = name;
  for (const section of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-view]'))) section.hidden = section.dataset.view !== name;
  for (const link of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-route]'))) {
    if (link.dataset.route === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // routeFromHash() names a view of VIEWS.
  document.title = `${/** @type {View} */ (VIEWS[name]).title} – Console de modération`;
  void /** @type {View} */ (VIEWS[name]).show();
  if (moveFocus) /** @type {HTMLElement} */ (document.querySelector(`[data-view="${name}"] h1`)).focus();
}

/** @param {string} [message] */
function showLogin(message = '') {
  session.user = null;
  activeView = null;
  stopLive();
  stopAccounts();
  stopCrises();
  resetQueue();
  resetCharter();
  resetClaims();
  resetOncall();
  resetRegister();
  resetRights();
  resetAudit();
  resetDashboard();
  $('main-nav').hidden = true;
  $('user-box').hidden = true;
  for (const section of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-view]'))) section.hidden = true;
  $('login-view').hidden = false;
  $('login-error').textContent = message;
  document.title = 'Connexion – Console de modération';
}

/** @param {import('./types.js').ConsoleUser} user */
async function startApp(user) {
  session.user = user;
  $('login-view').hidden = true;
  /** @type {HTMLFormElement} */ ($('login-form')).reset();
  $('login-error').textContent = '';
  $('user-name').textContent = user.displayName;
  $('user-role').textContent = `(${ROLE_LABELS[user.role] ?? user.role})`;
  $('main-nav').hidden = false;
  $('user-box').hidden = false;
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-needs-moderator]'))) node.hidden = !canModerate();
  for (const node of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('[data-needs-admin]'))) node.hidden = !isAdmin();
  route({ moveFocus: false });
  startLive({ onChanges: liveChanges, onLost: checkSessionThenReconnect, onSessionEnded: sessionEnded });
  startAccounts();
  startCrises();
  try {
    const [replies, users] = await Promise.all([
      canModerate() ? graphql(SAVED_REPLIES_QUERY) : null,
      isAdmin() ? graphql(USERS_QUERY) : null,
    ]);
    if (replies) setReplyTools(replies.savedReplies);
    if (users) session.namesById = new Map(users.users.map((/** @type {import('./types.js').UserRef} */ u) => [u.id, u.displayName]));
  } catch (error) {
    announce(/** @type {Error} */ (error).message);
  }
}

/** @param {import('./live.js').LiveChange[]} changes */
function liveChanges(changes) {
  const arrivals = changes.filter((change) => change.previousState === null).length;
  if (arrivals === 1) announce('Nouvel élément dans la file');
  else if (arrivals > 1) announce(`${arrivals} nouveaux éléments dans la file`);
  refreshNow();
  if (changes.some((change) => change.itemId === currentItemId())) void reloadItem();
  if (activeView === 'tableau-de-bord') void showDashboard();
  if (activeView === 'reclamations') void refreshClaims();
  void refreshAccounts();
  void refreshCrises();
}

/** The server ended the feed because the session is over: back to the sign-in screen, said aloud. */
function sessionEnded() {
  if (!session.user) return;
  showLogin(SESSION_ENDED);
  announce(SESSION_ENDED);
  $('login-email').focus();
}

/** The feed was refused or lost: either the session is over, or the service is back later. */
async function checkSessionThenReconnect() {
  if (!session.user) return;
  try {
    const { me } = await graphql(ME_QUERY);
    if (!me) return showLogin(SESSION_EXPIRED);
  } catch {
    // The service is unreachable: try again, the browser will not.
  }
  if (session.user) startLive({ onChanges: liveChanges, onLost: checkSessionThenReconnect, onSessionEnded: sessionEnded });
}

/** @param {SubmitEvent} event */
async function login(event) {
  event.preventDefault();
  const email = /** @type {HTMLInputElement} */ ($('login-email')).value.trim();
  const password = /** @type {HTMLInputElement} */ ($('login-password')).value;
  if (!email || !password) {
    $('login-error').textContent = 'Merci de saisir votre adresse e-mail et votre mot de passe.';
    return $(email ? 'login-password' : 'login-email').focus();
  }
  const submit = /** @type {HTMLButtonElement} */ ($('login-form').querySelector('[type="submit"]'));
  submit.disabled = true;
  try {
    const { login: user } = await graphql(LOGIN_MUTATION, { email, password });
    await startApp(user);
    /** @type {HTMLElement} */ (document.querySelector(`[data-view="${activeView}"] h1`)).focus();
  } catch (error) {
    $('login-error').textContent = /** @type {Error} */ (error).message;
    $('login-password').focus();
  } finally {
    submit.disabled = false;
  }
}

async function logout() {
  try {
    await graphql(LOGOUT_MUTATION);
  } catch {
    // Signed out on this screen either way; the cookie expires on its own.
  }
  showLogin();
  announce('Vous êtes déconnecté.');
  $('login-email').focus();
}

async function boot() {
  onSessionExpired(() => {
    if (!session.user) return;
    showLogin(SESSION_EXPIRED);
    $('login-email').focus();
  });
  initQueue();
  initCharter();
  initClaims();
  initAudit();
  initCrises();
  initOncall();
  initRegister();
  initRights();
  initKeyboard({ isActive: () => activeView === 'file' });
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  window.addEventListener('hashchange', () => {
    if (session.user && location.hash.startsWith('#/')) route({ moveFocus: true });
  });
  // The skip link is handled here, so that it does not replace the view's hash.
  /** @type {HTMLElement} */ (document.querySelector('.skip-link')).addEventListener('click', (event) => {
    event.preventDefault();
    $('main').focus();
  });
  try {
    const { me } = await graphql(ME_QUERY);
    if (me) await startApp(me);
    else showLogin();
  } catch (error) {
    showLogin(/** @type {Error} */ (error).message);
  }
}

void boot();
