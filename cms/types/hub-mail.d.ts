/**
 * The shared mailer (integrations/src/mail/), an ES module in TypeScript, loaded at run time with
 * `require('@hub/integrations/mail')` (Node 24: require(esm) and type stripping). cms/ resolves
 * modules the CommonJS way and cannot see its types: this is their shape, kept in step by hand.
 */
declare module '@hub/integrations/mail' {
  export interface MailMessage {
    to: string;
    subject: string;
    text: string;
    html?: string;
    from?: string;
    replyTo?: string;
    /** One-click unsubscribe (RFC 8058): sets List-Unsubscribe and List-Unsubscribe-Post. */
    unsubscribeUrl?: string;
    headers?: Record<string, string>;
    /** Runs just before the end-of-data mark is written (plain SMTP): the message is handed over. */
    onHandover?: () => void;
  }
  export interface MailerOptions {
    /** smtp://… (sensitive). Empty: the demo letterbox (.eml files in `letterbox`). */
    url: string;
    letterbox?: string;
    from: string;
    pool?: boolean;
    maxConnections?: number;
    ratePerSecond?: number;
  }
  export class MailError extends Error {
    readonly permanent: boolean;
    readonly responseCode: number | undefined;
    constructor(message: string, options: { permanent: boolean; responseCode?: number; cause?: unknown });
  }
  export interface Mailer {
    send(message: MailMessage): Promise<{ messageId: string }>;
    close(): void;
  }
  export function createMailer(options: MailerOptions): Mailer;
  export function toMailError(error: unknown): MailError;
}
