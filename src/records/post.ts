/**
 * The canonical post: the one record every platform reader produces and every later stage
 * (detection, analytics, store) consumes. Its shape is fixed by the CLI contract
 * (`tagwatch posts`), field order included, so it is defined once here.
 */
import { z } from 'zod';

export const PLATFORMS = ['x', 'bluesky', 'mastodon', 'telegram'] as const;
export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

const isoInstant = z.iso.datetime({ offset: true, local: false });

export const PostSchema = z.object({
  id: z.string().min(3),
  platform: PlatformSchema,
  account: z.string().min(3),
  accountCreatedAt: isoInstant.nullable(),
  createdAt: isoInstant,
  lang: z.string().min(1).nullable(),
  text: z.string(),
  hashtags: z.array(z.string().min(1)),
  urls: z.array(z.string().min(1)),
  url: z.string().nullable(),
});

export type Post = z.infer<typeof PostSchema>;

/**
 * Builds a post with its fields in contract order, so that serialized output is stable.
 * NUL characters are dropped from the text: no reader sees them, and PostgreSQL's text
 * type cannot hold them.
 */
export function makePost(fields: Post): Post {
  return {
    id: fields.id,
    platform: fields.platform,
    account: fields.account,
    accountCreatedAt: fields.accountCreatedAt,
    createdAt: fields.createdAt,
    lang: fields.lang,
    text: fields.text.includes('\u0000') ? fields.text.replaceAll('\u0000', '') : fields.text,
    hashtags: fields.hashtags,
    urls: fields.urls,
    url: fields.url,
  };
}
