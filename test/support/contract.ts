/** The field lists the CLI contract fixes, in order (../shared/CONTRACT.md). */
export const POST_FIELDS = [
  'id',
  'platform',
  'account',
  'accountCreatedAt',
  'createdAt',
  'lang',
  'text',
  'hashtags',
  'urls',
  'url',
];

export const VERDICT_FIELDS = ['ad', 'score', 'categories', 'contacts', 'evidence'];

/** `tagwatch classify`: the post's identity, then the verdict. */
export const CLASSIFY_FIELDS = [
  'id',
  'platform',
  'account',
  'createdAt',
  'lang',
  'hashtags',
  ...VERDICT_FIELDS,
];
