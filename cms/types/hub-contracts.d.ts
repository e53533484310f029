/**
 * The hub's signature and signed POST (integrations/src/contracts/), loaded at run time with
 * `require('@hub/integrations/contracts')` like the mailer (see hub-mail.d.ts: cms/ resolves
 * modules the CommonJS way and cannot see their types). Only what the CMS calls.
 */
declare module '@hub/integrations/contracts' {
  export interface SignedPostOptions {
    secret: string;
    clock: () => Date;
    attempts?: number;
    timeoutMs?: number;
    backoffMs?: number;
  }
  export type SignedPostResult = { delivered: true } | { delivered: false; status: number | null; final: boolean; detail: string };
  export function postSigned(url: string, payload: unknown, options: SignedPostOptions): Promise<SignedPostResult>;
}
