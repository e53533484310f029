/**
 * The hub's own protocol, shared by every process: the signature of what crosses processes, the
 * signed POST with retries, and the zod schema of every payload that crosses them (one module per
 * link: who sends, who receives). A receiver parses with the schema; a sender types its payload
 * with the inferred type, so a change to a contract breaks the type-check on both sides.
 */
export { MAX_SKEW_MS, SIGNATURE_HEADER, TIMESTAMP_HEADER, checkSignature, signBody, signedHeaders, type SignatureCheck, type SignedRequest } from './signature.ts';
export { postSigned, type SignedPostOptions, type SignedPostResult } from './post.ts';
// CMS → site, moderation → site: the cache notice.
export { siteNoticeSchema, type SiteNotice } from './site-notice.ts';
// CMS → moderation: an article to share was published.
export { publishedArticleSchema, type PublishedNotice, type PublishedNoticeInput } from './published-article.ts';
// Site → moderation: comments and contact messages; moderation → site: the published comments.
export {
  commentSchema,
  contactSchema,
  plainText,
  publishedCommentSchema,
  publishedCommentsSchema,
  type Comment,
  type CommentPayload,
  type ContactMessage,
  type ContactPayload,
  type PublishedComment,
  type PublishedCommentsAnswer,
} from './public-items.ts';
// Site → CMS: the subscription forms, and the CMS's answers.
export * from './subscriptions.ts';
// CRM → moderation, moderation → CRM, moderation → site: claims.
export { claimStatusUpdateSchema, crmClaimSchema, publicClaimStatusSchema, type ClaimStatusUpdate, type CrmClaimPayload, type PublicClaimAnswer } from './claims.ts';
// Moderation → site: the public part of the register of processing (/confidentialite).
export { privacyRecipientSchema, privacyRetentionSchema, publicPrivacySchema, rightsConfirmSchema, rightsRequestSchema, type PrivacyRecipient, type PrivacyRetention, type PublicPrivacyAnswer, type RightsRequestPayload } from './privacy.ts';
