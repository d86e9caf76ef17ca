import type { Command } from 'commander';
import { sql } from 'kysely';
import { openStore } from '../store/store.js';

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description(
      'what the store holds: posts and ads per platform, category, language and day, and the most used contacts',
    )
    .requiredOption('--db <file>', 'the store written by `tagwatch scan`')
    .option('--json', 'one JSON object')
    .action(async (options: { db: string; json?: boolean }) => {
      const store = await openStore(options.db);
      try {
        const { db } = store;
        const grouped = async (column: 'platform' | 'lang' | 'day') => {
          const key =
            column === 'day'
              ? sql<string>`substr(posts.created_at, 1, 10)`
              : sql<string>`coalesce(posts.${sql.ref(column)}, '?')`;
          const rows = await db
            .selectFrom('posts')
            .leftJoin('classifications', 'classifications.post_id', 'posts.id')
            .select([
              key.as('key'),
              sql<number>`count(*)`.as('posts'),
              sql<number>`coalesce(sum(classifications.ad), 0)`.as('ads'),
            ])
            .groupBy('key')
            .orderBy(column === 'day' ? 'key' : 'posts', column === 'day' ? 'asc' : 'desc')
            .execute();
          return rows.map((row) => ({
            [column]: row.key,
            posts: Number(row.posts),
            ads: Number(row.ads),
          }));
        };
        const categories = await sql<{ category: string; ads: number }>`
          SELECT value AS category, count(*) AS ads FROM classifications, json_each(classifications.categories)
          WHERE classifications.ad = 1 GROUP BY value ORDER BY ads DESC`.execute(db);
        const contacts = await db
          .selectFrom('post_contacts')
          .innerJoin('posts', 'posts.id', 'post_contacts.post_id')
          .select([
            'post_contacts.type',
            'post_contacts.value',
            sql<number>`count(*)`.as('posts'),
            sql<number>`count(distinct posts.account)`.as('accounts'),
          ])
          .groupBy(['post_contacts.type', 'post_contacts.value'])
          .orderBy('posts', 'desc')
          .limit(15)
          .execute();
        const report = {
          totals: await store.counts(),
          platforms: await grouped('platform'),
          categories: categories.rows.map((row) => ({
            category: row.category,
            ads: Number(row.ads),
          })),
          languages: await grouped('lang'),
          days: await grouped('day'),
          topContacts: contacts.map((row) => ({
            type: row.type,
            value: row.value,
            posts: Number(row.posts),
            accounts: Number(row.accounts),
          })),
        };
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report)}\n`);
          return;
        }
        const table = (title: string, rows: Record<string, unknown>[]) =>
          [title, ...rows.map((row) => `  ${Object.values(row).map(String).join('  ')}`)].join(
            '\n',
          );
        process.stdout.write(
          `${[
            `${report.totals.posts} posts, ${report.totals.ads} ads, ${report.totals.accounts} accounts`,
            table('platform  posts  ads', report.platforms),
            table('category  ads', report.categories),
            table('language  posts  ads', report.languages),
            table('day  posts  ads', report.days),
            table('contact  type  value  posts  accounts', report.topContacts),
          ].join('\n\n')}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
