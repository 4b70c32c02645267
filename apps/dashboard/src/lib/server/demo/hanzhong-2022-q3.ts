import { drawSample } from '@kaohe/scoring';
import type { Database } from '../db/open';
import {
  cycles,
  inspectionSamples,
  inspections,
  newMediaAccounts,
  programmeGroups,
  programmes,
  websites,
  type TargetLevel,
  type TargetStatus,
  type WebsiteKind,
} from '../db/schema';
import { newMediaInputs, websiteInputs, websiteProblems } from '../inspections/demo-support';
import { inspectionValues, websiteRuleSetId } from '../inspections/record';
import type { DemoSeedContext } from './seed';

// 汉中市 2022年第三季度政府网站与政务新媒体检查 (seed 002): all 53 running websites checked (1 city portal, 41 city
// departments, 11 county portals), 5 vetoed — the seed's five named sites with their 网站标识码 and reasons; 166
// new-media accounts sampled, the 3 named ones failing for no update in two weeks. Beside the city's sample, the
// counties checked the 489 accounts of their towns (镇、街道办) and departments (以全国政务新媒体信息报送系统数据为准，
// 不含已注销账号): 15 being cancelled (正在申请办理注销), 464 qualified, 10 unqualified. They are stored as what they
// are: the 489 accounts in the registry name their county as 主管单位 (the 69 the city sampled among them); the 15
// being cancelled have the status 关停 (closed, still listed until the cancellation is done); the counties' results
// are inspections with the source "reported" (a lower office's reported verdict, not computed by Kaohe — the seed
// gives no measurements). The other names, URLs and codes are generated; the measurements are invented so that
// @kaohe/scoring yields the seed's verdicts.

export const hanzhongProgrammeSlug = 'hanzhong-2022-q3';
export const hanzhongSourceNote =
  '数据来源：2022年第三季度汉中市政府网站与政务新媒体检查情况通报（含附件不合格名单）；未列入附件的网站和账号名称、网址、标识码及检查记录为演示用生成数据；各县区检查的489个账号，通报只给出汇总数字，逐个账号的上报结论按这些数字生成。';
export const hanzhongSourceNoteEn =
  'Source: Hanzhong 2022 Q3 bulletin and its annex of failed sites and accounts; every other name, URL, code and record is generated for the demo; for the 489 accounts the counties checked the bulletin gives totals only, so each account’s reported verdict is generated to match them.';

/** The five failed sites of the annex: name, URL, 标识码, 存在的严重问题. */
export const hanzhongFailedSites = [
  { department: '商务局', host: 'swj', siteCode: '6107000034', problems: '存在固定表述错误' },
  { department: '交通运输局', host: 'jt', siteCode: '6107000035', problems: '存在固定表述错误' },
  { department: '体育局', host: 'tyj', siteCode: '6107000019', problems: '存在固定表述错误' },
  { department: '城市管理局', host: 'cgj', siteCode: '6107000049', problems: '存在固定表述错误' },
  { department: '政府采购中心', host: 'hzcg', siteCode: '6107000027', problems: '一般性错别字较多' },
] as const;

const otherDepartments = [
  '公安局',
  '地方志办公室',
  '金融工作办公室',
  '文化和旅游局',
  '科学技术局',
  '工业和信息化局',
  '应急管理局',
  '发展和改革委员会',
  '自然资源局',
  '农业农村局',
  '林业局',
  '医疗保障局',
  '卫生健康委员会',
  '住房和城乡建设局',
  '水利局',
  '人民防空办公室',
  '市场监督管理局',
  '人民政府研究室',
  '政务服务中心',
  '经济合作局',
  '信访局',
  '教育局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '生态环境局',
  '退役军人事务局',
  '审计局',
  '统计局',
  '国有资产监督管理委员会',
  '乡村振兴局',
  '行政审批服务局',
  '机关事务服务中心',
  '住房公积金管理中心',
  '供销合作社',
];

const counties = [
  '汉台区',
  '南郑区',
  '城固县',
  '洋县',
  '西乡县',
  '勉县',
  '宁强县',
  '略阳县',
  '镇巴县',
  '留坝县',
  '佛坪县',
];

