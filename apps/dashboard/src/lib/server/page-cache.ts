import { randomBytes } from 'node:crypto';
import { constants, crc32, deflateRawSync, gunzipSync } from 'node:zlib';
import type { Lang } from '$lib/i18n';
import type { ContentVersion, SessionUser } from './auth/session';
import type { Database } from './db/open';

// A shared cache of rendered pages for published views (the rankings page and unit breakdowns of a published
// cycle). A published revision never changes, so every viewer of the same class — same role and unit, same language,
// same URL with its query — sees the same page apart from who they are. The page is rendered once with two marker
// tokens in place of the viewer's display name and username (the only per-user bits: +layout.server.ts), kept as a
// template, and each viewer gets the template with their own name spliced in at the markers, escaped for where each
// marker stands (HTML text or attribute, or a string inside the hydration <script>). So the cached bytes hold no
// user's name or data, and a key never crosses role, unit or language.
//
// Invalidation: every write the app makes to what these pages show is audited in the same transaction (units,
// users, programmes, cycles, publishing and corrections, reviews, imports…), so the newest audit id is a version of
// the content. It is read with each cacheable request (one indexed lookup) and is part of the key: any committed
// write, in any process, moves every later request to new keys, and the old entries are dropped. (It is read by the
// session lookup itself, auth/session.ts: no query of its own.) A page is stored
// only if, when the version was read, no write transaction was in flight: audit ids are handed out before commit, so
// a transaction with a lower id could otherwise commit after a higher one and its change be missed under a version
// that never moves again.
//
// KAOHE_PAGE_CACHE=off turns it off; KAOHE_PAGE_CACHE_MB bounds its size (default 64 MB per process).

export interface PageCacheSettings {
  enabled: boolean;
  maxBytes: number;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): PageCacheSettings {
  const switchValue = (env.KAOHE_PAGE_CACHE ?? 'on').trim().toLowerCase();
  if (!['on', 'off', '1', '0', 'true', 'false'].includes(switchValue))
    throw new Error(`KAOHE_PAGE_CACHE must be "on" or "off", not "${env.KAOHE_PAGE_CACHE}"`);
  const megabytes = Number(env.KAOHE_PAGE_CACHE_MB ?? 64);
  if (!Number.isFinite(megabytes) || megabytes < 1 || megabytes > 4096)
    throw new Error(
      `KAOHE_PAGE_CACHE_MB must be a number of megabytes from 1 to 4096, not "${env.KAOHE_PAGE_CACHE_MB}"`,
    );
  return {
    enabled: ['on', '1', 'true'].includes(switchValue),
    maxBytes: Math.round(megabytes * 1024 * 1024),
  };
}

let settings: PageCacheSettings | undefined;

export function pageCacheSettings(): PageCacheSettings {
  settings ??= settingsFromEnv();
  return settings;
}

/** Tests switch it on and off. */
export function configurePageCache(next: PageCacheSettings): void {
  settings = next;
  caches = new WeakMap();
}

/** Random per process: a name that happens to contain it cannot be guessed in advance. */
const token = randomBytes(12).toString('hex');
export const nameMarker = `kaohe${token}name`;
export const usernameMarker = `kaohe${token}user`;

/** The pages whose published views are shared: the rankings page and a unit's breakdown (not exports, not __data.json). */
const sharedPaths = /^\/(?:rankings|units\/\d{1,12})$/;

/** Whether a request may be answered from the cache (if the viewer is signed in and the load marks it published). */
export function isCandidate(request: Request, url: URL): boolean {
  return request.method === 'GET' && sharedPaths.test(url.pathname) && pageCacheSettings().enabled;
}

// The loads say whether what they rendered is a published view; the layout whether it rendered markers.
const shareable = new WeakSet<App.Locals>();
const templated = new WeakSet<App.Locals>();

/** Called by a load that shows a published revision only (nothing that changes without an audited write). */
export function markPublishedView(locals: App.Locals): void {
  shareable.add(locals);
}

export function isPublishedView(locals: App.Locals): boolean {
  return shareable.has(locals);
}

/** The layout renders the markers in place of the viewer's name when this is set. */
export function rendersTemplate(locals: App.Locals): boolean {
  return templated.has(locals);
}

export function renderAsTemplate(locals: App.Locals): void {
  templated.add(locals);
}

export function cacheKey(version: ContentVersion, user: SessionUser, lang: Lang, url: URL): string {
  // the query as sent: a different order is a different key, never a wrong page
  return [version.id, user.role, user.unitId ?? '-', lang, url.pathname + url.search].join('\u0000');
}

