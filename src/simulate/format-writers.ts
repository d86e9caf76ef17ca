/**
 * The simulated posts in the platforms' own formats, as tagwatch's readers expect them:
 * X API v2 filtered-stream lines, Bluesky Jetstream events, a Mastodon status array, and
 * Telegram Desktop exports (one `result.json` per chat). Each writer also names the post and
 * its author by their canonical ids, for the ground truth.
 */
import { join } from 'node:path';
import { codePointOffset } from '../ingest/hashtags.js';
import type { SimPost } from './generate.js';
import { OutputFile } from './output-file.js';
import { REGIONS } from './text-pools.js';
import { type SimAccount, slug } from './world.js';

export const SIMULATED_FORMATS = ['x-stream', 'jetstream', 'mastodon', 'telegram'] as const;
export type SimulatedFormat = (typeof SIMULATED_FORMATS)[number];

export interface WrittenIds {
  postId: string;
  accountId: string;
}

export interface FormatWriter {
  write(post: SimPost): WrittenIds;
  accountId(account: SimAccount): string;
  drain(): Promise<void>;
  close(): Promise<void>;
}

const iso = (time: number) => new Date(time).toISOString();
const X_EPOCH = 1288834974657n;

/** Where each hashtag is written, in order: [start, end) UTF-16 offsets of `#tag`. */
function hashtagSpans(text: string, hashtags: readonly string[]): [number, number][] {
  const spans: [number, number][] = [];
  let from = 0;
  for (const tag of hashtags) {
    const at = text.indexOf(`#${tag}`, from);
    if (at === -1) continue;
    spans.push([at, at + tag.length + 1]);
    from = at + tag.length + 1;
  }
  return spans;
}

/** A stable pseudo-random string for ids (DIDs, CIDs), from a number. */
function token(
  value: number,
  length: number,
  alphabet = 'abcdefghijklmnopqrstuvwxyz234567',
): string {
  let state = (value * 2654435761) >>> 0;
  let out = '';
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + index) >>> 0;
    out += alphabet[state % alphabet.length];
  }
  return out;
}

export function openWriter(format: SimulatedFormat, directory: string): FormatWriter {
  switch (format) {
    case 'x-stream':
      return new XStreamWriter(join(directory, 'stream.jsonl'));
    case 'jetstream':
      return new JetstreamWriter(join(directory, 'stream.jsonl'));
    case 'mastodon':
      return new MastodonWriter(join(directory, 'statuses.json'));
    case 'telegram':
      return new TelegramWriter(join(directory, 'telegram'));
  }
}

class XStreamWriter implements FormatWriter {
  private readonly file: OutputFile;
  constructor(path: string) {
    this.file = new OutputFile(path);
  }

  accountId(account: SimAccount): string {
    return `x:${account.handle.toLowerCase()}`;
  }

  write(post: SimPost): WrittenIds {
    const id = String(((BigInt(post.time) - X_EPOCH) << 22n) | BigInt(post.index % 4_194_304));
    const text = post.text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    const hashtags = hashtagSpans(text, post.hashtags).map(([start, end], at) => ({
      start: codePointOffset(text, start),
      end: codePointOffset(text, end),
      tag: post.hashtags[at] as string,
    }));
    const account = post.account;
    const line = {
      data: {
        id,
        text,
        author_id: account.numericId,
        created_at: iso(post.time),
        lang: post.language,
        conversation_id: id,
        edit_history_tweet_ids: [id],
        ...(hashtags.length > 0 ? { entities: { hashtags } } : {}),
        public_metrics: {
          retweet_count: post.index % 7,
          reply_count: post.index % 5,
          like_count: post.index % 31,
          quote_count: 0,
          bookmark_count: post.index % 3,
          impression_count: 100 + (post.index % 997),
        },
      },
      includes: {
        users: [
          {
            id: account.numericId,
            username: account.handle,
            name: account.displayName,
            created_at: iso(account.createdAt),
          },
        ],
      },
      matching_rules: [{ id: '1350000000000000001', tag: 'tagwatch simulate' }],
    };
    this.file.write(`${JSON.stringify(line)}\n`);
    return { postId: `x:${id}`, accountId: this.accountId(account) };
  }

