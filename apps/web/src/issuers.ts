// The issuing bodies (发文机关) a writer of policy documents may choose: a department's own, or for
// the disclosure office every department of its region (the API checks the scope again).
import { api, session } from './api';

export interface Issuer {
  code: string;
  name: string;
}

export async function issuersFor(): Promise<Issuer[]> {
  const user = session.user;
  if (!user) return [];
  const own = { code: user.orgCode, name: user.orgName };
  if (user.role !== 'disclosure_officer') return [own];
  const region = user.orgCode.slice(0, 8);
  const departments = await api<Issuer[]>('GET', '/orgs?level=department');
  const mine = departments.filter((o) => o.code.startsWith(region) && o.code !== own.code).map((o) => ({ code: o.code, name: o.name }));
  return [own, ...mine];
}
