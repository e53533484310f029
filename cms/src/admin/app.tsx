import type { StrapiApp } from '@strapi/strapi/admin';
import { NewsletterSendingPanel } from './newsletters/panel';

interface ContentManagerApis {
  addEditViewSidePanel(panels: unknown[]): void;
}

export default {
  config: {},
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerApis };
    contentManager.apis.addEditViewSidePanel([NewsletterSendingPanel]);
  },
};
