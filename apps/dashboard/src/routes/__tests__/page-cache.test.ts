import type { Cookies } from '@sveltejs/kit';
import { isHttpError } from '@sveltejs/kit';
import { gunzipSync } from 'node:zlib';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookieName, validateSessionToken } from '$lib/server/auth/session';
import { closeAppDatabase, installDatabase, type AppDatabase } from '$lib/server/db';
import { openDatabase } from '$lib/server/db/open';
import { cycles, programmes, units, users } from '$lib/server/db/schema';
import {
  acceptsGzip,
  cachedPages,
  configurePageCache,
  escapeHtml,
  settingsFromEnv,
} from '$lib/server/page-cache';
import { handle } from '../../hooks.server';
import {
  call,
  cycleIdOf,
  databaseKinds,
  expectOk,
  requestEvent,
  sessionTokenFor,
  useTestDatabase,
} from '../../../test/harness';
import { load as layoutLoad } from '../+layout.server';
import { actions as unitActions } from '../admin/units/[unitId]/+page.server';
import { actions as correctActions } from '../publish/[cycleId]/correct/+page.server';
import { load as rankingsLoad } from '../rankings/+page.server';
import { load as unitLoad } from '../units/[unitId]/+page.server';

// The shared page cache (page-cache.ts) through the real hook, loads and database: a page stands in for SvelteKit's
// render (the layout's user in the header and the page's rows as HTML, and both serialised into a <script> for
// hydration, as SvelteKit does), so what is checked is what the hook keeps, whom it serves it to, and when it lets go.

const origin = 'http://localhost:5173';
/** what the root layout's load returns */
interface LayoutShape {
  lang: 'zh' | 'en';
  user: { displayName: string; username: string; role: string; unitId: number | null } | null;
}
/** a name that needs escaping both in HTML and inside a script string */
const trickyName = '王<b>"&\'</b>\u2028领导';

/** how many times a page load actually ran (a cache hit runs none) */
let renders = 0;

/** GET through the hook, rendering like SvelteKit would if the hook calls resolve. */
async function get(path: string, token: string, lang: 'zh' | 'en' = 'zh', acceptEncoding?: string) {
  const url = new URL(path, origin);
  const unitMatch = /^\/units\/(\d+)$/.exec(url.pathname);
  const headers = new Headers({
    accept: 'text/html',
    cookie: `${sessionCookieName}=${token}; lang=${lang}`,
  });
  if (acceptEncoding) headers.set('accept-encoding', acceptEncoding);
  const setCookies: string[] = [];
  const cookies: Cookies = {
    get: (name) => (name === sessionCookieName ? token : name === 'lang' ? lang : undefined),
    getAll: () => [],
    set: () => undefined,
    delete: () => undefined,
    serialize: (name, value) => `${name}=${value}`,
  };
  const event = requestEvent({
    request: new Request(url, { headers }),
    url,
    cookies,
    params: unitMatch ? { unitId: unitMatch[1]! } : {},
    routeId: unitMatch ? '/units/[unitId]' : url.pathname,
  });
  const response = await handle({
    event,
    resolve: async (inner) => {
      renders += 1;
      const layout = (await layoutLoad(inner as never)) as LayoutShape;
      try {
        const page = unitMatch ? await unitLoad(inner as never) : await rankingsLoad(inner as never);
        return new Response(renderPage(layout, page), { headers: { 'content-type': 'text/html' } });
      } catch (thrown) {
        if (!isHttpError(thrown)) throw thrown;
        return new Response(renderPage(layout, { error: thrown.body.message }), {
          status: thrown.status,
          headers: { 'content-type': 'text/html' },
        });
      }
    },
  });
  for (const value of response.headers.getSetCookie()) setCookies.push(value);
  const bytes = Buffer.from(await response.arrayBuffer());
  const gzip = response.headers.get('content-encoding') === 'gzip';
  const html = (gzip ? gunzipSync(bytes) : bytes).toString('utf8');
  return { status: response.status, html, setCookies, headers: response.headers, sentBytes: bytes.length };
}

function renderPage(layout: LayoutShape, page: unknown): string {
  const rows =
    page && typeof page === 'object' && 'groups' in page
      ? (page as Awaited<ReturnType<typeof rankingsLoad>>).groups
          .flatMap((group) => group.rows)
          .map((row) => `<tr><th>${escapeHtml(row.name)}</th><td>${row.total}</td></tr>`)
          .join('')
      : '';
  const who = layout.user
    ? `<span class="who" title="${escapeHtml(layout.user.username)}">${escapeHtml(layout.user.displayName)}</span>`
    : '';
  // SvelteKit serialises with devalue, whose strings are escaped like JSON with "<" as \u003C
  const data = JSON.stringify([layout, page]).replace(/</g, '\\u003C');
  return `<!doctype html><html lang="${layout.lang}"><header>${who}</header><main><table>${rows}</table></main><script>window.__data = ${data};</script></html>`;
}

