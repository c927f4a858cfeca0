import type { Kysely } from 'kysely';
import { invalidParameter } from '../../core/errors/index.js';
import type { ArtifactEntry } from '../model.js';
import type { RunArtifactStore } from '../store.js';
import type { Database } from './database.js';
import { runNotFound } from './not-found.js';

/**
 * Paths under a directory `d` are exactly those in the byte range ['d/', 'd0'): '0' follows '/'
 * in ASCII. Both dialects compare text bytewise here (PostgreSQL columns use collation "C").
 */
function directoryRange(directory: string): [string, string] {
  return [`${directory}/`, `${directory}0`];
}

export class RunArtifactRepository implements RunArtifactStore {
  constructor(private readonly db: Kysely<Database>) {}

  async put(runId: string, entry: ArtifactEntry): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const run = await trx
        .selectFrom('runs')
        .select('run_id')
        .where('run_id', '=', runId)
        .executeTakeFirst();
      if (!run) throw runNotFound(runId);
      const parts = entry.path.split('/');
      const ancestors = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
      if (ancestors.length > 0) {
        const file = await trx
          .selectFrom('run_artifacts')
          .select('path')
          .where('run_id', '=', runId)
          .where('path', 'in', ancestors)
          .executeTakeFirst();
        if (file) {
          throw invalidParameter(
            `cannot write '${entry.path}': '${file.path}' is a file, not a directory`,
            { path: entry.path },
          );
        }
      }
      const [from, to] = directoryRange(entry.path);
      const child = await trx
        .selectFrom('run_artifacts')
        .select('path')
        .where('run_id', '=', runId)
        .where('path', '>=', from)
        .where('path', '<', to)
        .limit(1)
        .executeTakeFirst();
      if (child) {
        throw invalidParameter(
          `cannot write '${entry.path}': it is a directory (it holds '${child.path}')`,
          { path: entry.path },
        );
      }
      const row = {
        run_id: runId,
        path: entry.path,
        digest: entry.digest,
        size: entry.size,
        created_time: entry.createdTime,
      };
      await trx
        .insertInto('run_artifacts')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['run_id', 'path']).doUpdateSet({
            digest: entry.digest,
            size: entry.size,
            created_time: entry.createdTime,
          }),
        )
        .execute();
    });
  }

  async get(runId: string, path: string): Promise<ArtifactEntry | undefined> {
    const row = await this.db
      .selectFrom('run_artifacts')
      .selectAll()
      .where('run_id', '=', runId)
      .where('path', '=', path)
      .executeTakeFirst();
    return row ? toEntry(row) : undefined;
  }

  async listUnder(runId: string, directory: string): Promise<ArtifactEntry[]> {
    let query = this.db.selectFrom('run_artifacts').selectAll().where('run_id', '=', runId);
    if (directory !== '') {
      const [from, to] = directoryRange(directory);
      query = query.where('path', '>=', from).where('path', '<', to);
    }
    const rows = await query.orderBy('path').execute();
    return rows.map(toEntry);
  }
}

function toEntry(row: {
  path: string;
  digest: string;
  size: number;
  created_time: number;
}): ArtifactEntry {
  return {
    path: row.path,
    digest: row.digest,
    size: Number(row.size),
    createdTime: Number(row.created_time),
  };
}
