import type { RuleSetInput } from '../schema.js';
import { sources } from './sources.js';

// National 2019 annual assessment of supervision work (《政府网站与政务新媒体监管工作年度考核指标》,
// 国办秘函〔2019〕19号 附件2): provincial general offices and State Council department offices.
//
// Known: veto → 不合格; deductions worth 100, below 60 fails; above 80 the bonus (max 20) is scored; per-indicator
// cap; the “我为政府网站找错” rules (−3 per unresolved message, −2 per message resolved after more than a month);
// +5 when all the unit's websites are on the consolidated platform. The topics of the rest come from the national
// supervision report form (spot checks and their publication, security checks, opening / merging / closing sites,
// impersonating sites, training, annual reports). The areas, items, sub-items, their points, every other amount,
// the veto counts, the grade bands and the rounding are Kaohe's reconstruction and are labelled as such.
//
// Id scheme: areas are short English words (`oversight`, `security`, `management`, `support`); items and
// sub-items extend their parent's id with a dot (`oversight.find-error.messages`), criteria likewise; bonus
// indicators are `bonus.<what>`; measurements camelCase; vetoes `veto-<what>`; grades excellent / good / pass /
// fail.
//
// whenNotApplicable: 'fullMarks' where not applicable means nothing happened that could go wrong (no messages,
// no site opened or closed, no impersonating site); 'rescale' where a unit may legitimately have nothing to
// measure (no subordinate sites or hosts); 'zero' for duties every unit has.

