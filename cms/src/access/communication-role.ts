import type { Core } from '@strapi/strapi';

const ROLE_CODE = 'hub-communication';

/** The media library actions the communication team needs to illustrate its content. */
const UPLOAD_ACTIONS = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
];

/**
 * The « Communication » role: writes and publishes the landlord's content (worksites, articles,
 * tags, newsletters, pages) and manages media, without access to settings or users.
 */
export async function ensureCommunicationRole(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.service('admin::role');
  const existing = await roles.findOne({ code: ROLE_CODE });
  if (existing) return;
  const role = await roles.create({
    name: 'Communication',
    code: ROLE_CODE,
    description: "L'équipe communication : rédige et publie chantiers, articles, lettres et pages.",
  });
  const { actionProvider } = strapi.service('admin::permission');
  const contentActions = actionProvider.values().filter((a: { section: string }) => a.section === 'contentTypes');
  const apiSubjects = Object.keys(strapi.contentTypes).filter((uid) => !uid.startsWith('api::'));
  const contentPermissions = strapi
    .service('admin::content-type')
    .getPermissionsWithNestedFields(contentActions, { restrictedSubjects: apiSubjects });
  const uploadPermissions = UPLOAD_ACTIONS.map((action) => ({ action, conditions: [] }));
  await roles.assignPermissions(role.id, [...contentPermissions, ...uploadPermissions]);
  strapi.log.info('access: role « Communication » provisioned');
}
