/**
 * The simulated world: ordinary long-lived accounts, selling operations with their contacts,
 * menus and texts, each running one or more lanes of accounts that are suspended and replaced,
 * and the topics that trend for a while. Built once from the seed, before any post is written.
 */
import type { Category } from '../records/classification.js';
import { Random } from './random.js';
import {
  AD_TEMPLATES,
  CATEGORY_WEIGHTS,
  FIRST_NAMES,
  type Language,
  PRODUCTS,
  REGIONS,
  type Region,
  TOPICS,
  WORDS,
} from './text-pools.js';

export const DAY_MS = 86_400_000;
export const SIMULATION_START = Date.UTC(2021, 0, 4);

export interface SimAccount {
  index: number;
  /** Username as the platform shows it. */
  handle: string;
  displayName: string;
  createdAt: number;
  language: Language;
  region: Region;
  operation: Operation | null;
  /** The account this one replaced after it was suspended. */
  successorOf: SimAccount | null;
  activeFrom: number;
  activeUntil: number;
  suspendedAt: number | null;
  /** A number that identifies the account on the platform (X user id, Telegram peer id…). */
  numericId: string;
}

export interface OperationContact {
  type: 'snapchat' | 'whatsapp' | 'telegram' | 'signal';
  /** As written in the ads. */
  written: string;
  /** Normalized as the contract says: handles lowercased, phone numbers in E.164. */
  value: string;
}

/** E.164 of the fictional numbers the simulator writes (`06 39 98 …`, `07700 900…`, `+33 …`). */
export function e164(written: string): string {
  const digits = written.replace(/\D/g, '');
  if (written.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('07')) return `+44${digits.slice(1)}`;
  return `+33${digits.slice(1)}`;
}

export interface Operation {
  id: string;
  language: Language;
  region: Region;
  categories: Category[];
  /** One product word per category, as this operation writes it. */
  words: string[];
  /** The city tags it hijacks. */
  cities: string[];
  contacts: OperationContact[];
  templates: string[];
  price: number;
  lanes: Lane[];
}

/** One line of accounts an operation keeps posting through: each replaces the last. */
export interface Lane {
  operation: Operation;
  accounts: SimAccount[];
  weight: number;
}

export interface Trend {
  topic: string;
  language: Language;
  from: number;
  until: number;
}

export interface World {
  start: number;
  end: number;
  ordinary: SimAccount[];
  operations: Operation[];
  lanes: Lane[];
  accounts: SimAccount[];
  trends: Trend[];
  /** Posts per unit of lane weight, against ordinary posts, when every lane is active. */
  chatterWeight: number;
}

export interface WorldOptions {
  posts: number;
  days: number;
  seed: string;
}

const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));

export function buildWorld(options: WorldOptions): World {
  const random = new Random(options.seed).fork('world');
  const start = SIMULATION_START;
  const end = start + options.days * DAY_MS;
  const accounts: SimAccount[] = [];
  const usedHandles = new Set<string>();
  const uniqueHandle = (base: string) => {
    let handle = base.slice(0, 15);
    for (let suffix = 2; usedHandles.has(handle); suffix++)
      handle = `${base.slice(0, 12)}${suffix}`;
    usedHandles.add(handle);
    return handle;
  };
  const newAccount = (fields: Omit<SimAccount, 'index' | 'numericId'>): SimAccount => {
    const account = {
      ...fields,
      index: accounts.length,
      numericId: String(1_300_000_000 + accounts.length * 7919),
    };
    accounts.push(account);
    return account;
  };

  const ordinaryCount = clamp(Math.round(options.posts / 40), 20, 5000);
  const ordinary: SimAccount[] = [];
  for (let index = 0; index < ordinaryCount; index++) {
    const region = pickRegion(random);
    const handle = uniqueHandle(
      `${random.pick(FIRST_NAMES)}_${random.pick(WORDS)}${random.int(1, 99)}`,
    );
    ordinary.push(
      newAccount({
        handle,
        displayName: titleCase(handle),
        createdAt: start - random.int(200, 3000) * DAY_MS - random.int(0, DAY_MS),
        language: region.language,
        region,
        operation: null,
        successorOf: null,
        activeFrom: start,
        activeUntil: end,
        suspendedAt: null,
      }),
    );
  }

  const operationCount = clamp(Math.round(Math.sqrt(options.posts) / 6), 3, 80);
  const operations: Operation[] = [];
  const lanes: Lane[] = [];
  for (let number = 1; number <= operationCount; number++) {
    const region = pickRegion(random);
    const language = region.language;
    const categories = pickCategories(random);
    const words = categories.map((category) =>
      random.pick(PRODUCTS[category][language] ?? PRODUCTS[category].en ?? []),
    );
    const citySlug = slug(random.pick(region.cities));
    const contacts = pickContacts(random, region, citySlug, number);
    const operation: Operation = {
      id: `op-${number}`,
      language,
      region,
      categories,
      words,
      cities: random.sample(region.cities, random.int(1, Math.min(3, region.cities.length))),
      contacts,
      templates: random.sample(AD_TEMPLATES[language], random.int(2, 3)),
      price: pickPrice(random, categories[0] as Category),
      lanes: [],
    };
    operations.push(operation);
    // Operations open over the first two thirds of the period: hijacks begin on given days.
    const opens = start + random.next() * (end - start) * 0.6;
    const laneCount = random.chance(0.3) ? random.int(2, 3) : 1;
    for (let laneNumber = 0; laneNumber < laneCount; laneNumber++) {
      const lane: Lane = { operation, accounts: [], weight: 0.6 + random.next() };
      let from = opens + random.exponential(6 * 3_600_000) * laneNumber;
      let previous: SimAccount | null = null;
      const base = `${citySlug}_${random.pick(['plug', 'drive', 'frais', 'menu', 'deliv', 'shop'])}${random.int(1, 99)}`;
      let generation = 0;
      while (from < end) {
        // An account lives days to weeks before it is suspended.
        const life = Math.max(DAY_MS / 2, random.exponential(options.days * DAY_MS * 0.3));
        const until = Math.min(end, from + life);
        const suffix = ['', '_bis', '2', '_off', '_new', '3', '_back', '4'][generation % 8] ?? '';
        const handle = uniqueHandle(generation === 0 ? base : `${base.slice(0, 11)}${suffix}`);
        const account = newAccount({
          handle,
          displayName: titleCase(handle),
          // Replacements are made in advance, often days before their first post.
          createdAt:
            from - (random.chance(0.5) ? random.int(1, 10) * DAY_MS : random.int(5, 120) * 60_000),
          language,
          region,
          operation,
          successorOf: previous,
          activeFrom: from,
          activeUntil: until,
          suspendedAt: until < end ? until : null,
        });
        lane.accounts.push(account);
        previous = account;
        generation++;
        // The successor starts minutes to hours after the suspension.
        from = until + Math.min(8 * 3_600_000, 10 * 60_000 + random.exponential(90 * 60_000));
      }
      operation.lanes.push(lane);
      lanes.push(lane);
    }
  }

  const trends: Trend[] = [];
  for (const [language, topics] of Object.entries(TOPICS) as [Language, string[]][]) {
    for (const topic of topics) {
      const from = start + random.next() * (end - start);
      trends.push({
        topic,
        language,
        from,
        until: from + random.int(1, Math.max(2, Math.round(options.days / 4))) * DAY_MS,
      });
    }
  }
  const totalLaneWeight = lanes.reduce((sum, lane) => sum + lane.weight, 0);
  return {
    start,
    end,
    ordinary,
    operations,
    lanes,
    accounts,
    trends,
    chatterWeight: totalLaneWeight * 1.3,
  };
}