export const hanzhongGroups = [
  { key: 'level:city&kind:portal', label: '市级门户网站', labelEn: 'City portal' },
  { key: 'level:city&kind:department', label: '市级部门网站', labelEn: 'City department sites' },
  { key: 'level:county&kind:portal', label: '县区级门户网站', labelEn: 'County portals' },
] as const;

/** The three failed accounts of the annex. */
export const hanzhongFailedAccounts = [
  { name: '汉中秦巴生态保护', owner: '汉中市林业局', platform: '微信订阅号' },
  { name: '汉中公安', owner: '汉中市公安局', platform: '新浪微博' },
  { name: '汉中网警巡查执法', owner: '汉中市公安局网安支队', platform: '百度贴吧' },
] as const;

interface Site {
  siteCode: string;
  name: string;
  homeUrl: string;
  ownerName: string;
  kind: WebsiteKind;
  level: TargetLevel;
  problems: string | null;
}

export function hanzhongRegistry(): Site[] {
  const failedCodes = new Set<string>(hanzhongFailedSites.map((site) => site.siteCode));
  const freeCodes = Array.from({ length: 60 }, (_, i) => `6107${String(i + 2).padStart(6, '0')}`).filter(
    (code) => !failedCodes.has(code),
  );
  const sites: Site[] = [
    {
      siteCode: '6107000001',
      name: '汉中市人民政府',
      homeUrl: 'http://www.hanzhong.gov.cn/',
      ownerName: '汉中市人民政府办公室',
      kind: 'portal',
      level: 'city',
      problems: null,
    },
  ];
  for (const failed of hanzhongFailedSites) {
    sites.push({
      siteCode: failed.siteCode,
      name: `“汉中市${failed.department}”网`,
      homeUrl: `http://${failed.host}.hanzhong.gov.cn/`,
      ownerName: `汉中市${failed.department}`,
      kind: 'department',
      level: 'city',
      problems: failed.problems,
    });
  }
  otherDepartments.forEach((department, i) =>
    sites.push({
      siteCode: freeCodes[i]!,
      name: `“汉中市${department}”网`,
      homeUrl: `http://bm${String(i + 1).padStart(2, '0')}.hanzhong.gov.cn/`,
      ownerName: `汉中市${department}`,
      kind: 'department',
      level: 'city',
      problems: null,
    }),
  );
  counties.forEach((county, i) =>
    sites.push({
      siteCode: `6107${String(i + 2).padStart(2, '0')}0001`,
      name: `${county}人民政府`,
      homeUrl: `http://www.xq${String(i + 1).padStart(2, '0')}.hanzhong.gov.cn/`,
      ownerName: `${county}人民政府`,
      kind: 'portal',
      level: 'county',
      problems: null,
    }),
  );
  return sites;
}

const platforms = ['微信公众号', '新浪微博', '抖音', '今日头条'] as const;

/** The units of the town and county-department accounts the city sampled (69 of them, by county). */
const sampledCountyUnits = [
  '融媒体中心',
  '教育局',
  '卫生健康局',
  '市场监督管理局',
  '城关镇',
  '应急管理局',
  '公安局',
];

/** How many accounts the city sampled itself (the first ones of hanzhongAccounts). */
export const sampledAccounts = 166;

/** The counties' checks of their towns' and departments' accounts (seed: 489 = 15 being cancelled + 464 + 10). */
export const hanzhongCountyChecks = {
  accounts: 489,
  beingCancelled: 15,
  qualified: 464,
  unqualified: 10,
  /** the city sampled 69 of these accounts itself */
  sampledByCity: 69,
} as const;

interface Account {
  name: string;
  ownerName: string;
  platform: string;
  level: TargetLevel;
  /** 主管单位: the county government over a town's or a county department's account */
  supervisingName: string | null;
  status: TargetStatus;
  /** failed the city's own check (the annex) */
  failed: boolean;
  /** the county's reported verdict; null when the county did not report one (being cancelled, or not the county's) */
  countyVerdict: 'qualified' | 'unqualified' | null;
  county: string | null;
}

