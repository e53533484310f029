import { ensureBuilt } from '../scripts/stack/build.ts';

/** The integration tests run the built CMS and site: build them once if their sources changed. */
export default function setup() {
  // For a run of service-only tests while the CMS or site sources are being edited.
  if (process.env.HUB_SKIP_BUILD === '1') return;
  ensureBuilt();
}
