// A small typed dictionary: Simplified Chinese is the default and the reference; English must cover every key.

export const languages = ['zh', 'en'] as const;
export type Lang = (typeof languages)[number];
export const defaultLang: Lang = 'zh';
export const langCookieName = 'lang';

export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'zh';
}

/** BCP 47 tag for <html lang> and Intl. */
export function localeOf(lang: Lang): string {
  return lang === 'en' ? 'en' : 'zh-Hans-CN';
}

const zh = {
  'app.name': '考核',
  'app.title': '政府网站监管考核',
  'nav.rankings': '排名',
  'nav.rules': '考核规则',
  'nav.admin': '管理',
  'nav.myUnit': '本单位',
  'nav.skip': '跳到正文',
  'lang.switch': 'English',
  'lang.label': '语言',
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.username': '用户名',
  'auth.password': '密码',
  'auth.loggedInAs': '当前用户：{name}（{role}）',
  'auth.invalid': '用户名或密码不正确。',
  'auth.locked': '登录失败次数过多，请于 {time} 后再试。',
  'auth.required': '请先登录。',
  'auth.demoHint': '演示账号见 README（apps/dashboard/README.md）。',
  'role.admin': '管理员',
  'role.assessor': '填报员',
  'role.reviewer': '复核员',
  'role.leader': '领导',
  'error.forbidden': '无权访问：当前账号不能执行此操作。',
  'error.notFound': '未找到该页面或数据。',
  'error.badRequest': '请求参数有误。',
  'error.server': '服务器内部错误，请稍后再试。',
  'error.title': '出错了',
  'error.back': '返回首页',
  'field.required': '必填。',
  'health.ok': '正常',
  'cycle.status.open': '自查自评中',
  'cycle.status.review': '复核中',
  'cycle.status.published': '已发布',
  'group.label': '分组',
  'home.title': '考核项目',
  'home.cycles': '考核周期',
  'home.noCycles': '暂无考核周期。',
  'admin.title': '管理',
  'admin.users': '用户',
  'admin.cycles': '考核周期',
  'admin.unit': '所属单位',
  'admin.role': '角色',
  'admin.status': '状态',
  'admin.advance': '进入下一阶段',
  'admin.advanceTo': '改为：{status}',
  'admin.conflict': '该周期已被他人修改，请刷新后重试。',
  'admin.invalidTransition': '不能从“{from}”改为“{to}”。',
  'admin.statusChanged': '已将“{cycle}”改为“{status}”。',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.name': 'Kaohe',
  'app.title': 'Government website supervision assessment',
  'nav.rankings': 'Rankings',
  'nav.rules': 'Rules',
  'nav.admin': 'Admin',
  'nav.myUnit': 'My unit',
  'nav.skip': 'Skip to content',
  'lang.switch': '中文',
  'lang.label': 'Language',
  'auth.login': 'Log in',
  'auth.logout': 'Log out',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.loggedInAs': 'Signed in as {name} ({role})',
  'auth.invalid': 'Wrong username or password.',
  'auth.locked': 'Too many failed attempts; try again after {time}.',
  'auth.required': 'Please log in first.',
  'auth.demoHint': 'Demo accounts are listed in the README (apps/dashboard/README.md).',
  'role.admin': 'Administrator',
  'role.assessor': 'Assessor',
  'role.reviewer': 'Reviewer',
  'role.leader': 'Leader',
  'error.forbidden': 'Forbidden: this account may not do that.',
  'error.notFound': 'Page or data not found.',
  'error.badRequest': 'Invalid request parameters.',
  'error.server': 'Internal server error; please try again later.',
  'error.title': 'Something went wrong',
  'error.back': 'Back to the start page',
  'field.required': 'Required.',
  'health.ok': 'OK',
  'cycle.status.open': 'Self-evaluation open',
  'cycle.status.review': 'Under review',
  'cycle.status.published': 'Published',
  'group.label': 'Group',
  'home.title': 'Programmes',
  'home.cycles': 'Cycles',
  'home.noCycles': 'No cycles yet.',
  'admin.title': 'Administration',
  'admin.users': 'Users',
  'admin.cycles': 'Cycles',
  'admin.unit': 'Unit',
  'admin.role': 'Role',
  'admin.status': 'Status',
  'admin.advance': 'Advance',
  'admin.advanceTo': 'Change to: {status}',
  'admin.conflict': 'Someone else changed this cycle; reload and try again.',
  'admin.invalidTransition': 'Cannot change from “{from}” to “{to}”.',
  'admin.statusChanged': '“{cycle}” is now “{status}”.',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dictionary = dictionaries[lang];
  return (key, params) => {
    const template = dictionary[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

/** Names in Chinese collation (pinyin order), whatever the UI language. */
export const chineseCollator = new Intl.Collator('zh-Hans-CN');