/**
 * 166 accounts the city sampled (2 of the city government, 6 of county governments, 89 of city departments, 69 of
 * towns and county departments), then the other 420 accounts of towns and county departments the counties checked.
 */
export function hanzhongAccounts(): Account[] {
  const accounts: Account[] = hanzhongFailedAccounts.map((account) => ({
    name: account.name,
    ownerName: account.owner,
    platform: account.platform,
    level: 'city',
    supervisingName: null,
    status: 'running',
    failed: true,
    countyVerdict: null,
    county: null,
  }));
  const push = (name: string, ownerName: string, platform: string, level: TargetLevel) =>
    accounts.push({
      name,
      ownerName,
      platform,
      level,
      supervisingName: null,
      status: 'running',
      failed: false,
      countyVerdict: null,
      county: null,
    });
  push('汉中发布', '汉中市人民政府办公室', '微信公众号', 'city');
  push('汉中发布', '汉中市人民政府办公室', '新浪微博', 'city');
  counties
    .slice(0, 6)
    .forEach((county) => push(`${county}发布`, `${county}人民政府`, '微信公众号', 'county'));
  const departments = [...hanzhongFailedSites.map((site) => site.department), ...otherDepartments];
  // 89 city-department accounts (3 of them the failed ones above)
  for (let i = 0; accounts.length < 3 + 2 + 6 + 86; i += 1) {
    const department = departments[i % departments.length]!;
    const platform = platforms[Math.floor(i / departments.length)]!;
    push(
      `汉中市${department}${platform === '微信公众号' ? '' : platform}`,
      `汉中市${department}`,
      platform,
      'city',
    );
  }
  // the counties' accounts: first the 69 the city sampled (all qualified, in the city's check and the county's)
  const countyAccount = (
    i: number,
    unit: string,
    platform: string,
    level: TargetLevel,
    verdict: Account['countyVerdict'],
  ) => {
    const county = counties[i % counties.length]!;
    accounts.push({
      name: `${county}${unit}${platform === '微信公众号' ? '' : platform}`,
      ownerName: `${county}${unit}`,
      platform,
      level,
      supervisingName: `${county}人民政府`,
      status: verdict === null ? 'closed' : 'running',
      failed: false,
      countyVerdict: verdict,
      county,
    });
  };
  for (let i = 0; i < hanzhongCountyChecks.sampledByCity; i += 1)
    countyAccount(
      i,
      sampledCountyUnits[Math.floor(i / counties.length)]!,
      '微信公众号',
      i % 3 === 0 ? 'belowCounty' : 'county',
      'qualified',
    );
  // then the 420 the city did not sample: 15 being cancelled, 10 failing the county's check, the rest qualified
  const others = hanzhongCountyChecks.accounts - hanzhongCountyChecks.sampledByCity;
  for (let i = 0; i < others; i += 1) {
    const unit = countyUnits[Math.floor(i / counties.length) % countyUnits.length]!;
    const platform = platforms[Math.floor(i / (counties.length * countyUnits.length))]!;
    const verdict =
      i % 28 === 5 && i < 28 * hanzhongCountyChecks.beingCancelled
        ? null
        : i % 41 === 19 && i < 41 * hanzhongCountyChecks.unqualified
          ? 'unqualified'
          : 'qualified';
    countyAccount(i, unit, platform, 'county', verdict);
  }
  return accounts;
}

/** Towns (镇、街道办) and county departments whose accounts the counties checked (generated names). */
const countyUnits = [
  '发展和改革局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '住房和城乡建设局',
  '交通运输局',
  '农业农村局',
  '水利局',
  '文化和旅游局',
  '民政局',
  '司法局',
  '医疗保障局',
  '退役军人事务局',
  '乡村振兴局',
  '林业局',
  '审计局',
  '统计局',
  '政务服务中心',
  '团委',
  '妇联',
  '科学技术局',
  '工业和信息化局',
  '商务局',
];

export interface HanzhongSeedIds {
  programmeId: number;
  cycleId: number;
}

