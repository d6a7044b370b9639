import {
  chinaDateOf,
  DEFAULT_GRADING_RULES,
  DomainError,
  earlyRate,
  ErrorCode,
  gradeDepartment,
  type GradingRules,
  onTimeRate,
  parseQuarter,
  type Quarter,
  satisfaction,
  validateGradingRules,
} from '#domain';
import { AuditRepository, SupervisionRecordsRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import { StatsService } from './stats.service';

export interface DepartmentGrade {
  department: { id: string | null; code: string | null; name: string | null };
  finished: number;
  indicators: {
    onTimeRate: number | null;
    earlyRate: number | null;
    satisfactionRate: number | null;
    speedUpRate: number | null;
    redCards: number;
    yellowCards: number;
  };
  score: number | null;
  grade: string | null;
  reason: string | null;
  parts: Record<string, number>;
}

/**
 * 考评: quarterly grades per department from the grading rules in force, published by the
 * supervision office as a snapshot that the public listing then shows; unpublished grades stay internal.
 */
@Injectable()
export class GradingService {
  constructor(
    private readonly records: SupervisionRecordsRepository,
    private readonly stats: StatsService,
    private readonly audit: AuditRepository,
  ) {}

  async rules(): Promise<{ version: number | null; rules: GradingRules; updatedAt: string | null }> {
    const current = await this.records.currentRules();
    return current
      ? { version: current.version, rules: current.rules, updatedAt: current.createdAt.toISOString() }
      : { version: null, rules: DEFAULT_GRADING_RULES, updatedAt: null };
  }

  async saveRules(user: AuthUser, rules: GradingRules) {
    const clean: GradingRules = {
      weights: {
        onTimeRate: rules.weights.onTimeRate,
        earlyRate: rules.weights.earlyRate,
        satisfactionRate: rules.weights.satisfactionRate,
        speedUpRate: rules.weights.speedUpRate,
      },
      deductions: { redCard: rules.deductions.redCard, yellowCard: rules.deductions.yellowCard, max: rules.deductions.max },
      thresholds: { excellent: rules.thresholds.excellent, good: rules.thresholds.good, pass: rules.thresholds.pass },
      minFinished: rules.minFinished,
    };
    const problems = validateGradingRules(clean);
    if (problems.length > 0)
      throw new DomainError(
        ErrorCode.GRADING_RULES_INVALID,
        '考评规则有误',
        problems.map((p) => ({ ...p })),
      );
    await this.records.saveRules(clean, user.id);
    return this.rules();
  }

  /** The quarter's grades as they stand now, and whether (and when) they were published. */
  async grades(user: AuthUser, quarterId: string) {
    const quarter = this.quarter(quarterId);
    await this.audit.append({ userId: user.id, action: 'grades', caseId: null, detail: { quarter: quarterId } });
    const publication = await this.records.findPublication(quarter.id);
    const computed = await this.compute(quarter);
    return { ...computed, published: publication ? { at: publication.publishedAt.toISOString(), rulesVersion: publication.rulesVersion } : null };
  }

  /** Publishes a finished quarter's grades once: the snapshot is what the public sees, never recomputed. */
  async publish(user: AuthUser, quarterId: string) {
    const quarter = this.quarter(quarterId);
    if (quarter.to >= chinaDateOf(Date.now())) throw new DomainError(ErrorCode.GRADES_QUARTER_NOT_ENDED, `${quarter.id} 尚未结束，季度结束后方可公布考评结果`);
    if (await this.records.findPublication(quarter.id)) throw new DomainError(ErrorCode.GRADES_ALREADY_PUBLISHED, `${quarter.id} 的考评结果已公布`);
    const computed = await this.compute(quarter);
    const stored = await this.records.publish({
      quarter: quarter.id,
      rules: computed.rules,
      rulesVersion: computed.rulesVersion,
      grades: computed.departments,
      publishedBy: user.id,
    });
    if (!stored) throw new DomainError(ErrorCode.GRADES_ALREADY_PUBLISHED, `${quarter.id} 的考评结果已公布`);
    return this.publicGrades(quarter.id);
  }

  /** Public: a published quarter (the latest when none is named); unpublished ones are not shown. */
  async publicGrades(quarterId?: string) {
    const id = quarterId ?? (await this.records.listPublications())[0]?.quarter;
    const publication = id ? await this.records.findPublication(id) : null;
    if (!publication) throw new DomainError(ErrorCode.GRADES_NOT_PUBLISHED, quarterId ? `${quarterId} 的考评结果尚未公布` : '尚无公布的考评结果');
    const quarter = parseQuarter(publication.quarter)!;
    return {
      quarter: quarter.id,
      from: quarter.from,
      to: quarter.to,
      publishedAt: publication.publishedAt.toISOString(),
      rules: publication.rules,
      departments: (publication.grades as DepartmentGrade[]).map((g) => ({
        department: { code: g.department.code, name: g.department.name },
        grade: g.grade,
        score: g.score,
        finished: g.finished,
        indicators: g.indicators,
      })),
      publishedQuarters: (await this.records.listPublications()).map((p) => p.quarter),
    };
  }

  private quarter(id: string): Quarter {
    const quarter = parseQuarter(id);
    if (!quarter) throw new DomainError(ErrorCode.VALIDATION_FAILED, '季度格式应为 2026Q3', [{ field: 'quarter', rule: 'format' }]);
    return quarter;
  }

  private async compute(quarter: Quarter) {
    const { version, rules } = await this.rules();
    const groups = await this.stats.departmentsOf(quarter.from, quarter.to);
    const departments: DepartmentGrade[] = groups.map((g) => {
      const indicators = {
        onTimeRate: onTimeRate(g),
        earlyRate: earlyRate(g),
        satisfactionRate: satisfaction(g.ratings).satisfactionRate,
        speedUpRate: g.speedUpRate,
        redCards: g.redCards,
        yellowCards: g.yellowCards,
      };
      const result = gradeDepartment({ finished: g.finished, ...indicators }, rules);
      return {
        department: g.department,
        finished: g.finished,
        indicators,
        score: result.score,
        grade: result.grade,
        reason: result.reason,
        parts: result.parts,
      };
    });
    departments.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || String(a.department.code).localeCompare(String(b.department.code)));
    return { quarter: quarter.id, from: quarter.from, to: quarter.to, rulesVersion: version, rules, departments };
  }
}
