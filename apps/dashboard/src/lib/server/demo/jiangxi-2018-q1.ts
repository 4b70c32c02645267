import { drawSample, seededShuffle, type SampleDraw } from '@kaohe/scoring';
import type { Database } from '../db/open';
import {
  cycles,
  inspectionSamples,
  inspections,
  programmeGroups,
  programmes,
  websites,
  type TargetLevel,
  type TargetStatus,
  type WebsiteKind,
} from '../db/schema';
import { websiteInputs, websiteProblems } from '../inspections/demo-support';
import { inspectionValues, websiteRuleSetId } from '../inspections/record';
import type { DemoSeedContext } from './seed';

// 江西省 2018年第一季度政府网站抽查 (赣府厅函〔2018〕21号, seed 000): 697 sites running on 9 February 2018 by level,
// 279 sampled (40%), 41 failed, 34 of them for empty columns; the group pass rates 88.9% / 94.3% / 54.2%; 31 of
// the 35 failures of 2017 Q4 fixed or closed. Site names, URLs and 标识码 are generated (reproducibly); which
// sites were sampled and what was measured are invented so that @kaohe/scoring yields the seed's counts.
//
// Anachronism, on purpose: the 2018 inspections are scored under the 2019 national indicators
// (cn-2019-website-inspection, 国办秘函〔2019〕19号), the only inspection rule set Kaohe ships. The 2018 bulletin
// applied the 2015 indicators; the veto for empty columns is the same in both. The UI's source note says so.

export const jiangxiProgrammeSlug = 'jiangxi-2018-q1';
export const jiangxiSourceNote =
  '数据来源：赣府厅函〔2018〕21号（2018年第一季度全省政府网站抽查情况通报）的统计数字；网站名称、网址、标识码和检查记录为演示用生成数据。按2019年《政府网站与政务新媒体检查指标》计分（时代错置：原通报依据2015年指标）。';
export const jiangxiSourceNoteEn =
  'Source: the figures of Jiangxi bulletin 赣府厅函〔2018〕21号 (2018 Q1); site names, URLs, site codes and inspection records are generated for the demo. Scored under the 2019 national indicators (an anachronism: the bulletin applied the 2015 ones).';

const cities = [
  '南昌',
  '景德镇',
  '萍乡',
  '九江',
  '新余',
  '鹰潭',
  '赣州',
  '吉安',
  '宜春',
  '抚州',
  '上饶',
] as const;
const citySlugs = ['nc', 'jdz', 'px', 'jj', 'xy', 'yt', 'gz', 'ja', 'yc', 'fz', 'sr'] as const;

/** The 100 county-level divisions of 2018, by city. */
const counties: readonly (readonly string[])[] = [
  ['东湖区', '西湖区', '青云谱区', '湾里区', '青山湖区', '新建区', '南昌县', '安义县', '进贤县'],
  ['昌江区', '珠山区', '浮梁县', '乐平市'],
  ['安源区', '湘东区', '莲花县', '上栗县', '芦溪县'],
  [
    '濂溪区',
    '浔阳区',
    '柴桑区',
    '武宁县',
    '修水县',
    '永修县',
    '德安县',
    '都昌县',
    '湖口县',
    '彭泽县',
    '瑞昌市',
    '共青城市',
    '庐山市',
  ],
  ['渝水区', '分宜县'],
  ['月湖区', '余江区', '贵溪市'],
  [
    '章贡区',
    '南康区',
    '赣县区',
    '信丰县',
    '大余县',
    '上犹县',
    '崇义县',
    '安远县',
    '龙南县',
    '定南县',
    '全南县',
    '宁都县',
    '于都县',
    '兴国县',
    '会昌县',
    '寻乌县',
    '石城县',
    '瑞金市',
  ],
  [
    '吉州区',
    '青原区',
    '吉安县',
    '吉水县',
    '峡江县',
    '新干县',
    '永丰县',
    '泰和县',
    '遂川县',
    '万安县',
    '安福县',
    '永新县',
    '井冈山市',
  ],
  ['袁州区', '奉新县', '万载县', '上高县', '宜丰县', '靖安县', '铜鼓县', '丰城市', '樟树市', '高安市'],
  [
    '临川区',
    '东乡区',
    '南城县',
    '黎川县',
    '南丰县',
    '崇仁县',
    '乐安县',
    '宜黄县',
    '金溪县',
    '资溪县',
    '广昌县',
  ],
  [
    '信州区',
    '广丰区',
    '上饶县',
    '玉山县',
    '铅山县',
    '横峰县',
    '弋阳县',
    '余干县',
    '鄱阳县',
    '万年县',
    '婺源县',
    '德兴市',
  ],
];

