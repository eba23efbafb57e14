/** Types of the plain-JS start helpers that e2e/ and scripts/test.mjs reuse. */
export function newestMtime(dir: string): number;
export function ensureInstalled(): void;
export function installMatchesLock(lockText: string, installedText: string): boolean;
export function ensureWebBuilt(): void;
export function isWholeBuild(dir: string): boolean;
