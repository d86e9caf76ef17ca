/**
 * What detection says of one post: whether it is a sale ad, how sure, what it sells, whom it
 * asks buyers to contact, and why. Field order is the contract's (`tagwatch classify`).
 */
import { z } from 'zod';
import { ContactSchema } from './contact.js';

export const CATEGORIES = [
  'cannabis',
  'cocaine',
  'opioids',
  'ketamine',
  'psychedelics',
  'mdma',
  'amphetamines',
  'pharma',
  'weapons',
  'counterfeit_money',
  'fake_documents',
] as const;
export const CategorySchema = z.enum(CATEGORIES);
export type Category = z.infer<typeof CategorySchema>;

export const VerdictSchema = z.object({
  ad: z.boolean(),
  score: z.number().min(0).max(1),
  categories: z.array(CategorySchema),
  contacts: z.array(ContactSchema),
  evidence: z.array(z.string()),
});
export type Verdict = z.infer<typeof VerdictSchema>;
