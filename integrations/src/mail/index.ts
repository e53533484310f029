export { createMailer, MailError, toMailError, type Mailer, type MailerOptions, type MailMessage } from './mailer.ts';
