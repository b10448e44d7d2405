import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultConfig } from '../../server/src/engine/config';
import { discoverFiles } from '../../server/src/engine/discovery';
import { registry } from '../../server/src/engine/registry';
import { readCatalog } from '../../server/src/verify/catalog';
import { openStandinDatabase } from '../../server/src/verify/database';
import { replayProjectsOf } from '../../server/src/verify/from-unit';
import { createdExtensions } from '../../server/src/verify/history';
import { runProbes, type ProbeRun } from '../../server/src/verify/probes';
import { HistoryReplayer } from '../../server/src/verify/replay';

const PROJECTS = path.join(__dirname, 'fixtures', 'projects');

/**
 * Each probed table's rows made for it (by table, parents first) and outcomes (`role operation target:
 * allowed`), by qualified table name.
 */
function outcomesByTable(run: ProbeRun): Map<string, string[]> {
  return new Map(
    run.tables.map((t) => [
      `${t.table.schema}.${t.table.name}`,
      [...t.seeded.map((s) => `row of ${s.table.name}`), ...t.outcomes.map((o) => `${o.role} ${o.operation} ${o.target}: ${o.allowed}`)],
    ]),
  );
}

describe('verified mode: a table\'s probes do not depend on the tables probed before it', function () {
  this.timeout(180_000);

  for (const name of ['slack-clone', 'saas-tenants', 'ai-chat']) {
    it(`${name}: every table probed alone finds what it finds among all the others`, async () => {
      await registry.load();
      const root = path.join(PROJECTS, name).split(path.sep).join('/');
      const config = defaultConfig();
      const [project] = replayProjectsOf(root, discoverFiles(root, config, {}).files, config);
      const db = await openStandinDatabase(createdExtensions(project));
      try {
        await (await HistoryReplayer.start(db)).replay(project.files);
        const catalog = await readCatalog(db, project.exposedSchemas);
        const together = outcomesByTable(await runProbes(db, catalog, project));
        assert.ok(together.size >= 4, [...together.keys()].join(', '));
        // In reverse order and one by one: a table's probes start from the same users and tenants either way,
        // and make the same rows (parents included) whatever other tables made before.
        for (const table of [...catalog.tables].reverse().filter((t) => together.has(`${t.schema}.${t.name}`))) {
          const name = `${table.schema}.${table.name}`;
          const alone = outcomesByTable(await runProbes(db, catalog, { ...project, onlyTables: new Set([table.oid]) }));
          assert.deepEqual(alone.get(name), together.get(name), name);
        }
      } finally {
        await db.close();
      }
    });
  }
});
