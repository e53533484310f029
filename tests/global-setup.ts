import { ensureBuilt } from '../scripts/stack/build.ts';

/** The integration tests run the built CMS and site: build them once if their sources changed. */
export default function setup() {
  ensureBuilt();
}