const provincialDepartments = [
  '发展和改革委员会',
  '教育厅',
  '科学技术厅',
  '工业和信息化委员会',
  '民族宗教事务委员会',
  '公安厅',
  '民政厅',
  '司法厅',
  '财政厅',
  '人力资源和社会保障厅',
  '国土资源厅',
  '环境保护厅',
  '住房和城乡建设厅',
  '交通运输厅',
  '水利厅',
  '农业厅',
  '林业厅',
  '商务厅',
  '文化厅',
  '卫生和计划生育委员会',
  '审计厅',
  '外事侨务办公室',
  '国有资产监督管理委员会',
  '地方税务局',
  '工商行政管理局',
  '质量技术监督局',
  '新闻出版广电局',
  '体育局',
  '安全生产监督管理局',
  '统计局',
  '旅游发展委员会',
  '人民防空办公室',
  '食品药品监督管理局',
  '知识产权局',
  '机关事务管理局',
  '粮食局',
  '监狱管理局',
  '中医药管理局',
  '地质矿产勘查开发局',
  '扶贫和移民办公室',
  '金融工作办公室',
  '信访局',
  '政府法制办公室',
  '政府研究室',
  '档案局',
  '地方志办公室',
  '供销合作社',
  '社会科学院',
  '农业科学院',
  '科学技术协会',
  '残疾人联合会',
  '公共资源交易中心',
  '住房公积金管理中心',
  '气象局',
  '地震局',
  '通信管理局',
  '邮政管理局',
  '国家税务局',
  '测绘地理信息局',
  '煤炭管理局',
  '机场集团公司',
  '广播电视台',
  '投资促进局',
  '口岸办公室',
  '行政服务中心',
];

const cityDepartments = [
  '发展和改革委员会',
  '教育局',
  '科学技术局',
  '工业和信息化委员会',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '国土资源局',
  '环境保护局',
  '住房和城乡建设局',
  '交通运输局',
  '水务局',
  '农业局',
  '林业局',
  '商务局',
  '文化广电新闻出版局',
  '卫生和计划生育委员会',
  '审计局',
  '国有资产监督管理委员会',
  '工商行政管理局',
  '质量技术监督局',
  '体育局',
  '安全生产监督管理局',
  '统计局',
  '旅游发展委员会',
  '食品药品监督管理局',
  '城市管理局',
  '信访局',
  '行政服务中心',
  '地方志办公室',
  '金融工作办公室',
  '档案局',
  '气象局',
  '住房公积金管理中心',
  '公共资源交易中心',
  '民族宗教事务局',
  '人民防空办公室',
  '机关事务管理局',
  '投资促进局',
  '粮食局',
  '扶贫和移民办公室',
];

export interface GeneratedSite {
  siteCode: string;
  name: string;
  homeUrl: string;
  ownerName: string;
  kind: WebsiteKind;
  level: TargetLevel;
  status: TargetStatus;
}

