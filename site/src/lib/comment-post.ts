import { ModerationUnavailableError, sendComment, visitorKey } from '../moderation/client.ts';
import { readForm } from './forms.ts';

export type CommentOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'error'; status: number; text: string; values: Record<string, string> };

/** A comment form posted under an article: forwarded to the moderation service. */
export async function postComment(request: Request, clientAddress: string, article: { slug: string; worksiteSlug?: string | null; open: boolean }): Promise<CommentOutcome> {
  const values = await readForm(request);
  if (!article.open) return { kind: 'error', status: 403, text: 'Les commentaires sont fermés pour cet article.', values };
  try {
    const result = await sendComment({
      articleSlug: article.slug,
      worksiteSlug: article.worksiteSlug ?? null,
      authorName: values.nom ?? '',
      text: values.commentaire ?? '',
      website: values.site_web ?? '',
      clientKey: visitorKey(clientAddress),
    });
    if (!result.ok) return { kind: 'error', status: 400, text: result.message, values };
    const outcome = result.state === 'published' ? 'publie' : result.state === 'private' ? 'prive' : 'merci';
    return { kind: 'redirect', location: `/articles/${article.slug}?commentaire=${outcome}#commentaire-retour` };
  } catch (error) {
    if (!(error instanceof ModerationUnavailableError)) throw error;
    return { kind: 'error', status: 503, text: 'Votre commentaire n’a pas pu être envoyé pour le moment. Merci de réessayer dans quelques minutes.', values };
  }
}

/** The message shown after the redirect that follows a successful post. */
export function commentNotice(url: URL) {
  const state = url.searchParams.get('commentaire');
  if (state === 'publie') return { kind: 'success' as const, text: 'Merci, votre commentaire est publié.' };
  if (state === 'merci') return { kind: 'success' as const, text: 'Merci, votre commentaire sera publié après relecture.' };
  if (state === 'prive') {
    return {
      kind: 'success' as const,
      text: 'Merci. Pour protéger votre vie privée, votre commentaire ne sera pas publié : il contient des informations personnelles (téléphone, adresse, e-mail, numéro de contrat…). Pour une demande qui vous concerne, utilisez le formulaire de contact : nos équipes vous répondront en privé.',
    };
  }
  return null;
}
