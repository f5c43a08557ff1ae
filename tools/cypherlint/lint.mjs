// Neo4j's own Cypher linter, offline: reads a JSON list of queries on stdin and prints a
// JSON list with one list of diagnostics per query. Called once per batch by
// graph/cypherlint.py (node starts in ~1 s, so batching matters).
// "Parameter $x is not defined" is dropped: policykg always passes its parameters at run
// time, and the linter only knows parameters declared in a database schema.
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const queries = JSON.parse(Buffer.concat(chunks).toString('utf8'));
if (!Array.isArray(queries) || !queries.every((q) => typeof q === 'string')) {
  process.stderr.write('lint.mjs: expected a JSON list of strings on stdin\n');
  process.exit(2);
}

const out = queries.map((query) =>
  lintCypherQuery(query, {})
    .diagnostics.filter(isNotParamError)
    .map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      start: d.offsets?.start,
      end: d.offsets?.end,
    })),
);
process.stdout.write(JSON.stringify(out));