/** The registry: 697 running sites by the seed's split, plus 4 closed since 2017 Q4 (701 rows). */
export function jiangxiRegistry(): GeneratedSite[] {
  const sites: GeneratedSite[] = [];
  const add = (
    site: Omit<GeneratedSite, 'siteCode' | 'status'>,
    region: string,
    status: TargetStatus = 'running',
  ) => {
    const serial = sites.filter((s) => s.siteCode.startsWith(region)).length + 1;
    sites.push({ ...site, siteCode: `${region}${String(serial).padStart(6, '0')}`, status });
  };
  add(
    {
      name: '江西省人民政府',
      homeUrl: 'http://www.jiangxi.gov.cn/',
      ownerName: '江西省人民政府办公厅',
      kind: 'portal',
      level: 'province',
    },
    '3600',
  );
  provincialDepartments.forEach((department, i) =>
    add(
      {
        name: `江西省${department}`,
        homeUrl: `http://dept${String(i + 1).padStart(2, '0')}.jiangxi.gov.cn/`,
        ownerName: `江西省${department}`,
        kind: 'department',
        level: 'province',
      },
      '3600',
    ),
  );
  cities.forEach((city, c) => {
    const region = `36${String(c + 1).padStart(2, '0')}`;
    const host = `${citySlugs[c]}.gov.cn`;
    add(
      {
        name: `${city}市人民政府`,
        homeUrl: `http://www.${host}/`,
        ownerName: `${city}市人民政府办公室`,
        kind: 'portal',
        level: 'city',
      },
      region,
    );
    // 472 city departments: 43 in each city, 42 in the last
    cityDepartments.slice(0, c === cities.length - 1 ? 42 : 43).forEach((department, d) =>
      add(
        {
          name: `${city}市${department}`,
          homeUrl: `http://d${String(d + 1).padStart(2, '0')}.${host}/`,
          ownerName: `${city}市${department}`,
          kind: 'department',
          level: 'city',
        },
        region,
      ),
    );
  });
  counties.forEach((list, c) => {
    const region = `36${String(c + 1).padStart(2, '0')}`;
    list.forEach((county, k) =>
      add(
        {
          name: `${cities[c]}市${county}人民政府`,
          homeUrl: `http://x${String(k + 1).padStart(2, '0')}.${citySlugs[c]}.gov.cn/`,
          ownerName: `${county}人民政府办公室`,
          kind: 'portal',
          level: 'county',
        },
        region,
      ),
    );
  });
  // 48 below county (开发区、乡镇) + 2 closed since last quarter; 2 closed county-level sites
  const allCounties = counties.flatMap((list, c) => list.map((county) => ({ county, c })));
  for (let i = 0; i < 50; i += 1) {
    const { county, c } = allCounties[(i * 7) % allCounties.length]!;
    add(
      {
        name: `${county}${i % 2 === 0 ? '工业园区管理委员会' : '中心镇人民政府'}`,
        homeUrl: `http://z${String(i + 1).padStart(2, '0')}.${citySlugs[c]}.gov.cn/`,
        ownerName: `${county}${i % 2 === 0 ? '工业园区管理委员会' : '中心镇人民政府'}`,
        kind: 'other',
        level: 'belowCounty',
      },
      `36${String(c + 1).padStart(2, '0')}`,
      i >= 48 ? 'closed' : 'running',
    );
  }
  for (let i = 0; i < 2; i += 1) {
    const { county, c } = allCounties[(i * 13 + 5) % allCounties.length]!;
    add(
      {
        name: `${county}旅游发展委员会`,
        homeUrl: `http://ly${i + 1}.${citySlugs[c]}.gov.cn/`,
        ownerName: `${county}旅游发展委员会`,
        kind: 'department',
        level: 'county',
      },
      `36${String(c + 1).padStart(2, '0')}`,
      'closed',
    );
  }
  return sites;
}

/** The groups of the bulletin, by level (the provincial portal counts with the provincial departments). */
export const jiangxiGroups = [
  { key: 'level:province', label: '省直部门', labelEn: 'Provincial departments' },
  { key: 'level:city', label: '设区市及市直部门', labelEn: 'Cities and city departments' },
  { key: 'level:county+belowCounty', label: '县及以下', labelEn: 'Counties and below' },
] as const;

