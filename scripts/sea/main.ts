/** The entry of hotfix-verify.exe and dist/sea/hotfix-verify.cjs: bin/hotfix-verify.js without top-level await (a SEA runs CommonJS). */
import { main } from '../../src/cli/main.js';

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  process.exitCode = code;
});