/**
 * A rendered page cut at its markers: part 0, marker, part 1, marker … Kept compressed only (a ninth of the page:
 * browsers take gzip; the few clients that do not get it unzipped per request).
 */
export interface PageTemplate {
  /** each part as UTF-8 compressed on its own (raw deflate ending in a sync flush) */
  deflated: Buffer[];
  /** each part's CRC-32 and length, for the gzip trailer */
  crcs: number[];
  lengths: number[];
  /** for each marker between two parts: which value and how to escape it */
  slots: { value: 'name' | 'username'; context: 'html' | 'script' }[];
  contentType: string;
  bytes: number;
}

export function makeTemplate(html: string, contentType: string): PageTemplate {
  const scripts: [number, number][] = [];
  for (const match of html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>/gi))
    scripts.push([match.index, match.index + match[0].length]);
  const inScript = (at: number) => scripts.some(([start, end]) => at > start && at < end);
  const parts: string[] = [];
  const slots: PageTemplate['slots'] = [];
  const markers = new RegExp(`${nameMarker}|${usernameMarker}`, 'g');
  let last = 0;
  for (const match of html.matchAll(markers)) {
    parts.push(html.slice(last, match.index));
    slots.push({
      value: match[0] === nameMarker ? 'name' : 'username',
      context: inScript(match.index) ? 'script' : 'html',
    });
    last = match.index + match[0].length;
  }
  parts.push(html.slice(last));
  const buffers = parts.map((part) => Buffer.from(part, 'utf8'));
  const deflated = buffers.map((part) => deflateRawSync(part, { finishFlush: constants.Z_SYNC_FLUSH }));
  return {
    deflated,
    crcs: buffers.map((part) => crc32(part)),
    lengths: buffers.map((part) => part.length),
    slots,
    contentType,
    bytes: deflated.reduce((total, part) => total + part.length, 0),
  };
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => htmlEscapes[character]!);
}

/** The inside of a JavaScript string literal that can sit in a <script> element (no "</script>", no line breaks). */
export function escapeScriptString(value: string): string {
  return JSON.stringify(value)
    .slice(1, -1)
    .replace(/</g, '\\u003C')
    .replace(/>/g, '\\u003E')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Whether the client takes gzip (Accept-Encoding: gzip, not with q=0). */
export function acceptsGzip(request: Request): boolean {
  const header = request.headers.get('accept-encoding') ?? '';
  return header.split(',').some((entry) => {
    const [coding, ...parameters] = entry.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== 'x-gzip') return false;
    const quality = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
    return quality === undefined || Number(quality) > 0;
  });
}

function slotValues(user: Pick<SessionUser, 'displayName' | 'username'>) {
  return {
    name: {
      html: Buffer.from(escapeHtml(user.displayName)),
      script: Buffer.from(escapeScriptString(user.displayName)),
    },
    username: {
      html: Buffer.from(escapeHtml(user.username)),
      script: Buffer.from(escapeScriptString(user.username)),
    },
  };
}

/** The filled page, plain: the gzip answer unzipped (for the clients that do not take gzip). */
export function fillTemplate(
  template: PageTemplate,
  user: Pick<SessionUser, 'displayName' | 'username'>,
): Uint8Array<ArrayBuffer> {
  const plain = gunzipSync(fillTemplateGzip(template, user));
  return join([plain]);
}

function join(pieces: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  return joined;
}

// CRC-32 of two pieces joined, from each piece's own CRC and the second's length: zlib's crc32_combine (GF(2)
// polynomial arithmetic), so that a page's CRC costs microseconds instead of a pass over its bytes.
const crcPolynomial = 0xedb88320;

