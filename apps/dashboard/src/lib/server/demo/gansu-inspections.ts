import { Decimal, seededShuffle } from '@kaohe/scoring';
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/open';
import {
  cycles,
  inspections,
  newMediaAccounts,
  programmeGroups,
  programmes,
  units,
  websites,
  type TargetLevel,
  type TargetStatus,
  type WebsiteKind,
} from '../db/schema';
import { newMediaInputs, websiteInputs, websiteProblems } from '../inspections/demo-support';
import {
  inspectionValues,
  scoreInputs,
  websiteRuleSetId,
  type InspectionTargetRef,
  type MeasuredInputs,
  type ScoredInputs,
} from '../inspections/record';
import { gansu2019Assessments, losses, type LossKey } from './gansu-2019-assessment';
import { gansuCities, gansuDepartments } from './gansu-2019-units';
import type { DemoSeedContext } from './seed';

// 甘肃省政府网站季度检查: the quarterly inspections behind the Gansu annual assessment's fed sub-items (A1.1 portal
// average, A2.1 pass rate of the sites a unit owns or supervises, A3.1 new-media pass rate).
//
// 2020 Q1 reproduces the bulletin (甘肃省人民政府办公厅, 2020-03-17, seed 001): 526 sites running on 29 February
// 2020 (省级 44, 市级 310, 县级 172), every one checked in late February, 26 failed, 95.1%; 兰州、嘉峪关、金昌、天水、
// 庆阳、定西 at 100%; the named sites fail for the named reasons (宕昌县人民政府 and 甘南州公安局 empty columns;
// 甘南州农业农村局信息网 and 甘肃政务服务网临夏州子站 among 5 sites with messages unanswered for 3 months; 肃北县's
// portal linking a hijacked site). 陇南市公共数据开放网, opened without approval, is in the registry and passes: its
// fault is procedural (C1.1 of the assessment), not an inspection veto.
//
// 2019 Q1–Q4 are invented: every site checked each quarter, with results chosen so that each unit's fed values over
// 2019 fall in the band of what it entered for the published 2019 ranking (gansu-2019-assessment.ts). The province
// had more sites in 2019: 18 sites of departments' subordinate bodies were migrated to the consolidated platform or
// closed at the end of 2019 (the bulletin's 机构改革 and 集约化 story), which is how a department's 2019 rate can be
// 95% or 87.5%. Site names follow real units; URLs, 标识码 and every measurement are generated for the demo.

export const gansuInspectionsProgrammeSlug = 'gansu-inspections';
export const gansuInspectionsSourceNote =
  '数据来源：甘肃省人民政府办公厅关于2019年度全省政府网站建设管理工作考核情况和2020年第一季度检查情况的通报（2020年3月17日）的统计数字；2019年各季度检查结果、网站标识码、网址和检查记录为演示用生成数据。';
export const gansuInspectionsSourceNoteEn =
  'Source: the figures of the Gansu bulletin of 17 March 2020 (2019 assessment and 2020 Q1 inspection); the 2019 quarters, site codes, URLs and inspection records are generated for the demo.';

/** The quarters: 2019 Q1–Q4 (invented) and 2020 Q1 (the bulletin). Index 4 is 2020 Q1. */
export const gansuQuarters = [
  {
    slug: '2019-q1',
    title: '2019年第一季度',
    titleEn: '2019 Q1',
    periodStart: '2019-01-01',
    periodEnd: '2019-03-31',
    inspectedOn: '2019-02-26',
    publishedAt: '2019-03-22T02:00:00Z',
  },
  {
    slug: '2019-q2',
    title: '2019年第二季度',
    titleEn: '2019 Q2',
    periodStart: '2019-04-01',
    periodEnd: '2019-06-30',
    inspectedOn: '2019-05-28',
    publishedAt: '2019-06-21T02:00:00Z',
  },
  {
    slug: '2019-q3',
    title: '2019年第三季度',
    titleEn: '2019 Q3',
    periodStart: '2019-07-01',
    periodEnd: '2019-09-30',
    inspectedOn: '2019-08-27',
    publishedAt: '2019-09-20T02:00:00Z',
  },
  {
    slug: '2019-q4',
    title: '2019年第四季度',
    titleEn: '2019 Q4',
    periodStart: '2019-10-01',
    periodEnd: '2019-12-31',
    inspectedOn: '2019-11-26',
    publishedAt: '2019-12-20T02:00:00Z',
  },
  {
    slug: '2020-q1',
    title: '2020年第一季度',
    titleEn: '2020 Q1',
    periodStart: '2020-01-01',
    periodEnd: '2020-03-31',
    inspectedOn: '2020-02-26',
    publishedAt: '2020-03-17T02:00:00Z',
  },
] as const;
const lastQuarter = gansuQuarters.length - 1;

