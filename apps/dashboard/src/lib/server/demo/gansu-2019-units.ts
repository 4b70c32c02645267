// The units of the Gansu 2019 annual assessment (甘肃省2019年度政府网站建设管理工作考核): 14 市州 and 37 省直部门.
// The four departments the bulletin names come first; the other 33 are real provincial departments of the time.
// 省机关事务局 is not among them: the bulletin says its site went online in 2019-09 and was not assessed.

export interface DemoUnit {
  code: string;
  name: string;
  nameEn: string;
}

export const gansuCities: readonly DemoUnit[] = [
  { code: 'gs-lanzhou', name: '兰州市', nameEn: 'Lanzhou' },
  { code: 'gs-jiayuguan', name: '嘉峪关市', nameEn: 'Jiayuguan' },
  { code: 'gs-jinchang', name: '金昌市', nameEn: 'Jinchang' },
  { code: 'gs-baiyin', name: '白银市', nameEn: 'Baiyin' },
  { code: 'gs-tianshui', name: '天水市', nameEn: 'Tianshui' },
  { code: 'gs-wuwei', name: '武威市', nameEn: 'Wuwei' },
  { code: 'gs-zhangye', name: '张掖市', nameEn: 'Zhangye' },
  { code: 'gs-pingliang', name: '平凉市', nameEn: 'Pingliang' },
  { code: 'gs-jiuquan', name: '酒泉市', nameEn: 'Jiuquan' },
  { code: 'gs-qingyang', name: '庆阳市', nameEn: 'Qingyang' },
  { code: 'gs-dingxi', name: '定西市', nameEn: 'Dingxi' },
  { code: 'gs-longnan', name: '陇南市', nameEn: 'Longnan' },
  { code: 'gs-linxia', name: '临夏州', nameEn: 'Linxia Hui Autonomous Prefecture' },
  { code: 'gs-gannan', name: '甘南州', nameEn: 'Gannan Tibetan Autonomous Prefecture' },
];

export const gansuDepartments: readonly DemoUnit[] = [
  { code: 'gs-dept-kjt', name: '省科技厅', nameEn: 'Department of Science and Technology' },
  { code: 'gs-dept-zrzyt', name: '省自然资源厅', nameEn: 'Department of Natural Resources' },
  { code: 'gs-dept-zjt', name: '省住建厅', nameEn: 'Department of Housing and Urban-Rural Development' },
  { code: 'gs-dept-lcj', name: '省林草局', nameEn: 'Forestry and Grassland Administration' },
  { code: 'gs-dept-fgw', name: '省发展改革委', nameEn: 'Development and Reform Commission' },
  { code: 'gs-dept-jyt', name: '省教育厅', nameEn: 'Department of Education' },
  { code: 'gs-dept-gxt', name: '省工信厅', nameEn: 'Department of Industry and Information Technology' },
  { code: 'gs-dept-mw', name: '省民委', nameEn: 'Ethnic Affairs Commission' },
  { code: 'gs-dept-gat', name: '省公安厅', nameEn: 'Department of Public Security' },
  { code: 'gs-dept-mzt', name: '省民政厅', nameEn: 'Department of Civil Affairs' },
  { code: 'gs-dept-sft', name: '省司法厅', nameEn: 'Department of Justice' },
  { code: 'gs-dept-czt', name: '省财政厅', nameEn: 'Department of Finance' },
  { code: 'gs-dept-rst', name: '省人社厅', nameEn: 'Department of Human Resources and Social Security' },
  { code: 'gs-dept-sthjt', name: '省生态环境厅', nameEn: 'Department of Ecology and Environment' },
  { code: 'gs-dept-jtyst', name: '省交通运输厅', nameEn: 'Department of Transport' },
  { code: 'gs-dept-slt', name: '省水利厅', nameEn: 'Department of Water Resources' },
  { code: 'gs-dept-nynct', name: '省农业农村厅', nameEn: 'Department of Agriculture and Rural Affairs' },
  { code: 'gs-dept-swt', name: '省商务厅', nameEn: 'Department of Commerce' },
  { code: 'gs-dept-whlyt', name: '省文旅厅', nameEn: 'Department of Culture and Tourism' },
  { code: 'gs-dept-wjw', name: '省卫生健康委', nameEn: 'Health Commission' },
  { code: 'gs-dept-tyjrt', name: '省退役军人厅', nameEn: 'Department of Veterans Affairs' },
  { code: 'gs-dept-yjt', name: '省应急厅', nameEn: 'Department of Emergency Management' },
  { code: 'gs-dept-sjt', name: '省审计厅', nameEn: 'Audit Office' },
  { code: 'gs-dept-wb', name: '省外办', nameEn: 'Foreign Affairs Office' },
  {
    code: 'gs-dept-gzw',
    name: '省国资委',
    nameEn: 'State-owned Assets Supervision and Administration Commission',
  },
  { code: 'gs-dept-scjgj', name: '省市场监管局', nameEn: 'Administration for Market Regulation' },
  { code: 'gs-dept-gdj', name: '省广电局', nameEn: 'Radio and Television Administration' },
  { code: 'gs-dept-tyj', name: '省体育局', nameEn: 'Sports Bureau' },
  { code: 'gs-dept-tjj', name: '省统计局', nameEn: 'Bureau of Statistics' },
  { code: 'gs-dept-ybj', name: '省医保局', nameEn: 'Healthcare Security Administration' },
  { code: 'gs-dept-fpb', name: '省扶贫办', nameEn: 'Poverty Alleviation and Development Office' },
  { code: 'gs-dept-jrj', name: '省地方金融监管局', nameEn: 'Local Financial Supervision Bureau' },
  { code: 'gs-dept-xfj', name: '省信访局', nameEn: 'Bureau of Letters and Calls' },
  { code: 'gs-dept-lsj', name: '省粮食和物资储备局', nameEn: 'Food and Strategic Reserves Administration' },
  { code: 'gs-dept-yjj', name: '省药监局', nameEn: 'Medical Products Administration' },
  { code: 'gs-dept-zscqj', name: '省知识产权局', nameEn: 'Intellectual Property Administration' },
  { code: 'gs-dept-rfb', name: '省人防办', nameEn: 'Civil Air Defence Office' },
];
