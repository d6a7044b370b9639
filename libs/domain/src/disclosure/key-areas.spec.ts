import { departmentsOfKeyArea, KEY_AREAS, keyAreaOf, keyAreasOfDepartment } from './key-areas';

describe('key areas (重点领域)', () => {
  it('lists the twelve areas of the founding document (一) 3 in its order', () => {
    expect(KEY_AREAS.map((a) => a.name)).toEqual([
      '财政预决算',
      '财政专项资金',
      '工程建设项目',
      '保障性住房',
      '环境保护',
      '征地拆迁',
      '食品安全',
      '生产安全',
      '招投标',
      '教育招生',
      '医疗服务',
      '价格和收费',
    ]);
    expect(new Set(KEY_AREAS.map((a) => a.slug)).size).toBe(12);
  });

  it('finds an area by slug or Chinese name, and nothing else', () => {
    expect(keyAreaOf('housing')?.name).toBe('保障性住房');
    expect(keyAreaOf('生产安全')?.slug).toBe('work-safety');
    expect(keyAreaOf('体育')).toBeUndefined();
    expect(keyAreaOf('toString')).toBeUndefined();
  });

  it("puts a department's results in the areas of its remit, both ways round", () => {
    expect(keyAreasOfDepartment('AJ')).toEqual(['work-safety']);
    expect(keyAreasOfDepartment('GS')).toEqual([]);
    expect(keyAreasOfDepartment('constructor')).toEqual([]);
    expect(departmentsOfKeyArea('housing')).toEqual(['JS']);
    for (const area of KEY_AREAS) for (const dept of departmentsOfKeyArea(area.slug)) expect(keyAreasOfDepartment(dept)).toContain(area.slug);
  });
});
