import type { ConsoleUser } from '../access/accounts.ts';
import type { Services } from '../services.ts';

/** What every resolver receives: the services, the signed-in person, the session cookie jar. */
export interface GraphQLContext {
  services: Services;
  user: ConsoleUser | null;
  sessionToken: string | undefined;
  /** Cookies to send back (login, logout). */
  setCookies: string[];
  secureCookies: boolean;
}