/** Region codes (行政区划代码) that start each city's 标识码; the province's sites start 6200. */
const cityRegions: Record<string, { region: string; host: string; fullName: string }> = {
  'gs-lanzhou': { region: '6201', host: 'lanzhou', fullName: '兰州市' },
  'gs-jiayuguan': { region: '6202', host: 'jyg', fullName: '嘉峪关市' },
  'gs-jinchang': { region: '6203', host: 'jc', fullName: '金昌市' },
  'gs-baiyin': { region: '6204', host: 'baiyin', fullName: '白银市' },
  'gs-tianshui': { region: '6205', host: 'tianshui', fullName: '天水市' },
  'gs-wuwei': { region: '6206', host: 'gswuwei', fullName: '武威市' },
  'gs-zhangye': { region: '6207', host: 'zhangye', fullName: '张掖市' },
  'gs-pingliang': { region: '6208', host: 'pingliang', fullName: '平凉市' },
  'gs-jiuquan': { region: '6209', host: 'jiuquan', fullName: '酒泉市' },
  'gs-qingyang': { region: '6210', host: 'zgqingyang', fullName: '庆阳市' },
  'gs-dingxi': { region: '6211', host: 'dingxi', fullName: '定西市' },
  'gs-longnan': { region: '6212', host: 'longnan', fullName: '陇南市' },
  'gs-linxia': { region: '6229', host: 'linxia', fullName: '临夏回族自治州' },
  'gs-gannan': { region: '6230', host: 'gnzrmzf', fullName: '甘南藏族自治州' },
};

/** The 86 county-level divisions of 2019, by city. */
const counties: Record<string, readonly string[]> = {
  'gs-lanzhou': ['城关区', '七里河区', '西固区', '安宁区', '红古区', '永登县', '皋兰县', '榆中县'],
  'gs-jiayuguan': [],
  'gs-jinchang': ['金川区', '永昌县'],
  'gs-baiyin': ['白银区', '平川区', '靖远县', '会宁县', '景泰县'],
  'gs-tianshui': ['秦州区', '麦积区', '清水县', '秦安县', '甘谷县', '武山县', '张家川回族自治县'],
  'gs-wuwei': ['凉州区', '民勤县', '古浪县', '天祝藏族自治县'],
  'gs-zhangye': ['甘州区', '肃南裕固族自治县', '民乐县', '临泽县', '高台县', '山丹县'],
  'gs-pingliang': ['崆峒区', '泾川县', '灵台县', '崇信县', '华亭市', '庄浪县', '静宁县'],
  'gs-jiuquan': [
    '肃州区',
    '金塔县',
    '瓜州县',
    '肃北蒙古族自治县',
    '阿克塞哈萨克族自治县',
    '玉门市',
    '敦煌市',
  ],
  'gs-qingyang': ['西峰区', '庆城县', '环县', '华池县', '合水县', '正宁县', '宁县', '镇原县'],
  'gs-dingxi': ['安定区', '通渭县', '陇西县', '渭源县', '临洮县', '漳县', '岷县'],
  'gs-longnan': ['武都区', '成县', '文县', '宕昌县', '康县', '西和县', '礼县', '徽县', '两当县'],
  'gs-linxia': [
    '临夏市',
    '临夏县',
    '康乐县',
    '永靖县',
    '广河县',
    '和政县',
    '东乡族自治县',
    '积石山保安族东乡族撒拉族自治县',
  ],
  'gs-gannan': ['合作市', '临潭县', '卓尼县', '舟曲县', '迭部县', '玛曲县', '碌曲县', '夏河县'],
};

/**
 * Per city: its city-level sites besides the portal and its county-level sites besides the county portals. Chosen
 * so that the 2020 Q1 scopes of the cities with failures have sizes whose rates are exact decimals (40, 32, 25).
 */
const cityShape: Record<string, { citySites: number; countySites: number }> = {
  'gs-lanzhou': { citySites: 34, countySites: 10 },
  'gs-jiayuguan': { citySites: 22, countySites: 0 },
  'gs-jinchang': { citySites: 18, countySites: 3 },
  'gs-baiyin': { citySites: 20, countySites: 6 },
  'gs-tianshui': { citySites: 25, countySites: 8 },
  'gs-wuwei': { citySites: 16, countySites: 4 },
  'gs-zhangye': { citySites: 14, countySites: 4 },
  'gs-pingliang': { citySites: 18, countySites: 6 },
  'gs-jiuquan': { citySites: 18, countySites: 6 },
  'gs-qingyang': { citySites: 26, countySites: 7 },
  'gs-dingxi': { citySites: 26, countySites: 7 },
  'gs-longnan': { citySites: 21, countySites: 9 },
  'gs-linxia': { citySites: 17, countySites: 6 },
  'gs-gannan': { citySites: 21, countySites: 10 },
};

const cityDepartments = [
  '发展和改革委员会',
  '教育局',
  '科学技术局',
  '工业和信息化局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水务局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '林业和草原局',
  '扶贫开发办公室',
  '信访局',
  '公共资源交易中心',
  '住房公积金管理中心',
  '国有资产监督管理委员会',
  '体育局',
  '民族宗教事务委员会',
  '人民防空办公室',
  '投资促进局',
] as const;

const countyDepartments = [
  '教育局',
  '卫生健康局',
  '农业农村局',
  '人力资源和社会保障局',
  '市场监督管理局',
  '自然资源局',
  '文化和旅游局',
  '政务服务中心',
] as const;

