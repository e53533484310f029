import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  trailingSlash: 'never',
  build: { inlineStylesheets: 'never' },
  security: { checkOrigin: true },
  devToolbar: { enabled: false },
});
