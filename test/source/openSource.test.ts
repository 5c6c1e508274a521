// Every source openSource gives can be closed, as the README says.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { directorySource } from '../../src/source/directorySource.js';
import { openSource } from '../../src/source/openSource.js';
import { makeTree } from '../helpers/serverTree.js';

describe('library: every source openSource gives can be closed, as the README says', () => {
  it('a folder source has close() (it holds nothing, so it is a no-op)', async () => {
    const root = await makeTree({ 'a.txt': { text: 'x' } });
    const folder = await directorySource(root);
    assert.equal(typeof folder.close, 'function');
    await folder.close?.();
    const opened = await openSource(root, {});
    await opened.close!();
  });
});