type Problem = keyof typeof websiteProblems;
/** Sampled per level and the failures among them, by problem (the seed's split: 3 / 11 / 27 failures). */
const plan: Record<TargetLevel, { sampled: number; failures: [Problem, number][] }> = {
  province: {
    sampled: 27,
    failures: [
      ['emptyColumns', 2],
      ['overdueMessages', 1],
    ],
  },
  city: {
    sampled: 193,
    failures: [
      ['emptyColumns', 9],
      ['noOnlineService', 2],
    ],
  },
  county: {
    sampled: 40,
    failures: [
      ['emptyColumns', 16],
      ['seriousMisstatement', 2],
      ['overdueMessages', 1],
    ],
  },
  belowCounty: {
    sampled: 19,
    failures: [
      ['emptyColumns', 7],
      ['overdueMessages', 1],
    ],
  },
};
/** Last quarter's 35 failures by level: which were rechecked (fixed / still failing) and which closed. */
const previousFailures: Record<TargetLevel, { fixed: number; stillFailing: number }> = {
  province: { fixed: 2, stillFailing: 0 },
  city: { fixed: 8, stillFailing: 1 },
  county: { fixed: 12, stillFailing: 2 },
  belowCounty: { fixed: 5, stillFailing: 1 },
};

function problemInputs(problem: Problem, index: number): Record<string, string | boolean> {
  switch (problem) {
    case 'emptyColumns':
      return websiteProblems.emptyColumns(5 + (index % 4));
    case 'longStaleColumns':
      return websiteProblems.longStaleColumns(10 + (index % 3));
    case 'overdueMessages':
      return websiteProblems.overdueMessages(1 + (index % 3));
    case 'noOnlineService':
      return websiteProblems.noOnlineService();
    case 'seriousMisstatement':
      return websiteProblems.seriousMisstatement();
  }
}

export interface JiangxiSeedIds {
  programmeId: number;
  previousCycleId: number;
  cycleId: number;
}