/** The departments' websites by their full names (the units carry the short names of the bulletin). */
const departmentSites: Record<string, string> = {
  'gs-dept-kjt': '甘肃省科学技术厅',
  'gs-dept-zrzyt': '甘肃省自然资源厅',
  'gs-dept-zjt': '甘肃省住房和城乡建设厅',
  'gs-dept-lcj': '甘肃省林业和草原局',
  'gs-dept-fgw': '甘肃省发展和改革委员会',
  'gs-dept-jyt': '甘肃省教育厅',
  'gs-dept-gxt': '甘肃省工业和信息化厅',
  'gs-dept-mw': '甘肃省民族事务委员会',
  'gs-dept-gat': '甘肃省公安厅',
  'gs-dept-mzt': '甘肃省民政厅',
  'gs-dept-sft': '甘肃省司法厅',
  'gs-dept-czt': '甘肃省财政厅',
  'gs-dept-rst': '甘肃省人力资源和社会保障厅',
  'gs-dept-sthjt': '甘肃省生态环境厅',
  'gs-dept-jtyst': '甘肃省交通运输厅',
  'gs-dept-slt': '甘肃省水利厅',
  'gs-dept-nynct': '甘肃省农业农村厅',
  'gs-dept-swt': '甘肃省商务厅',
  'gs-dept-whlyt': '甘肃省文化和旅游厅',
  'gs-dept-wjw': '甘肃省卫生健康委员会',
  'gs-dept-tyjrt': '甘肃省退役军人事务厅',
  'gs-dept-yjt': '甘肃省应急管理厅',
  'gs-dept-sjt': '甘肃省审计厅',
  'gs-dept-wb': '甘肃省人民政府外事办公室',
  'gs-dept-gzw': '甘肃省人民政府国有资产监督管理委员会',
  'gs-dept-scjgj': '甘肃省市场监督管理局',
  'gs-dept-gdj': '甘肃省广播电视局',
  'gs-dept-tyj': '甘肃省体育局',
  'gs-dept-tjj': '甘肃省统计局',
  'gs-dept-ybj': '甘肃省医疗保障局',
  'gs-dept-fpb': '甘肃省扶贫开发办公室',
  'gs-dept-jrj': '甘肃省地方金融监督管理局',
  'gs-dept-xfj': '甘肃省信访局',
  'gs-dept-lsj': '甘肃省粮食和物资储备局',
  'gs-dept-yjj': '甘肃省药品监督管理局',
  'gs-dept-zscqj': '甘肃省知识产权局',
  'gs-dept-rfb': '甘肃省人民防空办公室',
};

/** Sites of departments' subordinate bodies; those not running were migrated or closed at the end of 2019. */
const subordinateSites: [unit: string, name: string, status: TargetStatus][] = [
  ['gs-dept-gat', '甘肃省公安厅交通警察总队', 'running'],
  ['gs-dept-gat', '甘肃省公安厅出入境管理局', 'running'],
  ['gs-dept-gat', '甘肃省公安消防总队', 'closed'],
  ['gs-dept-gat', '甘肃省公安边防总队', 'closed'],
  ['gs-dept-slt', '甘肃省水文站', 'running'],
  ['gs-dept-slt', '甘肃省引洮工程建设管理局', 'running'],
  ['gs-dept-slt', '甘肃省疏勒河流域水资源局', 'migrated'],
  ['gs-dept-slt', '甘肃省水利科学研究院', 'migrated'],
  ['gs-dept-nynct', '甘肃省农业信息中心', 'migrated'],
  ['gs-dept-nynct', '甘肃省畜牧技术推广总站', 'migrated'],
  ['gs-dept-wjw', '甘肃省疾病预防控制中心', 'migrated'],
  ['gs-dept-wjw', '甘肃省卫生健康统计信息中心', 'migrated'],
  ['gs-dept-sjt', '甘肃省审计厅计算机技术中心', 'migrated'],
  ['gs-dept-sjt', '甘肃省审计科研所', 'closed'],
  ['gs-dept-scjgj', '甘肃省食品检验研究院', 'migrated'],
  ['gs-dept-scjgj', '甘肃省标准化院', 'migrated'],
  ['gs-dept-fpb', '甘肃省扶贫信息中心', 'migrated'],
  ['gs-dept-fpb', '甘肃省以工代赈办公室', 'closed'],
  ['gs-dept-tyj', '甘肃省体育彩票管理中心', 'migrated'],
  ['gs-dept-lsj', '甘肃省粮油质量监测中心', 'migrated'],
  ['gs-dept-zscqj', '甘肃省专利信息中心', 'migrated'],
  ['gs-dept-rfb', '甘肃省人防工程管理中心', 'migrated'],
];

/** Five sites went online in 2020 Q1 (the bulletin: 新开设上线…5家): inspected from 2020 Q1 only. */
const newIn2020 = new Set([
  '兰州市投资促进局',
  '天水市人民防空办公室',
  '庆阳市投资促进局',
  '定西市投资促进局',
  '金昌市扶贫开发办公室',
]);

export interface GansuSite {
  siteCode: string;
  name: string;
  homeUrl: string;
  ownerName: string;
  ownerUnitCode: string | null;
  supervisingName: string | null;
  supervisingUnitCode: string | null;
  kind: WebsiteKind;
  level: TargetLevel;
  consolidated: boolean;
  status: TargetStatus;
  /** the city whose table (附件1) lists the site; null for the province's sites */
  cityCode: string | null;
  /** the first and the last quarter (index into gansuQuarters) the site was inspected */
  from: number;
  until: number;
}

export interface GansuAccount {
  name: string;
  platform: string;
  ownerName: string;
  ownerUnitCode: string;
  level: TargetLevel;
}

type Problem = 'emptyColumns' | 'longStaleColumns' | 'overdueMessages' | 'noOnlineService' | 'illegalLink';

export interface GansuPlan {
  sites: GansuSite[];
  accounts: GansuAccount[];
  /** the inputs of each inspection: website by 标识码 (or account by platform + name), per quarter */
  siteInputs: Map<string, (MeasuredInputs | null)[]>;
  accountInputs: Map<string, (MeasuredInputs | null)[]>;
}

const unitName = new Map([...gansuCities, ...gansuDepartments].map((unit) => [unit.code, unit.name]));
const nameOf = (code: string) => {
  const name = unitName.get(code);
  if (!name) throw new Error(`no Gansu unit ${code}`);
  return name;
};