function multiplyModP(a: number, b: number): number {
  let mask = 0x80000000;
  let product = 0;
  for (;;) {
    if (a & mask) {
      product ^= b;
      if ((a & (mask - 1)) === 0) break;
    }
    mask >>>= 1;
    b = b & 1 ? (b >>> 1) ^ crcPolynomial : b >>> 1;
  }
  return product >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0 … 31 */
const powersOfX: number[] = [];
{
  let power = 0x40000000; // x^1
  powersOfX.push(power);
  for (let k = 1; k < 32; k += 1) powersOfX.push((power = multiplyModP(power, power)));
}

function xToTheNModP(n: number, k: number): number {
  let product = 0x80000000; // x^0
  while (n) {
    if (n & 1) product = multiplyModP(powersOfX[k & 31]!, product);
    n = Math.floor(n / 2);
    k += 1;
  }
  return product;
}

export function crc32Combine(first: number, second: number, secondLength: number): number {
  return (multiplyModP(xToTheNModP(secondLength, 3), first) ^ second) >>> 0;
}

const gzipHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** an empty final stored block: ends the deflate stream */
const deflateEnd = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

/** Bytes as a stored (uncompressed) deflate block: the names are short, and compressing them per request would cost more. */
function storedBlock(bytes: Buffer): Buffer {
  const blocks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += 0xffff) {
    const chunk = bytes.subarray(start, start + 0xffff);
    const head = Buffer.alloc(5);
    head.writeUInt8(0, 0);
    head.writeUInt16LE(chunk.length, 1);
    head.writeUInt16LE(~chunk.length & 0xffff, 3);
    blocks.push(head, chunk);
  }
  return Buffer.concat(blocks);
}

/**
 * The filled page as gzip without compressing it per request: the parts were compressed once, each on its own and
 * ending byte-aligned (sync flush), so they can be joined with the viewer's name as stored blocks between them; the
 * CRC-32 is carried on from the parts' own.
 */
export function fillTemplateGzip(
  template: PageTemplate,
  user: Pick<SessionUser, 'displayName' | 'username'>,
): Uint8Array<ArrayBuffer> {
  const values = slotValues(user);
  const pieces: Buffer[] = [gzipHeader, template.deflated[0]!];
  let crc = template.crcs[0]!;
  let size = template.lengths[0]!;
  for (let index = 0; index < template.slots.length; index += 1) {
    const slot = template.slots[index]!;
    const value = values[slot.value][slot.context];
    const partLength = template.lengths[index + 1]!;
    pieces.push(storedBlock(value), template.deflated[index + 1]!);
    crc = crc32(value, crc);
    crc = crc32Combine(crc, template.crcs[index + 1]!, partLength);
    size += value.length + partLength;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  pieces.push(deflateEnd, trailer);
  return join(pieces);
}

interface Store {
  version: string;
  entries: Map<string, PageTemplate>;
  bytes: number;
  /** one render for the requests that miss the same key at the same moment */
  pending: Map<string, Promise<PageTemplate | null>>;
}

let caches = new WeakMap<Database, Store>();

function storeFor(database: Database, version: string): Store {
  let store = caches.get(database);
  if (!store || store.version !== version) {
    // a newer version makes every older entry unreachable: drop them at once
    store = { version, entries: new Map(), bytes: 0, pending: new Map() };
    caches.set(database, store);
  }
  return store;
}

export function lookup(database: Database, version: ContentVersion, key: string): PageTemplate | undefined {
  const store = caches.get(database);
  if (!store || store.version !== version.id) return undefined;
  const entry = store.entries.get(key);
  if (entry) {
    // least recently used goes first when the cache is full
    store.entries.delete(key);
    store.entries.set(key, entry);
  }
  return entry;
}

export function pendingRender(
  database: Database,
  version: ContentVersion,
  key: string,
): Promise<PageTemplate | null> | undefined {
  const store = caches.get(database);
  return store && store.version === version.id ? store.pending.get(key) : undefined;
}

/** Registers a render in progress for `key`; `settle` stores its template (or null: not shareable) and wakes waiters. */
export function beginRender(
  database: Database,
  version: ContentVersion,
  key: string,
): (template: PageTemplate | null) => void {
  const store = storeFor(database, version.id);
  let resolve: (template: PageTemplate | null) => void = () => undefined;
  store.pending.set(key, new Promise((done) => (resolve = done)));
  return (template) => {
    store.pending.delete(key);
    if (template && version.settled) keep(store, key, template);
    resolve(template);
  };
}

function keep(store: Store, key: string, template: PageTemplate): void {
  const { maxBytes } = pageCacheSettings();
  if (template.bytes > maxBytes / 4) return;
  const previous = store.entries.get(key);
  if (previous) store.bytes -= previous.bytes;
  store.entries.set(key, template);
  store.bytes += template.bytes;
  for (const [oldKey, old] of store.entries) {
    if (store.bytes <= maxBytes) break;
    store.entries.delete(oldKey);
    store.bytes -= old.bytes;
  }
}

/** How many pages are kept (tests). */
export function cachedPages(database: Database): number {
  return caches.get(database)?.entries.size ?? 0;
}
