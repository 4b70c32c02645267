import type { RuleSetInput } from '../schema.js';
import { sources } from './sources.js';

// Gansu 2019 annual assessment of government-website work (14 市州 governments, 37 省直部门).
//
// Official (seed 001, the 2020-03 Gansu bulletin): the four area names, 16 items, 18 sub-items, 100 points, and
// the method (spot checks + year-end self-evaluation + document review). The item table was never published:
// every item, sub-item, point value and scoring method below follows docs `gansu-2019-reconstruction.md` and is
// labelled `reconstructed`. A province with the real table replaces the areas, keeping the ids if it can.
//
// Id scheme: areas A–D, items A1…D3, sub-items A1.1…D3.1 (as in the reconstruction table); deduction criteria
// `<sub-item>-<what>`; measurements camelCase; vetoes `veto-<what>`; grades excellent / good / pass / fail.
//
// whenNotApplicable, decided per sub-item:
// - 'rescale' where a unit may legitimately have nothing to measure (no own site inspected that year, no
//   subordinate sites or accounts, no sites at all): the sub-item is left out and the rest scaled to 100;
// - 'fullMarks' where not applicable means nothing happened that could go wrong (no messages received, no
//   problems reported, no site opened or closed, no information changed);
// - 'zero' for duties every unit has (annual reports, security, leadership, budget, staffing): claiming they do
//   not apply earns nothing.

