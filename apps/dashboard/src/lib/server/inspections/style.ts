import type { DisplayRounding } from '@kaohe/scoring';

// How a programme's bulletin prints its figures. There is no column for it: each office's bulletins declare it
// by example, so it is chosen here per programme from how its published bulletin prints each figure.

export interface BulletinStyle {
  /** pass rates, failure shares and the share of each reason */
  websites: DisplayRounding;
  newMedia: DisplayRounding;
  /** the sampling ratio (抽查比例), often printed as a whole percent ("40%") */
  samplingRatio: DisplayRounding;
  /** the office that signs the bulletin, for the draft */
  office: string | null;
  /** how the draft names the checks the supervising offices (主管单位) reported on the accounts they oversee */
  supervisedChecks: {
    scope: string;
    /** where the list of accounts comes from, printed in brackets after the count */
    source: string | null;
    /** accounts listed as closed (关停) but not cancelled yet */
    closed: string;
  };
}

const halfUp = (places: number): DisplayRounding => ({ places, mode: 'halfUp' });

export const defaultBulletinStyle: BulletinStyle = {
  websites: halfUp(1),
  newMedia: halfUp(1),
  samplingRatio: halfUp(0),
  office: null,
  supervisedChecks: { scope: '各主管单位检查所辖政务新媒体', source: null, closed: '已关停、正在办理注销的' },
};

const styles: Record<string, BulletinStyle> = {
  // 赣府厅函〔2018〕21号 prints "40%" for 279/697 and one place for every rate (85.3%, 88.9%)
  'jiangxi-2018-q1': { ...defaultBulletinStyle, office: '江西省人民政府办公厅' },
  // Hanzhong prints 9.43% for 5/53 websites but 1.8% for 3/166 accounts
  // and words the counties' checks as 督促各县区检查辖区内镇（街道办）和县级部门政务新媒体489个（…）
  'hanzhong-2022-q3': {
    ...defaultBulletinStyle,
    websites: halfUp(2),
    office: '汉中市人民政府办公室',
    supervisedChecks: {
      scope: '督促各县区检查辖区内镇（街道办）和县级部门政务新媒体',
      source: '以全国政务新媒体信息报送系统数据为准，不含已注销账号',
      closed: '正在申请办理注销的',
    },
  },
};

export function bulletinStyle(programmeSlug: string): BulletinStyle {
  return styles[programmeSlug] ?? defaultBulletinStyle;
}
