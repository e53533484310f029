export { createMailer, mailFailure, type Mailer, type MailerOptions, type MailMessage } from './mailer.ts';