function registry(): GansuSite[] {
  const sites: GansuSite[] = [];
  const serials = new Map<string, number>();
  const code = (region: string) => {
    const serial = (serials.get(region) ?? 0) + 1;
    serials.set(region, serial);
    return `${region}${String(serial).padStart(6, '0')}`;
  };
  const add = (
    site: Omit<GansuSite, 'siteCode' | 'from' | 'until' | 'consolidated' | 'status'> & {
      region: string;
      from?: number;
      status?: TargetStatus;
      consolidated?: boolean;
    },
  ) => {
    const { region, from = 0, status = 'running', consolidated = false, ...rest } = site;
    sites.push({
      ...rest,
      siteCode: code(region),
      consolidated,
      status,
      from: newIn2020.has(rest.name) ? lastQuarter : from,
      // migrated and closed sites went at the end of 2019, after the Q4 check
      until: status === 'running' ? lastQuarter : lastQuarter - 1,
    });
  };
  const province = {
    level: 'province' as const,
    cityCode: null,
    region: '6200',
  };
  add({
    ...province,
    name: '甘肃省人民政府',
    homeUrl: 'http://www.gansu.gov.cn/',
    ownerName: '甘肃省人民政府办公厅',
    ownerUnitCode: null,
    supervisingName: null,
    supervisingUnitCode: null,
    kind: 'portal',
  });
  for (const unit of gansuDepartments) {
    add({
      ...province,
      name: departmentSites[unit.code]!,
      homeUrl: `http://${unit.code.replace('gs-dept-', '')}.gansu.gov.cn/`,
      ownerName: unit.name,
      ownerUnitCode: unit.code,
      supervisingName: null,
      supervisingUnitCode: null,
      kind: 'department',
    });
  }
  add({
    ...province,
    name: '甘肃政务服务网',
    homeUrl: 'http://zwfw.gansu.gov.cn/',
    ownerName: '甘肃省人民政府办公厅',
    ownerUnitCode: null,
    supervisingName: null,
    supervisingUnitCode: null,
    kind: 'other',
  });
  // online in September 2019, not assessed in 2019 (the bulletin): first checked in 2019 Q4
  add({
    ...province,
    name: '甘肃省机关事务管理局',
    homeUrl: 'http://jgswj.gansu.gov.cn/',
    ownerName: '甘肃省机关事务管理局',
    ownerUnitCode: null,
    supervisingName: null,
    supervisingUnitCode: null,
    kind: 'department',
    from: 3,
  });
  subordinateSites.forEach(([unit, name, status], i) =>
    add({
      ...province,
      name,
      homeUrl: `http://${unit.replace('gs-dept-', '')}.gansu.gov.cn/s${String(i + 1).padStart(2, '0')}/`,
      ownerName: name,
      ownerUnitCode: null,
      supervisingName: nameOf(unit),
      supervisingUnitCode: unit,
      kind: 'other',
      consolidated: true,
      status,
    }),
  );

  for (const city of gansuCities) {
    const { region, host, fullName } = cityRegions[city.code]!;
    const shape = cityShape[city.code]!;
    const supervised = { supervisingName: city.name, supervisingUnitCode: city.code, cityCode: city.code };
    add({
      region,
      name: `${fullName}人民政府`,
      homeUrl: `http://www.${host}.gov.cn/`,
      ownerName: city.name,
      ownerUnitCode: city.code,
      supervisingName: null,
      supervisingUnitCode: null,
      cityCode: city.code,
      kind: 'portal',
      level: 'city',
    });
    const cityNames: {
      name: string;
      ownerName: string;
      kind: WebsiteKind;
      consolidated?: boolean;
      from?: number;
    }[] = [];
    if (city.code === 'gs-gannan')
      cityNames.push({
        name: `${fullName}农业农村局信息网`,
        ownerName: `${fullName}农业农村局`,
        kind: 'department',
      });
    if (city.code === 'gs-linxia')
      cityNames.push({
        name: '甘肃政务服务网临夏州子站',
        ownerName: `${fullName}人民政府办公室`,
        kind: 'other',
        consolidated: true,
      });
    // online in October 2019 without the province's approval (the bulletin: 违规上线运行)
    if (city.code === 'gs-longnan')
      cityNames.push({
        name: '陇南市公共数据开放网',
        ownerName: '陇南市人民政府办公室',
        kind: 'other',
        from: 3,
      });
    for (const department of cityDepartments) {
      if (cityNames.length >= shape.citySites) break;
      if (city.code === 'gs-gannan' && department === '农业农村局') continue;
      cityNames.push({
        name: `${fullName}${department}`,
        ownerName: `${fullName}${department}`,
        kind: 'department',
      });
    }
    if (cityNames.length !== shape.citySites) throw new Error(`${city.code}: ${cityNames.length} city sites`);
    cityNames.forEach((site, d) =>
      add({
        ...supervised,
        region,
        name: site.name,
        homeUrl: `http://d${String(d + 1).padStart(2, '0')}.${host}.gov.cn/`,
        ownerName: site.ownerName,
        ownerUnitCode: null,
        kind: site.kind,
        level: 'city',
        consolidated: site.consolidated ?? false,
        ...(site.from === undefined ? {} : { from: site.from }),
      }),
    );
    const list = counties[city.code]!;
    list.forEach((county, k) =>
      add({
        ...supervised,
        region,
        name: `${county}人民政府`,
        homeUrl: `http://x${String(k + 1).padStart(2, '0')}.${host}.gov.cn/`,
        ownerName: `${county}人民政府办公室`,
        ownerUnitCode: null,
        kind: 'portal',
        level: 'county',
      }),
    );
    for (let i = 0; i < shape.countySites; i += 1) {
      const county = list[i % list.length]!;
      const department = countyDepartments[Math.floor(i / list.length) % countyDepartments.length]!;
      add({
        ...supervised,
        region,
        name: `${county}${department}`,
        homeUrl: `http://x${String((i % list.length) + 1).padStart(2, '0')}.${host}.gov.cn/b${Math.floor(i / list.length) + 1}/`,
        ownerName: `${county}${department}`,
        ownerUnitCode: null,
        kind: 'department',
        level: 'county',
        // the county departments' sites are sub-sites of the county portal on the consolidated platform
        consolidated: true,
      });
    }
  }
  return sites;
}

