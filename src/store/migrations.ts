/**
 * Versioned migrations, applied in order by kysely's Migrator when a store is opened. A store
 * made by an older version is brought up to date, its data kept; a migration never edits an
 * earlier one.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-posts-and-classifications': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('posts')
        // The rowid itself (no AUTOINCREMENT, which costs a write to sqlite_sequence per row).
        .addColumn('seq', 'integer', (column) => column.primaryKey())
        .addColumn('id', 'text', (column) => column.notNull().unique())
        .addColumn('platform', 'text', (column) => column.notNull())
        .addColumn('account', 'text', (column) => column.notNull())
        .addColumn('account_created_at', 'text')
        .addColumn('created_at', 'text', (column) => column.notNull())
        .addColumn('lang', 'text')
        .addColumn('text', 'text', (column) => column.notNull())
        .addColumn('hashtags', 'text', (column) => column.notNull())
        .addColumn('urls', 'text', (column) => column.notNull())
        .addColumn('url', 'text')
        .addColumn('format', 'text', (column) => column.notNull())
        .addColumn('source_file', 'text', (column) => column.notNull())
        .addColumn('source_line', 'integer')
        .addColumn('source_record', 'integer')
        .addColumn('raw', 'text', (column) => column.notNull())
        .addColumn('raw_sha256', 'text', (column) => column.notNull())
        .addColumn('ingested_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema.createIndex('posts_created_at').on('posts').column('created_at').execute();
      await db.schema.createIndex('posts_account').on('posts').column('account').execute();
      await db.schema
        .createTable('classifications')
        .addColumn('post_id', 'text', (column) => column.primaryKey())
        .addColumn('ad', 'integer', (column) => column.notNull())
        .addColumn('score', 'real', (column) => column.notNull())
        .addColumn('categories', 'text', (column) => column.notNull())
        .addColumn('contacts', 'text', (column) => column.notNull())
        .addColumn('evidence', 'text', (column) => column.notNull())
        .addColumn('model', 'text', (column) => column.notNull())
        .addColumn('classified_at', 'text', (column) => column.notNull())
        .execute();
      await db.schema
        .createTable('post_contacts')
        .addColumn('post_id', 'text', (column) => column.notNull())
        .addColumn('type', 'text', (column) => column.notNull())
        .addColumn('value', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('post_contacts_key', ['type', 'value', 'post_id'])
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (column) => column.primaryKey())
        .addColumn('platform', 'text', (column) => column.notNull())
        .addColumn('created_at', 'text')
        .addColumn('first_seen', 'text', (column) => column.notNull())
        .addColumn('last_seen', 'text', (column) => column.notNull())
        .addColumn('posts', 'integer', (column) => column.notNull())
        .addColumn('ads', 'integer', (column) => column.notNull())
        .execute();
    },
  },
  '0002-hashtag-analytics': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('post_hashtags')
        .addColumn('post_id', 'text', (column) => column.notNull())
        .addColumn('tag', 'text', (column) => column.notNull())
        .addPrimaryKeyConstraint('post_hashtags_key', ['tag', 'post_id'])
        .execute();
      await db.schema
        .createTable('hashtag_windows')
        .addColumn('tag', 'text', (column) => column.notNull())
        .addColumn('size', 'text', (column) => column.notNull())
        .addColumn('start', 'text', (column) => column.notNull())
        .addColumn('posts', 'integer', (column) => column.notNull())
        .addColumn('ads', 'integer', (column) => column.notNull())
        .addPrimaryKeyConstraint('hashtag_windows_key', ['tag', 'size', 'start'])
        .execute();
      // Posts stored before hashtags were analysed get their hashtags and windows now, page by
      // page; tags are lowercased here, not by SQLite's lower(), which knows ASCII only.
      const store = db as unknown as Kysely<{
        posts: { seq: number; id: string; hashtags: string };
        post_hashtags: { post_id: string; tag: string };
      }>;
      for (let after = 0; ; ) {
        const page = await store
          .selectFrom('posts')
          .select(['seq', 'id', 'hashtags'])
          .where('seq', '>', after)
          .orderBy('seq')
          .limit(5000)
          .execute();
        if (page.length === 0) break;
        const rows = page.flatMap((post) =>
          [...new Set((JSON.parse(post.hashtags) as string[]).map((tag) => tag.toLowerCase()))].map(
            (tag) => ({ post_id: post.id, tag }),
          ),
        );
        for (let at = 0; at < rows.length; at += 400) {
          await store
            .insertInto('post_hashtags')
            .values(rows.slice(at, at + 400))
            .onConflict((conflict) => conflict.doNothing())
            .execute();
        }
        after = (page.at(-1) as { seq: number }).seq;
      }
      for (const [size, length] of [
        ['day', 10],
        ['hour', 13],
      ] as const) {
        await sql`INSERT INTO hashtag_windows (tag, size, start, posts, ads)
          SELECT post_hashtags.tag, ${size},
                 substr(posts.created_at, 1, ${length}) || ${size === 'day' ? 'T00:00:00.000Z' : ':00:00.000Z'},
                 count(*), coalesce(sum(classifications.ad), 0)
          FROM post_hashtags
          JOIN posts ON posts.id = post_hashtags.post_id
          LEFT JOIN classifications ON classifications.post_id = posts.id
          GROUP BY 1, 2, 3`.execute(db);
      }
    },
  },
  '0003-network-index': {
    async up(db: Kysely<unknown>) {
      // The network analysis's index of the ad posts, as of one post: later scans add to it.
      await db.schema
        .createTable('network_index')
        .addColumn('name', 'text', (column) => column.primaryKey())
        .addColumn('through_seq', 'integer', (column) => column.notNull())
        .addColumn('ad_posts', 'integer', (column) => column.notNull())
        .addColumn('state', 'text', (column) => column.notNull())
        .execute();
    },
  },
};
