// The tricky-values fixture's source: strings that go-yaml quotes, folds or writes as literal blocks.
const strings = [
  '', ' ', '  two leading', 'trailing  ', 'yes', 'no', 'on', 'off', 'y', 'n', 'true', 'False', 'NULL', '~', 'null',
  '0123', '0o17', '0x1F', '1e3', '1.5', '.5', '-0', '+1', '.inf', '-.Inf', '.NaN', '1_000', '12:30', '10.0.0.1',
  '2001:db8::1', '1.2.3', ':', '- a', '-a', '#x', 'a #b', 'a: b', 'a:b', 'key:', '? x', '[a]', '{b}', '*alias',
  '&anchor', '!tag', '%dir', '@at', '`tick', '"dq"', "'sq'", "it's", 'back\\slash', 'tab\there', 
  'nbsp\u00a0x', 'é unicode ✓ 日本', '😀 emoji',
  'one\ntwo', 'one\ntwo\n', 'one\n\ntwo\n\n', '\nleading newline', 'trailing spaces on line   \nnext', '  indented\nblock',
  'crlf\r\nline', 'x'.repeat(200),
  'a long sentence with many words that go-yaml folds at eighty columns when it writes a plain scalar out, on several lines',
  'a long "quoted" sentence: with a colon, that go-yaml must quote and then fold at eighty columns over several lines here',
  "a long sentence with a tab\tin it and many words that go-yaml writes double-quoted and folds at eighty columns, yes",
  'a long sentence   with   runs   of   spaces   that   must   survive   folding   at   eighty   columns   in   go-yaml',
  '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{},"name":"x","namespace":"y"},"data":{"a":"b"}}\n',
  '#!/bin/sh\nset -e\n  indented line\n\n# comment in script\necho "done" # trailing\n',
];
const numbers = [0, 1, -1, 1.5, -2.25, 1e21, 1e-7, 123456789012, 9007199254740991, 0.1];
const items = [
  ...strings.map((value) => ({ kind: 'String', value })),
  ...strings.filter((s) => s.length < 60).map((s, i) => ({ kind: 'Key', map: { [s || `empty${i}`]: s } })),
  ...numbers.map((value) => ({ kind: 'Number', value })),
  { kind: 'Scalars', bools: [true, false], nothing: null, emptyMap: {}, emptyList: [] },
  { kind: 'Nested', list: [[1, [2, []]], [{ a: [{ b: {} }] }], [], {}], deep: { a: { b: { c: { d: ['x', { e: null }] } } } } },
];
process.stdout.write(JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }).replace(/[\u2028\u2029\u0085]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