function accountRegistry(): GansuAccount[] {
  const accounts: GansuAccount[] = [];
  for (const city of gansuCities) {
    const short = city.name.replace(/[市州]$/, '');
    const platforms = city.code === 'gs-gannan' ? ['微信公众号', '微博', '抖音'] : ['微信公众号', '微博'];
    for (const platform of platforms)
      accounts.push({
        name: `${short}发布`,
        platform,
        ownerName: city.name,
        ownerUnitCode: city.code,
        level: 'city',
      });
  }
  for (const unit of gansuDepartments) {
    // 省林草局 had no account in 2019 (its A3.1 is not applicable)
    if (unit.code === 'gs-dept-lcj') continue;
    const platforms =
      unit.code === 'gs-dept-mw'
        ? ['微信公众号', '微博', '抖音', '头条号', '快手']
        : unit.code === 'gs-dept-sjt'
          ? ['微信公众号', '微博', '抖音']
          : ['微信公众号', '微博'];
    for (const platform of platforms)
      accounts.push({
        name: departmentSites[unit.code]!,
        platform,
        ownerName: unit.name,
        ownerUnitCode: unit.code,
        level: 'province',
      });
  }
  return accounts;
}

/** The 26 failures of 2020 Q1, by site name, with the bulletin's reasons where it names them. */
const failures2020: [site: string, problem: Problem][] = [
  // 个别省直部门网站…应更新栏目长期未更新
  ['甘肃省人民防空办公室', 'longStaleColumns'],
  ['甘肃省机关事务管理局', 'longStaleColumns'],
  // 甘南州: 空白栏目 (named), 超过3个月未回应留言 (named), county portals with long-stale columns
  ['甘南藏族自治州公安局', 'emptyColumns'],
  ['甘南藏族自治州农业农村局信息网', 'overdueMessages'],
  ['舟曲县人民政府', 'longStaleColumns'],
  ['玛曲县人民政府', 'longStaleColumns'],
  ['夏河县教育局', 'emptyColumns'],
  // 陇南市: 宕昌县人民政府 空白栏目 (named)
  ['宕昌县人民政府', 'emptyColumns'],
  ['礼县人民政府', 'longStaleColumns'],
  ['两当县人民政府', 'longStaleColumns'],
  ['陇南市民政局', 'noOnlineService'],
  ['文县教育局', 'emptyColumns'],
  // 临夏州: 甘肃政务服务网临夏州子站 超过3个月未回应留言 (named)
  ['甘肃政务服务网临夏州子站', 'overdueMessages'],
  ['东乡族自治县人民政府', 'longStaleColumns'],
  ['积石山保安族东乡族撒拉族自治县人民政府', 'longStaleColumns'],
  ['临夏回族自治州民政局', 'emptyColumns'],
  // 平凉市 (slow with messages, the bulletin says)
  ['平凉市住房和城乡建设局', 'overdueMessages'],
  ['庄浪县人民政府', 'longStaleColumns'],
  ['灵台县教育局', 'noOnlineService'],
  ['白银市住房和城乡建设局', 'overdueMessages'],
  ['会宁县人民政府', 'longStaleColumns'],
  ['武威市住房和城乡建设局', 'overdueMessages'],
  ['武威市商务局', 'emptyColumns'],
  ['肃南裕固族自治县人民政府', 'longStaleColumns'],
  // 酒泉市: 肃北县's portal linked a column to a former site whose domain was hijacked (the bulletin)
  ['肃北蒙古族自治县人民政府', 'illegalLink'],
  ['酒泉市文化和旅游局', 'emptyColumns'],
];

/** What share of a unit's 2019 inspections failed, by the band its 2019 input sits in (the middle of the band). */
const failureShare: Partial<Record<LossKey, string>> = {
  passRate96: '0.03',
  passRate93: '0.075',
  passRate88: '0.15',
};

/** Own-site deductions giving the 2019 A1.1 averages of 85 and 78 (criteria of cn-2019-website-inspection). */
const deductions: Record<'portal85' | 'portal78', { criterion: string; count: number }[]> = {
  portal85: [
    { criterion: 'publish.policy-column-stale', count: 1 },
    { criterion: 'design.search-missing', count: 1 },
    { criterion: 'interaction.reply-stale', count: 1 },
    { criterion: 'design.sitemap-inconsistent', count: 1 },
  ],
  portal78: [
    { criterion: 'publish.policy-column-stale', count: 1 },
    { criterion: 'design.search-missing', count: 1 },
    { criterion: 'interaction.reply-stale', count: 1 },
    { criterion: 'design.sitemap-inconsistent', count: 1 },
    { criterion: 'publish.interpretation-column-missing', count: 1 },
    { criterion: 'design.find-error-entry-missing', count: 1 },
  ],
};

