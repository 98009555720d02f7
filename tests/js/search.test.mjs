// Ranking and highlighting of the browser search code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const search = createRequire(import.meta.url)(path.join(root, 'templates/assets/search.js'));

const marked = (pieces) => pieces.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

test('a whole phrase is highlighted as one mark', () => {
  const text = '市司法局在巩固落实刑满释放人员无缝对接安置帮教“十大机制”的基础上';
  assert.equal(marked(search.highlight(text, search.queryTokens('安置帮教'), 0)),
    '市司法局在巩固落实刑满释放人员无缝对接[安置帮教]“十大机制”的基础上');
});

test('full-width queries highlight half-width text and the other way round', () => {
  assert.equal(marked(search.highlight('接送 6081人', search.queryTokens('６０８１'), 0)), '接送 [6081]人');
  assert.equal(marked(search.highlight('ＡＢＣ１２３ 项目', search.queryTokens('abc123'), 0)), '[ＡＢＣ１２３] 项目');
});

test('numbers match only whole', () => {
  assert.equal(marked(search.highlight('60810 与 6081 与 6081.5', ['6081'], 0)), '60810 与 [6081] 与 6081.5');
});

test('characters outside the BMP keep their surrogate pairs', () => {
  assert.equal(marked(search.highlight('甲𠀀𠀁乙', search.queryTokens('𠀀𠀁'), 0)), '甲[𠀀𠀁]乙');
});

test('excerpts are cut around the longest match', () => {
  const text = '开头'.repeat(100) + '一网通办' + '结尾'.repeat(100);
  const pieces = search.highlight(text, search.queryTokens('一网通办'), 40);
  assert.equal(pieces[0].text, '…');
  assert.equal(pieces[pieces.length - 1].text, '…');
  assert.ok(pieces.some((p) => p.mark && p.text === '一网通办'));
  const shown = pieces.map((p) => p.text).join('');
  assert.ok(shown.length <= 42);
});

test('ranking needs every token and prefers the higher weights', () => {
  const meta = { docs: 10, scale: 100 };
  const postings = { 安置: [0, 100, 3, 300], 帮教: [0, 100, 3, 300, 2, 100], 置帮: [0, 100, 3, 300] };
  const hits = search.rank(['安置', '置帮', '帮教'], postings, meta, null);
  assert.deepEqual(hits.map((h) => h.id), [3, 0]);
  assert.deepEqual(search.rank(['安置', '没有'], postings, meta, null), []);
  assert.deepEqual(search.rank(['安置'], postings, meta, (id) => id === 0).map((h) => h.id), [0]);
});

test('equal scores list newer documents (lower ids) first', () => {
  const hits = search.rank(['反诈'], { 反诈: [2, 100, 3, 100, 1, 100] }, { docs: 10, scale: 100 }, null);
  assert.deepEqual(hits.map((h) => h.id), [2, 5, 6]);
});

test('phrases are runs of three or more Chinese characters', () => {
  assert.deepEqual(search.phrases('安置帮教 反诈 市公安局'), ['安置帮教', '市公安局']);
  assert.ok(search.hasPhrases({ title: '', text: '做好安置帮教工作' }, ['安置帮教']));
  assert.ok(!search.hasPhrases({ title: '', text: '安置与帮教' }, ['安置帮教']));
});

test('dates are shown the Chinese way', () => {
  assert.equal(search.formatDate('2022-08-25'), '2022年8月25日');
});
