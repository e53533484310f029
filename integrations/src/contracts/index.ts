/**
 * The hub's own protocol, shared by every process: the signature of what crosses processes and
 * the signed POST with retries. (The payload schemas stay with their endpoints for now.)
 */
export { MAX_SKEW_MS, SIGNATURE_HEADER, TIMESTAMP_HEADER, checkSignature, signBody, signedHeaders, type SignatureCheck, type SignedRequest } from './signature.ts';
export { postSigned, type SignedPostOptions, type SignedPostResult } from './post.ts';
