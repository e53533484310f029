import { SendingPanel } from './SendingPanel';

const NEWSLETTER = 'api::newsletter.newsletter';

/**
 * Side panel of the content manager's edit view (Content Manager API `addEditViewSidePanel`),
 * shown on newsletters only, once saved (a document id is needed).
 */
export function NewsletterSendingPanel({ model, documentId }: { model: string; documentId?: string }) {
  if (model !== NEWSLETTER || !documentId) return null;
  return { title: 'Envoi aux abonnés', content: <SendingPanel documentId={documentId} /> };
}
