import { type CaseView, measuredOfficeHours } from '#domain';
import type { DataSource } from 'typeorm';
import { CaseEntity, CaseRefusalEntity, CaseTaskEntity } from '../entities/case/case-records.entity';
import { CalendarRepository } from './calendar.repository';

export interface TaskQueueFilter {
  /** The user's org (intake-centre steps of cases it took in). */
  orgId: string;
  orgPath: string;
  level: string | null;
  department: string | null;
  posts: string[];
}

export class CasesRepository {
  constructor(
    private readonly dataSource: DataSource,
    /** The working calendar the handling hours of what ended are measured with (cached while unchanged). */
    private readonly calendars = new CalendarRepository(dataSource),
  ) {}

  findByRequest(filedBy: string, requestId: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOneBy({ filedBy, requestId });
  }

  findByNumber(caseNumber: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOne({ where: { caseNumber }, relations: { intakeOrg: true, applicant: true } });
  }

  findById(id: string): Promise<CaseEntity | null> {
    return this.dataSource.getRepository(CaseEntity).findOne({ where: { id }, relations: { intakeOrg: true } });
  }

  /**
   * Inserts the filed case, numbered with the next case number of the day at its centre
   * (20261127-33030301BM-0001), unless the filer sent this request before; returns the stored row
   * either way. The number is taken in the insert's transaction, so a filing that fails or repeats an
   * earlier request gives it back: the numbers of a day stay without gaps.
   */
  async insertFiled(
    values: Omit<CaseEntity, 'caseNumber' | 'createdAt' | 'revision' | 'pausedHours' | 'handlingHours' | 'filer' | 'item' | 'intakeOrg' | 'applicantUser'>,
    numbering: { day: string; orgCode: string },
  ): Promise<{ row: CaseEntity; created: boolean }> {
    const runner = this.dataSource.createQueryRunner();
    let created: boolean;
    await runner.connect();
    try {
      await runner.startTransaction();
      // The upsert locks the day's sequence row until the commit: filings at one centre take turns here.
      const rows: { last_sequence: number }[] = await runner.query(
        `INSERT INTO "case_number_sequences" ("day", "org_code", "last_sequence") VALUES ($1, $2, 1)
         ON CONFLICT ("day", "org_code") DO UPDATE SET "last_sequence" = "case_number_sequences"."last_sequence" + 1
         RETURNING "last_sequence"`,
        [numbering.day, numbering.orgCode],
      );
      const caseNumber = `${numbering.day}-${numbering.orgCode}-${String(rows[0]!.last_sequence).padStart(4, '0')}`;
      const result = await runner.manager
        .createQueryBuilder()
        .insert()
        .into(CaseEntity)
        .values({ ...values, caseNumber, revision: -1 })
        .orIgnore()
        .returning(['id'])
        .execute();
      created = result.raw.length > 0;
      if (created) await runner.commitTransaction();
      else await runner.rollbackTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    return { row: (await this.findByRequest(values.filedBy, values.requestId))!, created };
  }

  async deleteFiled(id: string): Promise<void> {
    await this.dataSource.getRepository(CaseEntity).delete({ id, revision: -1 });
  }

  /**
   * Writes a case's view into the projection, in one transaction, only when its revision is newer
   * than the stored one: a retried or replayed activity, or one that arrives late, changes nothing.
   * What has ended gets its handling working hours (效能统计) measured once here, with the calendar in
   * force, so the statistics aggregate a column instead of timing every row at each query.
   */
  async project(view: CaseView): Promise<boolean> {
    const calendar = view.finishedAt !== null || view.steps.length > 0 ? await this.calendars.workingCalendar() : null;
    const officeHours = (from: number, to: number | null) => (calendar === null || to === null ? null : measuredOfficeHours(calendar, from, to));
    const caseOffice = officeHours(view.receivedAt, view.finishedAt);
    return this.dataSource.transaction(async (manager) => {
      const updated = await manager
        .createQueryBuilder()
        .update(CaseEntity)
        .set({
          status: view.status,
          outcome: view.outcome,
          alarmLevel: view.alarmLevel,
          promisedDeadlineAt: view.promisedDeadlineAt === null ? null : new Date(view.promisedDeadlineAt),
          legalDeadlineAt: view.legalDeadlineAt === null ? null : new Date(view.legalDeadlineAt),
          finishedAt: view.finishedAt === null ? null : new Date(view.finishedAt),
          pausedHours: view.pausedHours,
          handlingHours: caseOffice === null ? null : Math.max(0, caseOffice - view.pausedHours),
          revision: view.revision,
        })
        .where('id = :id AND revision < :revision', { id: view.caseId, revision: view.revision })
        .execute();
      if (!updated.affected) return false;
      const rows = [
        ...view.current.map((step) => ({
          caseId: view.caseId,
          token: step.token,
          nodeId: step.nodeId,
          stepName: step.name,
          kind: step.kind,
          actorKind: step.actor.kind,
          level: step.actor.kind === 'org' ? step.actor.level : null,
          department: step.actor.kind === 'org' ? (step.actor.department ?? null) : null,
          post: step.actor.post,
          scopePath: step.scopePath,
          status: 'open' as const,
          startedAt: new Date(step.startedAt),
          deadlineAt: step.deadlineAt === null ? null : new Date(step.deadlineAt),
          completedAt: null,
          completion: null,
          pausedHoursAtStart: view.pausedHours,
          pausedHours: null,
        })),
      ];
      if (rows.length > 0) {
        await manager.createQueryBuilder().insert().into(CaseTaskEntity).values(rows).orUpdate(['status', 'deadline_at'], ['case_id', 'token']).execute();
      }
      for (const step of view.steps) {
        await manager
          .createQueryBuilder()
          .update(CaseTaskEntity)
          .set({
            status: step.completion === 'cancelled' ? 'cancelled' : 'done',
            completedAt: step.completedAt === null ? null : new Date(step.completedAt),
            completion: step.completion,
            // Every open step stands still during a 补正 (no step opens or ends while one runs), so the
            // case's pauses since the step opened are the step's; the first write after it ended keeps them.
            pausedHours: () => 'COALESCE("paused_hours", :pausedNow - "paused_hours_at_start")',
            // Office time less those pauses (the right-hand sides read the row as it was), also kept once.
            handlingHours: () =>
              'COALESCE("handling_hours", CASE WHEN CAST(:office AS double precision) IS NOT NULL THEN GREATEST(0, CAST(:office AS double precision) - COALESCE("paused_hours", :pausedNow - "paused_hours_at_start")) END)',
          })
          .where('case_id = :caseId AND token = :token', { caseId: view.caseId, token: step.token })
          .setParameter('pausedNow', view.pausedHours)
          .setParameter('office', officeHours(step.startedAt, step.completedAt))
          .execute();
      }
      return true;
    });
  }

  /** Open steps the user may act on, soonest deadline first. */
  openTasksFor(filter: TaskQueueFilter, limit = 200) {
    const qb = this.dataSource
      .getRepository(CaseTaskEntity)
      .createQueryBuilder('task')
      .innerJoinAndSelect('task.case', 'case')
      .where(`task.status = 'open'`)
      .andWhere('task.post IN (:...posts)', { posts: filter.posts.length > 0 ? filter.posts : ['\u0000'] })
      .andWhere(
        `((task.actor_kind = 'intakeCentre' AND case.intake_org_id = :orgId)
          OR (task.actor_kind = 'org' AND task.level = :level AND (task.department IS NULL OR task.department = :department)
              AND :orgPath LIKE task.scope_path || '%'))`,
        { orgId: filter.orgId, level: filter.level ?? '', department: filter.department ?? '', orgPath: filter.orgPath },
      )
      .orderBy('task.deadline_at', 'ASC', 'NULLS LAST')
      .addOrderBy('task.started_at', 'ASC')
      .limit(limit);
    return qb.getMany();
  }

  tasksOfCase(caseId: string): Promise<CaseTaskEntity[]> {
    return this.dataSource.getRepository(CaseTaskEntity).find({ where: { caseId }, order: { startedAt: 'ASC', token: 'ASC' } });
  }

  async countsByStatus(intakeOrgId: string): Promise<Record<string, number>> {
    const rows: { key: string; n: number }[] = await this.dataSource.query(
      `SELECT COALESCE("outcome", "status") AS key, count(*)::int AS n FROM "cases" WHERE "intake_org_id" = $1 GROUP BY 1`,
      [intakeOrgId],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  }

  /** Cases an applicant filed or applied for. */
  listForApplicant(userId: string): Promise<CaseEntity[]> {
    return this.dataSource
      .getRepository(CaseEntity)
      .find({ where: [{ applicantUserId: userId }, { filedBy: userId }], order: { receivedAt: 'DESC' }, take: 100 });
  }

  all(): Promise<CaseEntity[]> {
    return this.dataSource.getRepository(CaseEntity).find({ order: { receivedAt: 'ASC' } });
  }

  /** Returns the record's id. */
  async recordRefusal(values: { caseId: string; userId: string; command: object; code: string; message: string }): Promise<string> {
    const result = await this.dataSource.getRepository(CaseRefusalEntity).insert(values);
    return (result.identifiers[0] as { id: string }).id;
  }

  refusalsOf(caseId: string): Promise<CaseRefusalEntity[]> {
    return this.dataSource.getRepository(CaseRefusalEntity).find({ where: { caseId }, order: { at: 'ASC' } });
  }
}
