/** The manifest types live in src/model/manifest.ts (shared by every stage); this module hands them on. */
export * from '../model/manifest.js';
