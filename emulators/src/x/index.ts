export { createXEmulator, DEFAULT_X_LIMITS } from './emulator.ts';
export type { XEmulator, XEmulatorOptions } from './emulator.ts';
export type * from './types.ts';
