import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  // A backstop only: src/middleware.ts caps each body far lower (src/lib/body.ts) while it streams in.
  adapter: node({ mode: 'standalone', bodySizeLimit: 1024 * 1024 }),
  trailingSlash: 'never',
  build: { inlineStylesheets: 'never' },
  // Checked in src/middleware.ts instead (same rule), so RFC 8058 one-click unsubscribe can be exempt.
  security: { checkOrigin: false },
  devToolbar: { enabled: false },
});
