// @ts-check
/** Who is signed in, and what their role lets the console offer. */
export const session = {
  /**
   * The ConsoleUser from `me` / `login`, or null.
   * @type {import('./types.js').ConsoleUser | null}
   */
  user: null,
  /**
   * Colleagues' names by id, to read « user:<id> » in histories (only admins may list them).
   * @type {Map<string, string>}
   */
  namesById: new Map(),
};

/** Read-only accounts (communication team) see everything but change nothing. */
export const canModerate = () => session.user !== null && session.user.role !== 'communication_readonly';

export const isAdmin = () => session.user?.role === 'admin';

export const FORBIDDEN_MESSAGE = 'Votre rôle ne permet pas cette action.';