export async function seedJiangxi2018Q1(db: Database, context: DemoSeedContext): Promise<JiangxiSeedIds> {
  const inspectorId = await context.sharedAccount('inspector');
  const [programme] = await db
    .insert(programmes)
    .values({
      slug: jiangxiProgrammeSlug,
      title: '江西省政府网站季度抽查',
      titleEn: 'Jiangxi quarterly website inspections',
      ruleSetId: websiteRuleSetId,
      level: 'province',
      kind: 'inspection',
      organiser: '江西省人民政府办公厅',
    })
    .returning({ id: programmes.id });
  const programmeId = programme!.id;
  await db
    .insert(programmeGroups)
    .values(jiangxiGroups.map((group, position) => ({ ...group, programmeId, position })));
  const [previous, current] = await db
    .insert(cycles)
    .values([
      {
        programmeId,
        slug: '2017-q4',
        title: '2017年第四季度',
        titleEn: '2017 Q4',
        status: 'published',
        periodStart: '2017-10-01',
        periodEnd: '2017-12-31',
        publishedAt: new Date('2018-01-20T02:00:00Z'),
      },
      {
        programmeId,
        slug: '2018-q1',
        title: '2018年第一季度',
        titleEn: '2018 Q1',
        status: 'open',
        periodStart: '2018-01-01',
        periodEnd: '2018-03-31',
      },
    ])
    .returning({ id: cycles.id });

  const registry = jiangxiRegistry();
  const inserted = await db
    .insert(websites)
    .values(
      registry.map((site) => ({ ...site, programmeId, consolidated: false, hasExternalServices: true })),
    )
    .returning({ id: websites.id, siteCode: websites.siteCode });
  const idByCode = new Map(inserted.map((row) => [row.siteCode, row.id]));
  const withIds = registry.map((site) => ({ ...site, id: idByCode.get(site.siteCode)! }));

  // last quarter's 35 failures: the 4 closed sites and 31 running ones (stored: only the failures of 2017 Q4)
  const rows: (typeof inspections.$inferInsert)[] = [];
  const closed = withIds.filter((site) => site.status === 'closed');
  const rechecked: typeof withIds = [];
  const stillFailing = new Set<number>();
  for (const level of ['province', 'city', 'county', 'belowCounty'] as const) {
    const { fixed, stillFailing: failing } = previousFailures[level];
    const candidates = seededShuffle(
      withIds.filter((site) => site.level === level && site.status === 'running'),
      `jiangxi-2017-q4-failures:${level}`,
    ).slice(0, fixed + failing);
    candidates.slice(fixed).forEach((site) => stillFailing.add(site.id));
    rechecked.push(...candidates);
  }
  [...closed, ...rechecked].forEach((site, i) =>
    rows.push(
      inspectionValues({
        cycleId: previous!.id,
        target: { type: 'website', websiteId: site.id },
        inputs: websiteInputs({
          isPortal: site.kind === 'portal',
          problem: websiteProblems.longStaleColumns(10 + (i % 5)),
        }),
        source: 'sample',
        inspectorId,
        inspectedOn: '2017-11-15',
      }),
    ),
  );
  // this quarter's re-checks (整改复查): 27 fixed, 4 still with long-stale columns
  rechecked.forEach((site, i) =>
    rows.push(
      inspectionValues({
        cycleId: current!.id,
        target: { type: 'website', websiteId: site.id },
        inputs: websiteInputs({
          isPortal: site.kind === 'portal',
          ...(stillFailing.has(site.id)
            ? { problem: websiteProblems.longStaleColumns(12) }
            : { brokenLinks: i % 3 }),
        }),
        source: 'recheck',
        inspectorId,
        inspectedOn: '2018-02-09',
      }),
    ),
  );

  // the random sample: drawn per level from the running sites not re-checked anyway, at the seed's counts
  const recheckIds = new Set(rechecked.map((site) => site.id));
  const running = withIds.filter((site) => site.status === 'running');
  const draw: SampleDraw = drawSample({
    targets: running.map((site) => ({ id: String(site.id), level: site.level })),
    ratio: '0.3',
    seed: 'jiangxi-2018-q1',
    mustInclude: [...recheckIds].map(String),
  });
  const sampledIds = new Set<number>();
  const drawn: SampleDraw['drawn'] = draw.drawn.filter((d) => d.reason === 'recheck');
  for (const level of ['province', 'city', 'county', 'belowCounty'] as const) {
    // the office drew more than the 30% minimum (279 of 697 = 40%): the same seeded order, continued
    const pool = running.filter((site) => site.level === level && !recheckIds.has(site.id));
    // drawSample's own order (ids by code point, one stream per level): its picks are this order's prefix
    const order = seededShuffle(
      [...pool].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1)),
      `jiangxi-2018-q1\u0000${level}`,
    );
    const sampled = order.slice(0, plan[level].sampled);
    const failures = plan[level].failures.flatMap(([problem, count]) =>
      Array.from({ length: count }, () => problem),
    );
    sampled.forEach((site, i) => {
      sampledIds.add(site.id);
      drawn.push({ id: String(site.id), level, group: null, reason: 'random' });
      const problem = failures[i];
      rows.push(
        inspectionValues({
          cycleId: current!.id,
          target: { type: 'website', websiteId: site.id },
          inputs: websiteInputs({
            isPortal: site.kind === 'portal',
            ...(problem ? { problem: problemInputs(problem, i) } : { brokenLinks: i % 4 }),
          }),
          source: 'sample',
          inspectorId,
          inspectedOn: '2018-02-09',
        }),
      );
    });
  }
  await db.insert(inspectionSamples).values({
    cycleId: current!.id,
    targetType: 'website',
    scope: '全省',
    seed: 'jiangxi-2018-q1',
    ratio: '0.3',
    plan: {
      ...draw,
      drawn,
      levels: draw.levels.map((level) => ({
        ...level,
        random: drawn.filter((d) => d.level === level.level && d.reason === 'random').length,
      })),
      note: '抽查比例要求不低于30%；实际抽查279个（40%），按同一随机顺序多抽。',
    },
    drawnBy: inspectorId,
  });
  for (let i = 0; i < rows.length; i += 200) await db.insert(inspections).values(rows.slice(i, i + 200));
  return { programmeId, previousCycleId: previous!.id, cycleId: current!.id };
}
