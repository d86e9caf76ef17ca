import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { toGraphml } from '../analyze/graphml.js';
import {
  NetworkIndex,
  type Operation,
  operationsFrom,
  type SavedNetworkIndex,
} from '../analyze/networks.js';
import { openStore, type PostStore } from '../store/store.js';

/**
 * The operations of a store's ads. The index they are computed from is kept in the store: only
 * ads stored since it was saved are read and added. It is rebuilt from every ad when it was
 * saved in another format, or when ads it holds have changed since (a count that differs).
 */
export async function operationsOf(store: PostStore): Promise<Operation[]> {
  const saved = await store.savedNetworkIndex();
  let index: NetworkIndex | undefined;
  let through = 0;
  let adPosts = 0;
  if (saved && (await store.adPostsThrough(saved.throughSeq)) === saved.adPosts) {
    try {
      index = NetworkIndex.fromJSON(JSON.parse(saved.state) as SavedNetworkIndex);
    } catch (error) {
      // The index is derived data: a damaged one is rebuilt from the ads, which are intact.
      process.stderr.write(
        `tagwatch: the store's network index is unreadable (${(error as Error).message}); rebuilding it from the ads\n`,
      );
    }
    if (index) ({ throughSeq: through, adPosts } = saved);
  }
  const loaded = index !== undefined;
  index ??= new NetworkIndex();
  const start = through;
  for await (const post of store.adPosts(through)) {
    index.add(post);
    through = post.seq;
    adPosts++;
  }
  if (!loaded || through !== start) {
    try {
      await store.saveNetworkIndex({ throughSeq: through, adPosts, state: JSON.stringify(index) });
    } catch (error) {
      // A store opened read-only (evidence kept as it was seized) still answers, only slower.
      process.stderr.write(
        `tagwatch: the network index could not be saved in the store (${(error as Error).message}); the next call will read every ad again\n`,
      );
    }
  }
  return operationsFrom(index);
}

export function registerNetworksCommand(program: Command): void {
  program
    .command('networks')
    .description(
      'the operations behind the ads: accounts tied by shared contacts and near-identical texts, and the accounts that replaced suspended ones',
    )
    .requiredOption('--db <file>', 'the store written by `tagwatch scan`')
    .option('--json', 'one JSON object: {"operations": [...]}')
    .option('--graphml <file>', 'also write the account graph as GraphML (Gephi, yEd)')
    .option('--limit <n>', 'how many operations the summary lists', '15')
    .action(async (options: { db: string; json?: boolean; graphml?: string; limit: string }) => {
      const store = await openStore(options.db);
      try {
        const operations = await operationsOf(store);
        if (options.graphml) writeFileSync(options.graphml, toGraphml(operations));
        if (options.json) {
          // Operations are built with the contract's fields first, in its order, then extras.
          process.stdout.write(`${JSON.stringify({ operations })}\n`);
          return;
        }
        const several = operations.filter((operation) => operation.accounts.length > 1);
        const lines = [
          `${operations.length} operations behind ${operations.reduce((sum, operation) => sum + operation.posts, 0)} ads; ${several.length} run several accounts, with ${operations.reduce((sum, operation) => sum + operation.successions.length, 0)} replacements of a silenced account.`,
          '',
        ];
        for (const operation of operations.slice(0, Number(options.limit) || 15)) {
          lines.push(
            `${operation.id}  ${operation.posts} ads, ${operation.accounts.length} accounts on ${operation.platforms.join(', ')}, ${operation.firstSeen.slice(0, 10)} to ${operation.lastSeen.slice(0, 10)}`,
            `  sells ${operation.categories.join(', ') || '?'}; contacts ${operation.contacts.map((contact) => `${contact.type} ${contact.value}`).join(', ') || 'none'}`,
            `  hashtags ${operation.hashtags
              .slice(0, 6)
              .map((tag) => `#${tag}`)
              .join(' ')}`,
            ...operation.successions.map(
              (succession) =>
                `  ${succession.from} → ${succession.to} after ${Math.round(succession.gapMinutes)} min of silence`,
            ),
          );
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}
