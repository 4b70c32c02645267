import type { Role } from '../db/schema';

/** One demo account per role. The passwords are public (README): never seed them into a real deployment. */
export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  /** code of the unit an assessor works for */
  unitCode?: string;
}

export const demoAccounts: readonly DemoAccount[] = [
  { username: 'admin', password: 'kaohe-admin-2019', displayName: '省政府办公厅管理员', role: 'admin' },
  {
    username: 'assessor',
    password: 'kaohe-assessor-2019',
    displayName: '兰州市填报员',
    role: 'assessor',
    unitCode: 'gs-lanzhou',
  },
  {
    username: 'reviewer',
    password: 'kaohe-reviewer-2019',
    displayName: '省政务公开办复核员',
    role: 'reviewer',
  },
  { username: 'leader', password: 'kaohe-leader-2019', displayName: '分管领导', role: 'leader' },
  {
    username: 'inspector',
    password: 'kaohe-inspector-2019',
    displayName: '省政务公开办检查员',
    role: 'inspector',
  },
];
