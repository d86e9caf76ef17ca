/**
 * The store: posts, their original records, classifications, hashtags, contacts, accounts and
 * hashtag windows, in one SQLite file by default. Callers see the `PostStore` interface only,
 * so that a PostgreSQL store can follow without touching them.
 *
 * Kysely carries the schema, the migrations and the queries. The ingest path writes through
 * better-sqlite3's prepared statements in one transaction a batch: thousands of rows a batch,
 * where building SQL text per row would cost more than the rest of the scan. A batch is
 * committed whole or not at all, so a scan killed at any point leaves the posts of the batches
 * before it, and scanning again adds the rest.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { AdPost } from '../analyze/networks.js';
import type { Classification } from '../detect/detector.js';
import type { IngestedPost } from '../ingest/read-inputs.js';
import { MIGRATIONS } from './migrations.js';
import type { StoreSchema } from './schema.js';

export interface StoredItem {
  ingested: IngestedPost;
  verdict: Classification;
}

export type WindowSize = 'day' | 'hour';

export interface HashtagWindowRow {
  tag: string;
  start: string;
  posts: number;
  ads: number;
}

export interface ExportedPost {
  id: string;
  platform: string;
  account: string;
  accountCreatedAt: string | null;
  createdAt: string;
  lang: string | null;
  text: string;
  hashtags: string[];
  urls: string[];
  url: string | null;
  ad: boolean;
  score: number;
  categories: string[];
  contacts: { type: string; value: string }[];
  evidence: string[];
}

export interface PostStore {
  /** Of these ids, those already stored. */
  knownIds(ids: readonly string[]): Set<string>;
  /** Stores posts not stored yet, with everything derived from them; returns how many were new. */
  insert(items: readonly StoredItem[], model: string): number;
  hashtagWindows(size: WindowSize): Promise<HashtagWindowRow[]>;
  exportPosts(range: { since?: string; until?: string }): AsyncIterable<ExportedPost>;
  counts(): Promise<StoreCounts>;
  /** Every post classified as an ad after the given one, with what the network analysis needs. */
  adPosts(afterSeq?: number): AsyncIterable<AdPost & { seq: number }>;
  /** How many ad posts there are up to a post. */
  adPostsThrough(seq: number): Promise<number>;
  savedNetworkIndex(): Promise<SavedIndexRow | undefined>;
  saveNetworkIndex(row: SavedIndexRow): Promise<void>;
  readonly db: Kysely<StoreSchema>;
  close(): Promise<void>;
}

export interface SavedIndexRow {
  throughSeq: number;
  adPosts: number;
  state: string;
}

export interface StoreCounts {
  posts: number;
  ads: number;
  accounts: number;
}

export class StoreError extends Error {
  override readonly name = 'StoreError';
}

function windowStart(createdAt: string, size: WindowSize): string {
  return size === 'day'
    ? `${createdAt.slice(0, 10)}T00:00:00.000Z`
    : `${createdAt.slice(0, 13)}:00:00.000Z`;
}

export interface OpenOptions {
  /** Apply migrations up to this one only (tests of upgrades). */
  migrateTo?: string;
  /**
   * Bulk ingest (`scan`): no fsync until the store is closed. A killed process loses nothing
   * committed (the OS holds the writes); an OS crash or power loss during the scan may leave
   * the store to be rebuilt from its inputs. Closing checkpoints the log and syncs it to disk.
   */
  bulk?: boolean;
}

export async function openStore(path: string, options: OpenOptions = {}): Promise<PostStore> {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path);
  } catch (error) {
    throw new StoreError(`${path}: cannot open the store (${(error as Error).message})`);
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(options.bulk ? 'synchronous = OFF' : 'synchronous = NORMAL');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const result = options.migrateTo
    ? await migrator.migrateTo(options.migrateTo)
    : await migrator.migrateToLatest();
  if (result.error) {
    await db.destroy();
    throw new StoreError(
      `${path}: cannot bring the store's schema up to date (${(result.error as Error).message ?? result.error})`,
    );
  }
  return new SqliteStore(sqlite, db, options.bulk === true);
}

