// The browser tokenizer against the shared specification (the same JSON the Swift tests read).
// Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
const search = require(path.join(root, 'templates/assets/search.js'));
const spec = JSON.parse(readFileSync(path.join(root, 'Tests/JianbaoCoreTests/Fixtures/search-tokenizer-cases.json'), 'utf8'));

test('the specification has cases', () => {
  assert.ok(spec.cases.length >= 30);
  assert.ok(spec.hashes.length >= 5);
});

for (const c of spec.cases) {
  test(`index tokens: ${c.note}`, () => {
    assert.deepEqual(search.indexTokens(c.input), c.index);
  });
  test(`query tokens: ${c.note}`, () => {
    assert.deepEqual(search.queryTokens(c.input), c.query);
  });
}

test('hashes follow the specification', () => {
  for (const h of spec.hashes) assert.equal(search.fnv1a32(h.token), h.fnv1a32, h.token);
});

test('posting numbers follow the specification', () => {
  assert.ok(spec.numbers.length >= 5);
  for (const n of spec.numbers) assert.deepEqual(search.decodeNumbers(n.text), n.values, n.text);
  assert.throws(() => search.decodeNumbers('W'));
  assert.throws(() => search.decodeNumbers('a"'));
});

test('single characters go to the character shards, everything else to the term shards', () => {
  const meta = { shards: { t: 8, c: 4 } };
  assert.match(search.shardPath('市', meta), /^shards\/c-[0-3]\.json$/);
  assert.match(search.shardPath('反诈', meta), /^shards\/t-[0-7]\.json$/);
  assert.equal(search.shardPath('反诈', meta), `shards/t-${search.fnv1a32('反诈') % 8}.json`);
  assert.equal(search.shardPath('6081', { shards: { t: 1, c: 1 } }), 'shards/t-0.json');
});
