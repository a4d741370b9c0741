// Drops this run's databases (a crashed test file may have left one) and stops the embedded server.
import { withAdminClient } from './global-setup.mjs';

export default async function globalTeardown() {
  const adminUrl = process.env.PNYX_TEST_ADMIN_URL;
  const run = process.env.PNYX_TEST_RUN;
  if (adminUrl !== undefined && run !== undefined) {
    await withAdminClient(adminUrl, async (client) => {
      const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`, [
        `pnyx_t_${run}_%`,
        `pnyx_tpl_${run}`,
      ]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    });
  }
  await globalThis.__PNYX_EMBEDDED__?.stop();
  globalThis.__PNYX_REDIS__?.stop();
}