export async function seedHanzhong2022Q3(db: Database, context: DemoSeedContext): Promise<HanzhongSeedIds> {
  const inspectorId = await context.sharedAccount('inspector');
  const [programme] = await db
    .insert(programmes)
    .values({
      slug: hanzhongProgrammeSlug,
      title: '汉中市政府网站与政务新媒体季度检查',
      titleEn: 'Hanzhong quarterly checks of websites and new media',
      ruleSetId: websiteRuleSetId,
      level: 'city',
      kind: 'inspection',
      organiser: '汉中市人民政府办公室',
    })
    .returning({ id: programmes.id });
  const programmeId = programme!.id;
  await db
    .insert(programmeGroups)
    .values(hanzhongGroups.map((group, position) => ({ ...group, programmeId, position })));
  const [cycle] = await db
    .insert(cycles)
    .values({
      programmeId,
      slug: '2022-q3',
      title: '2022年第三季度',
      titleEn: '2022 Q3',
      status: 'open',
      periodStart: '2022-07-01',
      periodEnd: '2022-09-30',
    })
    .returning({ id: cycles.id });
  const cycleId = cycle!.id;

  const registry = hanzhongRegistry();
  const sites = await db
    .insert(websites)
    .values(registry.map(({ problems: _problems, ...site }) => ({ ...site, programmeId })))
    .returning({ id: websites.id, siteCode: websites.siteCode });
  const accounts = hanzhongAccounts();
  const accountRows = await db
    .insert(newMediaAccounts)
    .values(
      accounts.map(({ failed: _failed, countyVerdict: _verdict, county: _county, ...account }) => ({
        ...account,
        programmeId,
      })),
    )
    .returning({ id: newMediaAccounts.id });

  const rows: (typeof inspections.$inferInsert)[] = [];
  registry.forEach((site, i) => {
    rows.push(
      inspectionValues({
        cycleId,
        target: { type: 'website', websiteId: sites[i]!.id },
        inputs: websiteInputs({
          isPortal: site.kind === 'portal',
          ...(site.problems ? { problem: websiteProblems.seriousMisstatement() } : { brokenLinks: i % 3 }),
        }),
        source: 'sample',
        inspectorId,
        inspectedOn: '2022-08-10',
        problems: site.problems,
      }),
    );
  });
  accounts.slice(0, sampledAccounts).forEach((account, i) => {
    rows.push(
      inspectionValues({
        cycleId,
        target: { type: 'newMedia', accountId: accountRows[i]!.id },
        inputs: newMediaInputs({ updatesInTwoWeeks: account.failed ? 0 : 3 + (i % 9) }),
        source: 'sample',
        inspectorId,
        inspectedOn: '2022-08-10',
        problems: account.failed ? '监测时间点前2周内无更新' : null,
      }),
    );
  });
  // the counties' reported verdicts: no measurements in the seed, so stored as reported (not computed here)
  accounts.forEach((account, i) => {
    if (account.countyVerdict === null) return;
    rows.push(
      inspectionValues({
        cycleId,
        target: { type: 'newMedia', accountId: accountRows[i]!.id },
        inputs: {
          kind: 'reported',
          verdict: account.countyVerdict,
          resultText: account.countyVerdict === 'qualified' ? '合格' : '不合格',
        },
        source: 'reported',
        inspectorId: null,
        inspectorName: `${account.county}人民政府办公室`,
        inspectedOn: '2022-08-15',
      }),
    );
  });
  // every running website is checked (覆盖率100%): the plan is a draw at ratio 1
  await db.insert(inspectionSamples).values({
    cycleId,
    targetType: 'website',
    scope: '全市',
    seed: 'hanzhong-2022-q3',
    ratio: '1',
    plan: drawSample({
      targets: sites.map((site, i) => ({ id: String(site.id), level: registry[i]!.level })),
      ratio: '1',
      seed: 'hanzhong-2022-q3',
    }),
    drawnBy: inspectorId,
  });
  for (let i = 0; i < rows.length; i += 200) await db.insert(inspections).values(rows.slice(i, i + 200));
  return { programmeId, cycleId };
}
