import type { APIRoute } from 'astro';
import { serveUpload } from '../../lib/uploads.ts';

/**
 * The CMS's media, served from the site's own origin: one host for tenants, images still shown
 * while the CMS restarts, and the CMS need not be public. Only images and PDF documents.
 */
export const GET: APIRoute = ({ params }) => serveUpload(params.path ?? '');
