import { compileFlow, type FlowContext } from '#domain';
import type { DataSource } from 'typeorm';
import countyPermit from '../../../../flows/examples/county-permit.json';
import cityApproval from '../../../../flows/examples/county-review-city-approval.json';
import enterprise from '../../../../flows/examples/enterprise-establishment.json';
import townshipIntake from '../../../../flows/examples/township-intake.json';
import { CatalogRepository } from '../repositories/catalog.repository';
import { FlowsRepository } from '../repositories/flows.repository';
import { UsersRepository } from '../repositories/users.repository';

/** The example flows as the demo items' flowcharts, published by the system administrator. */
const DEMO_FLOWS: { itemCode: string; definition: unknown }[] = [
  { itemCode: '33030300AJ-XK-0001', definition: countyPermit },
  { itemCode: '33030300AJ-XK-0002', definition: cityApproval },
  { itemCode: '33030300GS-XK-0001', definition: enterprise },
  { itemCode: '33030300GS-DL-0001', definition: townshipIntake },
];

/** Idempotent: an item that has a flow keeps it. */
export async function seedDemoFlows(dataSource: DataSource): Promise<void> {
  const catalog = new CatalogRepository(dataSource);
  const flows = new FlowsRepository(dataSource);
  const admin = await new UsersRepository(dataSource).findActiveByUsername('admin');
  if (!admin) throw new Error('demo admin missing');
  const departments = await flows.departmentsByLevel();
  for (const { itemCode, definition } of DEMO_FLOWS) {
    const item = await catalog.findItemByCode(itemCode);
    if (!item?.approval) throw new Error(`demo item ${itemCode} missing`);
    if (await flows.find(item.id)) continue;
    const context: FlowContext = { promisedDays: item.approval.promisedPeriodDays, legalDays: item.approval.legalPeriodDays, departments, posts: [] };
    const result = compileFlow(definition, context);
    if (!result.ok) throw new Error(`demo flow of ${itemCode}: ${JSON.stringify(result.problems)}`);
    await flows.publish({ itemId: item.id, definition: result.plan.definition, plan: result.plan, createdBy: admin.user.id });
  }
}