const ruleSet = {
  id: 'cn-2019-supervision-assessment',
  title: '政府网站与政务新媒体监管工作年度考核指标（2019年国家版）',
  titleEn: 'Annual assessment of government website and new-media supervision (national, 2019)',
  description:
    '对各省（区、市）政府办公厅和国务院各部门办公厅（室）监管工作的年度考核：单项否决、扣分指标（100分）、加分指标（20分）。',
  version: '1.0.0',
  jurisdiction: '国务院办公厅',
  sources: [
    sources['gbmh-2019-19'],
    sources['gbmh-2019-19-inspection'],
    sources['gbmh-2019-19-assessment'],
    sources['gbf-2017-47'],
    sources['jiangxi-2017-43'],
    sources['jiangxi-2018-q1'],
    sources['kaohe-reconstruction'],
  ],
  provenance: {
    source: 'gbmh-2019-19-assessment',
    confidence: 'paraphrased',
    note: '评分方法、“我为政府网站找错”扣分规则和集约化加5分为已知；其余结构与分值为 Kaohe 重构，见各节点。The method, the message rules and the +5 consolidation bonus are known; the rest of the structure and every other number are Kaohe reconstruction (see each node).',
  },
  kind: 'assessment',
  total: '100',

  measurements: [
    {
      id: 'seriousMisstatementFailures',
      title: '国办抽查中因严重表述错误被单项否决的网站、政务新媒体数',
      titleEn: 'Sites or accounts of the unit vetoed for serious misstatements in a national spot check',
      kind: 'count',
      unit: '个',
      provenance: {
        source: 'gbmh-2019-19-assessment',
        clause: '单项否决：国办抽查发现多个网站或政务新媒体存在严重表述错误',
        confidence: 'paraphrased',
      },
    },
    {
      id: 'otherFailures',
      title: '国办抽查中因其他问题不合格的网站、政务新媒体数',
      titleEn: 'Sites or accounts of the unit failing a national spot check for other reasons',
      kind: 'count',
      unit: '个',
      provenance: {
        source: 'gbmh-2019-19-assessment',
        clause: '单项否决：国办抽查中不合格网站超过一定数量',
        confidence: 'paraphrased',
      },
    },
  ],

  vetoes: [
    {
      id: 'veto-misstatement',
      title: '多个网站或政务新媒体因严重表述错误被单项否决',
      titleEn: 'Several sites or accounts vetoed for serious misstatements',
      when: {
        kind: 'compare',
        measurement: 'seriousMisstatementFailures',
        op: '>=',
        // "several" (多个): two is the smallest number that is more than one
        value: '2',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '原文为“多个”，按2个及以上计为重构。The text says “several”; reading it as 2 or more is ours.',
        },
      },
      provenance: {
        source: 'gbmh-2019-19-assessment',
        clause: '单项否决',
        confidence: 'paraphrased',
      },
    },
    {
      id: 'veto-failures',
      title: '多个网站或政务新媒体因其他问题检查不合格',
      titleEn: 'Too many sites or accounts failing for other reasons',
      when: {
        kind: 'compare',
        measurement: 'otherFailures',
        op: '>',
        value: '5',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '原文的数量N未能核实，假设为“超过5个”。The count N in the text is unknown; we assume more than 5.',
        },
      },
      provenance: {
        source: 'gbmh-2019-19-assessment',
        clause: '单项否决',
        confidence: 'paraphrased',
      },
    },
  ],

  areas: [
    {
      id: 'oversight',
      title: '常态化监管',
      titleEn: 'Routine supervision',
      points: '40',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '方面划分与40分为重构；主题来自国家监管年度报表。Area and its 40 points are ours; the topics come from the national report form.',
      },
      items: [
        {
          id: 'oversight.spot-checks',
          title: '抽查检查',
          titleEn: 'Spot checks',
          points: '15',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项与分值为重构。Item and points are ours.',
          },
          subItems: [
            {
              id: 'oversight.spot-checks.quarterly',
              title: '每季度开展抽查，抽查比例不低于30%',
              titleEn: 'Quarterly spot checks covering at least 30% of sites',
              points: '10',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'oversight.spot-checks.quarterly.missed',
                    title: '未开展抽查或抽查比例低于30%的季度',
                    titleEn: 'Quarter without spot checks or below 30%',
                    description: '计数单位：个。',
                    // four quarters × 2.5 = the sub-item's 10 points
                    deduct: '2.5',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每季度扣2.5分为重构。2.5 per quarter is ours.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'zero',
              evidence: '各季度抽查名单、抽查比例及结果。',
              provenance: {
                source: 'gbf-2017-47',
                clause: '监督考核：每季度抽查，抽查比例不低于30%',
                confidence: 'reconstructed',
                note: '30%要求出自《政府网站发展指引》（见江西赣府厅发〔2017〕43号十三（一）转引）；子项与分值为重构。The 30% rule is in the 2017 guidelines (as copied by Jiangxi); sub-item and points are ours.',
              },
            },
            {
              id: 'oversight.spot-checks.published',
              title: '抽查结果及时公开',
              titleEn: 'Spot-check results published',
              points: '5',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'oversight.spot-checks.published.missing',
                    title: '抽查情况未在门户网站公开的季度',
                    titleEn: 'Quarter whose spot-check results were not published',
                    description: '计数单位：个。',
                    deduct: '1.25',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每季度扣1.25分为重构（4个季度合计5分）。1.25 per quarter (5 over four quarters) is ours.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'zero',
              evidence: '门户网站上各季度抽查情况公开页面的链接。',
              provenance: {
                source: 'gbf-2017-47',
                clause: '监督考核：抽查结果及时公开',
                confidence: 'reconstructed',
                note: '公开要求出自《政府网站发展指引》（见江西实施意见十三（一）转引）；子项与分值为重构。The duty is in the 2017 guidelines; sub-item and points are ours.',
              },
            },
          ],
        },
        {
          id: 'oversight.find-error',
          title: '“我为政府网站找错”留言办理',
          titleEn: 'Handling of “report an error” messages',
          points: '15',
          provenance: {
            source: 'gbmh-2019-19-assessment',
            clause: '“我为政府网站找错”平台留言办理',
            confidence: 'reconstructed',
            note: '扣分规则为已知；本分项15分为重构。The deduction rules are known; the item’s 15 points are ours.',
          },
          subItems: [
            {
              id: 'oversight.find-error.messages',
              title: '上一年度“我为政府网站找错”留言按期办结',
              titleEn: 'Previous year’s “report an error” messages resolved on time',
              points: '15',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'oversight.find-error.messages.unresolved',
                    title: '留言未办结',
                    titleEn: 'Message not resolved',
                    description: '计数单位：条。',
                    deduct: '3',
                    provenance: {
                      source: 'gbmh-2019-19-assessment',
                      clause: '“我为政府网站找错”留言：未办结的每条扣3分',
                      confidence: 'paraphrased',
                    },
                  },
                  {
                    id: 'oversight.find-error.messages.late',
                    title: '超过1个月办结的留言',
                    titleEn: 'Message resolved after more than a month',
                    description: '计数单位：条。',
                    deduct: '2',
                    provenance: {
                      source: 'gbmh-2019-19-assessment',
                      clause: '“我为政府网站找错”留言：超过1个月办结的每条扣2分',
                      confidence: 'paraphrased',
                    },
                  },
                ],
              },
              // no message received: nothing could be left unresolved
              whenNotApplicable: 'fullMarks',
              evidence: '中国政府网“我为政府网站找错”平台上一年度留言及办理记录（含办结日期）。',
              provenance: {
                source: 'gbmh-2019-19-assessment',
                clause: '“我为政府网站找错”平台留言办理',
                confidence: 'reconstructed',
                note: '子项15分为重构。The sub-item’s 15 points are ours.',
              },
            },
          ],
        },
        {
          id: 'oversight.rectification',
          title: '问题整改',
          titleEn: 'Rectification',
          points: '10',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项与分值为重构。Item and points are ours.',
          },
          subItems: [
            {
              id: 'oversight.rectification.fixed',
              title: '检查发现问题整改到位率',
              titleEn: 'Share of problems found by checks that were fixed',
              points: '6',
              method: {
                kind: 'ratio',
                measure: {
                  title: '已整改到位或规范关停的问题网站、账号 ÷ 检查发现的问题网站、账号',
                  titleEn: 'Problem sites or accounts fixed or properly closed ÷ those found',
                  unit: 'ratio',
                },
              },
              // nothing was found: nothing to fix
              whenNotApplicable: 'fullMarks',
              evidence: '问题清单及逐项整改、复查情况。',
              provenance: {
                source: 'jiangxi-2018-q1',
                clause: '一、（二）整改復查情況',
                confidence: 'reconstructed',
                note: '整改复查口径参照江西通报；子项与分值为重构。The measure follows Jiangxi’s re-check; sub-item and points are ours.',
              },
            },
            {
              id: 'oversight.rectification.reported',
              title: '整改问责情况按时报送',
              titleEn: 'Rectification and accountability reported on time',
              points: '4',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'oversight.rectification.reported.late',
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
              evidence: '整改问责情况报送文件及日期。',
              provenance: {
                source: 'kaohe-reconstruction',
                confidence: 'reconstructed',
                note: '子项与分值为重构。Sub-item and points are ours.',
              },
            },
          ],
        },
      ],
    },
    {
      id: 'security',
      title: '安全管理',
      titleEn: 'Security',
      points: '15',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '方面划分与15分为重构；主题（安全检查、假冒网站处置）来自国家监管年度报表。Area and its 15 points are ours; the topics come from the national report form.',
      },
      items: [
        {
          id: 'security.checks',
          title: '安全检查',
          titleEn: 'Security checks',
          points: '10',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项与分值为重构。Item and points are ours.',
          },
          subItems: [
            {
              id: 'security.checks.regular',
              title: '定期开展安全检查、监测预警与应急处置',
              titleEn: 'Regular security checks, monitoring and incident response',
              points: '10',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'security.checks.regular.gap',
                    title: '未开展的安全检查或缺失的安全措施',
                    titleEn: 'Security check not done or security measure missing',
                    description: '计数单位：项。',
                    deduct: '2.5',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每项扣2.5分为重构。2.5 each is ours.',
                    },
                  },
                  {
                    id: 'security.checks.regular.incident',
                    title: '所属网站发生安全事件（未达单项否决程度）',
                    titleEn: 'Security incident on one of the unit’s sites, below veto level',
                    description: '计数单位：起。',
                    deduct: '5',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每起扣5分为重构。5 per incident is ours.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'zero',
              evidence: '安全检查通知与报告、等级保护测评材料、监测预警与应急预案。',
              provenance: {
                source: 'gbf-2017-47',
                clause: '安全防护：定期开展安全检测评估，建立监测预警和应急响应机制',
                confidence: 'reconstructed',
                note: '安全要求出自《政府网站发展指引》（见江西实施意见十一转引）；子项与分值为重构。The duties are in the 2017 guidelines; sub-item and points are ours.',
              },
            },
          ],
        },
        {
          id: 'security.impersonation',
          title: '假冒政府网站处置',
          titleEn: 'Impersonating websites',
          points: '5',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项与分值为重构。Item and points are ours.',
          },
          subItems: [
            {
              id: 'security.impersonation.handled',
              title: '及时发现并处置假冒政府网站',
              titleEn: 'Impersonating websites found and dealt with in time',
              points: '5',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'security.impersonation.handled.late',
                    title: '未及时处置的假冒政府网站',
                    titleEn: 'Impersonating website not dealt with in time',
                    description: '计数单位：个。',
                    deduct: '2.5',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每个扣2.5分为重构。2.5 each is ours.',
                    },
                  },
                ],
              },
              // no impersonating site appeared: nothing to deal with
              whenNotApplicable: 'fullMarks',
              evidence: '发现的假冒网站清单及商请网信部门处置的记录。',
              provenance: {
                source: 'gbf-2017-47',
                clause: '安全防护：及时处置假冒政府网站',
                confidence: 'reconstructed',
                note: '处置要求出自《政府网站发展指引》（见江西实施意见十一（四）转引）；子项与分值为重构。The duty is in the 2017 guidelines; sub-item and points are ours.',
              },
            },
          ],
        },
      ],
    },
    {
      id: 'management',
      title: '网站管理',
      titleEn: 'Website management',
      points: '25',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '方面划分与25分为重构；主题（开设、整合、关停，年度报表）来自国家监管年度报表。Area and its 25 points are ours; the topics come from the national report form.',
      },
      items: [
        {
          id: 'management.lifecycle',
          title: '网站开设、整合与关停',
          titleEn: 'Opening, merging and closing sites',
          points: '10',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项与分值为重构。Item and points are ours.',
          },
          subItems: [
            {
              id: 'management.lifecycle.procedure',
              title: '网站开设、整合、关停按程序审批、公告并更新信息报送系统',
              titleEn: 'Sites opened, merged or closed with approval, notice and an updated registry entry',
              points: '10',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'management.lifecycle.procedure.irregular',
                    title: '未按程序开设、整合或关停的网站',
                    titleEn: 'Site opened, merged or closed outside the procedure',
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
              // no site opened, merged or closed this year
              whenNotApplicable: 'fullMarks',
              evidence: '年内开设、整合、关停网站的审批文件、公告及信息报送系统记录。',
              provenance: {
                source: 'gbf-2017-47',
                clause: '开设整合、迁移关停程序',
                confidence: 'reconstructed',
                note: '程序要求出自《政府网站发展指引》；子项与分值为重构。The procedure is in the 2017 guidelines; sub-item and points are ours.',
              },
            },
          ],
        },
        {
          id: 'management.registry',
          title: '全国政府网站信息报送系统',
          titleEn: 'National website information reporting system',
          points: '5',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项与分值为重构。Item and points are ours.',
          },
          subItems: [
            {
              id: 'management.registry.accurate',
              title: '网站基本信息及时准确填报',
              titleEn: 'Basic site information filed accurately and on time',
              points: '5',
              method: {
                kind: 'deduct',
                criteria: [
                  {
                    id: 'management.registry.accurate.stale',
                    title: '基本信息未及时更新或有误的网站',
                    titleEn: 'Site whose basic information is outdated or wrong',
                    description: '计数单位：个。',
                    deduct: '1',
                    provenance: {
                      source: 'kaohe-reconstruction',
                      confidence: 'reconstructed',
                      note: '每个扣1分为重构。1 per site is ours.',
                    },
                  },
                ],
              },
              whenNotApplicable: 'fullMarks',
              evidence: '全国政府网站信息报送系统中的网站基本信息与变更记录。',
              provenance: {
                source: 'kaohe-reconstruction',
                confidence: 'reconstructed',
                note: '子项与分值为重构。Sub-item and points are ours.',
              },
            },
          ],
        },
        {
          id: 'management.annual-reports',
          title: '年度报表',
          titleEn: 'Annual reports',
          points: '10',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项与分值为重构。Item and points are ours.',
          },
          subItems: [
            {
              id: 'management.annual-reports.supervision',
              title: '政府网站与政务新媒体监管年度报表按时报送并公开',
              titleEn: 'Annual supervision report filed and published on time',
              points: '5',
              method: { kind: 'check', requirement: '监管年度报表按时报送并于1月31日前公开。' },
              whenNotApplicable: 'zero',
              evidence: '监管年度报表及其公开页面、发布日期。',
              provenance: {
                source: 'gbmh-2019-19-assessment',
                clause: '监管年度报表',
                confidence: 'reconstructed',
                note: '子项、分值与全有全无计分为重构。Sub-item, points and all-or-nothing scoring are ours.',
              },
            },
            {
              id: 'management.annual-reports.websites',
              title: '所属网站工作年度报表按时公开',
              titleEn: 'Annual work reports of the unit’s sites published on time',
              points: '5',
              method: {
                kind: 'ratio',
                measure: {
                  title: '1月31日前公开年度报表的网站 ÷ 全部网站',
                  titleEn: 'Sites publishing their annual report by 31 January ÷ all sites',
                  unit: 'ratio',
                },
              },
              whenNotApplicable: 'rescale',
              evidence: '各网站年度报表的公开页面及发布日期。',
              provenance: {
                source: 'jiangxi-2017-43',
                clause: '十三、（五）于每年1月31日前向社会公开',
                confidence: 'reconstructed',
                note: '1月31日期限出自《政府网站发展指引》（经江西实施意见转引）；子项与按比例计分为重构。The deadline is in the 2017 guidelines; sub-item and scoring are ours.',
              },
            },
          ],
        },
      ],
    },
    {
      id: 'support',
      title: '保障机制',
      titleEn: 'Support',
      points: '20',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '方面划分与20分为重构；主题（人员培训）来自国家监管年度报表。Area and its 20 points are ours; the training topic comes from the national report form.',
      },
      items: [
        {
          id: 'support.training',
          title: '人员培训',
          titleEn: 'Staff training',
          points: '10',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项与分值为重构。Item and points are ours.',
          },
          subItems: [
            {
              id: 'support.training.held',
              title: '年内组织政府网站与政务新媒体工作培训',
              titleEn: 'Training on websites and new media held during the year',
              points: '5',
              method: {
                kind: 'check',
                requirement: '年内至少组织1次本地区、本部门政府网站与政务新媒体工作人员培训。',
              },
              whenNotApplicable: 'zero',
              evidence: '培训通知、日程与签到材料。',
              provenance: {
                source: 'jiangxi-2017-43',
                clause: '十三、（三）将政府网站工作纳入干部教育培训体系，定期组织开展培训',
                confidence: 'reconstructed',
                note: '培训要求出自《政府网站发展指引》（经江西实施意见转引）；子项与分值为重构。The duty is in the 2017 guidelines; sub-item and points are ours.',
              },
            },
            {
              id: 'support.training.coverage',
              title: '培训覆盖所属网站、政务新媒体主办单位',
              titleEn: 'Training reaches the hosts of the unit’s sites and accounts',
              points: '5',
              method: {
                kind: 'ratio',
                measure: {
                  title: '参加培训的主办单位 ÷ 全部主办单位',
                  titleEn: 'Hosting bodies that took part ÷ all hosting bodies',
                  unit: 'ratio',
                },
              },
              // a unit whose only site it hosts itself has no other hosts to reach
              whenNotApplicable: 'rescale',
              evidence: '参训单位名单。',
              provenance: {
                source: 'kaohe-reconstruction',
                confidence: 'reconstructed',
                note: '子项与按比例计分为重构。Sub-item and scoring are ours.',
              },
            },
          ],
        },
        {
          id: 'support.organisation',
          title: '机构人员与经费',
          titleEn: 'Staff and funding',
          points: '10',
          provenance: {
            source: 'kaohe-reconstruction',
            confidence: 'reconstructed',
            note: '分项与分值为重构。Item and points are ours.',
          },
          subItems: [
            {
              id: 'support.organisation.staff',
              title: '明确监管机构和专职人员',
              titleEn: 'Supervising office and dedicated staff designated',
              points: '5',
              method: { kind: 'check', requirement: '明确负责政府网站与政务新媒体监管的机构和人员。' },
              whenNotApplicable: 'zero',
              evidence: '机构职责与人员分工文件。',
              provenance: {
                source: 'kaohe-reconstruction',
                confidence: 'reconstructed',
                note: '子项与分值为重构。Sub-item and points are ours.',
              },
            },
            {
              id: 'support.organisation.budget',
              title: '网站工作经费足额纳入预算',
              titleEn: 'Website funding fully included in the budget',
              points: '5',
              method: { kind: 'check', requirement: '政府网站工作经费足额纳入年度预算。' },
              whenNotApplicable: 'zero',
              evidence: '列明网站工作经费的预算文件。',
              provenance: {
                source: 'jiangxi-2017-43',
                clause: '十三、（四）把政府网站经费足额纳入预算',
                confidence: 'reconstructed',
                note: '经费要求出自《政府网站发展指引》（经江西实施意见转引）；子项与分值为重构。The duty is in the 2017 guidelines; sub-item and points are ours.',
              },
            },
          ],
        },
      ],
    },
  ],

  bonus: {
    points: '20',
    provenance: {
      source: 'gbmh-2019-19-assessment',
      clause: '加分指标',
      confidence: 'paraphrased',
      note: '加分最多20分、集约化加5分为已知；其余加分指标为重构。Up to 20 and the +5 consolidation criterion are known; the other indicators are ours.',
    },
    indicators: [
      {
        id: 'bonus.consolidation',
        title: '集约化建设',
        titleEn: 'Consolidated platform',
        points: '5',
        provenance: {
          source: 'gbmh-2019-19-assessment',
          clause: '加分指标·集约化',
          confidence: 'official',
          note: '本指标只含官方的加5分一项。This indicator holds only the official +5 criterion.',
        },
        criteria: [
          {
            id: 'bonus.consolidation.full-migration',
            title: '所属政府网站全部迁移至集约化平台',
            titleEn: 'All of the unit’s websites migrated to the consolidated platform',
            award: '5',
            provenance: {
              source: 'gbmh-2019-19-assessment',
              clause: '加分指标·集约化：所属网站全部迁移至集约化平台的，加5分',
              confidence: 'official',
            },
          },
        ],
      },
      {
        id: 'bonus.innovation',
        title: '创新发展',
        titleEn: 'Innovation',
        points: '6',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标与6分为重构。Indicator and its 6 points are ours.',
        },
        criteria: [
          {
            id: 'bonus.innovation.promoted',
            title: '经验做法被国务院办公厅通报表扬或推广',
            titleEn: 'Practice commended or promoted by the General Office of the State Council',
            description: '计数单位：项。',
            award: '3',
            maxAward: '6',
            provenance: {
              source: 'kaohe-reconstruction',
              confidence: 'reconstructed',
              note: '每项加3分、最多6分为重构。3 each, at most 6, is ours.',
            },
          },
        ],
      },
      {
        id: 'bonus.integration',
        title: '融合发展',
        titleEn: 'Integration',
        points: '5',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标与5分为重构。Indicator and its 5 points are ours.',
        },
        criteria: [
          {
            id: 'bonus.integration.service-platform',
            title: '政府门户网站与政务服务平台前端整合',
            titleEn: 'Portal integrated at the front end with the government service platform',
            award: '3',
            provenance: {
              source: 'kaohe-reconstruction',
              confidence: 'reconstructed',
              note: '加3分为重构。The amount is ours.',
            },
          },
          {
            id: 'bonus.integration.new-media',
            title: '政府网站与政务新媒体协同联动、同步发布',
            titleEn: 'Websites and new-media accounts publish in concert',
            award: '2',
            provenance: {
              source: 'kaohe-reconstruction',
              confidence: 'reconstructed',
              note: '加2分为重构。The amount is ours.',
            },
          },
        ],
      },
      {
        id: 'bonus.quality',
        title: '检查全部合格',
        titleEn: 'All checks passed',
        points: '4',
        provenance: {
          source: 'kaohe-reconstruction',
          confidence: 'reconstructed',
          note: '指标与4分为重构。Indicator and its 4 points are ours.',
        },
        criteria: [
          {
            id: 'bonus.quality.all-passed',
            title: '所属网站、政务新媒体在国办全年抽查中全部合格',
            titleEn: 'All the unit’s sites and accounts passed every national spot check of the year',
            award: '4',
            provenance: {
              source: 'kaohe-reconstruction',
              confidence: 'reconstructed',
              note: '加4分为重构。The amount is ours.',
            },
          },
        ],
      },
    ],
  },

  grades: [
    {
      id: 'excellent',
      title: '优秀',
      titleEn: 'Excellent',
      atLeast: '90',
      provenance: {
        source: 'kaohe-reconstruction',
        confidence: 'reconstructed',
        note: '国家考核的等次划分未能核实；采用常见的90/80/60分档。The national grade bands are unverified; we use the common 90 / 80 / 60 bands.',
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
        note: '分档为重构。The band is ours.',
      },
    },
    {
      id: 'pass',
      title: '合格',
      titleEn: 'Pass',
      atLeast: '60',
      provenance: {
        source: 'gbmh-2019-19-assessment',
        clause: '评分方法：低于60分为不合格',
        confidence: 'reconstructed',
        note: '60分合格线为已知（转述）；等次设置与“合格”名称为重构。The 60 pass mark is known (paraphrased); the grade scheme and its name are ours.',
      },
    },
    {
      id: 'fail',
      title: '不合格',
      titleEn: 'Fail',
      atLeast: '0',
      provenance: {
        source: 'gbmh-2019-19-assessment',
        clause: '评分方法：单项否决或低于60分为不合格',
        confidence: 'reconstructed',
        note: '单项否决或低于60分为不合格为已知（转述）；作为等次列出为重构。Veto or below 60 fails is known (paraphrased); listing it as a grade is ours.',
      },
    },
  ],

  policy: {
    passMark: '60',
    bonusGate: { above: '80' },
    vetoedGrade: 'fail',
    rounding: { places: 2, mode: 'halfUp', stage: 'total' },
    provenance: {
      source: 'gbmh-2019-19-assessment',
      clause: '评分方法',
      confidence: 'reconstructed',
      note: '单项否决即不合格、低于60分不合格、高于80分方计加分（最多20分）为官方评分方法（转述）；国家原文未规定舍入，保留2位小数、四舍五入、只对总分舍入为 Kaohe 假设。Veto fails, below 60 fails and the bonus above 80 (max 20) are the official method (paraphrased). The text declares no rounding: 2 places, half up, on the total, is our assumption.',
    },
  },
} satisfies RuleSetInput;

export default ruleSet;
