/**
 * Telegram Desktop's "Export chat history" (`result.json` of one chat) and "Export Telegram
 * data" (`chats.list` of many). `text` is either a string or an array of strings and entity
 * objects (`{type, text, href?}`); `date` is local wall-clock time without a zone, so the
 * UTC `date_unixtime` is preferred where present.
 */
import { z } from 'zod';
import { makePost } from '../records/post.js';
import type { FormatReader, ReadOutcome } from './format-reader.js';
import { isObject } from './format-reader.js';
import { extractHashtags, extractUrls, unique } from './hashtags.js';
import { describeSchemaError, toIsoInstant } from './validation.js';

const EntitySchema = z.object({
  type: z.string(),
  text: z.string(),
  href: z.string().optional(),
});
const TextSchema = z.union([z.string(), z.array(z.union([z.string(), EntitySchema]))], {
  error: (issue) =>
    issue.input === undefined ? 'missing' : 'expected a string or an array of strings and entities',
});

const MessageSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  date: z.string().optional(),
  date_unixtime: z.string().optional(),
  from_id: z.string().nullable().optional(),
  text: TextSchema,
  text_entities: z.array(EntitySchema).optional(),
});

const ChatSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  name: z.string().nullable().optional(),
  messages: z.array(z.unknown()),
});
type Chat = z.infer<typeof ChatSchema>;

const CHANNEL_TYPES = new Set(['public_channel', 'private_channel']);

function looksLikeChat(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.messages) && 'id' in value && 'type' in value;
}

function looksLikeFullExport(value: unknown): boolean {
  return isObject(value) && isObject(value.chats) && Array.isArray(value.chats.list);
}

function messageTime(message: z.infer<typeof MessageSchema>): string | null {
  if (message.date_unixtime && /^\d+$/.test(message.date_unixtime)) {
    return toIsoInstant(Number(message.date_unixtime) * 1000);
  }
  // No zone in `date`: read it as UTC rather than as this machine's local time.
  return message.date ? toIsoInstant(`${message.date}Z`) : null;
}

function readMessage(chat: Chat, value: unknown, record: number): ReadOutcome {
  if (isObject(value) && value.type === 'service') return { kind: 'skip', record };
  const parsed = MessageSchema.safeParse(value);
  if (!parsed.success) {
    return { kind: 'invalid', record, message: `message ${describeSchemaError(parsed.error)}` };
  }
  const message = parsed.data;
  if (message.type !== 'message') return { kind: 'skip', record };
  const createdAt = messageTime(message);
  if (!createdAt) {
    return { kind: 'invalid', record, message: `message ${message.id}: no readable date` };
  }
  const pieces = typeof message.text === 'string' ? [message.text] : message.text;
  const text = pieces.map((piece) => (typeof piece === 'string' ? piece : piece.text)).join('');
  const entities =
    typeof message.text === 'string'
      ? (message.text_entities ?? [])
      : message.text.filter((piece) => typeof piece !== 'string');
  const hashtags: string[] = [];
  const urls: string[] = [];
  for (const entity of entities) {
    if (entity.type === 'hashtag') hashtags.push(entity.text.replace(/^[#＃]/, ''));
    else if (entity.type === 'link') urls.push(entity.text);
    else if (entity.type === 'text_link' && entity.href) urls.push(entity.href);
  }
  const hasEntities = typeof message.text !== 'string' || message.text_entities !== undefined;
  const sender = CHANNEL_TYPES.has(chat.type)
    ? String(chat.id)
    : (message.from_id ?? String(chat.id));
  const post = makePost({
    id: `telegram:${chat.id}/${message.id}`,
    platform: 'telegram',
    account: `telegram:${sender.toLowerCase()}`,
    accountCreatedAt: null,
    createdAt,
    lang: null,
    text,
    hashtags: hasEntities ? hashtags : extractHashtags(text),
    urls: unique(hasEntities ? urls : extractUrls(text)),
    // An export names no public username, and a permalink needs one.
    url: null,
  });
  return { kind: 'post', post, record, raw: value };
}

function* readChat(value: unknown, chatIndex: number | undefined): Iterable<ReadOutcome> {
  const parsed = ChatSchema.safeParse(value);
  if (!parsed.success) {
    yield {
      kind: 'invalid',
      record: chatIndex,
      message: `chat ${describeSchemaError(parsed.error)}`,
    };
    return;
  }
  const chat = parsed.data;
  for (let index = 0; index < chat.messages.length; index++) {
    yield readMessage(chat, chat.messages[index], index);
  }
}

export const telegramReader: FormatReader = {
  format: 'telegram',
  recognizesDocument: (value) => looksLikeChat(value) || looksLikeFullExport(value),
  recognizesLine: () => false,
  *read(value) {
    if (looksLikeFullExport(value)) {
      const list = (value as { chats: { list: unknown[] } }).chats.list;
      for (let index = 0; index < list.length; index++) yield* readChat(list[index], index);
      return;
    }
    yield* readChat(value, undefined);
  },
};
