// Where a YAML error is reported. The `yaml` package reports a quoted scalar that is never closed where the
// text it swallowed ends (the end of the text, past any `---`): a line past the last one of a file that ends
// in a line break ("line 8" for a file of seven lines). The quote that opened the scalar is where a reader has
// to look, so the error points there instead. Every other error keeps the package's own position.
import { isScalar, visit, type Document, type YAMLError } from 'yaml';

/** The offset (in the parsed text) and message to report for `error`, one of `doc`'s errors. */
export function yamlErrorAt(doc: Document.Parsed, error: YAMLError): { offset: number; message: string } {
  const at = error.pos[0];
  // The package's code and message for an unterminated quoted scalar (yaml's resolve-flow-scalar.ts).
  if (error.code !== 'MISSING_CHAR' || !/quote/.test(error.message)) return { offset: at, message: error.message };
  let opened = -1;
  visit(doc, {
    Scalar(_key, node) {
      if (!isScalar(node) || !node.range) return;
      if (node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') return;
      // The scalar the error ends: it starts before the error and runs up to it.
      if (node.range[0] < at && node.range[1] >= at && node.range[0] > opened) opened = node.range[0];
    },
  });
  if (opened < 0) return { offset: at, message: error.message };
  return {
    offset: opened,
    message: `${error.message}: the quoted value that starts on this line is never closed`,
  };
}
