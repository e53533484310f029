/**
 * The hub ↔ CRM signature, both ways, is the hub's one signature (@hub/integrations/contracts):
 * `X-Hub-Timestamp` and `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, timestamp + "." +
 * body)>`, refused beyond ±5 minutes.
 */
export { MAX_SKEW_MS, checkSignature, signBody, signedHeaders, type SignatureCheck } from '@hub/integrations/contracts';
