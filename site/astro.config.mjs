import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'never',
  build: { inlineStylesheets: 'never' },
  // Checked in src/middleware.ts instead (same rule), so RFC 8058 one-click unsubscribe can be exempt.
  security: { checkOrigin: false },
  devToolbar: { enabled: false },
});