function problemInputs(problem: Problem, index: number): Record<string, string | boolean> {
  switch (problem) {
    case 'emptyColumns':
      return websiteProblems.emptyColumns(5 + (index % 4));
    case 'longStaleColumns':
      return websiteProblems.longStaleColumns(10 + (index % 5));
    case 'overdueMessages':
      return websiteProblems.overdueMessages(1 + (index % 3));
    case 'noOnlineService':
      return websiteProblems.noOnlineService();
    case 'illegalLink':
      return { illegalContent: true };
  }
}

const rotation: Problem[] = [
  'longStaleColumns',
  'emptyColumns',
  'overdueMessages',
  'longStaleColumns',
  'noOnlineService',
];

function siteInputs(
  site: GansuSite,
  quarter: number,
  index: number,
  problem: Problem | null,
  own: 'portal85' | 'portal78' | null,
): MeasuredInputs {
  const isPortal = site.kind === 'portal';
  if (problem) return websiteInputs({ isPortal, problem: problemInputs(problem, index + quarter) });
  const base = websiteInputs({ isPortal, brokenLinks: (index + quarter) % 4 });
  if (own) return { ...base, findings: [...deductions[own]] };
  // portals earn a few bonus points (scored above 80), so their totals differ
  if (isPortal && (index + quarter) % 3 !== 0)
    return {
      ...base,
      bonus: [
        { criterion: 'bonus.publish.interpretation-forms', count: 1 + ((index + quarter) % 2) },
        ...((index + quarter) % 3 === 1 ? [{ criterion: 'bonus.interaction.knowledge-base', count: 1 }] : []),
      ],
    };
  return base;
}

let cachedPlan: GansuPlan | null = null;

/** The registry and every inspection's inputs: pure and reproducible, so tests and the 2020 cycle can read it. */
export function gansuInspectionPlan(): GansuPlan {
  if (cachedPlan) return cachedPlan;
  const sites = registry();
  const accounts = accountRegistry();
  const byName = new Map(sites.map((site) => [site.name, site]));
  const failing = new Map<string, Problem>();
  const mark = (site: GansuSite, quarter: number, problem: Problem) =>
    failing.set(`${site.siteCode}:${quarter}`, problem);

  for (const [name, problem] of failures2020) {
    const site = byName.get(name);
    if (!site) throw new Error(`2020 Q1 failure ${name}: no such site`);
    mark(site, lastQuarter, problem);
  }

  // 2019: per unit, failures among the sites it supervises (never its own site, whose average A1.1 reads)
  const verified = new Map(gansu2019Assessments.map((unit) => [unit.code, unit.verified]));
  const passRateLoss = (code: string) =>
    verified.get(code)?.find((key) => losses[key].subItem === 'A2.1') ?? null;
  for (const city of gansuCities) {
    const loss = passRateLoss(city.code);
    const share = loss ? failureShare[loss] : undefined;
    if (!share) continue;
    const scope = sites.filter((site) => site.cityCode === city.code && site.ownerUnitCode !== city.code);
    const inspected = sites
      .filter((site) => site.cityCode === city.code)
      .reduce((total, site) => total + Math.max(0, Math.min(site.until, lastQuarter - 1) - site.from + 1), 0);
    const yearly = new Decimal(inspected).times(share).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
    for (let n = 0; n < yearly; n += 1) {
      const quarter = n % 4;
      const candidates = seededShuffle(
        scope.filter((site) => site.from <= quarter && !failing.has(`${site.siteCode}:${quarter}`)),
        `gansu-2019:${city.code}:${n}`,
      );
      mark(candidates[0]!, quarter, rotation[n % rotation.length]!);
    }
  }
  for (const unit of gansuDepartments) {
    const loss = passRateLoss(unit.code);
    if (!loss) continue;
    // one failure a year, of a subordinate site that was migrated or closed at the end of the year
    const subordinate = sites.find(
      (site) => site.supervisingUnitCode === unit.code && site.status !== 'running',
    );
    if (!subordinate) throw new Error(`${unit.code}: no subordinate site to fail`);
    mark(subordinate, 1, rotation[unit.code.length % rotation.length]!);
  }

  const ownLoss = (code: string | null): 'portal85' | 'portal78' | null => {
    if (code === null) return null;
    const keys = verified.get(code) ?? [];
    return keys.includes('portal85') ? 'portal85' : keys.includes('portal78') ? 'portal78' : null;
  };
  const siteInputsByCode = new Map<string, (MeasuredInputs | null)[]>();
  sites.forEach((site, index) => {
    siteInputsByCode.set(
      site.siteCode,
      gansuQuarters.map((_, quarter) => {
        if (quarter < site.from || quarter > site.until) return null;
        const problem = failing.get(`${site.siteCode}:${quarter}`) ?? null;
        const own = quarter < lastQuarter ? ownLoss(site.ownerUnitCode) : null;
        return siteInputs(site, quarter, index, problem, own);
      }),
    );
  });

  // accounts: in 2019 one failure a year (no update in two weeks) for the units whose A3.1 was below 100%
  const accountInputs = new Map<string, (MeasuredInputs | null)[]>();
  const accountFailure = new Set(
    gansu2019Assessments
      .filter((unit) => unit.verified.some((key) => losses[key].subItem === 'A3.1'))
      .map((unit) => unit.code),
  );
  accounts.forEach((account, index) => {
    const fails = (quarter: number) =>
      accountFailure.has(account.ownerUnitCode) && account.platform === '微博' && quarter === 2;
    accountInputs.set(
      accountKey(account),
      gansuQuarters.map((_, quarter) =>
        newMediaInputs({ updatesInTwoWeeks: fails(quarter) ? 0 : 2 + ((index + quarter) % 7) }),
      ),
    );
  });
  cachedPlan = { sites, accounts, siteInputs: siteInputsByCode, accountInputs };
  return cachedPlan;
}

