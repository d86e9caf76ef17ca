/**
 * A contact a post pushes buyers to: another app, a phone number, an email, a site, or another
 * account on the same platform. Normalized as the CLI contract says, so that the same contact
 * written two ways is one value (the key that links accounts into operations).
 */
import { z } from 'zod';

export const CONTACT_TYPES = [
  'snapchat',
  'whatsapp',
  'telegram',
  'signal',
  'wickr',
  'instagram',
  'phone',
  'email',
  'url',
] as const;
export const ContactTypeSchema = z.enum(CONTACT_TYPES);
export type ContactType = z.infer<typeof ContactTypeSchema>;

export const ContactSchema = z.object({
  type: ContactTypeSchema,
  /**
   * Handles lowercased without `@` or `t.me/`; phone numbers (whatsapp, signal, phone) in
   * E.164; emails lowercased; urls as written without a trailing slash.
   */
  value: z.string().min(1),
});
export type Contact = z.infer<typeof ContactSchema>;