  drain(): Promise<void> {
    return this.file.drain();
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/** AT Protocol timestamp ids: microseconds and a clock id, base32-sortable. */
function tid(timeUs: bigint, clock: number): string {
  let value = (timeUs << 10n) | BigInt(clock & 1023);
  let out = '';
  for (let index = 0; index < 13; index++) {
    out = TID_ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

class JetstreamWriter implements FormatWriter {
  private readonly file: OutputFile;
  private readonly introduced = new Set<SimAccount>();
  constructor(path: string) {
    this.file = new OutputFile(path);
  }

  private did(account: SimAccount): string {
    return `did:plc:${token(account.index + 1, 24)}`;
  }

  private handle(account: SimAccount): string {
    return `${account.handle.toLowerCase().replaceAll('_', '-')}.bsky.social`;
  }

  accountId(account: SimAccount): string {
    return `bluesky:${this.handle(account)}`;
  }

  write(post: SimPost): WrittenIds {
    const account = post.account;
    const did = this.did(account);
    const timeUs = BigInt(post.time) * 1000n + BigInt(post.index % 1000);
    if (!this.introduced.has(account)) {
      this.introduced.add(account);
      const identity = {
        did,
        time_us: Number(timeUs - 1000n),
        kind: 'identity',
        identity: {
          did,
          handle: this.handle(account),
          seq: 1_000_000 + account.index,
          time: iso(post.time - 1),
        },
      };
      this.file.write(`${JSON.stringify(identity)}\n`);
    }
    const rkey = tid(timeUs, post.index);
    const spans = hashtagSpans(post.text, post.hashtags);
    const facets = spans.map(([start, end], at) => ({
      features: [{ $type: 'app.bsky.richtext.facet#tag', tag: post.hashtags[at] }],
      index: {
        byteStart: Buffer.byteLength(post.text.slice(0, start)),
        byteEnd: Buffer.byteLength(post.text.slice(0, end)),
      },
    }));
    const event = {
      did,
      time_us: Number(timeUs),
      kind: 'commit',
      commit: {
        rev: rkey,
        operation: 'create',
        collection: 'app.bsky.feed.post',
        rkey,
        record: {
          $type: 'app.bsky.feed.post',
          createdAt: iso(post.time),
          ...(facets.length > 0 ? { facets } : {}),
          langs: [post.language],
          text: post.text,
        },
        cid: `bafyrei${token(post.index + 7, 52)}`,
      },
    };
    this.file.write(`${JSON.stringify(event)}\n`);
    return {
      postId: `bluesky:at://${did}/app.bsky.feed.post/${rkey}`,
      accountId: this.accountId(account),
    };
  }

  drain(): Promise<void> {
    return this.file.drain();
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

const HOME_INSTANCE = 'mastodon.example';
const OTHER_INSTANCE = 'piaille.example';

const escapeHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

class MastodonWriter implements FormatWriter {
  private readonly file: OutputFile;
  private first = true;
  constructor(path: string) {
    this.file = new OutputFile(path);
    this.file.write('[');
  }

  private domain(account: SimAccount): string {
    return account.index % 10 < 7 ? HOME_INSTANCE : OTHER_INSTANCE;
  }

  accountId(account: SimAccount): string {
    return `mastodon:${account.handle.toLowerCase()}@${this.domain(account)}`;
  }

  write(post: SimPost): WrittenIds {
    const account = post.account;
    const domain = this.domain(account);
    const id = String(BigInt(post.time) * 65536n + BigInt(post.index % 65536));
    let html = '';
    let from = 0;
    for (const [start, end] of hashtagSpans(post.text, post.hashtags)) {
      const tag = post.text.slice(start + 1, end);
      html += escapeHtml(post.text.slice(from, start));
      html += `<a href="https://${HOME_INSTANCE}/tags/${encodeURIComponent(tag)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`;
      from = end;
    }
    html += escapeHtml(post.text.slice(from));
    const content = `<p>${html.replaceAll('\n', '<br />')}</p>`;
    const status = {
      id,
      created_at: iso(post.time),
      in_reply_to_id: null,
      in_reply_to_account_id: null,
      sensitive: false,
      spoiler_text: '',
      visibility: 'public',
      language: post.language,
      uri: `https://${domain}/users/${account.handle}/statuses/${id}`,
      url: `https://${domain}/@${account.handle}/${id}`,
      replies_count: post.index % 3,
      reblogs_count: post.index % 5,
      favourites_count: post.index % 11,
      edited_at: null,
      content,
      reblog: null,
      account: {
        id: account.numericId,
        username: account.handle,
        acct: domain === HOME_INSTANCE ? account.handle : `${account.handle}@${domain}`,
        display_name: account.displayName,
        created_at: iso(account.createdAt),
        url: `https://${domain}/@${account.handle}`,
      },
      media_attachments: [],
      mentions: [],
      tags: post.hashtags.map((tag) => ({
        name: tag.toLowerCase(),
        url: `https://${HOME_INSTANCE}/tags/${encodeURIComponent(tag.toLowerCase())}`,
      })),
      emojis: [],
      card: null,
      poll: null,
    };
    this.file.write(`${this.first ? '\n' : ',\n'}${JSON.stringify(status)}`);
    this.first = false;
    return { postId: `mastodon:${status.uri}`, accountId: this.accountId(account) };
  }

  drain(): Promise<void> {
    return this.file.drain();
  }

  async close(): Promise<void> {
    this.file.write('\n]\n');
    await this.file.close();
  }
}

interface TelegramChat {
  file: OutputFile;
  id: number;
  nextMessage: number;
  channel: boolean;
}

class TelegramWriter implements FormatWriter {
  private readonly chats = new Map<string, TelegramChat>();
  constructor(private readonly directory: string) {}

  /** Operations post in channels of their own; ordinary people in their region's group. */
  private chatFor(account: SimAccount): {
    key: string;
    name: string;
    id: number;
    channel: boolean;
  } {
    if (account.operation) {
      return {
        key: account.handle.toLowerCase(),
        name: account.displayName,
        id: Number(account.numericId),
        channel: true,
      };
    }
    const region = REGIONS.indexOf(account.region);
    const city = slug(account.region.cities[0] as string);
    return {
      key: `${city}_chat`,
      name: `${account.region.cities[0]} chat`,
      id: 1_900_000_000 + region,
      channel: false,
    };
  }

  accountId(account: SimAccount): string {
    return account.operation
      ? `telegram:${account.numericId}`
      : `telegram:user${account.numericId}`;
  }

  write(post: SimPost): WrittenIds {
    const account = post.account;
    const where = this.chatFor(account);
    let chat = this.chats.get(where.key);
    if (!chat) {
      const file = new OutputFile(join(this.directory, where.key, 'result.json'));
      file.write(
        `{\n "name": ${JSON.stringify(where.name)},\n "type": "${where.channel ? 'public_channel' : 'public_supergroup'}",\n "id": ${where.id},\n "messages": [`,
      );
      chat = { file, id: where.id, nextMessage: 1, channel: where.channel };
      this.chats.set(where.key, chat);
    }
    const messageId = chat.nextMessage++;
    const pieces: (string | { type: string; text: string })[] = [];
    let from = 0;
    for (const [start, end] of hashtagSpans(post.text, post.hashtags)) {
      if (start > from) pieces.push(post.text.slice(from, start));
      pieces.push({ type: 'hashtag', text: post.text.slice(start, end) });
      from = end;
    }
    if (from < post.text.length) pieces.push(post.text.slice(from));
    const seconds = Math.floor(post.time / 1000);
    const message = {
      id: messageId,
      type: 'message',
      date: new Date(seconds * 1000).toISOString().slice(0, 19),
      date_unixtime: String(seconds),
      from: account.displayName,
      from_id: where.channel ? `channel${chat.id}` : `user${account.numericId}`,
      text: pieces.length === 1 && typeof pieces[0] === 'string' ? pieces[0] : pieces,
      text_entities: pieces.map((piece) =>
        typeof piece === 'string' ? { type: 'plain', text: piece } : piece,
      ),
    };
    chat.file.write(`${messageId === 1 ? '\n' : ',\n'}  ${JSON.stringify(message)}`);
    return { postId: `telegram:${chat.id}/${messageId}`, accountId: this.accountId(account) };
  }

  async drain(): Promise<void> {
    for (const chat of this.chats.values()) await chat.file.drain();
  }

  async close(): Promise<void> {
    for (const chat of this.chats.values()) {
      chat.file.write('\n ]\n}\n');
      await chat.file.close();
    }
  }
}
