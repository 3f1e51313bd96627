// The database driver alone, for comparison with the server's boot: a bare process opens the
// same data (PGlite on the data directory, or a pg pool on DATABASE_URL's database), runs one
// partner-list query, and prints the time since its start and its resident memory. Plain
// JavaScript, so no compiler runs before the driver does.
const [target, workspaceId] = process.argv.slice(2);
const sql =
  'SELECT * FROM partners WHERE workspace_id = $1 AND archived_at IS NULL ORDER BY name, id LIMIT 51';

let rows;
let close;
if (/^postgres(ql)?:\/\//.test(target)) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: target, max: 1 });
  ({ rows } = await pool.query(sql, [workspaceId]));
  close = () => pool.end();
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const db = await PGlite.create({ dataDir: target, extensions: { pg_trgm } });
  ({ rows } = await db.query(sql, [workspaceId]));
  close = () => db.close();
}
const readyMs = performance.now();
const rssMiB = process.memoryUsage().rss / 1024 / 1024;
process.stdout.write(`${JSON.stringify({ readyMs, rssMiB, rows: rows.length })}\n`);
await close();
