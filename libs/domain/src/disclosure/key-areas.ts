/**
 * 重点领域信息公开 (founding document (一) 3, after 国办发〔2012〕26号): the twelve key areas, each with a
 * special column (专题公开栏目) that gathers every department's disclosures. The slug is the area's
 * address in the API; the name is what people read.
 */
export const KEY_AREAS = Object.freeze([
  { slug: 'budget', name: '财政预决算' },
  { slug: 'special-funds', name: '财政专项资金' },
  { slug: 'construction', name: '工程建设项目' },
  { slug: 'housing', name: '保障性住房' },
  { slug: 'environment', name: '环境保护' },
  { slug: 'land', name: '征地拆迁' },
  { slug: 'food-safety', name: '食品安全' },
  { slug: 'work-safety', name: '生产安全' },
  { slug: 'tendering', name: '招投标' },
  { slug: 'admissions', name: '教育招生' },
  { slug: 'medical', name: '医疗服务' },
  { slug: 'prices', name: '价格和收费' },
] as const);

export type KeyArea = (typeof KEY_AREAS)[number]['slug'];
export type KeyAreaName = (typeof KEY_AREAS)[number]['name'];

export const KEY_AREA_SLUGS: readonly KeyArea[] = KEY_AREAS.map((a) => a.slug);

/** The area by its slug or its Chinese name; undefined when it is neither. */
export function keyAreaOf(value: string): (typeof KEY_AREAS)[number] | undefined {
  return KEY_AREAS.find((a) => a.slug === value || a.name === value);
}

/**
 * Which key areas the results of a department's power items belong to, by the department's pinyin
 * initials (附件2). Approval and penalty results have no area of their own in the catalog, and the
 * areas follow the departments' remits closely enough for the columns: 安监 → 生产安全, 环保 → 环境保护 …
 */
const DEPARTMENT_AREAS: Readonly<Record<string, readonly KeyArea[]>> = Object.freeze({
  CZ: ['budget', 'special-funds'],
  JS: ['construction', 'housing'],
  GT: ['land'],
  HB: ['environment'],
  SY: ['food-safety'],
  AJ: ['work-safety'],
  JY: ['admissions'],
  WS: ['medical'],
  FG: ['prices'],
});

export function keyAreasOfDepartment(deptCode: string): readonly KeyArea[] {
  return Object.prototype.hasOwnProperty.call(DEPARTMENT_AREAS, deptCode) ? DEPARTMENT_AREAS[deptCode] : [];
}

/** The departments (pinyin initials) whose results appear in the area's column. */
export function departmentsOfKeyArea(area: KeyArea): string[] {
  return Object.entries(DEPARTMENT_AREAS)
    .filter(([, areas]) => areas.includes(area))
    .map(([dept]) => dept);
}