function prepareStatements(sqlite: Database.Database) {
  return {
    insertPost: sqlite.prepare(`INSERT OR IGNORE INTO posts
        (id, platform, account, account_created_at, created_at, lang, text, hashtags, urls, url,
         format, source_file, source_line, source_record, raw, raw_sha256, ingested_at)
        VALUES (@id, @platform, @account, @accountCreatedAt, @createdAt, @lang, @text, @hashtags, @urls, @url,
         @format, @file, @line, @record, @raw, @sha, @now)`),
    insertClassification: sqlite.prepare(`INSERT OR REPLACE INTO classifications
        (post_id, ad, score, categories, contacts, evidence, model, classified_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    insertHashtag: sqlite.prepare(
      'INSERT OR IGNORE INTO post_hashtags (post_id, tag) VALUES (?, ?)',
    ),
    insertContact: sqlite.prepare(
      'INSERT OR IGNORE INTO post_contacts (post_id, type, value) VALUES (?, ?, ?)',
    ),
    countWindow:
      sqlite.prepare(`INSERT INTO hashtag_windows (tag, size, start, posts, ads) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (tag, size, start) DO UPDATE SET posts = posts + excluded.posts, ads = ads + excluded.ads`),
    countAccount:
      sqlite.prepare(`INSERT INTO accounts (id, platform, created_at, first_seen, last_seen, posts, ads)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET
          posts = posts + excluded.posts, ads = ads + excluded.ads,
          created_at = coalesce(accounts.created_at, excluded.created_at),
          first_seen = min(first_seen, excluded.first_seen),
          last_seen = max(last_seen, excluded.last_seen)`),
  };
}

/**
 * Rows fetched a page at a time in `seq` order, each page starting after the last row of the
 * one before (keyset paging: no OFFSET scans, and no page ever held twice).
 */
async function* inPages<Row extends { seq: number }>(
  start: number,
  fetchAfter: (seq: number) => Promise<Row[]>,
): AsyncGenerator<Row> {
  for (let after = start; ; ) {
    const page = await fetchAfter(after);
    if (page.length === 0) return;
    yield* page;
    after = (page.at(-1) as Row).seq;
  }
}

class SqliteStore implements PostStore {
  /** Prepared on first use: a store opened at an older schema (for a migration) has no tables for them. */
  private prepared: ReturnType<typeof prepareStatements> | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    readonly db: Kysely<StoreSchema>,
    private readonly bulk: boolean,
  ) {}

  private get statements() {
    this.prepared ??= prepareStatements(this.sqlite);
    return this.prepared;
  }

  /** `SELECT … IN (?, ?, …)` for a count of ids, prepared once a count: a scan asks per batch. */
  private readonly lookups = new Map<number, Database.Statement>();
  private lookupStatement(count: number): Database.Statement {
    let statement = this.lookups.get(count);
    if (!statement) {
      statement = this.sqlite.prepare(
        `SELECT id FROM posts WHERE id IN (${Array.from({ length: count }, () => '?').join(',')})`,
      );
      this.lookups.set(count, statement);
    }
    return statement;
  }

  knownIds(ids: readonly string[]): Set<string> {
    const known = new Set<string>();
    for (let at = 0; at < ids.length; at += 500) {
      const chunk = ids.slice(at, at + 500);
      const rows = this.lookupStatement(chunk.length).all(...chunk) as { id: string }[];
      for (const row of rows) known.add(row.id);
    }
    return known;
  }

  insert(items: readonly StoredItem[], model: string): number {
    const now = new Date().toISOString();
    const run = this.sqlite.transaction(() => {
      let inserted = 0;
      // Windows and accounts are counted for the batch first, then written once a key.
      const windows = new Map<
        string,
        { tag: string; size: WindowSize; start: string; posts: number; ads: number }
      >();
      const accounts = new Map<
        string,
        {
          platform: string;
          createdAt: string | null;
          first: string;
          last: string;
          posts: number;
          ads: number;
        }
      >();
      for (const { ingested, verdict } of items) {
        const post = ingested.post;
        const result = this.statements.insertPost.run({
          id: post.id,
          platform: post.platform,
          account: post.account,
          accountCreatedAt: post.accountCreatedAt,
          createdAt: post.createdAt,
          lang: verdict.lang,
          text: post.text,
          hashtags: JSON.stringify(post.hashtags),
          urls: JSON.stringify(post.urls),
          url: post.url,
          format: ingested.format,
          file: ingested.file,
          line: ingested.line ?? null,
          record: ingested.record ?? null,
          raw: ingested.raw,
          sha: createHash('sha256').update(ingested.raw).digest('hex'),
          now,
        });
        if (result.changes === 0) continue; // stored already: nothing derived from it changes
        inserted++;
        const ad = verdict.ad ? 1 : 0;
        this.statements.insertClassification.run(
          post.id,
          ad,
          verdict.score,
          JSON.stringify(verdict.categories),
          JSON.stringify(verdict.contacts),
          JSON.stringify(verdict.evidence),
          model,
          now,
        );
        for (const contact of verdict.contacts)
          this.statements.insertContact.run(post.id, contact.type, contact.value);
        for (const tag of new Set(post.hashtags.map((written) => written.toLowerCase()))) {
          this.statements.insertHashtag.run(post.id, tag);
          for (const size of ['day', 'hour'] as const) {
            const start = windowStart(post.createdAt, size);
            const key = `${size}|${start}|${tag}`;
            const window = windows.get(key);
            if (window) {
              window.posts++;
              window.ads += ad;
            } else windows.set(key, { tag, size, start, posts: 1, ads: ad });
          }
        }
        const account = accounts.get(post.account);
        if (account) {
          account.posts++;
          account.ads += ad;
          if (post.createdAt < account.first) account.first = post.createdAt;
          if (post.createdAt > account.last) account.last = post.createdAt;
          account.createdAt ??= post.accountCreatedAt;
        } else {
          accounts.set(post.account, {
            platform: post.platform,
            createdAt: post.accountCreatedAt,
            first: post.createdAt,
            last: post.createdAt,
            posts: 1,
            ads: ad,
          });
        }
      }
      for (const window of windows.values()) {
        this.statements.countWindow.run(
          window.tag,
          window.size,
          window.start,
          window.posts,
          window.ads,
        );
      }
      for (const [id, account] of accounts) {
        this.statements.countAccount.run(
          id,
          account.platform,
          account.createdAt,
          account.first,
          account.last,
          account.posts,
          account.ads,
        );
      }
      return inserted;
    });
    return run.immediate();
  }

  async hashtagWindows(size: WindowSize): Promise<HashtagWindowRow[]> {
    return this.db
      .selectFrom('hashtag_windows')
      .select(['tag', 'start', 'posts', 'ads'])
      .where('size', '=', size)
      .orderBy('tag')
      .orderBy('start')
      .execute();
  }

  async *exportPosts(range: { since?: string; until?: string }): AsyncIterable<ExportedPost> {
    const pages = inPages(0, (after) => {
      let query = this.db
        .selectFrom('posts')
        .leftJoin('classifications', 'classifications.post_id', 'posts.id')
        .select([
          'posts.seq',
          'posts.id',
          'posts.platform',
          'posts.account',
          'posts.account_created_at',
          'posts.created_at',
          'posts.lang',
          'posts.text',
          'posts.hashtags',
          'posts.urls',
          'posts.url',
          'classifications.ad',
          'classifications.score',
          'classifications.categories',
          'classifications.contacts',
          'classifications.evidence',
        ])
        .where('posts.seq', '>', after)
        .orderBy('posts.seq')
        .limit(2000);
      if (range.since) query = query.where('posts.created_at', '>=', range.since);
      if (range.until) query = query.where('posts.created_at', '<', range.until);
      return query.execute();
    });
    for await (const row of pages) {
      yield {
        id: row.id,
        platform: row.platform,
        account: row.account,
        accountCreatedAt: row.account_created_at,
        createdAt: row.created_at,
        lang: row.lang,
        text: row.text,
        hashtags: JSON.parse(row.hashtags),
        urls: JSON.parse(row.urls),
        url: row.url,
        ad: row.ad === 1,
        score: row.score ?? 0,
        categories: JSON.parse(row.categories ?? '[]'),
        contacts: JSON.parse(row.contacts ?? '[]'),
        evidence: JSON.parse(row.evidence ?? '[]'),
      };
    }
  }

  async *adPosts(afterSeq = 0): AsyncIterable<AdPost & { seq: number }> {
    const pages = inPages(afterSeq, (after) =>
      this.db
        .selectFrom('posts')
        .innerJoin('classifications', 'classifications.post_id', 'posts.id')
        .select([
          'posts.seq',
          'posts.account',
          'posts.platform',
          'posts.created_at',
          'posts.text',
          'posts.hashtags',
          'posts.account_created_at',
          'classifications.contacts',
          'classifications.categories',
        ])
        .where('classifications.ad', '=', 1)
        .where('posts.seq', '>', after)
        .orderBy('posts.seq')
        .limit(5000)
        .execute(),
    );
    for await (const row of pages) {
      yield {
        seq: row.seq,
        account: row.account,
        platform: row.platform,
        createdAt: row.created_at,
        text: row.text,
        hashtags: JSON.parse(row.hashtags),
        contacts: JSON.parse(row.contacts),
        categories: JSON.parse(row.categories),
        accountCreatedAt: row.account_created_at,
      };
    }
  }

  async adPostsThrough(seq: number): Promise<number> {
    const row = await this.db
      .selectFrom('posts')
      .innerJoin('classifications', 'classifications.post_id', 'posts.id')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('classifications.ad', '=', 1)
      .where('posts.seq', '<=', seq)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async savedNetworkIndex(): Promise<SavedIndexRow | undefined> {
    const row = await this.db
      .selectFrom('network_index')
      .select(['through_seq', 'ad_posts', 'state'])
      .where('name', '=', 'operations')
      .executeTakeFirst();
    return row && { throughSeq: row.through_seq, adPosts: row.ad_posts, state: row.state };
  }

  async saveNetworkIndex(row: SavedIndexRow): Promise<void> {
    const values = { through_seq: row.throughSeq, ad_posts: row.adPosts, state: row.state };
    await this.db
      .insertInto('network_index')
      .values({ name: 'operations', ...values })
      .onConflict((conflict) => conflict.column('name').doUpdateSet(values))
      .execute();
  }

  async counts(): Promise<StoreCounts> {
    const posts = await this.db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const ads = await this.db
      .selectFrom('classifications')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('ad', '=', 1)
      .executeTakeFirstOrThrow();
    const accounts = await this.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return { posts: Number(posts.count), ads: Number(ads.count), accounts: Number(accounts.count) };
  }

  async close(): Promise<void> {
    if (this.bulk) {
      this.sqlite.pragma('synchronous = FULL');
      this.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    }
    await this.db.destroy();
  }
}