/** The story's region first: most operations and chatter are there. */
function pickRegion(random: Random): Region {
  const roll = random.next();
  if (roll < 0.45) return REGIONS[0] as Region;
  return random.pick(REGIONS.slice(1));
}

function pickCategories(random: Random): Category[] {
  const count = random.chance(0.4) ? 1 : random.int(2, 4);
  const chosen = new Set<Category>();
  const total = CATEGORY_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  while (chosen.size < count) {
    let roll = random.next() * total;
    for (const [category, weight] of CATEGORY_WEIGHTS) {
      roll -= weight;
      if (roll <= 0) {
        chosen.add(category);
        break;
      }
    }
    // Weapons, money and documents are sold apart from drugs.
    const first = [...chosen][0] as Category;
    if (['weapons', 'counterfeit_money', 'fake_documents'].includes(first)) break;
  }
  return [...chosen].filter(
    (category, _, all) =>
      !['weapons', 'counterfeit_money', 'fake_documents'].includes(category) || all.length === 1,
  );
}

function pickPrice(random: Random, category: Category): number {
  const ranges: Partial<Record<Category, [number, number]>> = {
    cannabis: [8, 15],
    cocaine: [60, 90],
    ketamine: [30, 45],
    mdma: [40, 60],
  };
  const [low, high] = ranges[category] ?? [10, 50];
  return random.int(low, high);
}

/** Contacts in the ranges reserved for fiction: FR 06 39 98 xx xx, UK 07700 900xxx. */
function pickContacts(
  random: Random,
  region: Region,
  citySlug: string,
  number: number,
): OperationContact[] {
  const contacts: OperationContact[] = [];
  const pair = () => String(random.int(0, 99)).padStart(2, '0');
  const phone =
    region.country === 'GB'
      ? `07700 900${String(random.int(0, 999)).padStart(3, '0')}`
      : region.country === 'FR'
        ? `06 39 98 ${pair()} ${pair()}`
        : `+33 6 39 98 ${pair()} ${pair()}`;
  const handle = `${random.pick(['frais', 'plug', 'drive', 'menu', 'vip'])}.${citySlug}${number}`;
  const snapchat: OperationContact = { type: 'snapchat', written: handle, value: handle };
  const whatsapp: OperationContact = { type: 'whatsapp', written: phone, value: e164(phone) };
  const roll = random.next();
  if (roll < 0.45) contacts.push(snapchat);
  else if (roll < 0.75) contacts.push(whatsapp);
  else if (roll < 0.9) {
    const telegram = handle.replace('.', '_');
    contacts.push({ type: 'telegram', written: telegram, value: telegram });
  } else contacts.push({ ...whatsapp, type: 'signal' });
  if (random.chance(0.4)) contacts.push(contacts[0]?.type === 'snapchat' ? whatsapp : snapchat);
  return contacts;
}

export function slug(city: string): string {
  return city
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function titleCase(handle: string): string {
  return handle
    .split(/[_.]/)
    .filter(Boolean)
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join(' ');
}
