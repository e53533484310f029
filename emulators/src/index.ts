/**
 * Local emulators of the social APIs the landlord uses (Meta Graph API for Pages, X API v2), for
 * tests and the demo. Never on the production path. See README.md.
 */
export * from './graph/index.ts';
export * from './x/index.ts';
export {
  addDemoItem,
  demoAuthor,
  FIRST_NAMES,
  LATE_LEAK_MESSAGE,
  lastSaturdayNight,
  nextDemoComment,
  seedDemoContent,
  startDemoTraffic,
} from './demo-traffic.ts';
export type { DemoAuthor, DemoComment, DemoCommentKind, DemoTrafficOptions } from './demo-traffic.ts';
export { redirectFacebookSdk, xEmulatorPlugin, xEmulatorSettings } from './sdk-redirect.ts';
export { chance, pick, seededRandom } from './random.ts';
export type { Random } from './random.ts';
export type { RunningEmulator, StartOptions } from './http-util.ts';
