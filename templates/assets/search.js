/*
 * 简报检索 — static full-text search over the index written by `jianbao build` (search/).
 * No dependencies. Nothing is downloaded until the reader searches (or focuses the search box).
 * The tokenizer follows Tests/JianbaoCoreTests/Fixtures/search-tokenizer-cases.json, the same cases
 * the Swift indexer is tested against. Data from the index is only ever put into the page with
 * textContent / createElement, never as HTML.
 * Under node (tests) the functions are exported with module.exports and nothing runs.
 */
(function (factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module && module.exports) { module.exports = api; }
  if (typeof document !== 'undefined' && typeof window !== 'undefined') {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', function () { api.start(document); });
    } else {
      api.start(document);
    }
  }
}(function () {
  'use strict';

  // ---------------------------------------------------------------- tokenizer

  var MARK = /\p{M}/gu;
  var WORD = /^[\p{L}\p{Nd}]$/u;
  var DIGIT = /^\p{Nd}$/u;
  var foldCache = new Map();

  function isUnified(cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x323AF);
  }

  /** Chinese and Japanese characters that form bigram runs (same ranges as SearchTokenizer.isCJK). */
  function isCJK(cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0x20000 && cp <= 0x323AF) || cp === 0x3005 || cp === 0x3007 || (cp >= 0x3021 && cp <= 0x3029) ||
      (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x309D && cp <= 0x309F) ||
      (cp >= 0x30A1 && cp <= 0x30FA) || (cp >= 0x30FC && cp <= 0x30FF);
  }

  function isWordChar(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) { return (cp >= 0x61 && cp <= 0x7A) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5A); }
    return !isCJK(cp) && WORD.test(ch);
  }

  function isDigit(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) { return cp >= 0x30 && cp <= 0x39; }
    return DIGIT.test(ch);
  }

  /** One code point, folded: lower-cased, NFKD, combining marks removed (may be empty or several). */
  function foldChar(ch) {
    var cp = ch.codePointAt(0);
    if (cp < 0x80) { return cp >= 0x41 && cp <= 0x5A ? String.fromCharCode(cp + 32) : ch; }
    if (isUnified(cp)) { return ch; }
    var hit = foldCache.get(ch);
    if (hit === undefined) {
      hit = ch.toLowerCase().normalize('NFKD').replace(MARK, '');
      foldCache.set(ch, hit);
    }
    return hit;
  }

  /**
   * Folds `text` into code points, remembering where each came from:
   * { chars: [folded code point], from: [UTF-16 start in text], to: [UTF-16 end in text] }.
   */
  function foldWithMap(text) {
    var chars = [], from = [], to = [];
    var i = 0;
    while (i < text.length) {
      var cp = text.codePointAt(i);
      var len = cp > 0xFFFF ? 2 : 1;
      var folded = foldChar(text.slice(i, i + len));
      for (var f of folded) { chars.push(f); from.push(i); to.push(i + len); }
      i += len;
    }
    return { chars: chars, from: from, to: to };
  }

  /** The folded text as a string. */
  function fold(text) { return foldWithMap(text).chars.join(''); }

  /** Chinese runs and words: [{ text, cjk, chars, start, end }] with start/end UTF-16 offsets in `text`. */
  function segments(text) {
    var m = foldWithMap(text), f = m.chars, n = f.length, out = [];
    var i = 0;
    while (i < n) {
      var c = f[i], j;
      if (isCJK(c.codePointAt(0))) {
        j = i + 1;
        while (j < n && isCJK(f[j].codePointAt(0))) { j++; }
        out.push({ cjk: true, chars: f.slice(i, j), text: f.slice(i, j).join(''), start: m.from[i], end: m.to[j - 1] });
        i = j;
      } else if (isWordChar(c)) {
        j = i + 1;
        while (j < n) {
          if (isWordChar(f[j])) { j++; continue; }
          if (f[j] === '.' && isDigit(f[j - 1]) && j + 1 < n && isDigit(f[j + 1])) { j++; continue; }
          break;
        }
        out.push({ cjk: false, chars: f.slice(i, j), text: f.slice(i, j).join(''), start: m.from[i], end: m.to[j - 1] });
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  /** Tokens the index holds for `text` (every character and bigram of a Chinese run; words). */
  function indexTokens(text) {
    var out = [];
    segments(text).forEach(function (s) {
      if (!s.cjk) { out.push(s.text); return; }
      for (var k = 0; k < s.chars.length; k++) {
        out.push(s.chars[k]);
        if (k + 1 < s.chars.length) { out.push(s.chars[k] + s.chars[k + 1]); }
      }
    });
    return out;
  }

  /** Tokens a query looks up (bigrams of Chinese runs, or the single character; words). */
  function queryTokens(text) {
    var out = [];
    segments(text).forEach(function (s) {
      if (!s.cjk || s.chars.length === 1) { out.push(s.text); return; }
      for (var k = 0; k + 1 < s.chars.length; k++) { out.push(s.chars[k] + s.chars[k + 1]); }
    });
    return out;
  }

  /** True for a single Chinese character (kept in the c-N shards). */
  function isCharacterToken(token) {
    var cps = Array.from(token);
    return cps.length === 1 && isCJK(cps[0].codePointAt(0));
  }

  var encoder = new TextEncoder();

  /** FNV-1a, 32 bit, of the UTF-8 bytes of `s`. */
  function fnv1a32(s) {
    var h = 0x811C9DC5;
    var bytes = encoder.encode(s);
    for (var k = 0; k < bytes.length; k++) { h ^= bytes[k]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }

  /** Path (under search/) of the shard holding `token`. */
  function shardPath(token, meta) {
    var family = isCharacterToken(token) ? 'c' : 't';
    var count = (meta.shards && meta.shards[family]) || 1;
    return 'shards/' + family + '-' + (fnv1a32(token) % count) + '.json';
  }

  // ---------------------------------------------------------------- ranking

  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var DIGITS = {};
  for (var a = 0; a < ALPHABET.length; a++) { DIGITS[ALPHABET.charCodeAt(a)] = a; }

  /** The numbers of a posting or filter list: base-32 digits, lowest first; alphabet 32–63 = more follow. */
  function decodeNumbers(text) {
    var out = [], value = 0, mult = 1;
    for (var k = 0; k < text.length; k++) {
      var d = DIGITS[text.charCodeAt(k)];
      if (d === undefined) { throw new Error('bad index data'); }
      value += (d & 31) * mult;
      if (d >= 32) { mult *= 32; } else { out.push(value); value = 0; mult = 1; }
    }
    if (mult !== 1) { throw new Error('bad index data'); }
    return out;
  }

  /** Decodes delta-encoded ids. */
  function undelta(list) {
    var out = [], id = 0;
    for (var k = 0; k < list.length; k++) { id += list[k]; out.push(id); }
    return out;
  }

  /**
   * Scores the documents that contain every token (BM25: idf from the posting count, stored weights).
   * postings: { token: [docDelta, weight, …] (decoded) or undefined }. allowed: null or a predicate on doc ids.
   * Returns [{ id, score }] best first, ties newest first (lower id).
   */
  function rank(tokens, postings, meta, allowed) {
    var n = meta.docs, scale = meta.scale || 10;
    var lists = tokens.map(function (t) { return postings[t] || []; });
    if (tokens.length === 0 || lists.some(function (l) { return l.length === 0; })) { return []; }
    var order = lists.map(function (l, k) { return k; }).sort(function (a, b) { return lists[a].length - lists[b].length; });
    var scores = null;
    order.forEach(function (k) {
      var list = lists[k], df = list.length / 2;
      var idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      var next = new Map(), id = 0;
      for (var p = 0; p + 1 < list.length; p += 2) {
        id += list[p];
        var w = idf * list[p + 1] / scale;
        if (scores === null) {
          if (!allowed || allowed(id)) { next.set(id, w); }
        } else if (scores.has(id)) {
          next.set(id, scores.get(id) + w);
        }
      }
      scores = next;
    });
    var out = [];
    scores.forEach(function (score, id) { out.push({ id: id, score: score }); });
    out.sort(compareHits);
    return out;
  }

  function compareHits(a, b) { return b.score - a.score || a.id - b.id; }

  /** Chinese runs of three or more characters in the query: a document with all of them contiguous is a phrase match. */
  function phrases(query) {
    return segments(query).filter(function (s) { return s.cjk && s.chars.length >= 3; }).map(function (s) { return s.text; });
  }

  /** Phrase matches count this much more. */
  var PHRASE_BOOST = 1.5;

  /** True when every phrase occurs, contiguous, in the folded title or text of `doc`. */
  function hasPhrases(doc, list) {
    if (list.length === 0) { return false; }
    var hay = fold(doc.title) + '\n' + fold(doc.text);
    return list.every(function (p) { return hay.indexOf(p) >= 0; });
  }

  // ---------------------------------------------------------------- highlighting

  /**
   * Ranges [start, end) of `text` (UTF-16 offsets) that match a query token, merged.
   * Words match only as whole words; Chinese tokens anywhere.
   */
  function matchRanges(text, tokens) {
    var m = foldWithMap(text), f = m.chars, ranges = [];
    var needles = Array.from(new Set(tokens)).map(function (t) { return Array.from(t); });
    for (var i = 0; i < f.length; i++) {
      needles.forEach(function (nd) {
        if (i + nd.length > f.length) { return; }
        for (var k = 0; k < nd.length; k++) { if (f[i + k] !== nd[k]) { return; } }
        if (!isCJK(nd[0].codePointAt(0))) {
          if (i > 0 && (isWordChar(f[i - 1]) || (f[i - 1] === '.' && i > 1 && isDigit(f[i - 2]) && isDigit(f[i])))) { return; }
          var e = i + nd.length;
          if (e < f.length && (isWordChar(f[e]) || (f[e] === '.' && e + 1 < f.length && isDigit(f[e - 1]) && isDigit(f[e + 1])))) { return; }
        }
        ranges.push([m.from[i], m.to[i + nd.length - 1]]);
      });
    }
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) { last[1] = Math.max(last[1], r[1]); } else { merged.push([r[0], r[1]]); }
    });
    return merged;
  }

  /**
   * Pieces of `text` to show: [{ text, mark }]. With `size`, a window of about `size` characters around
   * the longest match, with "…" where it is cut.
   */
  function highlight(text, tokens, size) {
    var ranges = matchRanges(text, tokens);
    var start = 0, end = text.length;
    if (size && text.length > size) {
      var best = null;
      ranges.forEach(function (r) { if (!best || r[1] - r[0] > best[1] - best[0]) { best = r; } });
      start = best ? Math.max(0, best[0] - Math.floor(size / 4)) : 0;
      end = Math.min(text.length, start + size);
      if (end - start < size) { start = Math.max(0, end - size); }
      if (start > 0 && isLowSurrogate(text.charCodeAt(start))) { start--; }
      if (end < text.length && isLowSurrogate(text.charCodeAt(end))) { end++; }
    }
    var pieces = [];
    if (start > 0) { pieces.push({ text: '…', mark: false }); }
    var at = start;
    ranges.forEach(function (r) {
      var a = Math.max(r[0], start), b = Math.min(r[1], end);
      if (a >= b) { return; }
      if (a > at) { pieces.push({ text: flat(text.slice(at, a)), mark: false }); }
      pieces.push({ text: flat(text.slice(a, b)), mark: true });
      at = b;
    });
    if (at < end) { pieces.push({ text: flat(text.slice(at, end)), mark: false }); }
    if (end < text.length) { pieces.push({ text: '…', mark: false }); }
    return pieces;
  }

  function isLowSurrogate(u) { return u >= 0xDC00 && u <= 0xDFFF; }
  function flat(s) { return s.replace(/\s+/g, ' '); }

  /** `2022-08-25` -> `2022年8月25日`. */
  function formatDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? m[1] + '年' + Number(m[2]) + '月' + Number(m[3]) + '日' : (iso || '');
  }

  // ---------------------------------------------------------------- the page

  var PAGE = 20;
  var EXCERPT = 120;

  function start(doc) {
    var app = doc.getElementById('search-app');
    if (!app) { return; }
    var base = app.getAttribute('data-index') || 'search/';
    var form = doc.getElementById('search-form');
    var input = doc.getElementById('q');
    var status = doc.getElementById('search-status');
    var results = doc.getElementById('search-results');
    var filters = doc.getElementById('search-filters');
    var selects = {
      series: doc.getElementById('search-series'),
      department: doc.getElementById('search-department'),
      year: doc.getElementById('search-year')
    };
    var cache = new Map();
    var metaPromise = null;
    var run = 0;

    function get(path) {
      if (!cache.has(path)) {
        cache.set(path, fetch(base + path, { credentials: 'same-origin' }).then(function (r) {
          if (!r.ok) { throw new Error(path + ': ' + r.status); }
          return r.json();
        }).catch(function (e) { cache.delete(path); throw e; }));
      }
      return cache.get(path);
    }

    function loadMeta() {
      if (!metaPromise) {
        metaPromise = get('meta.json').then(function (meta) { buildFilters(meta); return meta; });
        metaPromise.catch(function () { metaPromise = null; });
      }
      return metaPromise;
    }

    function option(parent, value, label) {
      var o = doc.createElement('option');
      o.value = value;
      o.textContent = label;
      parent.appendChild(o);
      return o;
    }

    function buildFilters(meta) {
      (meta.series || []).forEach(function (s) { option(selects.series, s.key, s.title); });
      var groups = new Map();
      (meta.departments || []).forEach(function (d) {
        var parent = selects.department;
        if (d.group) {
          if (!groups.has(d.group)) {
            var g = doc.createElement('optgroup');
            g.label = d.group;
            selects.department.appendChild(g);
            groups.set(d.group, g);
          }
          parent = groups.get(d.group);
        }
        option(parent, d.name, d.name);
      });
      (meta.years || []).forEach(function (y) { option(selects.year, String(y.year), y.year + '年'); });
      var params = new URLSearchParams(window.location.search);
      Object.keys(selects).forEach(function (k) { selects[k].value = params.get(k) || ''; });
      filters.hidden = false;
    }

    function readURL() {
      var params = new URLSearchParams(window.location.search);
      input.value = params.get('q') || '';
      var header = doc.getElementById('site-search-q');
      if (header) { header.value = input.value; }
      if (metaPromise) { Object.keys(selects).forEach(function (k) { selects[k].value = params.get(k) || ''; }); }
      return params;
    }

    function writeURL() {
      var params = new URLSearchParams();
      if (input.value.trim()) { params.set('q', input.value.trim()); }
      Object.keys(selects).forEach(function (k) { if (selects[k].value) { params.set(k, selects[k].value); } });
      var qs = params.toString();
      var url = window.location.pathname + (qs ? '?' + qs : '');
      if (url !== window.location.pathname + window.location.search) { window.history.pushState(null, '', url); }
    }

    function say(text) { status.textContent = text; }

    function clear() { while (results.firstChild) { results.removeChild(results.firstChild); } }

    function ids(path) {
      return get('filters/' + path + '.json').then(function (list) { return new Set(undelta(decodeNumbers(list))); });
    }

    /** A predicate for the chosen filters (or null). */
    function allowedFor(meta) {
      var waits = [], tests = [];
      var s = (meta.series || []).find(function (x) { return x.key === selects.series.value; });
      if (s) { waits.push(ids(s.file).then(function (set) { tests.push(function (id) { return set.has(id); }); })); }
      var d = (meta.departments || []).find(function (x) { return x.name === selects.department.value; });
      if (d) { waits.push(ids(d.file).then(function (set) { tests.push(function (id) { return set.has(id); }); })); }
      var y = (meta.years || []).find(function (x) { return String(x.year) === selects.year.value; });
      if (y) { tests.push(function (id) { return id >= y.start && id < y.end; }); }
      return Promise.all(waits).then(function () {
        if (tests.length === 0) { return null; }
        return function (id) { return tests.every(function (t) { return t(id); }); };
      });
    }

    function docOf(meta, id) {
      var chunk = meta.chunk || 1;
      return get('docs/' + Math.floor(id / chunk) + '.json').then(function (docs) { return docs[id % chunk]; });
    }

    function search() {
      var mine = ++run;
      var query = input.value.trim();
      clear();
      if (!query) { say('请输入要检索的关键词。'); return Promise.resolve(); }
      var tokens = Array.from(new Set(queryTokens(query)));
      say('正在检索…');
      results.setAttribute('aria-busy', 'true');
      return loadMeta().then(function (meta) {
        if (tokens.length === 0) { return { meta: meta, hits: [] }; }
        var paths = Array.from(new Set(tokens.map(function (t) { return shardPath(t, meta); })));
        return Promise.all([Promise.all(paths.map(get)), allowedFor(meta)]).then(function (got) {
          var postings = {};
          tokens.forEach(function (t) {
            var shard = got[0][paths.indexOf(shardPath(t, meta))];
            postings[t] = Object.prototype.hasOwnProperty.call(shard, t) ? decodeNumbers(shard[t]) : undefined;
          });
          return { meta: meta, hits: rank(tokens, postings, meta, got[1]) };
        });
      }).then(function (r) {
        if (mine !== run) { return; }
        if (r.hits.length === 0) {
          var p = doc.createElement('p');
          p.className = 'search-empty';
          p.textContent = '没有找到与“' + query + '”相关的简报';
          results.appendChild(p);
          say('没有找到与“' + query + '”相关的简报');
          return;
        }
        var list = doc.createElement('ol');
        list.className = 'search-list';
        results.appendChild(list);
        return showPage(r.meta, r.hits, 0, list, query, tokens, mine);
      }).catch(function () {
        if (mine !== run) { return; }
        say('检索索引加载失败，请稍后重试。');
      }).then(function () { results.removeAttribute('aria-busy'); });
    }

    function showPage(meta, hits, from, list, query, tokens, mine) {
      var page = hits.slice(from, from + PAGE);
      var ph = phrases(query);
      return Promise.all(page.map(function (h) { return docOf(meta, h.id); })).then(function (docs) {
        if (mine !== run) { return; }
        var items = page.map(function (h, k) {
          return { hit: h, doc: docs[k], score: h.score * (hasPhrases(docs[k], ph) ? PHRASE_BOOST : 1) };
        }).filter(function (x) { return x.doc; });
        items.sort(function (a, b) { return b.score - a.score || a.hit.id - b.hit.id; });
        items.forEach(function (x) { list.appendChild(renderHit(meta, x.doc, tokens)); });
        var more = doc.getElementById('search-more');
        if (more) { more.parentNode.removeChild(more); }
        var shown = from + page.length;
        say('找到 ' + hits.length + ' 条结果' + (hits.length > shown ? '，显示前 ' + shown + ' 条' : ''));
        if (hits.length > shown) {
          var button = doc.createElement('button');
          button.type = 'button';
          button.id = 'search-more';
          button.className = 'search-more';
          button.textContent = '显示更多结果';
          button.addEventListener('click', function () {
            button.disabled = true;
            var first = list.children.length;
            showPage(meta, hits, shown, list, query, tokens, mine).then(function () {
              var link = list.children[first] && list.children[first].querySelector('a');
              if (link) { link.focus(); }
            });
          });
          results.appendChild(button);
        }
      });
    }

    function appendPieces(parent, pieces) {
      pieces.forEach(function (p) {
        if (p.mark) {
          var m = doc.createElement('mark');
          m.textContent = p.text;
          parent.appendChild(m);
        } else {
          parent.appendChild(doc.createTextNode(p.text));
        }
      });
    }

    function renderHit(meta, d, tokens) {
      var li = doc.createElement('li');
      li.className = 'search-hit';
      var h = doc.createElement('h2');
      h.className = 'search-hit-title';
      var a = doc.createElement('a');
      var url = String(d.url || '');
      a.href = /^\/(?!\/)/.test(url) ? url : "#";
      appendPieces(a, highlight(d.title || '', tokens, 0));
      h.appendChild(a);
      li.appendChild(h);
      var info = doc.createElement('p');
      info.className = 'search-hit-meta';
      var series = (meta.series || []).find(function (s) { return s.file === 'series-' + d.series; });
      var parts = [series ? series.title + (d.label ? ' ' + d.label : '') : d.label, formatDate(d.date), d.department];
      info.textContent = parts.filter(function (x) { return x; }).join(' · ');
      li.appendChild(info);
      var ex = doc.createElement('p');
      ex.className = 'search-hit-excerpt';
      appendPieces(ex, highlight(d.text || '', tokens, EXCERPT));
      li.appendChild(ex);
      return li;
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      writeURL();
      search();
    });
    Object.keys(selects).forEach(function (k) {
      selects[k].addEventListener('change', function () {
        writeURL();
        if (input.value.trim()) { search(); }
      });
    });
    input.addEventListener('focus', function () { loadMeta().catch(function () {}); });
    window.addEventListener('popstate', function () { readURL(); search(); });

    var params = readURL();
    if (params.get('q')) {
      loadMeta().then(function () { readURL(); return search(); }, function () { search(); });
    }
  }

  return {
    fold: fold,
    foldWithMap: foldWithMap,
    segments: segments,
    indexTokens: indexTokens,
    queryTokens: queryTokens,
    isCharacterToken: isCharacterToken,
    fnv1a32: fnv1a32,
    shardPath: shardPath,
    undelta: undelta,
    decodeNumbers: decodeNumbers,
    rank: rank,
    phrases: phrases,
    hasPhrases: hasPhrases,
    matchRanges: matchRanges,
    highlight: highlight,
    formatDate: formatDate,
    start: start
  };
}));
