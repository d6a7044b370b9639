import { Foundation1764230400000 } from './1764230400000-Foundation';
import { Catalog1795801348577 } from './1795801348577-Catalog';
import { Flows1795802304120 } from './1795802304120-Flows';
import { Cases1795803543151 } from './1795803543151-Cases';
import { Hall1795804297233 } from './1795804297233-Hall';
import { Materials1795804525765 } from './1795804525765-Materials';
import { Documents1795805006862 } from './1795805006862-Documents';
import { AlarmRecords1795806910813 } from './1795806910813-AlarmRecords';
import { SupervisionAudit1795807332721 } from './1795807332721-SupervisionAudit';
import { SupervisionStats1795808463224 } from './1795808463224-SupervisionStats';
import { Disclosure1795808551934 } from './1795808551934-Disclosure';
import { DisclosureRequests1795808615527 } from './1795808615527-DisclosureRequests';
import { AlarmRuleSets1795809191938 } from './1795809191938-AlarmRuleSets';
import { StatsHandlingHours1795812819606 } from './1795812819606-StatsHandlingHours';
import { UserChanges1795813638983 } from './1795813638983-UserChanges';
import { RateLimitCounters1796407424482 } from './1796407424482-RateLimitCounters';
import { MaterialsIdentity1796407900671 } from './1796407900671-MaterialsIdentity';
import { CalendarChanges1796408182428 } from './1796408182428-CalendarChanges';
import { AuditChainKeys1796408479541 } from './1796408479541-AuditChainKeys';
import { DropPings1796418585812 } from './1796418585812-DropPings';
import { OfficeHoursFunctions1796420620688 } from './1796420620688-OfficeHoursFunctions';

// Every migration, in order. Listed (not globbed) so the same list works from sources and from dist.
export const MIGRATIONS = [
  Foundation1764230400000,
  Catalog1795801348577,
  Flows1795802304120,
  Cases1795803543151,
  Hall1795804297233,
  Materials1795804525765,
  Documents1795805006862,
  AlarmRecords1795806910813,
  SupervisionAudit1795807332721,
  SupervisionStats1795808463224,
  Disclosure1795808551934,
  DisclosureRequests1795808615527,
  AlarmRuleSets1795809191938,
  StatsHandlingHours1795812819606,
  UserChanges1795813638983,
  RateLimitCounters1796407424482,
  MaterialsIdentity1796407900671,
  CalendarChanges1796408182428,
  AuditChainKeys1796408479541,
  DropPings1796418585812,
  OfficeHoursFunctions1796420620688,
];