const accountKey = (account: Pick<GansuAccount, 'platform' | 'name'>) =>
  `${account.platform}\u0000${account.name}`;

/** The groups of the bulletin: the province's sites, then each 市州 with the sites it owns or supervises (附件1/2). */
export function gansuGroups() {
  return [
    { key: 'level:province', label: '省政府及省直部门', labelEn: 'Provincial government and departments' },
    ...gansuCities.map((city) => ({ key: `unit:${city.code}`, label: city.name, labelEn: city.nameEn })),
  ];
}

export interface FedValues {
  'A1.1'?: string;
  'A2.1'?: string;
  'A3.1'?: string;
}

/**
 * What the fed sub-items read for each unit from 2020 Q1 alone (the open 2020 cycle's only quarter so far), as the
 * feeds compute it: the own site's total, passed ÷ inspected of the sites owned or supervised, and of the accounts.
 */
export function gansu2020Q1FedValues(): Map<string, FedValues> {
  const plan = gansuInspectionPlan();
  const result = new Map<string, FedValues>();
  // few distinct inputs: score each once
  const scoredByInputs = new Map<string, ScoredInputs>();
  const score = (type: 'website' | 'newMedia', inputs: MeasuredInputs) => {
    const key = `${type}:${JSON.stringify(inputs)}`;
    let scored = scoredByInputs.get(key);
    if (!scored) {
      const outcome = scoreInputs(type, inputs);
      if (!outcome.ok) throw new Error('demo inputs do not parse');
      scored = outcome.scored;
      scoredByInputs.set(key, scored);
    }
    return scored;
  };
  const ratio = (passed: number, total: number) => {
    const value = new Decimal(passed).div(total);
    if (!value.times(total).eq(passed)) throw new Error(`${passed}/${total} is not an exact decimal`);
    return value.toFixed();
  };
  for (const unit of [...gansuCities, ...gansuDepartments]) {
    const values: FedValues = {};
    const sites = plan.sites.filter(
      (site) =>
        (site.ownerUnitCode === unit.code || site.supervisingUnitCode === unit.code) &&
        plan.siteInputs.get(site.siteCode)![lastQuarter],
    );
    const ownKind = unit.code.startsWith('gs-dept-') ? 'department' : 'portal';
    const own = sites.find((site) => site.ownerUnitCode === unit.code && site.kind === ownKind);
    if (own) {
      const scored = score('website', plan.siteInputs.get(own.siteCode)![lastQuarter]!);
      values['A1.1'] = scored.reason === 'veto' ? '0' : new Decimal(scored.total!).toFixed();
    }
    if (sites.length) {
      const passed = sites.filter(
        (site) => score('website', plan.siteInputs.get(site.siteCode)![lastQuarter]!).verdict === 'qualified',
      ).length;
      values['A2.1'] = ratio(passed, sites.length);
    }
    const accounts = plan.accounts.filter((account) => account.ownerUnitCode === unit.code);
    if (accounts.length) {
      const passed = accounts.filter(
        (account) =>
          score('newMedia', plan.accountInputs.get(accountKey(account))![lastQuarter]!).verdict ===
          'qualified',
      ).length;
      values['A3.1'] = ratio(passed, accounts.length);
    }
    result.set(unit.code, values);
  }
  return result;
}

export interface GansuInspectionsSeedIds {
  programmeId: number;
  cycleIdBySlug: Map<string, number>;
}