/** The data the page would hydrate with, read back from its <script> as the browser would. */
function hydrationData(html: string): [{ user: { displayName: string; username: string } | null }, unknown] {
  const script = /<script>window\.__data = ([\s\S]*?);<\/script>/.exec(html)?.[1];
  if (!script) throw new Error('no data script');
  return new Function(`return ${script}`)() as never;
}

describe.each(databaseKinds)('the shared page cache on %s', (kind) => {
  let database: AppDatabase;
  const tokens: Record<string, string> = {};
  let gansuCycle: number;
  let openCycle: number;
  let lanzhou: number;
  /** Requests the page until it is kept: a write on another connection can hold back storing one (page-cache.ts). */
  async function warm(path: string, token: string, lang: 'zh' | 'en' = 'zh') {
    const before = cachedPages(database.db);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      await get(path, token, lang);
      if (cachedPages(database.db) > before) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${path} was never kept`);
  }

  async function addUser(username: string, displayName: string, role: 'leader' | 'admin') {
    await database.db.insert(users).values({ username, displayName, role, passwordHash: 'not-a-login' });
    tokens[username] = await sessionTokenFor(database, username);
  }

  beforeAll(async () => {
    database = await useTestDatabase(kind);
    configurePageCache({ enabled: true, maxBytes: 16 * 1024 * 1024 });
    for (const username of ['leader', 'assessor', 'admin'])
      tokens[username] = await sessionTokenFor(database, username);
    await addUser('leader-two', trickyName, 'leader');
    gansuCycle = await cycleIdOf(database, 'gansu-2019', '2019');
    openCycle = await cycleIdOf(database, 'gansu-2019', '2020');
    const [unit] = await database.db.select({ id: units.id }).from(units).where(eq(units.code, 'gs-lanzhou'));
    lanzhou = unit!.id;
  });
  afterEach(() => {
    configurePageCache({ enabled: true, maxBytes: 16 * 1024 * 1024 });
  });
  afterAll(async () => {
    configurePageCache({ enabled: false, maxBytes: 1 });
    await closeAppDatabase();
  });

  it('serves two leaders the same kept page, each with their own name (escaped for HTML and for the script)', async () => {
    const path = `/rankings?cycle=${gansuCycle}`;
    await warm(path, tokens.leader!);
    const counted = renders;
    const mine = await get(path, tokens.leader!);
    const theirs = await get(path, tokens['leader-two']!);
    expect(renders).toBe(counted); // both from the cache
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('<span class="who" title="leader">分管领导</span>');
    expect(mine.html).not.toContain('王');
    expect(theirs.html).toContain(`<span class="who" title="leader-two">${escapeHtml(trickyName)}</span>`);
    expect(theirs.html).not.toContain('分管领导');
    expect(theirs.html).not.toContain('<b>');
    expect(hydrationData(theirs.html)[0].user).toMatchObject({
      displayName: trickyName,
      username: 'leader-two',
    });
    expect(hydrationData(mine.html)[0].user).toMatchObject({ displayName: '分管领导', username: 'leader' });
    // the tied first places are on the kept page
    expect(mine.html).toContain('<tr><th>兰州市</th><td>100</td></tr>');
    // the refreshed session cookie is sent with a kept page too
    expect(
      theirs.setCookies.some((cookie) => cookie.startsWith(`${sessionCookieName}=${tokens['leader-two']}`)),
    ).toBe(true);
  });

  it('sends a kept page gzipped to a client that takes gzip, the same page once unzipped', async () => {
    const path = `/rankings?cycle=${gansuCycle}`;
    await warm(path, tokens.leader!);
    const plain = await get(path, tokens['leader-two']!);
    const zipped = await get(path, tokens['leader-two']!, 'zh', 'gzip, deflate, br');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(zipped.html).toBe(plain.html);
    expect(zipped.sentBytes).toBeLessThan(plain.sentBytes / 3);
    expect(hydrationData(zipped.html)[0].user).toMatchObject({ displayName: trickyName });
    // refused with q=0: plain
    const refused = await get(path, tokens['leader-two']!, 'zh', 'gzip;q=0, identity');
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(refused.html).toBe(plain.html);
  });

  it('keeps a leader and an assessor (and an admin) apart', async () => {
    const path = `/rankings?cycle=${gansuCycle}`;
    await warm(path, tokens.leader!);
    const counted = renders;
    const assessor = await get(path, tokens.assessor!);
    expect(renders).toBe(counted + 1);
    expect(hydrationData(assessor.html)[1]).toMatchObject({ linkableUnit: lanzhou });
    const admin = await get(path, tokens.admin!);
    expect(renders).toBe(counted + 2);
    expect(hydrationData(admin.html)[0].user).toMatchObject({ username: 'admin' });
    const leader = await get(path, tokens.leader!);
    expect(renders).toBe(counted + 2);
    expect(hydrationData(leader.html)[1]).toMatchObject({ linkableUnit: 'all' });
    // an assessor's own breakdown, and another unit's refused: the refusal is not kept for anyone
    const other = await get(`/units/${lanzhou + 1}?cycle=${gansuCycle}`, tokens.assessor!);
    expect(other.status).toBe(403);
    const leaderOther = await get(`/units/${lanzhou + 1}?cycle=${gansuCycle}`, tokens.leader!);
    expect(leaderOther.status).toBe(200);
  });

  it('does not serve the English page to a Chinese request, nor the other way round', async () => {
    const path = `/rankings?cycle=${gansuCycle}`;
    await warm(path, tokens.leader!, 'en');
    const english = await get(path, tokens.leader!, 'en');
    expect(english.html).toContain('<html lang="en">');
    const chinese = await get(path, tokens.leader!, 'zh');
    expect(chinese.html).toContain('<html lang="zh">');
    expect(hydrationData(chinese.html)[0]).toMatchObject({ lang: 'zh' });
    expect(hydrationData(english.html)[0]).toMatchObject({ lang: 'en' });
  });

  it('shows a unit renamed by an admin at once', async () => {
    const path = `/rankings?cycle=${gansuCycle}`;
    await warm(path, tokens.leader!);
    expect((await get(path, tokens['leader-two']!)).html).toContain('<th>兰州市</th>');
    const renamed = await call(unitActions.update, {
      url: `/admin/units/${lanzhou}?/update`,
      params: { unitId: String(lanzhou) },
      token: tokens.admin,
      form: { code: 'gs-lanzhou', name: '兰州市（新）', nameEn: 'Lanzhou', kind: 'region' },
    });
    expect(renamed.outcome.kind).not.toBe('failure');
    const after = await get(path, tokens['leader-two']!);
    expect(after.html).toContain('<th>兰州市（新）</th>');
    expect(after.html).not.toContain('<th>兰州市</th>');
    const breakdown = await get(`/units/${lanzhou}?cycle=${gansuCycle}`, tokens.leader!);
    expect(breakdown.html).toContain('兰州市（新）');
  });

  it('shows a published correction at once', async () => {
    const path = `/rankings?cycle=${gansuCycle}`;
    await warm(path, tokens.leader!);
    expect((await get(path, tokens.leader!)).html).toMatch(/<th>兰州市[^<]*<\/th><td>100<\/td>/);
    const [cycle] = await database.db.select().from(cycles).where(eq(cycles.id, gansuCycle));
    const corrected = await call(correctActions.correct, {
      url: `/publish/${gansuCycle}/correct?/correct`,
      params: { cycleId: String(gansuCycle) },
      token: tokens.admin,
      form: {
        unitId: String(lanzhou),
        entryKind: 'subItem',
        entryId: 'D3.1',
        cycleVersion: String(cycle!.version),
        points: '5',
        reason: '核实后更正：未开展年度业务培训',
      },
    });
    expect(corrected.outcome).toMatchObject({ kind: 'ok' });
    const after = await get(path, tokens.leader!);
    expect(after.html).toMatch(/<th>兰州市[^<]*<\/th><td>98<\/td>/);
  });

  it('keeps no page of a cycle that is not published, and none when switched off', async () => {
    const openPath = `/rankings?cycle=${openCycle}`;
    const counted = renders;
    for (let index = 0; index < 3; index += 1) expect((await get(openPath, tokens.leader!)).status).toBe(200);
    expect(renders).toBe(counted + 3);
    const path = `/rankings?cycle=${gansuCycle}`;
    configurePageCache({ enabled: false, maxBytes: 1 });
    const before = renders;
    for (let index = 0; index < 3; index += 1) await get(path, tokens.leader!);
    expect(renders).toBe(before + 3);
    expect(cachedPages(database.db)).toBe(0);
  });

  it('still answers a page load called without a rendered page (the other server tests)', async () => {
    const data = expectOk(
      await call(rankingsLoad, { url: `/rankings?cycle=${gansuCycle}`, token: tokens.leader }),
    );
    expect(data.groups).toHaveLength(2);
  });
});

// Several app processes on one PostgreSQL (scripts/cluster.js): each has its own cache (per database handle), and a
// write made through another process's handle is seen by the next request; a write still in flight elsewhere keeps
// pages from being stored.
describe('the shared page cache across processes on postgres', () => {
  let first: AppDatabase;
  let second: AppDatabase;
  let leader: string;
  let admin: string;
  let cycleId: number;
  let lanzhou: number;
  beforeAll(async () => {
    first = await useTestDatabase('postgres');
    const url = first.pool!.options.connectionString!;
    second = { ...(await openDatabase({ kind: 'postgres', url })), migration: first.migration };
    configurePageCache({ enabled: true, maxBytes: 16 * 1024 * 1024 });
    leader = await sessionTokenFor(first, 'leader');
    admin = await sessionTokenFor(first, 'admin');
    const [row] = await first.db
      .select({ id: cycles.id })
      .from(cycles)
      .innerJoin(programmes, eq(cycles.programmeId, programmes.id))
      .where(and(eq(programmes.slug, 'gansu-2019'), eq(cycles.slug, '2019')));
    cycleId = row!.id;
    const [unit] = await first.db.select({ id: units.id }).from(units).where(eq(units.code, 'gs-lanzhou'));
    lanzhou = unit!.id;
  });
  afterAll(async () => {
    configurePageCache({ enabled: false, maxBytes: 1 });
    await second.close();
    await closeAppDatabase();
  });

  it('sees a rename made by another process at once', async () => {
    const path = `/rankings?cycle=${cycleId}`;
    installDatabase(first);
    const before = await get(path, leader);
    expect(before.html).toContain('<th>兰州市</th>');
    const counted = renders;
    expect((await get(path, leader)).html).toBe(before.html);
    expect(renders).toBe(counted); // kept by the first process
    installDatabase(second);
    const renamed = await call(unitActions.update, {
      url: `/admin/units/${lanzhou}?/update`,
      params: { unitId: String(lanzhou) },
      token: admin,
      form: { code: 'gs-lanzhou', name: '兰州市（他处改名）', nameEn: 'Lanzhou', kind: 'region' },
    });
    expect(renamed.outcome.kind).not.toBe('failure');
    installDatabase(first);
    const after = await get(path, leader);
    expect(after.html).toContain('<th>兰州市（他处改名）</th>');
    expect(after.html).not.toContain('<th>兰州市</th>');
  });

  it('stores nothing while another connection has a write in flight', async () => {
    const client = await second.pool!.connect();
    try {
      await client.query('begin');
      await client.query(`insert into audit_log (action, entity_type) values ('test.inflight', 'test')`);
      const version = await validateSessionToken(first.db, leader);
      expect(version.session && version.contentVersion.settled).toBe(false);
      // so a page read now is answered but not kept
      const path = `/units/${lanzhou}?cycle=${cycleId}`;
      const counted = renders;
      await get(path, leader);
      await get(path, leader);
      expect(renders).toBe(counted + 2);
      await client.query('rollback');
      const settled = await validateSessionToken(first.db, leader);
      expect(settled.session && settled.contentVersion.settled).toBe(true);
    } finally {
      client.release();
    }
  });
});

describe('the switch', () => {
  it('reads KAOHE_PAGE_CACHE and KAOHE_PAGE_CACHE_MB, and names a bad value', () => {
    expect(settingsFromEnv({})).toEqual({ enabled: true, maxBytes: 64 * 1024 * 1024 });
    expect(settingsFromEnv({ KAOHE_PAGE_CACHE: 'off', KAOHE_PAGE_CACHE_MB: '8' })).toEqual({
      enabled: false,
      maxBytes: 8 * 1024 * 1024,
    });
    expect(() => settingsFromEnv({ KAOHE_PAGE_CACHE: 'sometimes' })).toThrow(/KAOHE_PAGE_CACHE must be/);
    expect(() => settingsFromEnv({ KAOHE_PAGE_CACHE_MB: 'lots' })).toThrow(/KAOHE_PAGE_CACHE_MB must be/);
  });
});

describe('what a client takes', () => {
  it('reads Accept-Encoding for gzip, honouring q=0', () => {
    const accepts = (value: string) =>
      acceptsGzip(new Request(origin, { headers: { 'accept-encoding': value } }));
    expect(accepts('gzip, deflate, br, zstd')).toBe(true);
    expect(accepts('br;q=1.0, gzip;q=0.8')).toBe(true);
    expect(accepts('gzip;q=0')).toBe(false);
    expect(accepts('deflate, br')).toBe(false);
    expect(acceptsGzip(new Request(origin))).toBe(false);
  });
});
