import type { BulletinFigures } from './bulletin';

// The bulletin draft (通报) in the official structure: 一、基本情况 (the figures), 二、主要问题 (the share of each
// reason and the failed sites), 三、整改情况 (last quarter's failures), 附件 (the list of failed sites). Every number
// is one of the bulletin figures; the office edits the wording and signs.

export interface DraftSection {
  heading: string;
  paragraphs: string[];
}

export interface AnnexTable {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface BulletinDraft {
  title: string;
  sections: DraftSection[];
  annexes: AnnexTable[];
  office: string;
  /** how the figures are rounded, said once at the end */
  roundingNote: string;
}

const levelNames = { province: '省级', city: '市级', county: '县级', belowCounty: '县级以下' } as const;

export function bulletinDraft(figures: BulletinFigures): BulletinDraft {
  const {
    programme,
    cycle,
    websites,
    newMedia,
    supervisedNewMedia,
    remediation,
    samplingRatio,
    runningByLevel,
  } = figures;
  const overall = websites.summary.overall;
  const basics: string[] = [];
  const running = runningByLevel.filter((level) => level.running > 0);
  if (overall.running !== null) {
    basics.push(
      `截至本季度检查时，正常运行的政府网站共${overall.running}个，其中${running
        .map((level) => `${levelNames[level.level]}${level.running}个`)
        .join('，')}。`,
    );
  }
  basics.push(
    `本季度共检查政府网站${overall.checked}个${samplingRatio ? `，抽查比例为${samplingRatio.text}` : ''}；` +
      `其中合格${overall.qualified}个，不合格${overall.failed}个（占比${overall.failureRate.text}），总体合格率为${overall.passRate.text}。`,
  );
  const groups = websites.summary.byGroup.filter((group) => group.checked > 0);
  if (groups.length > 1 || (groups.length === 1 && !groups[0]!.group.startsWith('全部'))) {
    basics.push(
      groups
        .map(
          (group) =>
            `${group.group}抽查${group.checked}个，不合格${group.failed}个，合格率为${group.passRate.text}`,
        )
        .join('；') + '。',
    );
  }
  if (websites.summary.groupsAllPassed.length) {
    basics.push(`${websites.summary.groupsAllPassed.join('、')}合格率达到100%。`);
  }
  if (newMedia) {
    const media = newMedia.summary.overall;
    basics.push(
      `本季度共检查政务新媒体${media.checked}个，存在突出问题的${media.failed}个，占比为${media.failureRate.text}。`,
    );
  }
  if (supervisedNewMedia) {
    // the 主管单位s' own checks, in the bulletin's words (Hanzhong: 督促各县区检查…489个（…）。检查结果：…)
    const checks = supervisedNewMedia;
    const wording = figures.style.supervisedChecks;
    const results = [
      ...(checks.closed ? [`${wording.closed}${checks.closed}个`] : []),
      `合格的${checks.qualified}个，不合格的${checks.failed}个`,
      ...(checks.notReported ? [`未报送检查结果的${checks.notReported}个`] : []),
    ];
    basics.push(
      `${wording.scope}${checks.accounts}个${wording.source ? `（${wording.source}）` : ''}。` +
        `检查结果：${results.join('；')}。`,
    );
  }

  const problems: string[] = [];
  if (overall.failed > 0) {
    const reasons = websites.summary.reasons.map(
      (reason) =>
        `${websites.reasonLabels[reason.reason] ?? reason.reason}${reason.count}个，占不合格网站总数的${reason.shareOfFailures.text}`,
    );
    problems.push(`不合格的${overall.failed}个网站中，${reasons.join('；')}。`);
    const triggers = websites.triggers.filter((trigger) => trigger.reason.includes(':'));
    if (triggers.length) {
      problems.push(
        `按触发的具体情形统计：${triggers
          .map((trigger) => `${trigger.label}${trigger.count}个（${trigger.shareOfFailures.text}）`)
          .join('；')}。`,
      );
    }
    problems.push('不合格网站名单及存在的问题见附件。');
  } else {
    problems.push('本季度抽查的政府网站均合格。');
  }
  if (newMedia && newMedia.failures.length) {
    problems.push(
      `政务新媒体：${newMedia.failures.map((failure) => `“${failure.name}”${failure.platform ?? ''}${failure.problems ? `（${failure.problems}）` : ''}`).join('、')}。`,
    );
  }

  const sections: DraftSection[] = [
    { heading: '一、基本情况', paragraphs: basics },
    { heading: '二、主要问题', paragraphs: problems },
  ];
  if (remediation) {
    sections.push({
      heading: '三、整改情况',
      paragraphs: [
        `${remediation.previousCycle.title}检查发现的${remediation.previousFailures}个不合格网站中，` +
          `已整改到位${remediation.fixed}个，已规范关停${remediation.closed}个，合计${remediation.fixed + remediation.closed}个（${remediation.rate.text}）；` +
          `复查仍不合格${remediation.stillFailing}个${remediation.notRechecked ? `，未复查${remediation.notRechecked}个` : ''}。`,
      ],
    });
  }
  sections.push({
    heading: `${['一', '二', '三', '四'][sections.length]}、工作要求`,
    paragraphs: ['请各地区、各部门对照通报问题认真整改，并于规定时间内将整改情况书面报送。'],
  });

  const annexes: AnnexTable[] = [
    {
      title: `${cycle.title}${programme.title}不合格网站名单`,
      columns: ['网站名称', '首页网址', '网站标识码', '检查结果', '存在的问题'],
      rows: websites.failures.map((failure) => [
        failure.name,
        failure.homeUrl ?? '',
        failure.siteCode ?? '',
        failure.resultText,
        failure.problems || (failure.computed ? '' : '（上报结果，未附问题说明）'),
      ]),
    },
  ];
  if (newMedia && newMedia.failures.length) {
    annexes.push({
      title: `${cycle.title}不合格政务新媒体名单`,
      columns: ['账号名称', '开设主体', '账号类型', '检查结果', '存在的问题'],
      rows: newMedia.failures.map((failure) => [
        failure.name,
        failure.owner,
        failure.platform ?? '',
        failure.resultText,
        failure.problems,
      ]),
    });
  }
  const style = figures.style;
  return {
    title: `关于${cycle.title}${programme.title}情况的通报（草稿）`,
    sections,
    annexes,
    office: style.office ?? programme.organiser ?? '',
    roundingNote: `注：比例按四舍五入计算，网站合格率保留${style.websites.places}位小数，抽查比例保留${style.samplingRatio.places}位小数；数据由 Kaohe 根据检查记录生成。`,
  };
}