export async function seedGansuInspections(
  db: Database,
  context: DemoSeedContext,
): Promise<GansuInspectionsSeedIds> {
  const inspectorId = await context.sharedAccount('inspector');
  const plan = gansuInspectionPlan();
  const unitRows = await db
    .select({ id: units.id, code: units.code })
    .from(units)
    .where(
      inArray(
        units.code,
        [...gansuCities, ...gansuDepartments].map((unit) => unit.code),
      ),
    );
  const unitId = new Map(unitRows.map((row) => [row.code, row.id]));
  const idOf = (code: string | null) => {
    if (code === null) return null;
    const id = unitId.get(code);
    if (id === undefined) throw new Error(`Gansu unit ${code} not seeded`);
    return id;
  };

  const [programme] = await db
    .insert(programmes)
    .values({
      slug: gansuInspectionsProgrammeSlug,
      title: '甘肃省政府网站季度检查',
      titleEn: 'Gansu quarterly website inspections',
      ruleSetId: websiteRuleSetId,
      level: 'province',
      kind: 'inspection',
      organiser: '甘肃省人民政府办公厅',
    })
    .returning({ id: programmes.id });
  const programmeId = programme!.id;
  await db
    .insert(programmeGroups)
    .values(gansuGroups().map((group, position) => ({ ...group, programmeId, position })));
  const cycleRows = await db
    .insert(cycles)
    .values(
      gansuQuarters.map((quarter) => ({
        programmeId,
        slug: quarter.slug,
        title: quarter.title,
        titleEn: quarter.titleEn,
        status: 'published' as const,
        periodStart: quarter.periodStart,
        periodEnd: quarter.periodEnd,
        publishedAt: new Date(quarter.publishedAt),
      })),
    )
    .returning({ id: cycles.id, slug: cycles.slug });
  const cycleIdBySlug = new Map(cycleRows.map((row) => [row.slug, row.id]));
  const cycleIds = gansuQuarters.map((quarter) => cycleIdBySlug.get(quarter.slug)!);

  const siteIds = new Map<string, number>();
  for (let start = 0; start < plan.sites.length; start += 500) {
    const inserted = await db
      .insert(websites)
      .values(
        plan.sites.slice(start, start + 500).map((site) => ({
          programmeId,
          siteCode: site.siteCode,
          name: site.name,
          homeUrl: site.homeUrl,
          ownerName: site.ownerName,
          ownerUnitId: idOf(site.ownerUnitCode),
          supervisingName: site.supervisingName,
          supervisingUnitId: idOf(site.supervisingUnitCode),
          kind: site.kind,
          level: site.level,
          consolidated: site.consolidated,
          hasExternalServices: true,
          status: site.status,
        })),
      )
      .returning({ id: websites.id, siteCode: websites.siteCode });
    for (const row of inserted) siteIds.set(row.siteCode, row.id);
  }
  const accountRows = await db
    .insert(newMediaAccounts)
    .values(
      plan.accounts.map((account) => ({
        programmeId,
        name: account.name,
        platform: account.platform,
        ownerName: account.ownerName,
        ownerUnitId: idOf(account.ownerUnitCode),
        level: account.level,
      })),
    )
    .returning({ id: newMediaAccounts.id, name: newMediaAccounts.name, platform: newMediaAccounts.platform });
  const accountIds = new Map(accountRows.map((row) => [accountKey(row), row.id]));

  // identical inputs score identically: each distinct one is scored once (a template), and one statement writes
  // every inspection from its template, target and quarter (about 3,200 rows; row-by-row values took 3× as long)
  const templateIndex = new Map<string, number>();
  const templates: Record<string, unknown>[] = [];
  const targets = {
    cycle: [] as number[],
    website: [] as (number | null)[],
    account: [] as (number | null)[],
  };
  const template: number[] = [];
  const inspectedOn: string[] = [];
  const add = (target: InspectionTargetRef, quarter: number, inputs: MeasuredInputs) => {
    const key = `${target.type}:${JSON.stringify(inputs)}`;
    let index = templateIndex.get(key);
    if (index === undefined) {
      const values = inspectionValues({
        cycleId: cycleIds[quarter]!,
        target,
        inputs,
        source: 'sample',
        inspectorId,
        inspectedOn: gansuQuarters[quarter]!.inspectedOn,
      });
      index = templates.length;
      templates.push({
        i: index,
        target_type: values.targetType,
        rule_set_id: values.ruleSetId,
        inputs: values.inputs,
        verdict: values.verdict,
        reason: values.reason ?? null,
        veto_ids: values.vetoIds ?? [],
        score: values.score ?? null,
        total: values.total ?? null,
        explanation: values.explanation,
        explanation_en: values.explanationEn ?? null,
        problems: values.problems ?? null,
      });
      templateIndex.set(key, index);
    }
    targets.cycle.push(cycleIds[quarter]!);
    targets.website.push(target.type === 'website' ? target.websiteId : null);
    targets.account.push(target.type === 'newMedia' ? target.accountId : null);
    template.push(index);
    inspectedOn.push(gansuQuarters[quarter]!.inspectedOn);
  };
  for (const [siteCode, perQuarter] of plan.siteInputs)
    perQuarter.forEach((inputs, quarter) => {
      if (inputs) add({ type: 'website', websiteId: siteIds.get(siteCode)! }, quarter, inputs);
    });
  for (const [key, perQuarter] of plan.accountInputs)
    perQuarter.forEach((inputs, quarter) => {
      if (inputs) add({ type: 'newMedia', accountId: accountIds.get(key)! }, quarter, inputs);
    });
  const numbers = (values: readonly (number | null)[]) =>
    `{${values.map((value) => (value === null ? 'NULL' : String(value))).join(',')}}`;
  await db.execute(sql`
    insert into ${inspections} (cycle_id, target_type, website_id, account_id, source, rule_set_id, inspected_on,
      inspector_id, inputs, verdict, reason, veto_ids, score, total, explanation, explanation_en, problems)
    select r.cycle_id, t.target_type::target_type, r.website_id, r.account_id, 'sample'::inspection_source,
      t.rule_set_id, r.inspected_on, ${inspectorId}, t.inputs, t.verdict, t.reason, t.veto_ids, t.score, t.total,
      t.explanation, t.explanation_en, t.problems
    from unnest(${numbers(targets.cycle)}::int[], ${numbers(targets.website)}::int[],
      ${numbers(targets.account)}::int[], ${numbers(template)}::int[], ${`{${inspectedOn.join(',')}}`}::date[])
      as r(cycle_id, website_id, account_id, template, inspected_on)
    join jsonb_to_recordset(${JSON.stringify(templates)}::jsonb)
      as t(i int, target_type text, rule_set_id text, inputs jsonb, verdict text, reason text, veto_ids jsonb,
        score numeric, total numeric, explanation jsonb, explanation_en jsonb, problems text)
      on t.i = r.template`);
  return { programmeId, cycleIdBySlug };
}

/** The programme's id by its slug (tests). */
export async function gansuInspectionsProgrammeId(db: Database): Promise<number | null> {
  const [row] = await db
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.slug, gansuInspectionsProgrammeSlug));
  return row?.id ?? null;
}
