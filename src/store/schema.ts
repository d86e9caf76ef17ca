/**
 * The store's tables, as kysely sees them. One row a post with its original record kept byte
 * for byte; its classification with the model that made it; the hashtags and contacts it
 * carries; the accounts; and the hashtag windows kept up to date as posts arrive.
 */
import type { Generated } from 'kysely';

export interface PostsTable {
  seq: Generated<number>;
  id: string;
  platform: string;
  account: string;
  account_created_at: string | null;
  created_at: string;
  lang: string | null;
  text: string;
  /** JSON arrays, as the canonical post has them. */
  hashtags: string;
  urls: string;
  url: string | null;
  format: string;
  source_file: string;
  source_line: number | null;
  source_record: number | null;
  /** The platform's record as read: a JSON Lines line, or the record's JSON in a document. */
  raw: string;
  raw_sha256: string;
  ingested_at: string;
}

export interface ClassificationsTable {
  post_id: string;
  ad: number;
  score: number;
  categories: string;
  contacts: string;
  evidence: string;
  model: string;
  classified_at: string;
}

export interface PostHashtagsTable {
  post_id: string;
  tag: string;
}

export interface PostContactsTable {
  post_id: string;
  type: string;
  value: string;
}

export interface AccountsTable {
  id: string;
  platform: string;
  created_at: string | null;
  first_seen: string;
  last_seen: string;
  posts: number;
  ads: number;
}

export interface HashtagWindowsTable {
  tag: string;
  /** 'day' or 'hour'. */
  size: string;
  start: string;
  posts: number;
  ads: number;
}

export interface NetworkIndexTable {
  name: string;
  /** The last ad post folded into the index. */
  through_seq: number;
  /** How many ad posts it holds, to tell when older posts changed since. */
  ad_posts: number;
  /** The index as JSON. */
  state: string;
}

export interface StoreSchema {
  posts: PostsTable;
  classifications: ClassificationsTable;
  post_hashtags: PostHashtagsTable;
  post_contacts: PostContactsTable;
  accounts: AccountsTable;
  hashtag_windows: HashtagWindowsTable;
  network_index: NetworkIndexTable;
}
