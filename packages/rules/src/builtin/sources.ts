import type { Source } from '../schema.js';

// The documents the built-in rule sets cite, written once; each rule set lists the ones its provenance names.
export const sources = {
  'gbmh-2019-19': {
    id: 'gbmh-2019-19',
    title:
      '国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知（国办秘函〔2019〕19号）',
    titleEn:
      'Notice of the General Office of the State Council Secretariat on the inspection indicators and annual supervision assessment indicators for government websites and government new media (Guobanmihan [2019] No. 19)',
    issuer: '国务院办公厅秘书局',
    year: 2019,
  },
  'gbmh-2019-19-inspection': {
    id: 'gbmh-2019-19-inspection',
    title: '政府网站与政务新媒体检查指标（国办秘函〔2019〕19号 附件1）',
    titleEn: 'Inspection indicators for government websites and government new media (attachment 1)',
    issuer: '国务院办公厅秘书局',
    year: 2019,
  },
  'gbmh-2019-19-assessment': {
    id: 'gbmh-2019-19-assessment',
    title: '政府网站与政务新媒体监管工作年度考核指标（国办秘函〔2019〕19号 附件2）',
    titleEn:
      'Annual assessment indicators for the supervision of government websites and new media (attachment 2)',
    issuer: '国务院办公厅秘书局',
    year: 2019,
  },
  'gbf-2017-47': {
    id: 'gbf-2017-47',
    title: '国务院办公厅关于印发政府网站发展指引的通知（国办发〔2017〕47号）',
    titleEn: 'Guidelines for the development of government websites (Guobanfa [2017] No. 47)',
    issuer: '国务院办公厅',
    year: 2017,
  },
  'jiangxi-2017-43': {
    id: 'jiangxi-2017-43',
    title: '江西省人民政府办公厅关于进一步加强政府网站管理工作的实施意见（赣府厅发〔2017〕43号）',
    titleEn: 'Jiangxi implementing opinions on government website management (Ganfutingfa [2017] No. 43)',
    issuer: '江西省人民政府办公厅',
    year: 2017,
  },
  'jiangxi-2018-q1': {
    id: 'jiangxi-2018-q1',
    title: '江西省人民政府办公厅关于2018年第一季度全省政府网站抽查情况的通报（赣府厅函〔2018〕21号）',
    titleEn: 'Jiangxi bulletin on the 2018 Q1 spot check of government websites',
    issuer: '江西省人民政府办公厅',
    year: 2018,
  },
  'gansu-2019-2020q1': {
    id: 'gansu-2019-2020q1',
    title: '甘肃省人民政府办公厅关于2019年度全省政府网站建设管理工作考核情况和2020年第一季度检查情况的通报',
    titleEn: 'Gansu bulletin on the 2019 annual assessment and the 2020 Q1 inspection of government websites',
    issuer: '甘肃省人民政府办公厅',
    year: 2020,
  },
  'hanzhong-2022-q3': {
    id: 'hanzhong-2022-q3',
    title: '汉中市2022年第三季度政府网站与政务新媒体检查情况的报告（含不合格名单附件）',
    titleEn:
      'Hanzhong 2022 Q3 report on the inspection of government websites and new media (with the list of failures)',
    issuer: '汉中市人民政府办公室',
    year: 2022,
  },
  'jieyang-2019-q1': {
    id: 'jieyang-2019-q1',
    title: '揭阳市政务服务数据管理局关于2019年第一季度全市政府网站检查情况的通报（揭政数局函〔2019〕23号）',
    titleEn: 'Jieyang bulletin on the 2019 Q1 inspection of government websites',
    issuer: '揭阳市政务服务数据管理局',
    year: 2019,
  },
  'kaohe-reconstruction': {
    id: 'kaohe-reconstruction',
    title: 'Kaohe 重构（非官方）',
    titleEn: 'Kaohe reconstruction (unofficial)',
    issuer: 'Kaohe',
  },
} satisfies Record<string, Source>;
