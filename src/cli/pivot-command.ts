import type { Command } from 'commander';
import { extractContacts } from '../detect/contacts.js';
import { CONTACT_TYPES } from '../records/contact.js';
import { openStore } from '../store/store.js';
import { operationsOf } from './networks-command.js';

/** What the analyst typed, as stored contacts: `snapchat:x`, `@x`, `t.me/x`, `06 39 98 12 34`… */
function contactKeys(input: string): { type?: string; value: string }[] {
  const typed = /^([a-z]+):(.+)$/i.exec(input.trim());
  if (typed && (CONTACT_TYPES as readonly string[]).includes((typed[1] as string).toLowerCase())) {
    return [
      {
        type: (typed[1] as string).toLowerCase(),
        value: (typed[2] as string).trim().replace(/^@/, '').toLowerCase(),
      },
    ];
  }
  const found = extractContacts(input, { platform: 'x', lang: null, hashtags: [], urls: [] });
  const keys: { type?: string; value: string }[] = found.map((contact) => ({
    value: contact.value,
  }));
  keys.push({
    value: input
      .trim()
      .replace(/^@/, '')
      .replace(/^(https?:\/\/)?t\.me\//i, '')
      .toLowerCase(),
  });
  return keys;
}

export function registerPivotCommand(program: Command): void {
  program
    .command('pivot')
    .description(
      'every account, operation and post tied to a contact (a snap handle, a phone number, a Telegram handle…)',
    )
    .requiredOption('--db <file>', 'the store written by `tagwatch scan`')
    .option('--json', 'one JSON object')
    .argument(
      '<contact>',
      'e.g. snapchat:weedlille59, +33639981234, "06 39 98 12 34", @plug59, t.me/plug59',
    )
    .action(async (input: string, options: { db: string; json?: boolean }) => {
      const store = await openStore(options.db);
      try {
        const keys = contactKeys(input);
        let query = store.db
          .selectFrom('post_contacts')
          .innerJoin('posts', 'posts.id', 'post_contacts.post_id')
          .select([
            'post_contacts.type',
            'post_contacts.value',
            'posts.id',
            'posts.account',
            'posts.created_at',
            'posts.text',
          ])
          .orderBy('posts.created_at');
        query = query.where((eb) =>
          eb.or(
            keys.map((key) =>
              key.type
                ? eb.and([
                    eb('post_contacts.type', '=', key.type),
                    eb('post_contacts.value', '=', key.value),
                  ])
                : eb('post_contacts.value', '=', key.value),
            ),
          ),
        );
        const rows = await query.execute();
        const accounts = [...new Set(rows.map((row) => row.account))];
        const operations = (await operationsOf(store)).filter((operation) =>
          operation.accounts.some((account) => accounts.includes(account)),
        );
        const result = {
          contacts: [
            ...new Map(
              rows.map((row) => [`${row.type} ${row.value}`, { type: row.type, value: row.value }]),
            ).values(),
          ],
          accounts,
          operations: operations.map((operation) => ({
            id: operation.id,
            accounts: operation.accounts,
            posts: operation.posts,
          })),
          posts: rows.map((row) => ({
            id: row.id,
            account: row.account,
            createdAt: row.created_at,
            text: row.text,
          })),
        };
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
          return;
        }
        if (rows.length === 0) {
          process.stdout.write(`No stored post names ${input}.\n`);
          return;
        }
        const lines = [
          `${result.contacts.map((contact) => `${contact.type} ${contact.value}`).join(', ')}: ${rows.length} posts by ${accounts.length} accounts, in ${operations.length} operation${operations.length === 1 ? '' : 's'}`,
          ...operations.map((operation) => `  ${operation.id}: ${operation.accounts.join(', ')}`),
          ...result.posts
            .slice(0, 20)
            .map(
              (post) =>
                `  ${post.createdAt.slice(0, 16)} ${post.account} ${JSON.stringify(post.text.slice(0, 90))}`,
            ),
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}
