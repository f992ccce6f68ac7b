/**
 * The floor the GraphQL service is measured against: a bare node:http server that answers
 * POST /graphql with the same `{"data":{"issue":…}}` JSON for the issue tree, built by Postgres
 * in ONE statement. No framework, no GraphQL parsing/validation, no ORM, no per-field resolvers.
 *
 * It ignores the GraphQL query text and always returns the fields of the bench's tree query;
 * read.bench.ts checks that both servers return deep-equal data before any load.
 *
 * Env: DATABASE_URL (required), PORT (required), DB_POOL_SIZE (default 10, the service's default).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';

// Key order and value formats mirror the GraphQL response, e.g. publishedOn as "YYYY-MM-DD" text.
// json (not jsonb) keeps key order; coalesce turns json_agg's NULL for no rows into [].
const ISSUE_TREE_SQL = `
SELECT json_build_object(
  'id', i.id, 'slug', i.slug, 'number', i.number, 'title', i.title, 'period', i.period,
  'publisher', i.publisher, 'publishedOn', to_char(i.published_on, 'YYYY-MM-DD'),
  'editors', (
    SELECT coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name) ORDER BY ic.position), '[]'::json)
    FROM issue_contributor ic JOIN contributor c ON c.id = ic.contributor_id
    WHERE ic.issue_id = i.id AND ic.role = 'EDITOR'),
  'sections', (
    SELECT coalesce(json_agg(json_build_object(
      'number', s.number, 'title', s.title,
      'articles', (
        SELECT coalesce(json_agg(json_build_object(
          'number', a.number, 'slug', a.slug, 'title', a.title, 'body', a.body, 'tags', a.tags,
          'authors', (
            SELECT coalesce(json_agg(json_build_object('slug', c.slug, 'name', c.name) ORDER BY ac.position), '[]'::json)
            FROM article_contributor ac JOIN contributor c ON c.id = ac.contributor_id
            WHERE ac.article_id = a.id AND ac.role = 'AUTHOR'),
          'references', (
            SELECT coalesce(json_agg(json_build_object(
              'label', r.label, 'url', r.url, 'title', r.title, 'kind', r.kind, 'externalId', r.external_id
            ) ORDER BY r.position), '[]'::json)
            FROM reference r WHERE r.article_id = a.id)
        ) ORDER BY a.position), '[]'::json)
        FROM article a WHERE a.section_id = s.id)
    ) ORDER BY s.number), '[]'::json)
    FROM section s WHERE s.issue_id = i.id)
)::text AS issue
FROM issue i
WHERE i.slug = $1 AND i.status = 'PUBLISHED'`;

const BODY_LIMIT_BYTES = 64 * 1024;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const pool = new Pool({ connectionString: requiredEnv('DATABASE_URL'), max: Number(process.env.DB_POOL_SIZE ?? 10) });
// An idle client losing its connection must not crash the server mid-bench; the next query reconnects.
pool.on('error', (error) => process.stderr.write(`baseline pool error: ${error.message}\n`));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, json: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function parseSlug(text: string): unknown {
  try {
    return (JSON.parse(text) as { variables?: { slug?: unknown } }).variables?.slug;
  } catch {
    return undefined;
  }
}

/** The slug comes from the GraphQL variables, like the service's `issue(slug: $slug)`. */
async function answerGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const slug = parseSlug(await readBody(req));
  if (typeof slug !== 'string') return send(res, 400, '{"errors":[{"message":"variables.slug is required"}]}');
  const { rows } = await pool.query<{ issue: string }>(ISSUE_TREE_SQL, [slug]);
  // Splice Postgres' JSON text in as-is: parsing and re-serialising it would only add work.
  send(res, 200, `{"data":{"issue":${rows[0]?.issue ?? 'null'}}}`);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'POST' && req.url === '/graphql') return answerGraphql(req, res);
  if (req.method === 'GET' && req.url === '/ready') {
    await pool.query('SELECT 1');
    return send(res, 200, '{"status":"ready"}');
  }
  send(res, 404, '{"errors":[{"message":"not found"}]}');
}

const server = createServer((req, res) => {
  handle(req, res).catch((error: Error) => {
    process.stderr.write(`baseline request failed: ${error.message}\n`);
    if (!res.headersSent) send(res, 500, JSON.stringify({ errors: [{ message: error.message }] }));
    else res.destroy();
  });
});

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // closeAllConnections: keep-alive sockets left by the load generator must not hold the exit.
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());

server.listen(Number(requiredEnv('PORT')), '127.0.0.1', () => {
  process.stdout.write(`baseline listening on 127.0.0.1:${requiredEnv('PORT')}\n`);
});
