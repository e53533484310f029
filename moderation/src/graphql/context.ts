import type { ConsoleUser } from '../access/accounts.ts';
import type { ConsoleServices } from '../services.ts';

/** What every resolver receives: the domain services (no database handle), the signed-in person, the session cookie jar. */
export interface GraphQLContext {
  services: ConsoleServices;
  user: ConsoleUser | null;
  sessionToken: string | undefined;
  /** Cookies to send back (login, logout). */
  setCookies: string[];
  secureCookies: boolean;
}
