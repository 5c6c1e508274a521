/**
 * Injected by esbuild into every bundled module of hotfix-verify.exe (scripts/buildExe.ts): the plugin there
 * rewrites `import.meta.url`, which a CommonJS bundle does not have, to a call of this function.
 */
export { bundledModuleUrl as __hvModuleUrl } from './bundled.js';
