import type { Core } from '@strapi/strapi';

const allowedMediaTypes = ['image/*', 'application/pdf'];

const deniedTypes = [
  'image/svg+xml',
  'application/vnd.microsoft.portable-executable',
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-executable',
  'application/x-dosexec',
  'application/x-sh',
  'text/x-shellscript',
  'application/x-mach-binary',
];

const config = (_: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtManagement: 'refresh',
      sessions: { httpOnly: true },
    },
  },
  upload: {
    config: {
      sizeLimit: 10 * 1024 * 1024,
      security: { allowedTypes: allowedMediaTypes, deniedTypes },
    },
  },
});

export default config;