const ruleSet = {
  id: 'gansu-2019-annual-assessment',
  title: '甘肃省2019年度政府网站建设管理工作考核指标',
  titleEn: 'Gansu 2019 annual assessment of government website construction and management',
  description:
    '4个方面、16个分项、18个子项，总分100分；采取平时抽查检查和年终自查自评报告相结合及查阅资料和复核查验等方式。分项、子项、分值和评分方法为 Kaohe 重构。',
  version: '1.0.0',
  jurisdiction: '甘肃省',
  sources: [
    sources['gansu-2019-2020q1'],
    sources['gbmh-2019-19'],
    sources['gbmh-2019-19-inspection'],
    sources['gbmh-2019-19-assessment'],
    sources['gbf-2017-47'],
    sources['jiangxi-2017-43'],
    sources['jiangxi-2018-q1'],
    sources['jieyang-2019-q1'],
    sources['kaohe-reconstruction'],
  ],
  provenance: {
    source: 'gansu-2019-2020q1',
    clause:
      '考核內容主要包括政府網站建設運行、常態化監管、網站管理和保障監督等4個方面的16個分項18個子項,考核指標總分值為100分',
    confidence: 'official',
    note: '仅方面名称、4/16/18 的数量、总分100分及考核方式为官方；分项、子项、分值与评分方法均为 Kaohe 重构，见各节点。Only the area names, the 4/16/18 counts, the 100-point total and the method are official; items, sub-items, points and methods are Kaohe reconstruction (see each node).',
  },
  kind: 'assessment',
  total: '100',

  measurements: [
    {
      id: 'seriousIncident',
      title: '所属网站发生严重安全事件或政治安全事件',
      titleEn: 'A serious security or political incident on one of the unit’s sites',
      kind: 'boolean',
      provenance: {
        source: 'jieyang-2019-q1',
        clause: '三、（一）严格执行“一票否决”制，发生政治安全事件的，不得参与当年全市政府网站评优',
        confidence: 'reconstructed',
        note: '甘肃2019年的否决条件未公布；参照揭阳“一票否决”及国家年度考核否决项重构。Gansu’s 2019 veto triggers were not published; modelled on Jieyang’s veto and the national one.',
      },
    },
    {
      id: 'seriousMisstatementFailures',
      title: '国办抽查中因严重表述错误被单项否决的所属网站、政务新媒体数',
      titleEn: 'Sites or accounts of the unit vetoed for serious misstatements in a national spot check',
      kind: 'count',
      unit: '个',
      provenance: {
        source: 'gbmh-2019-19-assessment',
        clause: '单项否决：国办抽查发现多个网站或政务新媒体存在严重表述错误',
        confidence: 'reconstructed',
        note: '国家年度考核有此否决项（转述）；甘肃是否采用、以及“多个”的数量均为重构。The national assessment has this veto (paraphrased); whether Gansu used it, and what “several” means, are ours.',
      },
    },
  ],

  vetoes: [
    {
      id: 'veto-incident',
      title: '发生严重安全事件或政治安全事件',
      titleEn: 'Serious security or political incident',
      when: { kind: 'flag', measurement: 'seriousIncident', is: true },
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '甘肃2018年考核设一票否决（否决即不合格），但触发条件未公布；本条为重构。Gansu 2018 had a veto (→ 不合格) but its triggers were not published; this one is ours.',
      },
    },
    {
      id: 'veto-misstatement',
      title: '多个所属网站或政务新媒体在国办抽查中因严重表述错误被单项否决',
      titleEn:
        'Several of the unit’s sites or accounts vetoed for serious misstatements in a national spot check',
      when: {
        kind: 'compare',
        measurement: 'seriousMisstatementFailures',
        op: '>=',
        // "several" (多个): two is the smallest number that is more than one
        value: '2',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '“多个”按2个及以上计，为重构。We read “several” as 2 or more.',
        },
      },
      provenance: {
        source: 'gbmh-2019-19-assessment',
        clause: '单项否决',
        confidence: 'reconstructed',
        note: '借用国家年度考核的否决项；甘肃是否采用未经核实。Borrowed from the national annual assessment; unverified for Gansu.',
      },
    },
  ],

  areas: [
    {
      id: 'A',
      title: '政府网站建设运行',
      titleEn: 'Website construction and operation',
      points: '40',
      provenance: {
        source: 'gansu-2019-2020q1',
        clause: '政府網站建設運行、常態化監管、網站管理和保障監督等4個方面',
        confidence: 'reconstructed',
        note: '方面名称为官方原文；40分为重构（各方面分值未公布）。The area name is official; its 40 points are ours (the split was not published).',
      },
      items: [
        {
          id: 'A1',
          title: '本级门户网站运行',
          titleEn: 'Operation of the unit’s own portal',
          points: '10',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'A1.1',
              title: '本级门户网站季度检查结果',
              titleEn: 'Quarterly inspection results of the unit’s own portal',
              points: '10',
              method: {
                kind: 'bands',
                measure: {
                  title: '本级门户网站全年季度检查平均得分',
                  titleEn: 'Average quarterly inspection score of the unit’s portal',
                  description: '含门户网站加分，最高130分；被单项否决的季度按0分计入平均。',
                  unit: 'score',
                },
                // the open top band covers scores above 100 (portals can earn up to 30 bonus points)
                bands: [
                  { below: '60', points: '0', title: '低于60分' },
                  { atLeast: '60', below: '70', points: '4', title: '60分至70分以下' },
                  { atLeast: '70', below: '80', points: '6', title: '70分至80分以下' },
                  { atLeast: '80', below: '90', points: '8', title: '80分至90分以下' },
                  { atLeast: '90', points: '10', title: '90分及以上（含加分，最高130分）' },
                ],
              },
              fedByInspections: {
                targetKind: 'website',
                statistic: 'portalAverageScore',
                note: '市州取本级政府门户网站，省直部门取本部门网站；被单项否决的季度按0分计入平均（重构）。For a city its government portal, for a department its own website; a vetoed quarter counts as 0 in the average (reconstructed).',
              },
              // a unit whose own site was not inspected in any quarter (e.g. launched late in the year) is not
              // penalised: Gansu left 省机关事务局 (site launched 2019-09) out of the assessment altogether
              whenNotApplicable: 'rescale',
              evidence:
                '各季度政府网站检查结果通报（由检查数据汇总）；网站全年未被检查的，说明原因（如年内新上线）。',
              provenance: {
                source: 'kaohe-reconstruction',
                confidence: 'reconstructed',
                note: '子项、分值及分档为重构。Sub-item, points and bands are ours.',
              },
            },
          ],
        },
        {
          id: 'A2',
          title: '所辖网站检查合格率',
          titleEn: 'Pass rate of the unit’s websites',
          points: '10',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'A2.1',
              title: '所辖/所属网站季度检查合格率',
              titleEn: 'Quarterly inspection pass rate of the sites the unit supervises',
              points: '10',
              method: {
                kind: 'bands',
                measure: {
                  title: '所辖/所属网站全年季度检查合格率',
                  titleEn: 'Pass rate of the unit’s websites over the year’s quarterly inspections',
                  unit: 'ratio',
                },
                bands: [
                  { below: '0.8', points: '0', title: '低于80%' },
                  { atLeast: '0.8', below: '0.9', points: '3', title: '80%至90%以下' },
                  { atLeast: '0.9', below: '0.95', points: '6', title: '90%至95%以下' },
                  { atLeast: '0.95', below: '1', points: '8', title: '95%至100%以下' },
                  { atLeast: '1', points: '10', title: '100%' },
                ],
              },
              fedByInspections: {
                targetKind: 'website',
                statistic: 'passRate',
                note: '全年各季度检查中合格的网站次数 ÷ 被检查的网站次数（重构口径）。Passed inspections ÷ inspections over the year’s quarters (our reading).',
              },
              whenNotApplicable: 'rescale',
              evidence: '所辖/所属网站清单及各季度检查结果。',
              provenance: {
                source: 'kaohe-reconstruction',
                confidence: 'reconstructed',
                note: '分档（100%→10，≥95%→8，≥90%→6，≥80%→3，其余0）为重构。The bands are ours.',
              },
            },
          ],
        },
        {
          id: 'A3',
          title: '政务新媒体检查合格率',
          titleEn: 'Pass rate of the unit’s new-media accounts',
          points: '5',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'A3.1',
              title: '政务新媒体检查合格率',
              titleEn: 'Inspection pass rate of the unit’s new-media accounts',
              points: '5',
              method: {
                kind: 'bands',
                measure: {
                  title: '政务新媒体全年检查合格率',
                  titleEn: 'Pass rate of the unit’s new-media accounts over the year',
                  unit: 'ratio',
                },
                // the website bands of A2.1, halved
                bands: [
                  { below: '0.8', points: '0', title: '低于80%' },
                  { atLeast: '0.8', below: '0.9', points: '1.5', title: '80%至90%以下' },
                  { atLeast: '0.9', below: '0.95', points: '3', title: '90%至95%以下' },
                  { atLeast: '0.95', below: '1', points: '4', title: '95%至100%以下' },
                  { atLeast: '1', points: '5', title: '100%' },
                ],
              },
              fedByInspections: {
                targetKind: 'newMedia',
                statistic: 'passRate',
                note: '全年各次检查中合格的账号次数 ÷ 被检查的账号次数（重构口径）。Passed checks ÷ checks over the year (our reading).',
              },
              whenNotApplicable: 'rescale',
              evidence: '政务新媒体账号清单（以全国政务新媒体信息报送系统为准）及检查结果。',
              provenance: {
                source: 'kaohe-reconstruction',
                confidence: 'reconstructed',
                note: '分档为 A2.1 分档减半，重构。Bands are A2.1’s halved; ours.',
              },
            },
          ],
        },
        {
          id: 'A4',
          title: '集约化建设',
          titleEn: 'Consolidated platform',
          points: '5',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'A4.1',
              title: '网站迁移整合至集约化平台',
              titleEn: 'Sites migrated to the consolidated platform',
              points: '5',
              method: {
                kind: 'ratio',
                measure: {
                  title: '部署在集约化平台上的网站占比',
                  titleEn: 'Share of the unit’s sites on the consolidated platform',
                  unit: 'ratio',
                },
              },
              whenNotApplicable: 'rescale',
              evidence: '网站清单及各网站部署平台说明。',
              provenance: {
                source: 'jiangxi-2017-43',
                clause: '九、政府网站集约化平台建设',
                confidence: 'reconstructed',
                note: '集约化要求出自《政府网站发展指引》；子项、分值及按比例计分为重构。The consolidation duty comes from the 2017 guidelines; the sub-item and its scoring are ours.',
              },
            },
          ],
        },
        {
          id: 'A5',
          title: '网民留言办理',
          titleEn: 'Handling of public messages',
          points: '10',
          provenance: {
            source: 'gbmh-2019-19-assessment',
            clause: '“我为政府网站找错”留言办理',
            confidence: 'reconstructed',
            note: '国家年度考核按未办结每条扣3分、超期办结每条扣2分；甘肃的分值为重构。The national assessment deducts 3 per unresolved and 2 per late message; Gansu’s points are ours.',
          },
          subItems: [
            {
              id: 'A5.1',
              title: '“我为政府网站找错”留言按期办结',
              titleEn: '“Report an error” messages resolved on time',
              points: '6',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'A5.1-unresolved',
                    title: '留言未办结',
                    titleEn: 'Message not resolved',
                    description: '计数单位：条。',
                    deduct: '3',
                    provenance: {
                      source: 'gbmh-2019-19-assessment',
                      clause: '“我为政府网站找错”留言：未办结的每条扣3分',
                      confidence: 'reconstructed',
                      note: '每条3分同国家年度考核（转述）；甘肃是否如此未经核实。3 per message as in the national assessment (paraphrased); unverified for Gansu.',
                    },
                  },
                ],
              },
              // no message received: nothing could be left unresolved
              whenNotApplicable: 'fullMarks',
              evidence: '中国政府网“我为政府网站找错”平台上一年度留言及办理记录。',
              provenance: {
                source: 'kaohe-reconstruction',
                confidence: 'reconstructed',
                note: '子项与6分为重构。Sub-item and its 6 points are ours.',
              },
            },
            {
              id: 'A5.2',
              title: '留言超期办结',
              titleEn: 'Messages resolved late',
              points: '4',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'A5.2-late',
                    title: '超过1个月办结的留言',
                    titleEn: 'Message resolved after more than a month',
                    description: '计数单位：条。',
                    deduct: '2',
                    provenance: {
                      source: 'gbmh-2019-19-assessment',
                      clause: '“我为政府网站找错”留言：超过1个月办结的每条扣2分',
                      confidence: 'reconstructed',
                      note: '每条2分同国家年度考核（转述）；甘肃是否如此未经核实。2 per message as in the national assessment (paraphrased); unverified for Gansu.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'fullMarks',
              evidence: '中国政府网“我为政府网站找错”平台上一年度留言及办理记录（含办结日期）。',
              provenance: {
                source: 'kaohe-reconstruction',
                confidence: 'reconstructed',
                note: '子项与4分为重构。Sub-item and its 4 points are ours.',
              },
            },
          ],
        },
      ],
    },
    {
      id: 'B',
      title: '常态化监管',
      titleEn: 'Routine supervision',
      points: '25',
      provenance: {
        source: 'gansu-2019-2020q1',
        clause: '政府網站建設運行、常態化監管、網站管理和保障監督等4個方面',
        confidence: 'reconstructed',
        note: '方面名称为官方原文；25分为重构。The area name is official; its 25 points are ours.',
      },
      items: [
        {
          id: 'B1',
          title: '季度抽查',
          titleEn: 'Quarterly spot checks',
          points: '8',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'B1.1',
              title: '每季度抽查比例不低于30%',
              titleEn: 'At least 30% of sites spot-checked every quarter',
              points: '8',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'B1.1-quarter-short',
                    title: '未开展抽查或抽查比例低于30%的季度',
                    titleEn: 'Quarter without spot checks or below the 30% sampling ratio',
                    description: '计数单位：个。',
                    // four quarters × 2 = the sub-item's 8 points
                    deduct: '2',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每季度扣2分为重构。2 per quarter is ours.',
                    },
                  },
                ],
              },
              // a department with no subordinate sites has nothing to sample
              whenNotApplicable: 'rescale',
              evidence: '每季度抽查名单、抽查结果及整改情况。',
              provenance: {
                source: 'jiangxi-2017-43',
                clause:
                  '十三、（一）每季度至少要对本地、本部门政府网站信息内容建设情况开展一次巡查抽检，抽查比例不得低于30%',
                confidence: 'reconstructed',
                note: '30%的比例要求出自《政府网站发展指引》（经江西实施意见转引）；子项与分值为重构。The 30% rule comes from the 2017 guidelines (as copied by Jiangxi); sub-item and points are ours.',
              },
            },
          ],
        },
        {
          id: 'B2',
          title: '检查结果公开',
          titleEn: 'Publication of check results',
          points: '4',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'B2.1',
              title: '抽查情况在门户网站公开',
              titleEn: 'Spot-check results published on the portal',
              points: '4',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'B2.1-not-published',
                    title: '抽查情况未在门户网站公开的季度',
                    titleEn: 'Quarter whose spot-check results were not published',
                    description: '计数单位：个。',
                    deduct: '1',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每季度扣1分为重构。1 per quarter is ours.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'rescale',
              evidence: '门户网站上各季度抽查情况公开页面的链接或截图。',
              provenance: {
                source: 'jiangxi-2017-43',
                clause: '十三、（一）每次抽查结束后要及时在门户网站公开检查情况',
                confidence: 'reconstructed',
                note: '公开要求出自《政府网站发展指引》（经江西实施意见转引）；子项与分值为重构。The duty comes from the 2017 guidelines; sub-item and points are ours.',
              },
            },
          ],
        },
        {
          id: 'B3',
          title: '问题整改',
          titleEn: 'Rectification of reported problems',
          points: '8',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'B3.1',
              title: '通报问题整改到位率',
              titleEn: 'Share of reported problems fixed',
              points: '5',
              method: {
                kind: 'ratio',
                measure: {
                  title: '已整改到位或规范关停的问题网站 ÷ 通报的问题网站',
                  titleEn: 'Problem sites fixed or properly closed ÷ problem sites reported',
                  unit: 'ratio',
                },
              },
              // no problem reported during the year: nothing to rectify
              whenNotApplicable: 'fullMarks',
              evidence: '被通报问题清单及逐项整改情况。',
              provenance: {
                source: 'jiangxi-2018-q1',
                clause: '一、（二）35家不合格政府網站進行了復查,其中31家已整改到位或規範關停',
                confidence: 'reconstructed',
                note: '整改复查口径参照江西通报；子项、分值及按比例计分为重构。The measure follows Jiangxi’s re-check; sub-item and scoring are ours.',
              },
            },
            {
              id: 'B3.2',
              title: '整改问责情况按时报送',
              titleEn: 'Rectification and accountability reports sent on time',
              points: '3',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'B3.2-report-late',
                    title: '逾期或未报送整改问责情况',
                    titleEn: 'Rectification report late or missing',
                    description: '计数单位：次。',
                    deduct: '1',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每次扣1分为重构。1 each is ours.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'fullMarks',
              evidence: '整改问责情况报送文件及报送日期。',
              provenance: {
                source: 'gansu-2019-2020q1',
                clause:
                  '並於3月31日前將問題網站整改情況、本地區本部門網站自查整改和建設管理等情況報送省政府辦公廳',
                confidence: 'reconstructed',
                note: '报送要求见甘肃通报；子项与分值为重构。The reporting duty is in the Gansu bulletin; sub-item and points are ours.',
              },
            },
          ],
        },
        {
          id: 'B4',
          title: '年度报表',
          titleEn: 'Annual reports',
          points: '5',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'B4.1',
              title: '监管年度报表、网站工作年度报表按时发布',
              titleEn: 'Annual supervision report and annual website work report published on time',
              points: '5',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'B4.1-not-published',
                    title: '未在1月31日前发布的年度报表',
                    titleEn: 'Annual report not published by 31 January',
                    description: '计数单位：份。',
                    // two reports × 2.5 = the sub-item's 5 points
                    deduct: '2.5',
                    provenance: {
                      source: 'jiangxi-2017-43',
                      clause: '十三、（五）于每年1月31日前向社会公开',
                      confidence: 'reconstructed',
                      note: '1月31日期限出自《政府网站发展指引》（经江西实施意见转引）；每份扣2.5分为重构。The 31 January deadline comes from the 2017 guidelines; 2.5 per report is ours.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'zero',
              evidence: '两份年度报表在网站首页的发布页面及发布日期。',
              provenance: {
                source: 'gansu-2019-2020q1',
                clause: '個別政府網站年報未按要求及時在各網站首頁發佈',
                confidence: 'reconstructed',
                note: '甘肃通报批评年报发布问题；子项与分值为重构。The Gansu bulletin criticises late reports; sub-item and points are ours.',
              },
            },
          ],
        },
      ],
    },
    {
      id: 'C',
      title: '网站管理',
      titleEn: 'Website management',
      points: '20',
      provenance: {
        source: 'gansu-2019-2020q1',
        clause: '政府網站建設運行、常態化監管、網站管理和保障監督等4個方面',
        confidence: 'reconstructed',
        note: '方面名称为官方原文；20分为重构。The area name is official; its 20 points are ours.',
      },
      items: [
        {
          id: 'C1',
          title: '开设整合与下线',
          titleEn: 'Opening, merging and closing sites',
          points: '6',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'C1.1',
              title: '开设、关停、迁移按程序审批与公告',
              titleEn: 'Sites opened, closed or migrated with approval and notice',
              points: '6',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'C1.1-outside-procedure',
                    title: '未按程序开设或下线的网站',
                    titleEn: 'Site opened or closed outside the procedure',
                    description: '计数单位：个。',
                    deduct: '2',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每个扣2分为重构。2 per site is ours.',
                    },
                  },
                ],
              },
              // no site opened, merged or closed this year: nothing done outside the procedure
              whenNotApplicable: 'fullMarks',
              evidence: '年内开设、整合、关停网站的审批文件、迁移公告及信息报送系统记录。',
              provenance: {
                source: 'gansu-2019-2020q1',
                clause: '一是存在網站違規開設、下線等問題',
                confidence: 'reconstructed',
                note: '甘肃通报批评违规开设、下线；子项与分值为重构。The Gansu bulletin criticises irregular openings and closures; sub-item and points are ours.',
              },
            },
          ],
        },
        {
          id: 'C2',
          title: '域名与标识规范',
          titleEn: 'Domain names and labels',
          points: '6',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'C2.1',
              title: '域名规范率',
              titleEn: 'Share of sites with compliant domain names',
              points: '6',
              method: {
                kind: 'ratio',
                measure: {
                  title: '域名符合规范的网站 ÷ 全部网站',
                  titleEn: 'Sites with compliant domains ÷ all sites',
                  unit: 'ratio',
                },
              },
              whenNotApplicable: 'rescale',
              evidence: '网站及域名清单、域名注册与登出材料。',
              provenance: {
                source: 'gansu-2019-2020q1',
                clause: '(三)政府網站域名管理工作水平有待提高',
                confidence: 'reconstructed',
                note: '域名管理见甘肃通报（国办函〔2018〕55号、甘政办函〔2018〕79号）；子项与按比例计分为重构。Domain rules per the Gansu bulletin; sub-item and scoring are ours.',
              },
            },
          ],
        },
        {
          id: 'C3',
          title: '信息报送系统',
          titleEn: 'National website information reporting system',
          points: '4',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'C3.1',
              title: '基本信息变更及时报备',
              titleEn: 'Changes of basic information reported on time',
              points: '4',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'C3.1-not-reported',
                    title: '未及时在信息报送系统中报备的变更',
                    titleEn: 'Change not reported in the information system',
                    description: '计数单位：项。',
                    deduct: '1',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每项扣1分为重构。1 each is ours.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'fullMarks',
              evidence: '全国政府网站信息报送系统中的变更记录。',
              provenance: {
                source: 'gansu-2019-2020q1',
                clause: '未及時在全國政府網站信息報送系統填報基本信息、申請網站標識碼',
                confidence: 'reconstructed',
                note: '甘肃通报批评未及时填报；子项与分值为重构。The Gansu bulletin criticises late filing; sub-item and points are ours.',
              },
            },
          ],
        },
        {
          id: 'C4',
          title: '安全防护',
          titleEn: 'Security',
          points: '4',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'C4.1',
              title: '安全检测、等级保护、日志留存不少于6个月',
              titleEn: 'Security testing, graded protection, logs kept at least 6 months',
              points: '4',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'C4.1-incident-or-gap',
                    title: '安全事件或缺少的安全措施',
                    titleEn: 'Security incident or missing security measure',
                    description: '计数单位：项。',
                    deduct: '2',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每项扣2分为重构；严重安全事件另按一票否决处理。2 each is ours; a serious incident is a veto instead.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'zero',
              evidence: '安全检测报告、等级保护测评材料、网站运行日志留存说明。',
              provenance: {
                source: 'jiangxi-2017-43',
                clause: '十一、（三）留存网站运行日志不少于六个月',
                confidence: 'reconstructed',
                note: '安全要求出自《政府网站发展指引》（经江西实施意见转引）；子项与分值为重构。The duties come from the 2017 guidelines; sub-item and points are ours.',
              },
            },
          ],
        },
      ],
    },
    {
      id: 'D',
      title: '保障监督',
      titleEn: 'Support and oversight',
      points: '15',
      provenance: {
        source: 'gansu-2019-2020q1',
        clause: '政府網站建設運行、常態化監管、網站管理和保障監督等4個方面',
        confidence: 'reconstructed',
        note: '方面名称为官方原文；15分为重构。The area name is official; its 15 points are ours.',
      },
      items: [
        {
          id: 'D1',
          title: '组织领导',
          titleEn: 'Leadership',
          points: '4',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'D1.1',
              title: '专题研究网站管理工作',
              titleEn: 'Website management discussed at a dedicated meeting',
              points: '4',
              method: { kind: 'check', requirement: '年内召开会议专题研究政府网站管理工作。' },
              whenNotApplicable: 'zero',
              evidence: '专题研究网站管理工作的会议纪要。',
              provenance: {
                source: 'gansu-2019-2020q1',
                clause: '能專題研究網站管理工作並將網站管理工作經費納入預算',
                confidence: 'reconstructed',
                note: '考核内容见甘肃通报；子项、分值与全有全无计分为重构。Checked per the Gansu bulletin; sub-item, points and all-or-nothing scoring are ours.',
              },
            },
          ],
        },
        {
          id: 'D2',
          title: '经费保障',
          titleEn: 'Funding',
          points: '4',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'D2.1',
              title: '网站工作经费纳入预算',
              titleEn: 'Website funding included in the budget',
              points: '4',
              method: { kind: 'check', requirement: '政府网站工作经费纳入本级（本部门）年度预算。' },
              whenNotApplicable: 'zero',
              evidence: '列明网站工作经费的预算文件。',
              provenance: {
                source: 'gansu-2019-2020q1',
                clause: '能專題研究網站管理工作並將網站管理工作經費納入預算',
                confidence: 'reconstructed',
                note: '考核内容见甘肃通报；子项、分值与全有全无计分为重构。Checked per the Gansu bulletin; sub-item, points and all-or-nothing scoring are ours.',
              },
            },
          ],
        },
        {
          id: 'D3',
          title: '机构人员与制度',
          titleEn: 'Staff, rules and training',
          points: '7',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项名称与分值为重构。Item name and points are ours.',
          },
          subItems: [
            {
              id: 'D3.1',
              title: '相对固定机构人员、健全工作制度、纳入绩效考核、开展培训',
              titleEn: 'Stable staff, complete work rules, part of performance appraisal, training held',
              points: '7',
              method: {
                kind: 'manual',
                guidance:
                  '按材料评分（0至7分）：有相对固定的机构和人员、健全的工作制度、网站工作纳入政府绩效考核、年内开展培训，缺项或材料不充分的酌情减分。',
              },
              whenNotApplicable: 'zero',
              evidence: '机构与人员分工文件、工作制度文本、绩效考核方案、培训通知与签到材料。',
              provenance: {
                source: 'gansu-2019-2020q1',
                clause:
                  '各市州均能將網站管理工作納入政府績效考核。網站管理部門基本健全完善各項工作制度,相對固定機構和人員開展網站日常管理工作',
                confidence: 'reconstructed',
                note: '考核内容见甘肃通报；子项、分值与人工评分为重构。Checked per the Gansu bulletin; sub-item, points and manual scoring are ours.',
              },
            },
          ],
        },
      ],
    },
  ],

  bonus: null,

  grades: [
    {
      id: 'excellent',
      title: '优秀',
      titleEn: 'Excellent',
      // 2018: "above 22.5 of 25"; the 2019 bulletin counts units "90分以上", which in Chinese includes 90
      atLeast: '90',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '据甘肃2018年等次（25分制，优秀为22.5分以上）折算为百分制；2019年通报的“90分以上”按含90分理解。Gansu 2018 bands scaled to 100; the 2019 bulletin’s “90分以上” is read as including 90.',
      },
    },
    {
      id: 'good',
      title: '良好',
      titleEn: 'Good',
      atLeast: '80',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '据甘肃2018年等次（良好20至22.5分）折算为百分制。Gansu 2018’s 20–22.5 band scaled to 100.',
      },
    },
    {
      id: 'pass',
      title: '合格',
      titleEn: 'Pass',
      atLeast: '60',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '60分合格线为重构（甘肃2018年未公布合格线）。The 60 pass mark is ours (Gansu 2018’s was not published).',
      },
    },
    {
      id: 'fail',
      title: '不合格',
      titleEn: 'Fail',
      atLeast: '0',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '低于60分或被一票否决为不合格；一票否决即不合格沿用甘肃2018年规则。Below 60, or vetoed (as in Gansu 2018).',
      },
    },
  ],

  policy: {
    passMark: '60',
    bonusGate: null,
    vetoedGrade: 'fail',
    // leaf rounding: each sub-item's awarded value is rounded, so areas and the total add up exactly as displayed
    rounding: { places: 2, mode: 'halfUp', stage: 'leaf' },
    provenance: {
      source: 'kaohe-reconstruction',
      confidence: 'reconstructed',
      note: '合格线60分、无加分、子项得分保留2位小数四舍五入后逐级相加，均为 Kaohe 假设；甘肃通报未规定舍入。Pass mark 60, no bonus, and rounding each sub-item to 2 places (half up) before adding are our assumptions; the Gansu bulletin declares no rounding.',
    },
  },
} satisfies RuleSetInput;

export default ruleSet;
